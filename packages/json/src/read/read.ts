import { type Framework, validateFramework } from '@commonweal/core/framework';
import { fail, fromZodError, hasErrors, type Issue, ok, type Result } from '@commonweal/core/issues';
import type { Entry, ValuationOptions } from '@commonweal/core/valuation';
import { z } from 'zod';
import { checkJsonValue, isPlainObject } from '../parse/check';
import { locateJsonPaths, type SafeParseJsonOptions, safeParseJson } from '../parse/safe-parse';
import { EntriesSchema, ValuationOptionsSchema } from '../schema/builtins';
import { decodeJsonBytes, replacementWarning } from './bytes';

/**
 * Options of the readers ({@link parseWith} and friends): the limits of `safeParseJson` and the
 * file name put on every issue.
 *
 * @example
 * ```ts
 * parseFramework(text, { file: 'framework.json', maxDepth: 32 });
 * ```
 */
export type ParseOptions = SafeParseJsonOptions;

interface Data {
  data: unknown;
  text?: string;
}

function where(options: ParseOptions): Omit<Issue, 'code' | 'message'> {
  return options.file !== undefined ? { file: options.file } : {};
}

/**
 * Text is parsed safely (bytes are first read as UTF-8, the only encoding JSON has); anything
 * else is checked as if it had been. Text holding U+FFFD gets a warning: characters were lost.
 * Shared with the OCDS reader (not exported from the package).
 */
export function toData(input: unknown, options: ParseOptions): Result<Data> {
  if (input instanceof Uint8Array || input instanceof ArrayBuffer) {
    const d = decodeJsonBytes(input instanceof ArrayBuffer ? new Uint8Array(input) : input, options.file);
    if (!d.ok) return fail(d.issues);
    input = d.text;
  }
  if (typeof input === 'string') {
    const r = safeParseJson(input, options);
    if (!r.ok) return fail(r.issues);
    const lost = replacementWarning(input, options.file);
    return ok({ data: r.value, text: input }, lost ? [lost] : []);
  }
  const issues = checkJsonValue(input, options);
  return hasErrors(issues) ? fail(issues) : ok({ data: input });
}

/** Puts the line and column of each issue's path in the text on issues that have none. */
function locate(issues: Issue[], text: string | undefined, options: ParseOptions): Issue[] {
  if (text === undefined) return issues;
  const paths = issues.filter((i) => i.line === undefined).map((i) => i.path ?? []);
  if (!paths.length) return issues;
  const at = locateJsonPaths(text, paths, options);
  return issues.map((i) => {
    if (i.line !== undefined) return i;
    const hit = at.get(JSON.stringify(i.path ?? []));
    return hit ? { ...i, line: hit.line, column: hit.column } : i;
  });
}

/** `r` with the decoding warnings first (they may explain what follows). */
function after<T>(warnings: Issue[], r: Result<T>): Result<T> {
  if (!warnings.length) return r;
  return r.ok ? ok(r.value, [...warnings, ...r.issues]) : fail([...warnings, ...r.issues]);
}

function validate<S extends z.ZodType>(schema: S, input: Data, options: ParseOptions): Result<z.output<S>> {
  const r = z.safeParse(schema, input.data);
  if (r.success) return ok(r.data);
  return fail(locate(fromZodError(r.error, where(options)), input.text, options));
}

/**
 * Reads outside data with a zod schema. A string is JSON text, read by `safeParseJson`
 * (so a JSON string value must be passed as text, e.g. `'"abc"'`); bytes (`Uint8Array`,
 * `ArrayBuffer`) are JSON text in UTF-8, and bytes that are not (Windows-1252, UTF-16) are a
 * located `invalid_encoding` issue — see {@link decodeJsonBytes}; anything else is first checked
 * by `checkJsonValue` (forbidden keys, non-finite numbers, cycles, non-JSON values). Then the
 * schema validates it; its issues keep their paths (`fromZodError`, codes `schema_*`) and, for
 * text, get the line and column where the offending value starts (or its nearest enclosing
 * value, for a missing property).
 *
 * @example
 * ```ts
 * const r = parseWith(ProvenanceSchema, '{"title": "The Green Book"}', { file: 'source.json' });
 * // r.ok === false; r.issues[0]: { code: 'schema_invalid_type', path: ['licence'], line: 1, column: 1, … }
 * ```
 */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  options: ParseOptions = {},
): Result<z.output<S>> {
  const data = toData(input, options);
  if (!data.ok) return fail(data.issues);
  return after(data.issues, validate(schema, data.value, options));
}

/**
 * Reads a measures framework (JSON text or parsed data): core's `FrameworkSchema`, then core's
 * `validateFramework` checks that it hangs together (unique ids and codes, known themes and
 * outcomes, proxy currencies and ranges, exclusive measures). Issues carry paths and, for text,
 * lines and columns.
 *
 * @example
 * ```ts
 * const r = parseFramework(await readFile('framework.json', 'utf8'), { file: 'framework.json' });
 * if (r.ok) r.value.measures.length;
 * ```
 */
export function parseFramework(input: unknown, options: ParseOptions = {}): Result<Framework> {
  const data = toData(input, options);
  if (!data.ok) return fail(data.issues);
  const r = validateFramework(data.value.data, where(options));
  return after(data.issues, r.ok ? r : fail(locate(r.issues, data.value.text, options)));
}

const EntriesDocumentSchema = z.object({ entries: EntriesSchema });

/**
 * Reads entries to value: an array of entries, or an object `{ "entries": [...] }` (other
 * properties of that object are ignored). From text, an entry without a `line` gets the line
 * where its object starts, so later issues (e.g. an unknown measure) point into the file.
 *
 * @example
 * ```ts
 * const r = parseEntries('[{"measure": "NT1", "quantity": "12.5", "year": 2025}]');
 * if (r.ok) r.value[0]?.quantity.toString(); // '12.5'; r.value[0]?.line === 1
 * ```
 */
export function parseEntries(input: unknown, options: ParseOptions = {}): Result<Entry[]> {
  const data = toData(input, options);
  if (!data.ok) return fail(data.issues);
  const wrapped = isPlainObject(data.value.data);
  let entries: Entry[];
  if (wrapped) {
    const r = validate(EntriesDocumentSchema, data.value, options);
    if (!r.ok) return after(data.issues, r);
    entries = r.value.entries;
  } else {
    const r = validate(EntriesSchema, data.value, options);
    if (!r.ok) return after(data.issues, r);
    entries = r.value;
  }
  const text = data.value.text;
  if (text !== undefined && entries.some((e) => e.line === undefined)) {
    const paths = entries.map((_, i) => (wrapped ? ['entries', i] : [i]));
    const at = locateJsonPaths(text, paths, options);
    entries = entries.map((e, i) => {
      const hit = at.get(JSON.stringify(paths[i]));
      return e.line === undefined && hit ? { ...e, line: hit.line } : e;
    });
  }
  return ok(entries, data.issues);
}

/** Core's options from the schema's output, leaving out absent properties (never `undefined`). */
function toValuationOptions(o: z.output<typeof ValuationOptionsSchema>): ValuationOptions {
  const out: ValuationOptions = { discounting: o.discounting };
  if (o.baseYear !== undefined) out.baseYear = o.baseYear;
  if (o.priceYear !== undefined) out.priceYear = o.priceYear;
  if (o.firstPeriodDiscounted !== undefined) out.firstPeriodDiscounted = o.firstPeriodDiscounted;
  if (o.indexSeries !== undefined) out.indexSeries = o.indexSeries;
  if (o.contractValue !== undefined) out.contractValue = o.contractValue;
  if (o.investment !== undefined) out.investment = o.investment;
  if (o.currency !== undefined) out.currency = o.currency;
  return out;
}

/**
 * Reads valuation options (JSON text or parsed data) with {@link ValuationOptionsSchema}:
 * `discounting` (a discount schedule, or `null` for none) is required; misspelt options are
 * reported. The value is core's `ValuationOptions`, ready for `valueEntries`.
 *
 * @example
 * ```ts
 * const r = parseValuationOptions('{"baseYear": 2025, "discounting": null, "investment": "50000"}');
 * if (r.ok) String(r.value.investment); // '50000'
 * ```
 */
export function parseValuationOptions(input: unknown, options: ParseOptions = {}): Result<ValuationOptions> {
  const r = parseWith(ValuationOptionsSchema, input, options);
  return r.ok ? ok(toValuationOptions(r.value), r.issues) : r;
}
