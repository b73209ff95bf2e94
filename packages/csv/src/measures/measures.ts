import {
  checkFramework,
  type Framework,
  type FrameworkInput,
  FrameworkSchema,
  type MeasureInput,
} from '@commonweal/core/framework';
import { fromZodError, type Issue, type Result } from '@commonweal/core/issues';
import type { Provenance } from '@commonweal/core/trace';
import {
  booleanCell,
  type CellParser,
  decimalCell,
  enumCell,
  fractionCell,
  integerCell,
  showCell,
  textCell,
  yearCell,
} from '../cells/cells';
import type { CsvSource } from '../source/source';
import { type ReadTableOptions, readAll } from '../table/read';
import { defineTable, type RowOf, type RowOutcome, type RowProblem } from '../table/table';

const text = textCell();
const fraction = fractionCell();
const SYMBOLS: Record<string, string> = { '£': 'GBP', '€': 'EUR' };

/**
 * An ISO 4217 currency code cell (`GBP`; lower case is accepted and upper-cased). A symbol such
 * as `£` is an issue naming the code to write.
 *
 * Code: `invalid_currency`.
 *
 * @example
 * ```ts
 * currencyCell('gbp', ctx); // { ok: true, value: 'GBP' }
 * currencyCell('£', ctx);   // { ok: false, code: 'invalid_currency', message: '"£" is not a currency code: write GBP' }
 * ```
 */
export const currencyCell: CellParser<string> = (cell) => {
  const t = cell.trim();
  if (/^[A-Za-z]{3}$/.test(t)) return { ok: true, value: t.toUpperCase() };
  const code = SYMBOLS[t];
  return {
    ok: false,
    code: 'invalid_currency',
    message: `${showCell(cell)} is not a currency code: write ${code ?? 'a three-letter ISO 4217 code such as GBP'}`,
  };
};

/**
 * The columns of a measures file (a TOMs-style framework as a table, one row per measure).
 * The canonical columns must all be in the header (so a misspelt `proxy_value` can never turn
 * every measure into a record-only one): `code,title,theme,outcome,unit,proxy_value,price_year,
 * currency,counting_rule,source,licence`. `code`, `title`, `theme` and `unit` must be filled;
 * an empty `proxy_value` makes a record-only measure (no £ value). Optional columns:
 * `proxy_low, proxy_high, basis, publisher, edition, url, allow_negative, local_only,
 * deadweight, attribution, displacement, drop_off, duration, description, exclusive_with`.
 *
 * @example
 * ```ts
 * // code,title,theme,outcome,unit,proxy_value,price_year,currency,counting_rule,source,licence
 * // WB1,Volunteering hours,Social,Volunteering,hours,14.43,2017,GBP,perYear,Example source,CC-BY-4.0
 * ```
 */
export const MEASURE_COLUMNS = {
  code: { header: 'code', aliases: ['measure', 'measure code', 'ref'], required: true, parse: text },
  title: { header: 'title', aliases: ['measure title', 'name'], required: true, parse: text },
  theme: { header: 'theme', required: true, parse: text },
  outcome: { header: 'outcome', required: true, allowEmpty: true, parse: text },
  unit: { header: 'unit', aliases: ['units'], required: true, parse: text },
  proxyValue: {
    header: 'proxy_value',
    aliases: ['proxy'],
    required: true,
    allowEmpty: true,
    parse: decimalCell(),
  },
  priceYear: { header: 'price_year', required: true, allowEmpty: true, parse: yearCell() },
  currency: { header: 'currency', required: true, allowEmpty: true, parse: currencyCell },
  countingRule: {
    header: 'counting_rule',
    required: true,
    allowEmpty: true,
    default: 'perYear',
    parse: enumCell(['perYear', 'firstYearOnly'], {
      aliases: { 'every year': 'perYear', 'first year': 'firstYearOnly' },
    }),
  },
  source: { header: 'source', aliases: ['source title'], required: true, allowEmpty: true, parse: text },
  licence: { header: 'licence', aliases: ['license'], required: true, allowEmpty: true, parse: text },
  proxyLow: { header: 'proxy_low', parse: decimalCell() },
  proxyHigh: { header: 'proxy_high', parse: decimalCell() },
  basis: { header: 'basis', parse: text },
  publisher: { header: 'publisher', parse: text },
  edition: { header: 'edition', parse: text },
  url: { header: 'url', parse: text },
  allowNegative: { header: 'allow_negative', parse: booleanCell() },
  localOnly: { header: 'local_only', parse: booleanCell() },
  deadweight: { header: 'deadweight', parse: fraction },
  attribution: { header: 'attribution', parse: fraction },
  displacement: { header: 'displacement', parse: fraction },
  dropOff: { header: 'drop_off', parse: fraction },
  duration: { header: 'duration', parse: integerCell({ min: 1, max: 200, unit: 'years' }) },
  description: { header: 'description', parse: text },
  exclusiveWith: { header: 'exclusive_with', parse: text },
} as const;

type MeasureValues = RowOf<typeof MEASURE_COLUMNS>;

/**
 * A checked measures row, before its theme and outcome names get ids.
 *
 * @example
 * ```ts
 * const row: MeasureRow = { line: 2, theme: 'Jobs', outcome: undefined, currency: undefined,
 *   measure: { code: 'ECC2', title: '% local people employed', unit: '%', proxy: null } };
 * ```
 */
export interface MeasureRow {
  /** 1-based line of the row. */
  line: number;
  /** Theme name as written. */
  theme: string;
  /** Outcome name as written, if any. */
  outcome: string | undefined;
  /** Currency of the proxy, if the measure has one. */
  currency: string | undefined;
  /** The measure, as framework input (decimals as strings). */
  measure: Omit<MeasureInput, 'theme' | 'outcome'>;
}

const PROXY_NEEDS = [
  ['priceYear', 'price_year', 'the price year of the proxy value, e.g. 2024'],
  ['currency', 'currency', 'the currency code, e.g. GBP'],
  ['source', 'source', 'where the proxy value comes from'],
  ['licence', 'licence', 'the licence of the source, e.g. OGL-UK-3.0'],
] as const;

function checkMeasure(v: MeasureValues, line: number): RowOutcome<MeasureRow> {
  const problems: RowProblem[] = [];
  const measure: Omit<MeasureInput, 'theme' | 'outcome'> = {
    code: v.code,
    title: v.title,
    unit: v.unit,
    countingRule: v.countingRule,
  };
  if (v.proxyValue !== undefined) {
    for (const [key, header, what] of PROXY_NEEDS) {
      if (v[key] === undefined) {
        problems.push({
          code: 'proxy_incomplete',
          message: `measure ${v.code} has a proxy value but no ${header}: fill in ${what}, or empty proxy_value to make it record-only`,
          key,
        });
      }
    }
    const value = v.proxyValue;
    if (v.proxyLow?.gt(value))
      problems.push({
        code: 'proxy_range',
        message: `proxy_low ${v.proxyLow.toString()} is above the proxy value ${value.toString()}: check the range`,
        key: 'proxyLow',
      });
    if (v.proxyHigh?.lt(value))
      problems.push({
        code: 'proxy_range',
        message: `proxy_high ${v.proxyHigh.toString()} is below the proxy value ${value.toString()}: check the range`,
        key: 'proxyHigh',
      });
    if (problems.length === 0) {
      const source: Provenance = { title: v.source!, licence: v.licence!, priceYear: v.priceYear! };
      if (v.publisher !== undefined) source.publisher = v.publisher;
      if (v.edition !== undefined) source.edition = v.edition;
      if (v.url !== undefined) source.url = v.url;
      const proxy: NonNullable<MeasureInput['proxy']> = {
        value: value.toString(),
        currency: v.currency!,
        priceYear: v.priceYear!,
        basis: v.basis ?? `per ${v.unit}`,
        source,
      };
      if (v.proxyLow !== undefined) proxy.low = v.proxyLow.toString();
      if (v.proxyHigh !== undefined) proxy.high = v.proxyHigh.toString();
      measure.proxy = proxy;
    }
  } else {
    for (const key of ['proxyLow', 'proxyHigh'] as const) {
      if (v[key] !== undefined)
        problems.push({
          code: 'proxy_range_without_value',
          message: `measure ${v.code} has a ${key === 'proxyLow' ? 'proxy_low' : 'proxy_high'} but no proxy_value: fill in proxy_value or empty the range`,
          key,
        });
    }
    measure.proxy = null;
  }
  if (problems.length) return { ok: false, problems };
  if (v.allowNegative !== undefined) measure.allowNegative = v.allowNegative;
  if (v.localOnly !== undefined) measure.localOnly = v.localOnly;
  if (v.description !== undefined) measure.description = v.description;
  if (v.exclusiveWith !== undefined)
    measure.exclusiveWith = v.exclusiveWith.split(/[\s;|,]+/).filter(Boolean);
  const defaults: NonNullable<MeasureInput['defaults']> = {};
  if (v.deadweight !== undefined) defaults.deadweight = v.deadweight.toString();
  if (v.attribution !== undefined) defaults.attribution = v.attribution.toString();
  if (v.displacement !== undefined) defaults.displacement = v.displacement.toString();
  if (v.dropOff !== undefined) defaults.dropOff = v.dropOff.toString();
  if (v.duration !== undefined) defaults.duration = v.duration;
  if (Object.keys(defaults).length) measure.defaults = defaults;
  return {
    ok: true,
    value: {
      line,
      theme: v.theme,
      outcome: v.outcome,
      currency: v.proxyValue !== undefined ? v.currency : undefined,
      measure,
    },
  };
}

/**
 * The measures table: each row checked (a proxy needs price year, currency, source and
 * licence; a range needs a value) and shaped as a measure whose theme and outcome are still
 * names. {@link readMeasuresCsv} builds the framework from these rows.
 *
 * @example
 * ```ts
 * const { rows, issues } = await readAll(text, measuresTable);
 * ```
 */
export const measuresTable = defineTable({
  name: 'measures',
  columns: MEASURE_COLUMNS,
  row: (v, ctx) => checkMeasure(v, ctx.line),
});

/**
 * A deterministic id from a name: lower case, accents dropped, runs of other characters made
 * one `-`.
 *
 * @example
 * ```ts
 * slugId('Fighting climate change'); // 'fighting-climate-change'
 * slugId('Jobs: local skills & employment'); // 'jobs-local-skills-employment'
 * ```
 */
export function slugId(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'item' : s;
}

/** Gives each distinct name an id, suffixing `-2`, `-3` on collisions (first come, first served). */
class IdMaker {
  private readonly used = new Set<string>();
  make(name: string): string {
    const base = slugId(name);
    let id = base;
    for (let k = 2; this.used.has(id); k++) id = `${base}-${k}`;
    this.used.add(id);
    return id;
  }
}

/**
 * Options of {@link readMeasuresCsv}.
 *
 * @example
 * ```ts
 * const opts: ReadMeasuresOptions = { id: 'essex-toms', title: 'Essex TOMs (local)', file: 'measures.csv' };
 * ```
 */
export interface ReadMeasuresOptions extends ReadTableOptions {
  /** Framework id (default: from the title). */
  id?: string;
  /** Framework title (default: the file name, else `Measures`). */
  title?: string;
  /** Framework edition. */
  edition?: string;
  /** Framework currency (default: the proxies' currency, else GBP). */
  currency?: string;
  /** Licence of the framework as a whole. */
  licence?: string;
  /** Where the framework as a whole comes from. */
  source?: Provenance;
}

/**
 * Reads a measures table into a `Framework`: themes and outcomes come from the distinct
 * theme and outcome names (in order of first appearance, ids slugged deterministically), and the
 * whole framework is validated with `FrameworkSchema` and core's `checkFramework` (the checks a
 * JSON framework gets: a negative proxy needs `allow_negative`, `exclusive_with` names other
 * measures), each issue on the row and column of its measure. Any rejected row, duplicate code,
 * mixed currency or failed check makes the result fail with every located issue; rows with an empty
 * `proxy_value` are record-only (`proxy: null`).
 *
 * @example
 * ```ts
 * const r = await readMeasuresCsv(
 *   'code,title,theme,outcome,unit,proxy_value,price_year,currency,counting_rule,source,licence\n' +
 *   'ECC2,% local people employed,Jobs,Local employment,%,,,,,,\n',
 *   { id: 'demo', title: 'Demo' },
 * );
 * if (r.ok) r.value.measures[0].proxy; // null (record-only)
 * ```
 */
export async function readMeasuresCsv(
  source: CsvSource,
  options: ReadMeasuresOptions = {},
): Promise<Result<Framework>> {
  const { id, title, edition, currency, licence, source: provenance, ...readOptions } = options;
  const r = await readAll(source, measuresTable, readOptions);
  const issues: Issue[] = [...r.issues];
  const columnOf = new Map(r.columns.map((c) => [c.key, c]));
  const at = (line: number, key: string): Omit<Issue, 'code' | 'message'> => {
    const where: Omit<Issue, 'code' | 'message'> = { line };
    const c = columnOf.get(key);
    if (c) {
      where.column = c.column;
      where.field = c.header;
    }
    if (options.file !== undefined) where.file = options.file;
    return where;
  };

  const frameworkTitle = title ?? (options.file ? baseName(options.file) : 'Measures');
  const themeIds = new IdMaker();
  const outcomeIds = new IdMaker();
  const themes = new Map<string, string>(); // name → id
  const themeBySlug = new Map<string, string>(); // slug → first name
  const outcomes = new Map<string, string>(); // theme id + '\u0000' + name → id
  const codes = new Map<string, number>();
  let fwCurrency = currency;
  let currencyLine = 0;
  const input: FrameworkInput = {
    id: id ?? slugId(frameworkTitle),
    title: frameworkTitle,
    currency: 'GBP',
    themes: [],
    outcomes: [],
    measures: [],
  };
  const measureLines: number[] = [];
  for (const row of r.rows) {
    const first = codes.get(row.measure.code);
    if (first !== undefined) {
      issues.push({
        code: 'duplicate_measure',
        message: `measure code ${row.measure.code} is already used on line ${first}: give each measure its own code`,
        ...at(row.line, 'code'),
      });
      continue;
    }
    codes.set(row.measure.code, row.line);
    if (row.currency !== undefined) {
      if (fwCurrency === undefined) {
        fwCurrency = row.currency;
        currencyLine = row.line;
      } else if (row.currency !== fwCurrency) {
        const from = currencyLine ? ` (first set on line ${currencyLine})` : '';
        issues.push({
          code: 'mixed_currency',
          message: `this proxy is in ${row.currency} but the framework is in ${fwCurrency}${from}: a framework has one currency, convert the value`,
          ...at(row.line, 'currency'),
        });
        continue;
      }
    }
    let themeId = themes.get(row.theme);
    if (themeId === undefined) {
      themeId = themeIds.make(row.theme);
      themes.set(row.theme, themeId);
      const other = themeBySlug.get(slugId(row.theme));
      if (other !== undefined) {
        issues.push({
          code: 'similar_theme',
          message: `themes "${other}" and "${row.theme}" differ only in case or punctuation, so they are two themes: write them the same if they are one`,
          severity: 'warning',
          ...at(row.line, 'theme'),
        });
      } else themeBySlug.set(slugId(row.theme), row.theme);
      input.themes.push({ id: themeId, title: row.theme });
    }
    const m: MeasureInput = { ...row.measure, theme: themeId };
    if (row.outcome !== undefined) {
      const k = `${themeId}\u0000${row.outcome}`;
      let outcomeId = outcomes.get(k);
      if (outcomeId === undefined) {
        outcomeId = outcomeIds.make(row.outcome);
        outcomes.set(k, outcomeId);
        input.outcomes!.push({ id: outcomeId, theme: themeId, title: row.outcome });
      }
      m.outcome = outcomeId;
    }
    input.measures.push(m);
    measureLines.push(row.line);
  }
  input.currency = fwCurrency ?? 'GBP';
  if (edition !== undefined) input.edition = edition;
  if (licence !== undefined) input.licence = licence;
  if (provenance !== undefined) input.source = provenance;

  const parsed = FrameworkSchema.safeParse(input);
  if (!parsed.success) {
    for (const zi of fromZodError(parsed.error)) {
      const p = zi.path ?? [];
      const line = p[0] === 'measures' && typeof p[1] === 'number' ? measureLines[p[1]] : undefined;
      const where: Omit<Issue, 'code' | 'message'> = line !== undefined ? { line } : {};
      if (options.file !== undefined) where.file = options.file;
      issues.push({ ...zi, ...where });
    }
  }
  // the same checks a JSON framework gets (negative proxies, exclusive_with codes, …), put on
  // the row and column of the measure they are about
  if (parsed.success) {
    const KEYS: Record<string, string> = {
      value: 'proxyValue',
      low: 'proxyLow',
      high: 'proxyHigh',
      currency: 'currency',
      exclusiveWith: 'exclusiveWith',
      theme: 'theme',
      outcome: 'outcome',
      code: 'code',
    };
    for (const fi of checkFramework(parsed.data)) {
      // the row checks above already report duplicate codes, mixed currencies and ranges
      if (fi.code === 'duplicate_measure' || fi.code === 'proxy_range') continue;
      const p = fi.path ?? [];
      const line = p[0] === 'measures' && typeof p[1] === 'number' ? measureLines[p[1]] : undefined;
      const key = KEYS[String(fi.field ?? '')];
      const { path: _path, field: _field, ...rest } = fi;
      // in a table the option is a column, not a JSON property
      rest.message = rest.message.replace(
        'set "allowNegative": true on the measure',
        'set allow_negative to yes on this row',
      );
      issues.push(
        line !== undefined && key
          ? { ...rest, ...at(line, key) }
          : { ...fi, ...(options.file ? { file: options.file } : {}) },
      );
    }
  }
  if (!r.ok || !parsed.success || issues.some((i) => i.severity !== 'warning')) return { ok: false, issues };
  return { ok: true, value: parsed.data, issues };
}

function baseName(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  return name.replace(/\.[^.]*$/, '') || name;
}
