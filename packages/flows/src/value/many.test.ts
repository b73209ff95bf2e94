import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dec } from '@commonweal/core/money';
import { ValuationJsonSchema } from '@commonweal/core/valuation';
import { hashInputs } from '@commonweal/json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentText } from '../document/document';
import { type ValueFlowInput, type ValueFlowResult, valueFlow } from './value';

const DIR = fileURLToPath(new URL('../../../../examples/valuation/', import.meta.url));
const measures = readFileSync(`${DIR}measures.csv`, 'utf8');
const HEADER = 'measure,quantity,year,duration,deadweight,drop_off\n';

async function ok(input: ValueFlowInput): Promise<ValueFlowResult> {
  const r = await valueFlow(input);
  if (!r.ok) throw new Error(`${r.headline}: ${JSON.stringify(r.issues)}`);
  return r;
}

const row = fc
  .record({
    measure: fc.constantFrom('EX-JOB', 'WB1', 'CO2', 'EX-NEET', 'NOPE'),
    quantity: fc.integer({ min: 0, max: 5000 }).map((n) => (n / 10).toString()),
    year: fc.integer({ min: 2025, max: 2029 }),
    duration: fc.integer({ min: 1, max: 3 }),
    deadweight: fc.constantFrom('', '10%', '0.25'),
    dropOff: fc.constantFrom('', '5%'),
  })
  .map((r) => `${r.measure},${r.quantity},${r.year},${r.duration},${r.deadweight},${r.dropOff}\n`);

const files = (rows: string[], cuts: number[]) => {
  const at = [...new Set(cuts.map((c) => c % (rows.length + 1)))].sort((a, b) => a - b);
  const out: { name: string; text: string }[] = [];
  let from = 0;
  for (const p of [...at, rows.length]) {
    out.push({ name: `part-${out.length + 1}.csv`, text: HEADER + rows.slice(from, p).join('') });
    from = p;
  }
  return out;
};

describe('valueFlow over several entries files', () => {
  it('gives the figures of one file holding every row; files sum to the total', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        fc.option(fc.constant(2025), { nil: undefined }),
        async (rows, cuts, baseYear) => {
          const parts = files(rows, cuts);
          const one = await valueFlow({
            framework: { name: 'measures.csv', text: measures },
            entries: { name: 'all.csv', text: HEADER + rows.join('') },
            baseYear,
            investment: '1000',
          });
          const many = await valueFlow({
            framework: { name: 'measures.csv', text: measures },
            entries: parts,
            baseYear,
            investment: '1000',
          });
          expect(many.ok).toBe(one.ok);
          if (!one.ok || !many.ok) return;
          const a = one.document;
          const b = many.document;
          expect(b.totals).toEqual(a.totals);
          expect(b.sroi).toEqual(a.sroi);
          expect(b.recorded).toEqual(a.recorded);
          expect(b.options).toEqual(a.options);
          expect(b.counts).toEqual(a.counts);
          expect(many.lineCount).toBe(one.lineCount);
          const strip = (l: { trace: unknown; line?: number }) => ({
            ...l,
            trace: undefined,
            line: undefined,
          });
          expect(many.result.lines.map(strip)).toEqual(one.result.lines.map(strip));
          const f = b.files ?? [];
          expect(f.length).toBe(parts.length);
          let read = 0;
          let accepted = 0;
          let pv = dec(0);
          let gross = dec(0);
          for (const x of f) {
            expect(x.counts.read).toBe(x.counts.accepted + x.counts.rejected);
            read += x.counts.read;
            accepted += x.counts.accepted;
            pv = pv.plus(x.totals.presentValue);
            gross = gross.plus(x.totals.gross);
          }
          expect(read).toBe(many.counts.read);
          expect(accepted).toBe(many.counts.accepted);
          expect(many.counts).toEqual(one.counts);
          // each figure is exact to 40 significant digits, so their sum is within that of the total
          const near = (x: typeof pv, total: string) =>
            x.minus(total).abs().lte(dec(total).abs().plus(1).times('1e-35'));
          expect(near(pv, b.totals.presentValue)).toBe(true);
          expect(near(gross, b.totals.gross)).toBe(true);
          expect(ValuationJsonSchema.safeParse(b).success).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('puts each valuation issue on its own file and line, and hashes [framework, [texts], options]', async () => {
    const q1 = `${HEADER}EX-JOB,1,2026,1,,\n`;
    const q2 = `${HEADER}WB1,2,2026,1,,\nEX-JOB,3,2025,1,,\n`;
    const r = await ok({
      framework: { name: 'measures.csv', text: measures },
      entries: [
        { name: 'q1.csv', text: q1 },
        { name: 'q2.csv', text: q2 },
      ],
      baseYear: 2026,
    });
    const early = r.issues.find((i) => i.code === 'before_base_year');
    expect(early?.file).toBe('q2.csv');
    expect(early?.line).toBe(3);
    expect(r.files?.map((f) => [f.file, f.counts, f.entries])).toEqual([
      ['q1.csv', { read: 1, accepted: 1, rejected: 0 }, { start: 0, end: 1 }],
      ['q2.csv', { read: 2, accepted: 1, rejected: 1 }, { start: 1, end: 3 }],
    ]);
    expect(r.sha256).toBe(
      hashInputs(measures, [q1, q2], {
        discounting: 'green-book',
        baseYear: 2026,
        priceYear: r.result.priceYear ?? undefined,
        contractValue: undefined,
        investment: undefined,
      }),
    );
    // present value of q1 alone: EX-JOB 1 FTE × £21,000 × 0.75 × 0.9, year 0
    expect(r.files?.[0]?.totals.presentValue).toBe('14175');
  });

  it('keeps the bytes of one file given as a list of one', async () => {
    const text = `${HEADER}EX-JOB,1,2026,1,,\n`;
    const input = { framework: { name: 'measures.csv', text: measures } };
    const a = await ok({ ...input, entries: { name: 'a.csv', text } });
    const b = await ok({ ...input, entries: [{ name: 'a.csv', text }] });
    expect(documentText(b.document)).toBe(documentText(a.document));
    expect(b.files).toBeUndefined();
  });

  it('refuses a file given twice', async () => {
    const text = `${HEADER}EX-JOB,1,2026,1,,\n`;
    const r = await valueFlow({
      framework: { name: 'measures.csv', text: measures },
      entries: [
        { name: 'a.csv', text },
        { name: 'a.csv', text },
      ],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.code).toBe('duplicate_input');
  });

  it('hashes Windows-1252 bytes as the text they decode to', async () => {
    const h = `${HEADER.slice(0, -1)},notes\nEX-JOB,1,2026,1,,,£\n`;
    const bytes = Uint8Array.from([...h].map((c) => c.charCodeAt(0)));
    const r = await ok({
      framework: { name: 'measures.csv', text: measures },
      entries: {
        name: 'w.csv',
        chunks: (async function* () {
          yield bytes;
        })(),
      },
      encoding: 'windows-1252',
    });
    expect(r.sha256).toBe(
      hashInputs(measures, h, {
        discounting: 'green-book',
        baseYear: undefined,
        priceYear: r.result.priceYear ?? undefined,
        contractValue: undefined,
        investment: undefined,
      }),
    );
    // before, the bytes were decoded as UTF-8 for the hash: 0xA3 became U+FFFD
    expect(r.sha256).not.toBe(
      hashInputs(measures, h.replace('£', '\uFFFD'), {
        discounting: 'green-book',
        baseYear: undefined,
        priceYear: r.result.priceYear ?? undefined,
        contractValue: undefined,
        investment: undefined,
      }),
    );
  });
});
