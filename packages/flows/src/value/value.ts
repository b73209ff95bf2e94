import type { Framework } from '@commonweal/core/framework';
import { type Issue, issue } from '@commonweal/core/issues';
import { type Decimal, isDecimal, parseDecimal } from '@commonweal/core/money';
import { createSha256, createSourceIndex, type SourceIndex } from '@commonweal/core/trace';
import {
  createValuationAccumulator,
  type Entry,
  lineText,
  toValuationJson,
  toValuationLineJson,
  type ValuationAccumulator,
  type ValuationFileJson,
  type ValuationJson,
  type ValuationLine,
  type ValuationLineText,
  type ValuationOptions,
  type ValuationResult,
  valueEntries,
} from '@commonweal/core/valuation';
import {
  ByteDecoder,
  type CsvColumn,
  type CsvSource,
  csvRowWriter,
  earliestEntryYear,
  formatCell,
  readEntries,
} from '@commonweal/csv';
import { canonicalStringify, parseEntries } from '@commonweal/json';
import { discountingByName, hmtGdpDeflator } from '@commonweal/uk';
import {
  type FlowColumns,
  type FlowCounts,
  type FlowFailure,
  FlowFatal,
  type FlowText,
  readFrameworkInput,
  runFlow,
  textOf,
} from '../inputs/inputs';
import { valueMany } from './many';

/**
 * An input given as chunks of bytes (read as UTF-8) or text, for a file too large to hold. It is
 * iterated once for the totals and once more each time lines are asked for, so give an iterable
 * that starts over when iterated again (as a file read stream made per iteration does).
 *
 * @example
 * ```ts
 * const entries: FlowChunks = {
 *   name: 'entries.csv',
 *   chunks: { [Symbol.asyncIterator]: () => createReadStream('entries.csv')[Symbol.asyncIterator]() },
 * };
 * ```
 */
export interface FlowChunks {
  name: string;
  chunks: AsyncIterable<Uint8Array | string>;
}

/**
 * The inputs and options of {@link valueFlow}, as `commonweal value` takes them.
 *
 * @example
 * ```ts
 * const input: ValueFlowInput = {
 *   framework: { name: 'measures.csv', text: measuresText },
 *   entries: { name: 'commitments.csv', text: commitmentsText },
 *   contractValue: '2400000',
 * };
 * ```
 */
export interface ValueFlowInput {
  /**
   * The measures: a `.json` framework or a `.csv` measures table (told by the name), or one
   * already made (`framework`, e.g. a built-in; its `text` is what the inputs hash takes).
   */
  framework: FlowText & { framework?: Framework | undefined };
  /**
   * Commitments or delivered outcomes: CSV (streamed) or JSON (read whole). Several files are
   * valued as one (their rows in order, see {@link ValueFlowResult.files}).
   */
  entries: FlowText | FlowChunks | readonly (FlowText | FlowChunks)[];
  /** The entries' format (default, per file: `json` for a name ending `.json`, else `csv`). */
  entriesFormat?: 'csv' | 'json' | undefined;
  /** Which header each CSV input's columns read (the command line's `--columns`). */
  columns?: { entries?: FlowColumns | undefined; framework?: FlowColumns | undefined } | undefined;
  /** The CSV entries' text encoding (`--encoding`; default: auto, as the CSV reader decides). */
  encoding?: string | undefined;
  /** Discounting by name (default `green-book`), see `discountingByName`. */
  discounting?: string | undefined;
  /** Year 0 of discounting (default: the earliest accepted entry year). */
  baseYear?: number | undefined;
  /**
   * Price year of the result (default: the latest of the proxies' price years when they have
   * several, rebased with the HMT GDP deflator).
   */
  priceYear?: number | undefined;
  /** Contract value, for social value as % of it. */
  contractValue?: Decimal | string | undefined;
  /** Investment, for the SROI ratio, net ratio and payback. */
  investment?: Decimal | string | undefined;
  /** Discount the first year once (SROI Value Map convention) instead of the Green Book year 0. */
  firstPeriodDiscounted?: boolean | undefined;
  /** Most row issues kept in full from a CSV file (default 1,000; the rest are counted by code). */
  maxIssues?: number | undefined;
  /**
   * Most accepted CSV rows whose lines are held with the result (default {@link TABLE_LINES});
   * past it, lines are read again when asked for. 0 always streams them.
   */
  holdLines?: number | undefined;
  /** Called after each batch of CSV rows with the rows read so far. */
  onProgress?: ((read: number) => void) | undefined;
  /**
   * Receives the lines CSV ({@link VALUATION_CSV_COLUMNS}: the same bytes as the result's
   * `writeCsv`), in pieces, before the flow resolves. A CSV entries file is then read once where it
   * can be — the base year given, or found by a quick scan of its year column and confirmed by an
   * accepted row of that year — rather than once for the totals and again for the lines. Nothing
   * is written when the flow fails.
   */
  linesCsv?: ((text: string) => void) | undefined;
}

/**
 * A valuation made by {@link valueFlow}. Totals always cover every line; the lines themselves are
 * held only for a JSON input or a CSV file of at most {@link TABLE_LINES} accepted rows, and are
 * otherwise read again, one at a time, by {@link ValueFlowResult.eachLine} and the writers.
 *
 * @example
 * ```ts
 * const r = await valueFlow(input);
 * if (r.ok) await r.writeCsv((text) => out.push(text));
 * ```
 */
export interface ValueFlowResult {
  ok: true;
  /** The valuation (its `lines` empty when they were not held, see `lineCount`). */
  result: ValuationResult;
  framework: Framework;
  /** The totals document of the `commonweal.valuation.v2` contract (`--format json`), built on first use. */
  readonly document: ValuationJson;
  sha256: string;
  /** Every issue: the framework's, the entries' (located), then the valuation's. */
  issues: Issue[];
  /** Rows of the entries input: read = accepted + rejected. */
  counts: FlowCounts;
  /** How many lines the valuation has (one per accepted entry). */
  lineCount: number;
  /** Calls `each` with every line in order (at most `limit`), reading a streamed input again. */
  eachLine(each: (line: ValuationLine) => void, limit?: number): Promise<void>;
  /**
   * Writes the JSON document in pieces: totals only, or with every line (`lines: true`) streamed
   * in place. The same bytes as `documentText(toValuationJson(result, { sha256 }, { lines }))`.
   */
  writeJson(write: (text: string) => void, options?: { lines?: boolean }): Promise<void>;
  /** Writes every line as CSV (injection-safe, decimals in full), one line at a time. */
  writeCsv(write: (text: string) => void): Promise<void>;
  /** With more than one entries file: each file's rows and figures, in order (JSON `files`). */
  files?: ValuationFileJson[];
}

/**
 * Most lines held with the result (and listed by the command line's table); a CSV entries file
 * with more accepted rows is streamed rather than held.
 *
 * @example
 * ```ts
 * console.log(TABLE_LINES); // 1000
 * ```
 */
export const TABLE_LINES = 1000;

/** Most row issues a streamed valuation keeps in full, by default. */
export const MAX_ISSUES = 1000;

/** Keeps the first `max` issues in full and counts the rest by code. Internal. */
export class CappedIssues {
  readonly list: Issue[] = [];
  private readonly rest = new Map<string, number>();
  constructor(private readonly max: number) {}
  push(i: Issue): void {
    if (this.list.length < this.max) this.list.push(i);
    else this.rest.set(i.code, (this.rest.get(i.code) ?? 0) + 1);
  }
  /** The kept issues, and a warning naming what was counted only. */
  all(): Issue[] {
    if (!this.rest.size) return this.list;
    const counts = [...this.rest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    let n = 0;
    for (const [, k] of counts) n += k;
    return [
      ...this.list,
      issue(
        'issues_truncated',
        `${n} more row issues were not listed (${counts.map(([c, k]) => `${c}: ${k}`).join(', ')}): fix the ones above and run again`,
        { severity: 'warning' },
      ),
    ];
  }
}

/**
 * `hashInputs(frameworkText, entriesText, options)` taken while the entries stream past: the
 * entries text goes inside the quotes of the canonical JSON array, escaped chunk by chunk. Bytes
 * are decoded as the CSV reader decodes them (`encoding`), so the hash is of the text read.
 * `files` > 1 hashes `[framework, [text, …], options]`: `next()` starts the next file's text.
 */
export function inputsHasher(frameworkText: string, encoding?: string, files = 1) {
  const hash = createSha256();
  const many = files > 1;
  let decoder = new ByteDecoder(encoding ?? 'auto');
  hash.update(
    many
      ? canonicalStringify([frameworkText, ['']]).slice(0, -3)
      : canonicalStringify([frameworkText, '']).slice(0, -2),
  );
  // JSON escapes a lone surrogate: a pair split between two text chunks is joined first
  let high = '';
  const add = (t: string) => {
    let s = high ? high + t : t;
    high = '';
    const last = s.charCodeAt(s.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      high = s.slice(-1);
      s = s.slice(0, -1);
    }
    if (s) hash.update(JSON.stringify(s).slice(1, -1));
  };
  // the reader reports bad bytes; here they stand as the U+FFFD the decoder gives the reader
  const sink = { text: add, invalid: () => {} };
  const end = () => {
    decoder.end(sink);
    if (high) hash.update(JSON.stringify(high).slice(1, -1));
    high = '';
  };
  return {
    update(chunk: Uint8Array | string): void {
      if (typeof chunk === 'string') add(chunk);
      else decoder.decode(chunk, sink);
    },
    next(): void {
      end();
      decoder = new ByteDecoder(encoding ?? 'auto');
      hash.update('","');
    },
    digest(options: unknown): string {
      end();
      hash.update(`"${many ? ']' : ''},${canonicalStringify(options)}]`);
      return hash.digestHex();
    },
  };
}

/** Internal: an input given as chunks. */
export const isChunks = (e: FlowText | FlowChunks): e is FlowChunks => 'chunks' in e;
const isMany = (e: ValueFlowInput['entries']): e is readonly (FlowText | FlowChunks)[] => Array.isArray(e);

/** A text given whole, in slices, so that it is hashed without a second copy. */
function* slices(text: string): Generator<string> {
  const size = 1 << 16;
  for (let i = 0; i < text.length; ) {
    let end = Math.min(text.length, i + size);
    const c = text.charCodeAt(end - 1);
    if (end < text.length && c >= 0xd800 && c <= 0xdbff) end++;
    yield text.slice(i, end);
    i = end;
  }
}

function moneyInput(v: Decimal | string | undefined, name: string): Decimal | undefined {
  if (v === undefined || isDecimal(v)) return v;
  const p = parseDecimal(v, { percent: false });
  if (!p.ok)
    throw new FlowFatal(`the ${name} ${v} cannot be used`, [
      issue('invalid_option', `${name}: ${p.reason}`, { path: ['options', name], field: name }),
    ]);
  return p.value;
}

/** Internal: the valuation options, and the options as hashed. */
export interface Settings {
  options: ValuationOptions;
  hashed: Record<string, unknown>;
}

export function settingsOf(input: ValueFlowInput, fw: Framework): Settings {
  const discountingName = input.discounting ?? 'green-book';
  const schedule = discountingByName(discountingName);
  if (!schedule.ok) throw new FlowFatal(`the discounting ${discountingName} cannot be used`, schedule.issues);
  let priceYear = input.priceYear;
  if (priceYear === undefined) {
    // proxies of different price years are rebased to the latest of them unless told otherwise
    const years = new Set<number>();
    for (const m of fw.measures) if (m.proxy) years.add(m.proxy.priceYear);
    if (years.size > 1) priceYear = [...years].reduce((m, y) => Math.max(m, y));
  }
  const { baseYear } = input;
  const contractValue = moneyInput(input.contractValue, 'contractValue');
  const investment = moneyInput(input.investment, 'investment');
  return {
    options: {
      discounting: schedule.value,
      indexSeries: hmtGdpDeflator,
      ...(baseYear !== undefined ? { baseYear } : {}),
      ...(priceYear !== undefined ? { priceYear } : {}),
      ...(contractValue ? { contractValue } : {}),
      ...(investment ? { investment } : {}),
      ...(input.firstPeriodDiscounted ? { firstPeriodDiscounted: true } : {}),
    },
    hashed: {
      discounting: discountingName,
      baseYear,
      priceYear,
      contractValue,
      investment,
      ...(input.firstPeriodDiscounted ? { firstPeriodDiscounted: true } : {}),
    },
  };
}

export async function wholeText(e: FlowText | FlowChunks): Promise<string> {
  if (!isChunks(e)) return textOf(e);
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let text = '';
  for await (const c of e.chunks) text += typeof c === 'string' ? c : decoder.decode(c, { stream: true });
  return text + decoder.decode();
}

/**
 * Values commitments or delivered outcomes against a measures framework, as `commonweal value`
 * does: adjusted for deadweight, displacement, attribution and drop-off, rebased to one price
 * year and discounted (Green Book by default). A CSV entries input is streamed and hashed as it
 * goes (flat memory at any size): read once for the totals, and again only when lines are
 * written. No file system and no `node:` module, so it runs in a browser too. Never throws for
 * bad input: an input that cannot be used gives `{ ok: false, headline, issues }`.
 *
 * @example
 * ```ts
 * const r = await valueFlow({
 *   framework: { name: 'measures.csv', text: measuresText },
 *   entries: { name: 'commitments.csv', text: commitmentsText },
 * });
 * if (r.ok) r.document.totals.presentValue; // '1234567.89…'
 * else r.headline; // 'commitments.csv cannot be read as an entries table'
 * ```
 */
export function valueFlow(input: ValueFlowInput): Promise<ValueFlowResult | FlowFailure> {
  return runFlow(() => valueOrThrow(input));
}

async function valueOrThrow(input: ValueFlowInput): Promise<ValueFlowResult> {
  const r = await valued(input);
  if (input.linesCsv && !linesWritten.has(r)) await r.writeCsv(input.linesCsv);
  return r;
}

/** Results whose lines CSV went to `linesCsv` while the entries were read. */
const linesWritten = new WeakSet<ValueFlowResult>();

async function valued(input: ValueFlowInput): Promise<ValueFlowResult> {
  const fw = await readFrameworkInput(input.framework, input.columns?.framework);
  const settings = settingsOf(input, fw.value);
  if (isMany(input.entries)) {
    if (input.entries.length !== 1) return valueMany(input, input.entries, fw, settings);
    input = { ...input, entries: input.entries[0] as FlowText | FlowChunks };
  }
  const name = (input.entries as FlowText | FlowChunks).name;
  const format = input.entriesFormat ?? (/\.json$/i.test(name) ? 'json' : 'csv');
  if (format === 'csv') return valueCsv(input, fw, settings);
  const text = await wholeText(input.entries as FlowText | FlowChunks);
  const parsed = parseEntries(text, { file: name });
  if (!parsed.ok) throw new FlowFatal(`${name} cannot be read as entries`, parsed.issues);
  const r = valueEntries(fw.value, parsed.value as Entry[], settings.options);
  if (!r.ok) throw nothingValued(parsed.issues, r.issues);
  const located = (i: Issue): Issue => (i.line !== undefined && !i.file ? { ...i, file: name } : i);
  const issues = [...fw.issues, ...parsed.issues, ...r.value.issues.map(located)];
  const read = parsed.value.length;
  const rejected = r.value.counts.rejected;
  const result: ValuationResult = { ...r.value, issues };
  const sha256 = hasher(fw.text, slices(text), settings.hashed);
  return finished(
    result,
    fw.value,
    sha256,
    issues,
    { read, accepted: read - rejected, rejected },
    result.lines.length,
    async (to, limit) => giveHeld(result.lines, to, limit),
  );
}

/**
 * The headline of a {@link valueFlow} failure where the entries were read but every row was
 * rejected (the command line's exit 1: row issues, not an unusable input).
 *
 * @example
 * ```ts
 * if (!r.ok && r.headline === NOTHING_VALUED) console.error('every row was rejected');
 * ```
 */
export const NOTHING_VALUED = 'no entry could be valued';

// Rows' own issues come first: they are usually the cause.
export function nothingValued(rowIssues: Issue[], issues: Issue[]): FlowFatal {
  if (rowIssues.length) return new FlowFatal(NOTHING_VALUED, [...rowIssues, ...issues]);
  return new FlowFatal('the entries cannot be valued', issues);
}

function hasher(frameworkText: string, chunks: Iterable<string>, hashed: unknown): string {
  const h = inputsHasher(frameworkText);
  for (const c of chunks) h.update(c);
  return h.digest(hashed);
}

async function valueCsv(
  input: ValueFlowInput,
  fw: { value: Framework; text: string; issues: Issue[] },
  settings: Settings,
): Promise<ValueFlowResult> {
  const e = input.entries as FlowText | FlowChunks;
  const file = e.name;
  const h = inputsHasher(fw.text, input.encoding);
  let source: CsvSource;
  let first: CsvSource;
  if (isChunks(e)) {
    const chunks = e.chunks;
    source = chunks;
    const hashing: AsyncIterable<Uint8Array | string> = {
      async *[Symbol.asyncIterator]() {
        for await (const chunk of chunks) {
          h.update(chunk);
          yield chunk;
        }
      },
    };
    first = hashing;
  } else {
    source = e.text;
    for (const c of typeof e.text === 'string' ? slices(e.text) : [e.text]) h.update(c);
    first = e.text;
  }
  const maxIssues = input.maxIssues ?? MAX_ISSUES;
  const readOptions = {
    file,
    framework: fw.value,
    ...(input.encoding !== undefined ? { encoding: input.encoding } : {}),
    ...input.columns?.entries,
  };
  // lines asked for up front are valued in the same read as the totals, at a base year known now
  const { framework: _, ...scanOptions } = readOptions;
  const given = settings.options.baseYear;
  const lineBase = input.linesCsv && (given ?? (await earliestEntryYear(source, scanOptions)));
  const early =
    input.linesCsv && lineBase !== undefined
      ? earlyLines(lineBase, given !== undefined, input.linesCsv)
      : undefined;
  const acc = createValuationAccumulator(fw.value, {
    ...settings.options,
    keepLines: false,
    maxIssues,
    ...early?.options,
  });
  const rowIssues = new CappedIssues(maxIssues);
  const reader = readEntries(first, readOptions);
  let index = 0;
  for await (const batch of reader.batches()) {
    for (const row of batch) {
      if (row.ok) {
        if (early) early.add(acc, row.value, index);
        else acc.add(row.value, index);
        index++;
        for (const w of row.warnings) rowIssues.push(w);
      } else for (const i of row.issues) rowIssues.push(i);
    }
    input.onProgress?.(reader.counts.read);
  }
  const summary = reader.summary();
  const entryIssues = [...summary.fileIssues, ...rowIssues.all()];
  if (summary.counts.read === 0 && entryIssues.some((i) => i.line === undefined || i.line === 1)) {
    throw new FlowFatal(`${file} cannot be read as an entries table`, entryIssues);
  }
  const sha256 = h.digest(settings.hashed);
  const r = acc.result();
  if (!r.ok) throw nothingValued(entryIssues, r.issues);
  const located = (i: Issue): Issue => (i.line !== undefined && !i.file ? { ...i, file } : i);
  const issues = [...fw.issues, ...entryIssues, ...r.value.issues.map(located)];
  const read = summary.counts.read;
  const rejected = summary.counts.rejected + r.value.counts.rejected;
  // rows the reader refused count as read and rejected, as in the flow's counts
  const result: ValuationResult = {
    ...r.value,
    issues,
    counts: { read, accepted: read - rejected, rejected },
  };
  const lineCount = r.value.counts.accepted;
  // the second read values lines at the base year the first read settled
  const linesOptions = {
    ...settings.options,
    baseYear: result.baseYear,
    keepLines: true,
    maxIssues: 0,
    linesOnly: true,
  };
  const eachLine: LineRead = async (to, limit) => {
    if (limit <= 0) return;
    if (result.lines.length === lineCount) return giveHeld(result.lines, to, limit);
    const stream = streamTo(to, limit);
    const lines = createValuationAccumulator(fw.value, { ...linesOptions, ...stream.options });
    const again = readEntries(source, readOptions);
    let i = 0;
    for await (const batch of again.batches()) {
      for (const row of batch) if (row.ok) lines.add(row.value, i++);
      if (stream.given() >= limit) break;
    }
  };
  await holdSmall(result, lineCount, eachLine, input.holdLines);
  const out = finished(
    result,
    fw.value,
    sha256,
    issues,
    { read, accepted: read - rejected, rejected },
    lineCount,
    eachLine,
  );
  // lines written early stand only at the base year the totals settled on
  if (early?.complete(result.baseYear)) linesWritten.add(out);
  return out;
}

/**
 * Lines valued in the totals' read (the accumulator's `onLineText`) at `baseYear` and written as
 * CSV. A base year found by the scan is a lower bound on the earliest accepted year, so lines are
 * held (up to a limit) until a row of that year is accepted; `complete` says whether every line
 * went out at the base year the totals settled on (if not, none went out, and the caller reads the
 * lines again).
 */
function earlyLines(baseYear: number, sure: boolean, write: (text: string) => void) {
  const csv = lineCsvWriter();
  let held: string[] | undefined = sure ? undefined : [csv.header];
  let heldSize = 0;
  let given = 0;
  let dropped = false;
  if (sure) write(csv.header);
  return {
    options: {
      linesBaseYear: baseYear,
      onLineText: (t: ValuationLineText) => {
        given++;
        const row = csv.row(t);
        if (!held) write(row);
        else if (!dropped) {
          held.push(row);
          heldSize += row.length;
          if (heldSize > EARLY_HOLD) {
            dropped = true;
            held = [];
          }
        }
      },
    },
    add(acc: ValuationAccumulator, entry: Entry, index: number): void {
      const before = given;
      acc.add(entry, index);
      // an accepted row of the scanned year settles the base year: nothing accepted is earlier
      if (held && !dropped && given > before && entry.year === baseYear) {
        for (const piece of held) write(piece);
        held = undefined;
      }
    },
    complete(settled: number): boolean {
      return !held && settled === baseYear;
    },
  };
}

/** Most text of lines held while the base year is unsettled (past it, lines are read again). */
const EARLY_HOLD = 1 << 20;

const LINES_MARK = '__commonweal_valuation_lines__';
const SOURCES_MARK = '__commonweal_valuation_sources__';

// The proxies' sources are cited whether or not lines are written, so totals keep their provenance.
function citedSources(result: ValuationResult, fw: Framework): SourceIndex {
  const index = createSourceIndex();
  const valued = new Set(Object.keys(result.totals.byMeasure));
  for (const m of fw.measures) if (valued.has(m.code) && m.proxy?.source) index.add(m.proxy.source);
  return index;
}

/**
 * The columns of the lines CSV (`commonweal value --format csv`).
 *
 * @example
 * ```ts
 * toCsv(result.lines, VALUATION_CSV_COLUMNS);
 * ```
 */
export const VALUATION_CSV_COLUMNS: readonly CsvColumn<ValuationLine>[] = [
  { header: 'line', value: (l) => l.line ?? l.index + 1 },
  'measure',
  'theme',
  { header: 'outcome', value: (l) => l.outcome ?? '' },
  'unit',
  'quantity',
  'countedYears',
  { header: 'proxy', value: (l) => l.proxy ?? null },
  'gross',
  'impact',
  'net',
  'presentValue',
  { header: 'low', value: (l) => l.low ?? null },
  { header: 'high', value: (l) => l.high ?? null },
  'recordOnly',
];

/** Internal: where a read of lines goes: each line, or (cheaper) each line's printed figures. */
export type LineTo = { line: (l: ValuationLine) => void } | { text: (t: ValuationLineText) => void };

/** Internal: a read of at most `limit` lines, in order. */
export type LineRead = (to: LineTo, limit: number) => Promise<void>;

/** Internal: held lines given to `to`. */
export function giveHeld(lines: readonly ValuationLine[], to: LineTo, limit: number): void {
  const n = Math.min(limit, lines.length);
  if ('line' in to) for (let i = 0; i < n; i++) to.line(lines[i] as ValuationLine);
  else for (let i = 0; i < n; i++) to.text(lineText(lines[i] as ValuationLine));
}

/** Internal: the accumulator option streaming at most `limit` lines to `to`, and how many it gave. */
export function streamTo(
  to: LineTo,
  limit: number,
): {
  options: { onLine: (l: ValuationLine) => void } | { onLineText: (t: ValuationLineText) => void };
  given(): number;
} {
  let given = 0;
  return {
    options:
      'line' in to
        ? {
            onLine: (l) => {
              if (given++ < limit) to.line(l);
            },
          }
        : {
            onLineText: (t) => {
              if (given++ < limit) to.text(t);
            },
          },
    given: () => given,
  };
}

/** Internal: small inputs keep their lines, so every output is what reading the input whole gave. */
export async function holdSmall(
  result: ValuationResult,
  lineCount: number,
  eachLine: LineRead,
  holdLines = TABLE_LINES,
): Promise<void> {
  if (lineCount <= holdLines && lineCount > 0) {
    const kept: ValuationLine[] = [];
    await eachLine({ line: (l) => kept.push(l) }, Number.POSITIVE_INFINITY);
    result.lines = kept;
  }
}

/**
 * The lines CSV ({@link VALUATION_CSV_COLUMNS}) written from each line's printed figures: the
 * same bytes as `csvRowWriter(VALUATION_CSV_COLUMNS)`, with a measure's text cells made once.
 */
export function lineCsvWriter(): { header: string; row(t: ValuationLineText): string } {
  const { header } = csvRowWriter(VALUATION_CSV_COLUMNS);
  const fixed = new Map<string, string>();
  return {
    header,
    row(t) {
      // a measure's theme, outcome and unit come from the framework, so its code settles them
      let cells = fixed.get(t.measure);
      if (cells === undefined) {
        cells = `${formatCell(t.measure)},${formatCell(t.theme)},${formatCell(t.outcome ?? '')},${formatCell(t.unit)}`;
        if (fixed.size >= 4096) fixed.clear();
        fixed.set(t.measure, cells);
      }
      return `${t.line ?? t.index + 1},${cells},${t.quantity},${t.countedYears},${t.proxy ?? ''},${t.gross},${t.impact},${t.net},${t.presentValue},${t.low ?? ''},${t.high ?? ''},${t.recordOnly}\n`;
    },
  };
}

/** Internal: the result of a valuation read, with its writers; `files` go into the JSON. */
export function finished(
  result: ValuationResult,
  framework: Framework,
  sha256: string,
  issues: Issue[],
  counts: FlowCounts,
  lineCount: number,
  lines: LineRead,
  files?: ValuationFileJson[],
): ValueFlowResult {
  let document: ValuationJson | undefined;
  const held = () => lineCount === 0 || result.lines.length === lineCount;
  const toJson: typeof toValuationJson = (...a) => {
    const json = toValuationJson(...a);
    if (files) json.files = files;
    return json;
  };
  const out: ValueFlowResult = {
    ok: true,
    result,
    framework,
    get document() {
      document ??= toJson(result, { sha256 }, { lines: false, sources: citedSources(result, framework) });
      return document;
    },
    sha256,
    issues,
    counts,
    lineCount,
    ...(files ? { files } : {}),
    eachLine: (each, limit = Number.POSITIVE_INFINITY) => lines({ line: each }, limit),
    async writeJson(write, options = {}) {
      const withLines = options.lines === true;
      const sources = citedSources(result, framework);
      if (!withLines || held()) {
        write(
          canonicalStringify(toJson(result, { sha256 }, { lines: withLines, sources }), {
            indent: 2,
            finalNewline: true,
          }),
        );
        return;
      }
      const json = toJson({ ...result, lines: [] }, { sha256 }, { sources });
      (json as { lines: unknown[] }).lines = [LINES_MARK];
      (json as { sources: unknown }).sources = SOURCES_MARK;
      const text = canonicalStringify(json, { indent: 2, finalNewline: true });
      const at = text.indexOf(`"${LINES_MARK}"`);
      write(text.slice(0, at));
      // lines sit two levels deep: each line's own indented text, shifted by four spaces
      let first = true;
      await lines(
        {
          line: (line) => {
            const item = canonicalStringify(toValuationLineJson(line, sources), { indent: 2 }).replace(
              /\n/g,
              '\n    ',
            );
            write(first ? item : `,\n    ${item}`);
            first = false;
          },
        },
        Number.POSITIVE_INFINITY,
      );
      // `sources` sorts after `lines`, so it is written once every line has named its sources
      const rest = text.slice(at + LINES_MARK.length + 2);
      const s = rest.indexOf(`"${SOURCES_MARK}"`);
      write(rest.slice(0, s));
      write(canonicalStringify(sources.sources(), { indent: 2 }).replace(/\n/g, '\n  '));
      write(rest.slice(s + SOURCES_MARK.length + 2));
    },
    async writeCsv(write) {
      const w = lineCsvWriter();
      write(w.header);
      await lines({ text: (t) => write(w.row(t)) }, Number.POSITIVE_INFINITY);
    },
  };
  return out;
}
