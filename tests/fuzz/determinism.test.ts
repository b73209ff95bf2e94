// Determinism of the CLI on every example: the same inputs give byte-identical output (stdout,
// stderr and every file written) in every format; and for value, evaluate and spend, the rows of
// the input CSV files in another order give the same result (value: equal totals; evaluate and
// spend: identical JSON apart from line numbers and the hash of the input bytes).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleCommands, formatsOf, runIn, scratch, withOption, withoutOption } from './cli';
import { runs } from './seed';

const work = scratch();
afterAll(() => rmSync(work, { recursive: true, force: true }));

const cases = exampleCommands();

/** The command as written, and once per other output format it offers. */
function variants(argv: readonly string[]): string[][] {
  const out = [[...argv]];
  const given = argv[argv.indexOf('--format') + 1];
  for (const f of formatsOf(argv[0]!)) {
    if (f === 'table' || f === given) continue;
    out.push(withOption(argv, '--format', f));
  }
  return out;
}

describe('the CLI gives identical bytes twice on every example', () => {
  it('finds the examples’ commands', () => {
    expect(cases.length).toBeGreaterThan(5);
  });

  it.each(cases)('$name', async ({ name, argv }) => {
    // a README's later command may read what an earlier one wrote (--out, demo): write those first
    const readme = name.split(':')[0];
    for (const prev of cases.slice(
      0,
      cases.findIndex((c) => c.name === name),
    )) {
      if (prev.name.startsWith(`${readme}:`) && (prev.argv.includes('--out') || prev.argv[0] === 'demo'))
        await runIn(work, prev.argv, true);
    }
    for (const v of variants(argv)) {
      const first = await runIn(work, v);
      const second = await runIn(work, v);
      expect(first.code, `${v.join(' ')}\n${first.stderr}`).toBeLessThan(2);
      expect(second).toEqual(first);
    }
  });
});

const LINE = /\s*\(line \d+\)/g;

/**
 * Drops what legitimately follows the order of the input bytes: line numbers (also inside trace
 * keys and texts) and input hashes. Values under keys
 * that become equal are kept as a sorted list, so nothing is lost.
 */
function normalise(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalise);
  if (typeof v === 'string') return v.replace(LINE, '');
  if (v === null || typeof v !== 'object') return v;
  const groups = new Map<string, unknown[]>();
  for (const [k, x] of Object.entries(v)) {
    if (k === 'line' || k === 'sha256') continue;
    const key = k.replace(LINE, '');
    groups.set(key, [...(groups.get(key) ?? []), normalise(x)]);
  }
  const out: Record<string, unknown> = {};
  for (const [k, xs] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    out[k] = xs.length === 1 ? xs[0] : xs.map((x) => JSON.stringify(x)).sort();
  return out;
}

/** The rows of a CSV (header kept first) in the order of the draws (ties by position). */
function permuteRows(text: string, draw: readonly number[]): string {
  const [header, ...rows] = text.replace(/\n$/, '').split('\n');
  // rows holding quoted line breaks would be cut apart: the examples have none, and this says so
  expect(rows.every((r) => (r.match(/"/g)?.length ?? 0) % 2 === 0)).toBe(true);
  const keyed = rows.map((r, i) => ({ r, k: draw[i % draw.length]!, i }));
  keyed.sort((a, b) => a.k - b.k || a.i - b.i);
  return `${[header, ...keyed.map((x) => x.r)].join('\n')}\n`;
}

const PERMUTED = ['value', 'evaluate', 'spend'];
const permutable = cases.filter(
  (c) => PERMUTED.includes(c.argv[0]!) && formatsOf(c.argv[0]!).includes('json'),
);

describe('row order of the input files does not change the result', () => {
  it('covers value, evaluate and spend', () => {
    expect(new Set(permutable.map((c) => c.argv[0]))).toEqual(new Set(PERMUTED));
  });

  it.each(permutable)('$name', async ({ argv }) => {
    const json = withOption(withoutOption(argv, '--out'), '--format', 'json');
    const csvs = json.filter((a) => /^examples\/.+\.csv$/.test(a));
    const originals = new Map(csvs.map((f) => [f, readFileSync(join(work, f), 'utf8')]));
    const base = await runIn(work, json);
    expect(base.code, base.stderr).toBeLessThan(2);
    const expected = normalise(JSON.parse(base.stdout));
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat(), { minLength: 60, maxLength: 60 }), async (draw) => {
          for (const [f, text] of originals) writeFileSync(join(work, f), permuteRows(text, draw));
          const r = await runIn(work, json);
          expect(r.code).toBe(base.code);
          const got = normalise(JSON.parse(r.stdout)) as Record<string, unknown>;
          if (argv[0] === 'value') {
            expect(got.totals).toEqual((expected as Record<string, unknown>).totals);
          } else expect(got).toEqual(expected);
        }),
        runs(4),
      );
    } finally {
      for (const [f, text] of originals) writeFileSync(join(work, f), text);
    }
  });
});
