import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toCsv } from '@commonweal/csv';
import { canonicalStringify, hashInputs } from '@commonweal/json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentText } from '../document/document';
import type { FlowFailure } from '../inputs/inputs';
import {
  NOTHING_VALUED,
  VALUATION_CSV_COLUMNS,
  type ValueFlowInput,
  type ValueFlowResult,
  valueFlow,
} from './value';

const DIR = fileURLToPath(new URL('../../../../examples/valuation/', import.meta.url));
const measures = readFileSync(`${DIR}measures.csv`, 'utf8');
const commitments = readFileSync(`${DIR}commitments.csv`, 'utf8');
const bytes = new TextEncoder().encode(commitments);

const base: ValueFlowInput = {
  framework: { name: 'measures.csv', text: measures },
  entries: { name: 'commitments.csv', text: commitments },
  contractValue: '2400000',
  investment: '150000',
};

async function ok(input: ValueFlowInput): Promise<ValueFlowResult> {
  const r = await valueFlow(input);
  if (!r.ok) throw new Error(`${r.headline}: ${JSON.stringify(r.issues)}`);
  return r;
}

async function text(write: (w: (t: string) => void) => Promise<void>): Promise<string> {
  let out = '';
  await write((t) => {
    out += t;
  });
  return out;
}

/** The entries bytes cut at the given points, as an iterable read afresh each time. */
function chunked(points: number[]): AsyncIterable<Uint8Array> {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  return {
    async *[Symbol.asyncIterator]() {
      let from = 0;
      for (const p of [...at, bytes.length]) {
        yield bytes.subarray(from, p);
        from = p;
      }
    },
  };
}

describe('valueFlow on examples/valuation', () => {
  it('values the example (hand-checked EX-JOB line) and hashes its inputs as hashInputs does', async () => {
    const r = await ok(base);
    expect(r.counts).toEqual({ read: 5, accepted: 5, rejected: 0 });
    expect(r.lineCount).toBe(5);
    const job = r.result.lines.find((l) => l.measure === 'EX-JOB');
    // 12.5 FTE × £21,000 × 2 years gross; impact 12.5 × 21,000 × 0.75 × 0.9 = 177,187.5 a year
    expect(job?.gross.toString()).toBe('525000');
    expect(job?.impact.toString()).toBe('177187.5');
    // Green Book: 177,187.5 + 177,187.5 ÷ 1.035 = 348,383.15 to the penny
    expect(job?.presentValue.toFixed(2)).toBe('348383.15');
    expect(r.result.totals.presentValue.toFixed(2)).toBe('548302.92');
    expect(r.sha256).toBe(
      hashInputs(measures, commitments, {
        discounting: 'green-book',
        baseYear: undefined,
        priceYear: 2024,
        contractValue: '2400000',
        investment: '150000',
      }),
    );
    expect(r.sha256).toBe('6c277218474b3736900fe490a9a63f96f6f40bd6ce8d985f7bdd68dcad8e4e8a');
  });

  it('writes the totals document as documentText(document), and lines held or streamed alike', async () => {
    const held = await ok(base);
    const streamed = await ok({ ...base, holdLines: 0 });
    expect(streamed.result.lines).toHaveLength(0);
    const totals = await text((w) => held.writeJson(w));
    expect(totals).toBe(documentText(held.document));
    expect(await text((w) => streamed.writeJson(w))).toBe(totals);
    const withLines = await text((w) => held.writeJson(w, { lines: true }));
    expect(await text((w) => streamed.writeJson(w, { lines: true }))).toBe(withLines);
    expect(withLines).toBe(canonicalStringify(JSON.parse(withLines), { indent: 2, finalNewline: true }));
    expect(JSON.parse(withLines).lines).toHaveLength(5);
    const csv = await text((w) => held.writeCsv(w));
    expect(await text((w) => streamed.writeCsv(w))).toBe(csv);
    expect(csv.split('\n')[1]).toBe(
      '2,EX-JOB,jobs,more-local-people-in-good-work,FTE,12.5,2,21000,525000,177187.5,354375,348383.15217391304347826086956521739130434534375,298614.1304347826086956521739130434782608674375,398152.17391304347826086956521739130434782325,false',
    );
  });

  it("property: the lines CSV written from printed figures is the column writer's CSV of the lines, byte for byte", async () => {
    // measures whose text cells need quoting or a formula guard, a record-only one, negative and zero quantities
    const framework = [
      'code,title,theme,outcome,unit,proxy_value,proxy_low,proxy_high,price_year,currency,counting_rule,source,licence,allow_negative,deadweight,drop_off',
      'A1,Jobs,"jobs, local",=good work,FTE,21000.5,,25000,2024,GBP,perYear,ONS,OGL-UK-3.0,yes,0.1,0.2',
      'B2,Carbon,environment,,tCO2e,288.352,144.176,,2024,GBP,firstYearOnly,DESNZ,OGL-UK-3.0,,,',
      'R3,Share,jobs,,%,,,,,GBP,perYear,,,,,',
    ].join('\n');
    const row = fc.record({
      measure: fc.constantFrom('A1', 'B2', 'R3'),
      quantity: fc.oneof(
        fc.constant('0'),
        fc.integer({ min: -900, max: 90_000 }).map((n) => (n / 8).toString()),
      ),
      year: fc.integer({ min: 2024, max: 2060 }),
      duration: fc.constantFrom('', '1', '3', '35'),
      attribution: fc.constantFrom('', '0', '10%', '0.333'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 25 }), async (rows) => {
        const entries = [
          'measure,quantity,year,duration,attribution',
          ...rows.map((r) => `${r.measure},${r.quantity},${r.year},${r.duration},${r.attribution}`),
        ].join('\n');
        const input: ValueFlowInput = {
          framework: { name: 'measures.csv', text: framework },
          entries: { name: 'e.csv', text: entries },
        };
        const held = await valueFlow(input);
        const streamed = await valueFlow({ ...input, holdLines: 0 });
        if (!held.ok || !streamed.ok) throw new Error(`not valued: ${JSON.stringify(held)}`);
        const expected = toCsv(held.result.lines, VALUATION_CSV_COLUMNS);
        expect(await text((w) => held.writeCsv(w))).toBe(expected);
        expect(await text((w) => streamed.writeCsv(w))).toBe(expected);
        // written in the totals' read: at the scanned base year, and at one given
        expect(await text((w) => valueFlow({ ...input, holdLines: 0, linesCsv: w }).then(() => {}))).toBe(
          expected,
        );
        const given = await valueFlow({ ...input, baseYear: 2024 });
        if (!given.ok) throw new Error('not valued at 2024');
        expect(
          await text((w) =>
            valueFlow({ ...input, baseYear: 2024, holdLines: 0, linesCsv: w }).then(() => {}),
          ),
        ).toBe(toCsv(given.result.lines, VALUATION_CSV_COLUMNS));
      }),
      { seed: 11, numRuns: 60 },
    );
  });

  it('property: any chunking of the entries bytes gives the same sha256 and bytes', async () => {
    const whole = await ok({ ...base, holdLines: 0 });
    const csv = await text((w) => whole.writeCsv(w));
    const json = await text((w) => whole.writeJson(w, { lines: true }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 10 }), async (points) => {
        const r = await ok({
          ...base,
          entries: { name: 'commitments.csv', chunks: chunked(points) },
          holdLines: 0,
        });
        expect(r.sha256).toBe(whole.sha256);
        expect(await text((w) => r.writeCsv(w))).toBe(csv);
        expect(await text((w) => r.writeJson(w, { lines: true }))).toBe(json);
      }),
      { seed: 3, numRuns: 40 },
    );
  });

  it('hashes the first-period convention with the options, and only when it is asked for', async () => {
    const r = await ok({ ...base, firstPeriodDiscounted: true });
    expect(r.sha256).not.toBe((await ok(base)).sha256);
    expect(r.document.options.firstPeriodDiscounted).toBe(true);
  });
});

describe('valueFlow: bad input is answered', () => {
  it('an entries file that is not an entries table', async () => {
    const r = (await valueFlow({ ...base, entries: { name: 'x.csv', text: 'a,b\n1,2\n' } })) as FlowFailure;
    expect(r.ok).toBe(false);
    expect(r.headline).toBe('x.csv cannot be read as an entries table');
    expect(r.issues[0]?.file).toBe('x.csv');
  });

  it('every row rejected: the rows’ issues, located', async () => {
    const r = (await valueFlow({
      ...base,
      entries: { name: 'e.csv', text: 'measure,quantity,year\nNOPE,1,2026\n' },
    })) as FlowFailure;
    expect(r.headline).toBe(NOTHING_VALUED);
    expect(r.issues[0]).toMatchObject({ code: 'unknown_measure', file: 'e.csv', line: 2 });
  });

  it('a discounting or a money option that cannot be used', async () => {
    const d = (await valueFlow({ ...base, discounting: 'sometimes' })) as FlowFailure;
    expect(d.headline).toBe('the discounting sometimes cannot be used');
    const m = (await valueFlow({ ...base, investment: 'lots' })) as FlowFailure;
    expect(m.headline).toBe('the investment lots cannot be used');
    expect(m.issues[0]?.field).toBe('investment');
  });
});

describe('counts in the JSON', () => {
  const lines = commitments.trimEnd().split('\n');
  const withUnknown = `${[lines[0], lines[1], 'NOPE,3,2026,1,,,,,yes,X,C,,'].join('\n')}\n`;

  it('count a row the reader refuses as read and rejected, as the flow does', async () => {
    const r = await ok({ ...base, entries: { name: 'c.csv', text: withUnknown } });
    expect(r.counts).toEqual({ read: 2, accepted: 1, rejected: 1 });
    expect(r.document.counts).toEqual({ read: 2, accepted: 1, rejected: 1 });
  });

  it('do the same over several files', async () => {
    const r = await ok({
      ...base,
      entries: [
        { name: 'a.csv', text: withUnknown },
        { name: 'b.csv', text: `${lines[0]}\n${lines[2]}\n` },
      ],
    });
    expect(r.document.counts).toEqual({ read: 3, accepted: 2, rejected: 1 });
  });
});

describe('valueFlow linesCsv: the lines written in the totals’ read', () => {
  const framework: ValueFlowInput['framework'] = { name: 'measures.csv', text: measures };
  const header = 'measure,quantity,year,duration';

  /** A text source that counts how often it is read from the start. */
  function counted(text: string): { source: AsyncIterable<string>; reads: () => number } {
    let reads = 0;
    return {
      source: {
        async *[Symbol.asyncIterator]() {
          reads++;
          for (let i = 0; i < text.length; i += 4096) yield text.slice(i, i + 4096);
        },
      },
      reads: () => reads,
    };
  }

  /** The lines CSV by `linesCsv`, the one `writeCsv` writes afterwards, and the reads of each. */
  async function both(entries: string, extra: Partial<ValueFlowInput> = {}) {
    const a = counted(entries);
    let early = '';
    const r = await ok({
      framework,
      entries: { name: 'e.csv', chunks: a.source },
      holdLines: 0,
      ...extra,
      linesCsv: (t) => {
        early += t;
      },
    });
    const readsEarly = a.reads();
    const later = await text((w) => r.writeCsv(w));
    return { early, later, readsEarly, baseYear: r.result.baseYear };
  }

  it('reads a file once past a quick scan of its years when a row of the earliest year is accepted', async () => {
    const rows = [header, 'EX-JOB,2,2027,1', 'WB1,1.5,2026,3', 'CO2,4,2028,2', 'EX-NEET,3,2026,1'];
    const r = await both(rows.join('\n'));
    expect(r.baseYear).toBe(2026);
    expect(r.early).toBe(r.later);
    // 2 FTE × 21,000 × (1 − 0.25) × (1 − 0.1) = 28,350 in 2027, discounted one year at 3.5 %
    expect(r.early.split('\n')[1]).toBe(
      '2,EX-JOB,jobs,more-local-people-in-good-work,FTE,2,1,21000,42000,28350,28350,27391.304347826086956521739130434782608695255,23478.26086956521739130434782608695652173879,31304.34782608695652173913043478260869565172,false',
    );
    expect(r.readsEarly).toBe(2); // the scan and the read: no second read for the lines
  });

  it('a base year given needs no scan', async () => {
    const r = await both([header, 'EX-JOB,2,2027,1', 'WB1,1.5,2030,3'].join('\n'), { baseYear: 2025 });
    expect(r.baseYear).toBe(2025);
    expect(r.early).toBe(r.later);
    expect(r.readsEarly).toBe(1);
  });

  it('reads the lines again when every row of the scanned year is rejected', async () => {
    // 2024's one row names no measure in the framework: the scan sees its year, the valuation does not
    const r = await both([header, 'EX-JOB,2,2027,1', 'NOPE,1,2024,1', 'WB1,1.5,2026,3'].join('\n'));
    expect(r.baseYear).toBe(2026);
    expect(r.early).toBe(r.later);
    expect(r.early.split('\n')).toHaveLength(4); // header, two lines, final newline
    expect(r.readsEarly).toBe(3);
  });

  it('reads the lines again when the earliest year comes after more lines than it holds', async () => {
    const many = Array.from({ length: 9000 }, (_, i) => `EX-JOB,${i + 1},2030,1`);
    const r = await both([header, ...many, 'WB1,1,2026,1'].join('\n'));
    expect(r.baseYear).toBe(2026);
    expect(r.early).toBe(r.later);
    expect(r.early.length).toBeGreaterThan(1 << 20);
    expect(r.readsEarly).toBe(3);
  });

  it('writes the same for JSON entries and several files, and nothing when the flow fails', async () => {
    const json = JSON.stringify([{ measure: 'EX-JOB', quantity: '2', year: 2026 }]);
    let early = '';
    const r = await ok({ framework, entries: { name: 'e.json', text: json }, linesCsv: (t) => (early += t) });
    expect(early).toBe(await text((w) => r.writeCsv(w)));
    let many = '';
    const m = await ok({
      framework,
      entries: [
        { name: 'a.csv', text: `${header}\nEX-JOB,2,2027,1\n` },
        { name: 'b.csv', text: `${header}\nWB1,1,2026,1\n` },
      ],
      linesCsv: (t) => (many += t),
    });
    expect(many).toBe(await text((w) => m.writeCsv(w)));
    let failed = '';
    const f = await valueFlow({
      framework,
      entries: { name: 'e.csv', text: `${header}\nNOPE,1,2026,1\n` },
      linesCsv: (t) => (failed += t),
    });
    expect(f.ok).toBe(false);
    expect(failed).toBe('');
  });
});
