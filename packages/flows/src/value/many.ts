import type { Framework } from '@commonweal/core/framework';
import { type Issue, issue } from '@commonweal/core/issues';
import {
  createValuationAccumulator,
  type Entry,
  type ValuationAccumulator,
  type ValuationFileJson,
  type ValuationResult,
} from '@commonweal/core/valuation';
import { readEntries } from '@commonweal/csv';
import { parseEntries } from '@commonweal/json';
import { FlowFatal, type FlowText } from '../inputs/inputs';
import {
  type FlowChunks,
  finished,
  giveHeld,
  holdSmall,
  inputsHasher,
  isChunks,
  type LineRead,
  MAX_ISSUES,
  nothingValued,
  type Settings,
  streamTo,
  type ValueFlowInput,
  type ValueFlowResult,
} from './value';

type Source = FlowText | FlowChunks;

/** One file's read: what its rows were, where they sit among all the rows. */
interface FileRead {
  name: string;
  format: 'csv' | 'json';
  /** Rows the reader read and rejected (the valuation's rejections are counted apart). */
  read: number;
  readerRejected: number;
  start: number;
  end: number;
  issues: Issue[];
}

/**
 * Reads one file's rows in order, giving each accepted row to `each`; `issues` gets its row
 * issues (warnings of accepted rows too), and the counts come back.
 */
async function readFile(
  input: ValueFlowInput,
  framework: Framework,
  source: Source,
  format: 'csv' | 'json',
  each: (entry: Entry) => void,
  issues: ((i: Issue) => void) | undefined,
  hash?: { update(chunk: Uint8Array | string): void },
): Promise<{ read: number; rejected: number; fileIssues: Issue[] }> {
  const name = source.name;
  if (format === 'json') {
    let text = '';
    if (isChunks(source)) {
      const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
      for await (const c of source.chunks)
        text += typeof c === 'string' ? c : decoder.decode(c, { stream: true });
      text += decoder.decode();
    } else
      text =
        typeof source.text === 'string'
          ? source.text
          : new TextDecoder('utf-8', { ignoreBOM: true }).decode(source.text);
    hash?.update(text);
    const parsed = parseEntries(text, { file: name });
    if (!parsed.ok) throw new FlowFatal(`${name} cannot be read as entries`, parsed.issues);
    for (const e of parsed.value as Entry[]) each(e);
    return { read: parsed.value.length, rejected: 0, fileIssues: parsed.issues };
  }
  const chunks = isChunks(source) ? source.chunks : undefined;
  const first =
    chunks && hash
      ? {
          async *[Symbol.asyncIterator]() {
            for await (const chunk of chunks) {
              hash.update(chunk);
              yield chunk;
            }
          },
        }
      : (chunks ?? (source as FlowText).text);
  if (!chunks && hash) hash.update((source as FlowText).text);
  const reader = readEntries(first, {
    file: name,
    framework,
    ...(input.encoding !== undefined ? { encoding: input.encoding } : {}),
    ...input.columns?.entries,
  });
  for await (const batch of reader.batches()) {
    for (const row of batch) {
      if (row.ok) {
        each(row.value);
        if (issues) for (const w of row.warnings) issues(w);
      } else if (issues) for (const i of row.issues) issues(i);
    }
    input.onProgress?.(reader.counts.read);
  }
  const summary = reader.summary();
  return { read: summary.counts.read, rejected: summary.counts.rejected, fileIssues: summary.fileIssues };
}

const figures = (r: ValuationResult): ValuationFileJson['totals'] => ({
  gross: r.totals.gross.toString(),
  net: r.totals.net.toString(),
  impact: r.totals.impact.toString(),
  presentValue: r.totals.presentValue.toString(),
  low: r.totals.low.toString(),
  high: r.totals.high.toString(),
});

/**
 * Several entries files valued as one: one accumulator takes every file's rows in order (the
 * row index running on across files), so the totals are those of one file holding all the
 * rows. Each file's own figures need the shared base year: given (`baseYear`), each file has its
 * own accumulator in the same read; otherwise each file is read again once the base year is
 * settled (Green Book steps mean a present value cannot be rescaled to another base year).
 * Internal: {@link valueFlow} calls it for more than one file.
 */
export async function valueMany(
  input: ValueFlowInput,
  sources: readonly Source[],
  fw: { value: Framework; text: string; issues: Issue[] },
  settings: Settings,
): Promise<ValueFlowResult> {
  const names = new Set<string>();
  for (const s of sources) {
    if (names.has(s.name))
      throw new FlowFatal(`${s.name} is given twice`, [
        issue(
          'duplicate_input',
          'the same entries file is given twice: its rows would be counted twice; give it once',
          { file: s.name },
        ),
      ]);
    names.add(s.name);
  }
  const formatOf = (s: Source) => input.entriesFormat ?? (/\.json$/i.test(s.name) ? 'json' : 'csv');
  const maxIssues = input.maxIssues ?? MAX_ISSUES;
  const given = settings.options.baseYear;
  const totals = createValuationAccumulator(fw.value, { ...settings.options, keepLines: false, maxIssues });
  const own = (baseYear: number) =>
    createValuationAccumulator(fw.value, { ...settings.options, baseYear, keepLines: false, maxIssues: 0 });
  const hash = inputsHasher(fw.text, input.encoding, sources.length);
  // row issues: the first maxIssues over all files in full, the rest counted by code
  let kept = 0;
  const rest = new Map<string, number>();
  const reads: FileRead[] = [];
  const perFile: ValuationAccumulator[] = [];
  let index = 0;
  let before = 0;
  for (const [n, source] of sources.entries()) {
    if (n > 0) hash.next();
    const list: Issue[] = [];
    const acc = given !== undefined ? own(given) : undefined;
    const start = index;
    const progress = input.onProgress;
    const r = await readFile(
      { ...input, onProgress: progress ? (k) => progress(before + k) : undefined },
      fw.value,
      source,
      formatOf(source),
      (e) => {
        acc?.add(e, index);
        totals.add(e, index++);
      },
      (i) => {
        if (kept < maxIssues) {
          kept++;
          list.push(i);
        } else rest.set(i.code, (rest.get(i.code) ?? 0) + 1);
      },
      hash,
    );
    before += r.read;
    const issues = [...r.fileIssues, ...list];
    if (r.read === 0 && issues.some((i) => i.line === undefined || i.line === 1))
      throw new FlowFatal(`${source.name} cannot be read as an entries table`, issues);
    reads.push({
      name: source.name,
      format: formatOf(source),
      read: r.read,
      readerRejected: r.rejected,
      start,
      end: index,
      issues,
    });
    if (acc) perFile.push(acc);
  }
  const entryIssues = reads.flatMap((f) => f.issues);
  if (rest.size) {
    const counts = [...rest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    let k = 0;
    for (const [, c] of counts) k += c;
    entryIssues.push(
      issue(
        'issues_truncated',
        `${k} more row issues were not listed (${counts.map(([c, x]) => `${c}: ${x}`).join(', ')}): fix the ones above and run again`,
        { severity: 'warning' },
      ),
    );
  }
  const sha256 = hash.digest(settings.hashed);
  const r = totals.result();
  if (!r.ok) throw nothingValued(entryIssues, r.issues);
  const baseYear = r.value.baseYear;
  // a file read again (for its own figures, or for lines), its rows numbered as in the first read
  const readAgain = (n: number, add: (e: Entry, index: number) => void) => {
    const f = reads[n] as (typeof reads)[number];
    let i = f.start;
    return readFile(
      { ...input, onProgress: undefined },
      fw.value,
      sources[n] as Source,
      f.format,
      (e) => add(e, i++),
      undefined,
    );
  };
  if (given === undefined) {
    // the base year is the earliest over every file: only now can each file be valued at it
    for (let n = 0; n < reads.length; n++) {
      const acc = own(baseYear);
      await readAgain(n, (e, i) => acc.add(e, i));
      perFile.push(acc);
    }
  }
  const files: ValuationFileJson[] = reads.map((f, n) => {
    const v = (perFile[n] as ValuationAccumulator).result();
    if (!v.ok) throw new FlowFatal(`${f.name} cannot be valued`, v.issues);
    const rejected = f.readerRejected + v.value.counts.rejected;
    return {
      file: f.name,
      counts: { read: f.read, accepted: f.read - rejected, rejected },
      entries: { start: f.start, end: f.end },
      totals: figures(v.value),
    };
  });
  // a valuation issue names its row by index: the file whose range holds it is its file
  const fileAt = (i: Issue): string | undefined => {
    const at = i.path?.[0] === 'entries' ? i.path[1] : undefined;
    if (typeof at !== 'number') return undefined;
    return reads.find((f) => at >= f.start && at < f.end)?.name;
  };
  const located = (i: Issue): Issue => {
    if (i.file) return i;
    const file = fileAt(i);
    return file ? { ...i, file } : i;
  };
  const issues = [...fw.issues, ...entryIssues, ...r.value.issues.map(located)];
  const read = reads.reduce((k, f) => k + f.read, 0);
  const rejected = reads.reduce((k, f) => k + f.readerRejected, 0) + r.value.counts.rejected;
  // rows the reader refused count as read and rejected, as in the flow's counts
  const result: ValuationResult = {
    ...r.value,
    issues,
    counts: { read, accepted: read - rejected, rejected },
  };
  const lineCount = r.value.counts.accepted;
  const eachLine: LineRead = async (to, limit) => {
    if (limit <= 0) return;
    if (result.lines.length === lineCount) return giveHeld(result.lines, to, limit);
    const stream = streamTo(to, limit);
    const lines = createValuationAccumulator(fw.value, {
      ...settings.options,
      baseYear,
      keepLines: true,
      maxIssues: 0,
      linesOnly: true,
      ...stream.options,
    });
    for (let n = 0; n < reads.length && stream.given() < limit; n++)
      await readAgain(n, (e, i) => lines.add(e, i));
  };
  await holdSmall(result, lineCount, eachLine, input.holdLines);
  return finished(
    result,
    fw.value,
    sha256,
    issues,
    { read, accepted: read - rejected, rejected },
    lineCount,
    eachLine,
    files,
  );
}
