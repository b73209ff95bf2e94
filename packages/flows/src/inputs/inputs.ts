import type { Framework } from '@commonweal/core/framework';
import type { Issue } from '@commonweal/core/issues';
import { type ReadTableOptions, readMeasuresCsv } from '@commonweal/csv';
import { parseFramework } from '@commonweal/json';

/**
 * One input of a flow: a name (put on every issue, as a file name would be) and its text, or its
 * bytes (read as UTF-8, see {@link decodeText}). No file system: the caller reads the file.
 *
 * @example
 * ```ts
 * const bids: FlowText = { name: 'bids.csv', text: 'bid,bidder,price\nB1,Northside Care,1200000\n' };
 * ```
 */
export interface FlowText {
  name: string;
  text: string | Uint8Array;
}

/**
 * How a CSV input's columns are read: `headers` names the header a column key reads (`--columns`
 * on the command line), `columnHint` how messages tell the user to name one.
 *
 * @example
 * ```ts
 * const columns: FlowColumns = { headers: { price: 'Total (£)' }, columnHint: (k) => `--columns ${k}="<header>"` };
 * ```
 */
export type FlowColumns = Pick<ReadTableOptions, 'headers' | 'columnHint'>;

/**
 * Rows read from one input: read = accepted + rejected (blank lines are not rows).
 *
 * @example
 * ```ts
 * const c: FlowCounts = { read: 61, accepted: 60, rejected: 1, blank: 0 };
 * ```
 */
export interface FlowCounts {
  read: number;
  accepted: number;
  rejected: number;
  blank?: number;
}

/**
 * What a flow gives, in zod's `safeParse` style: `ok: true` with the result, or `ok: false`
 * when an input cannot be used at all (the command line's exit 2), with a headline in lower
 * case (`the evaluation model model.json cannot be used`) and the located issues.
 *
 * @example
 * ```ts
 * const r: FlowFailure = { ok: false, headline: 'bids.csv is not valid CSV', issues: [] };
 * ```
 */
export interface FlowFailure {
  ok: false;
  headline: string;
  issues: Issue[];
}

/**
 * Reads bytes as Node's `readFileSync(path, 'utf8')` does (a byte-order mark is kept, bad bytes
 * become U+FFFD), so the inputs hash of a file read in a browser matches the command line's.
 *
 * @example
 * ```ts
 * decodeText(new TextEncoder().encode('bid,bidder,price\n')); // 'bid,bidder,price\n'
 * ```
 */
export function decodeText(bytes: Uint8Array | ArrayBuffer): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

/**
 * The text of an input (bytes decoded with {@link decodeText}).
 *
 * @example
 * ```ts
 * textOf({ name: 'a.csv', text: 'x\n' }); // 'x\n'
 * ```
 */
export function textOf(input: FlowText): string {
  return typeof input.text === 'string' ? input.text : decodeText(input.text);
}

/**
 * An input that cannot be used, thrown inside a flow and turned into a {@link FlowFailure}.
 *
 * @example
 * ```ts
 * throw new FlowFatal('bids.csv cannot be read as bids (bid,bidder,price)', issues);
 * ```
 */
export class FlowFatal extends Error {
  readonly issues: Issue[];
  constructor(headline: string, issues: Issue[]) {
    super(headline);
    this.name = 'FlowFatal';
    this.issues = issues;
  }
}

/**
 * Runs a flow's body, turning a {@link FlowFatal} into a {@link FlowFailure}; any other error
 * is a defect and is thrown on.
 *
 * @example
 * ```ts
 * const r = await runFlow(async () => ({ ok: true as const, value: 1 }));
 * ```
 */
export async function runFlow<T>(body: () => Promise<T>): Promise<T | FlowFailure> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof FlowFatal) return { ok: false, headline: e.message, issues: e.issues };
    throw e;
  }
}

/**
 * Refuses a table of which no row could be read and that has an error (a missing column, not
 * CSV): the input cannot be used, so the flow fails with `headline` and the reader's issues.
 * A table with some rows read goes on, its bad rows counted as rejected.
 *
 * @example
 * ```ts
 * const r = await readEmissionsCsv(text, { file });
 * requireRows(r, `${file} cannot be read as emissions by year (year,emissions)`);
 * ```
 */
export function requireRows(
  r: { counts: { read: number }; issues: readonly Issue[] },
  headline: string,
): void {
  if (r.counts.read === 0 && r.issues.some((i) => i.severity !== 'warning'))
    throw new FlowFatal(headline, [...r.issues]);
}

/**
 * A framework input: a `.json` framework or a `.csv` measures table (told by the name), or one
 * already made (`framework`; its `text` is still what the inputs hash takes).
 *
 * @example
 * ```ts
 * const f: FrameworkText = { name: 'measures.csv', text: measuresText };
 * ```
 */
export type FrameworkText = FlowText & { framework?: Framework | undefined };

/**
 * Reads a framework input: the framework, its text (for the inputs hash) and the reader's
 * issues. One that cannot be used fails the flow (`the framework NAME cannot be used`).
 *
 * @example
 * ```ts
 * const fw = await readFrameworkInput({ name: 'measures.csv', text: measuresText });
 * fw.value.measures.length; // 12
 * ```
 */
export async function readFrameworkInput(
  input: FrameworkText,
  columns?: FlowColumns | undefined,
): Promise<{ value: Framework; text: string; issues: Issue[] }> {
  const text = textOf(input);
  if (input.framework) return { value: input.framework, text, issues: [] };
  const r = /\.json$/i.test(input.name)
    ? parseFramework(text, { file: input.name })
    : await readMeasuresCsv(text, { file: input.name, ...columns });
  if (!r.ok) throw new FlowFatal(`the framework ${input.name} cannot be used`, r.issues);
  return { value: r.value, text, issues: r.issues };
}
