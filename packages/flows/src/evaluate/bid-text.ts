import type { BidEvaluation } from '@commonweal/core/procurement';
import type { Trace } from '@commonweal/core/trace';
import { canonicalStringify } from '@commonweal/json';

// The text of one bid of the evaluation document written straight from its figures: the same
// bytes as canonicalStringify(toBidJson(bid), { indent: 2 }) with each line after the first
// indented by `pad`, but with no deep copy of the traces and no intermediate objects. At
// 400 bids × 120 criteria × 10 evaluators that per-bid garbage lived long enough to be
// promoted to old space, which is what made `--format json` peak at over 1 GB.

const UNIT = '  ';

/** A value that is not a plain string (a source, or anything unusual) as canonical text, re-indented. */
function other(v: unknown, pad: string): string {
  return canonicalStringify(v, { indent: UNIT }).replaceAll('\n', `\n${pad}`);
}

/** A string as JSON; anything else as canonicalStringify writes it. */
function text(v: unknown, pad: string): string {
  return typeof v === 'string' ? JSON.stringify(v) : other(v, pad);
}

/** Canonical key order (UTF-16 code units, as canonicalStringify sorts). */
function sortedKeys(o: object): string[] {
  return Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** An array of strings, its items one level in from `pad`. */
function strings(list: readonly unknown[], pad: string, out: string[]): void {
  if (list.length === 0) {
    out.push('[]');
    return;
  }
  const inner = pad + UNIT;
  out.push('[');
  list.forEach((s, i) => {
    out.push(i ? `,\n${inner}` : `\n${inner}`, text(s, inner));
  });
  out.push(`\n${pad}]`);
}

/**
 * A trace as traceJson then canonicalStringify write it: formula, inputs (sorted; each with
 * source, trace, value when present), notes when there are any, result.
 */
function writeTrace(t: Trace, pad: string, out: string[]): void {
  const p1 = pad + UNIT;
  const p2 = p1 + UNIT;
  const p3 = p2 + UNIT;
  out.push(`{\n${p1}"formula": `, text(t.formula, p1), `,\n${p1}"inputs": `);
  const keys = sortedKeys(t.inputs);
  if (keys.length === 0) out.push('{}');
  else {
    out.push('{');
    keys.forEach((k, i) => {
      const v = t.inputs[k];
      out.push(i ? ',\n' : '\n', p2, JSON.stringify(k), ': {');
      let n = 0;
      // traceJson keeps source and trace only when truthy, and the value always.
      if (v?.source) {
        out.push(`\n${p3}"source": `, other(v.source, p3));
        n++;
      }
      if (v?.trace) {
        out.push(n ? ',\n' : '\n', p3, '"trace": ');
        writeTrace(v.trace, p3, out);
        n++;
      }
      if (v?.value !== undefined) {
        out.push(n ? ',\n' : '\n', p3, '"value": ', text(v.value, p3));
        n++;
      }
      out.push(n ? `\n${p2}}` : '}');
    });
    out.push(`\n${p1}}`);
  }
  if (t.notes?.length) {
    out.push(`,\n${p1}"notes": `);
    strings(t.notes, p1, out);
  }
  out.push(`,\n${p1}"result": `, text(t.result, p1), `\n${pad}}`);
}

const dec = (d: { toFixed(): string } | null): string => (d === null ? 'null' : JSON.stringify(d.toFixed()));

/** Chunks at most about this many characters (two-byte text: 32 KB), far below V8's large-object size. */
const CHUNK = 16_384;

/**
 * One bid of the evaluation document as text, lines after the first indented by `pad`, in
 * chunks of a few criteria: their concatenation is exactly
 * `canonicalStringify(toBidJson(bid), { indent: 2 })` so indented. Small chunks, because a
 * whole bid (300 KB at 120 criteria × 10 evaluators) would be a large object, straight in old
 * space and kept there until a full collection.
 *
 * @example
 * ```ts
 * [...bidChunks(evaluation.bids[0]!, '    ')].join('').startsWith('{\n      "bid": '); // true
 * ```
 */
export function* bidChunks(b: BidEvaluation, pad = ''): Generator<string> {
  const p1 = pad + UNIT;
  const p2 = p1 + UNIT;
  const p3 = p2 + UNIT;
  let out: string[] = [`{\n${p1}"bid": `, text(b.bid, p1), `,\n${p1}"bidder": `, text(b.bidder, p1)];
  out.push(`,\n${p1}"criteria": `);
  if (b.criteria.length === 0) out.push('[]');
  else {
    out.push('[');
    let size = 0;
    for (let i = 0; i < b.criteria.length; i++) {
      const c = b.criteria[i] as BidEvaluation['criteria'][number];
      const from = out.length;
      out.push(i ? ',\n' : '\n', p2, `{\n${p3}"id": `, text(c.criterion, p3));
      out.push(`,\n${p3}"normalised": `, dec(c.normalised), `,\n${p3}"raw": `, dec(c.raw));
      out.push(`,\n${p3}"trace": `);
      writeTrace(c.trace, p3, out);
      out.push(`,\n${p3}"weighted": `, dec(c.weighted), `\n${p2}}`);
      for (let k = from; k < out.length; k++) size += (out[k] as string).length;
      if (size >= CHUNK) {
        yield out.join('');
        out = [];
        size = 0;
      }
    }
    out.push(`\n${p1}]`);
  }
  out.push(`,\n${p1}"disqualified": `, b.disqualified ? 'true' : 'false', `,\n${p1}"flags": `);
  if (b.flags.length === 0) out.push('[]');
  else {
    out.push('[');
    b.flags.forEach((f, i) => {
      out.push(i ? ',\n' : '\n', p2, `{\n${p3}"code": `, text(f.code, p3));
      out.push(`,\n${p3}"criterion": `, f.criterion === null ? 'null' : text(f.criterion, p3));
      out.push(`,\n${p3}"message": `, text(f.message, p3), `\n${p2}}`);
    });
    out.push(`\n${p1}]`);
  }
  out.push(`,\n${p1}"reasons": `);
  strings(b.reasons, p1, out);
  out.push(`,\n${p1}"total": `, dec(b.total), `\n${pad}}`);
  yield out.join('');
}

/**
 * One bid of the evaluation document as one text: {@link bidChunks} joined.
 *
 * @example
 * ```ts
 * bidText(evaluation.bids[0]!, '    ').startsWith('{\n      "bid": '); // true
 * ```
 */
export function bidText(b: BidEvaluation, pad = ''): string {
  return [...bidChunks(b, pad)].join('');
}
