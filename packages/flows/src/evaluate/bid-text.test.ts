import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dec } from '@commonweal/core/money';
import { type BidEvaluation, toBidJson } from '@commonweal/core/procurement';
import type { Trace } from '@commonweal/core/trace';
import { canonicalStringify } from '@commonweal/json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bidChunks, bidText } from './bid-text';
import { evaluateFlow } from './evaluate';

const TENDER = fileURLToPath(new URL('../../../../examples/tender/', import.meta.url));
const input = (name: string) => ({ name, text: readFileSync(join(TENDER, name), 'utf8') });

/** What evaluationDocumentParts wrote before: the bid's JSON copy, canonical, re-indented. */
const viaJson = (b: BidEvaluation, pad: string): string =>
  canonicalStringify(toBidJson(b), { indent: 2 }).replaceAll('\n', `\n${pad}`);

// Keys and texts that sort and escape differently: ASCII case, non-ASCII, astral, quotes, controls.
const word = fc.constantFrom(
  'a',
  'B',
  'evaluator E1',
  'evaluator E10',
  'é',
  'Z',
  '"q"',
  'tab\t',
  '😀',
  'ｚ',
  '',
);
const textArb = fc.oneof(word, fc.string({ unit: 'binary', maxLength: 8 }));
const source = fc.record(
  { title: textArb, licence: textArb, priceYear: fc.integer({ min: 1990, max: 2030 }), url: textArb },
  { requiredKeys: ['title', 'licence'] },
);
const trace: fc.Memo<Trace> = fc.memo((n) =>
  fc.record(
    {
      formula: textArb,
      result: textArb,
      notes: fc.array(textArb, { maxLength: 3 }),
      inputs: fc.dictionary(
        textArb,
        n <= 1
          ? fc.record({ value: textArb, source }, { requiredKeys: ['value'] })
          : fc.record({ value: textArb, source, trace: trace(n - 1) }, { requiredKeys: ['value'] }),
        { maxKeys: 4 },
      ),
    },
    { requiredKeys: ['formula', 'result', 'inputs'] },
  ),
);
const decimal = fc.option(
  fc.oneof(
    fc.integer().map(String),
    fc.constantFrom('0.4125', '-0', '1e-7', '123456789012345678901234567890.5'),
  ),
);
const bid = fc.record({
  bid: textArb,
  bidder: textArb,
  total: decimal,
  disqualified: fc.boolean(),
  reasons: fc.array(textArb, { maxLength: 3 }),
  flags: fc.array(
    fc.record({
      code: fc.constantFrom(
        'abnormally-low',
        'divergent-scores',
        'incomplete',
        'price-lines-mismatch' as const,
      ),
      criterion: fc.option(textArb),
      message: textArb,
    }),
    { maxLength: 3 },
  ),
  criteria: fc.array(
    fc.record({ criterion: textArb, raw: decimal, normalised: decimal, weighted: decimal, trace: trace(3) }),
    { maxLength: 4 },
  ),
});
type BidArb = typeof bid extends fc.Arbitrary<infer T> ? T : never;
const asBid = (b: BidArb): BidEvaluation => {
  const d = (s: string | null) => (s === null ? null : dec(s));
  return {
    ...b,
    total: d(b.total),
    criteria: b.criteria.map((c) => ({
      ...c,
      raw: d(c.raw),
      normalised: d(c.normalised),
      weighted: d(c.weighted),
    })),
  } as unknown as BidEvaluation;
};

describe('bidText', () => {
  it('is the bytes of the bid’s canonical JSON copy, for every bid of the example tender', async () => {
    const r = await evaluateFlow({
      model: input('model.json'),
      bids: input('bids.csv'),
      scores: input('scores.csv'),
      gates: input('gates.csv'),
    });
    if (!r.ok) throw new Error(r.headline);
    expect(r.evaluation.bids.length).toBe(5);
    for (const b of r.evaluation.bids) expect(bidText(b, '    ')).toBe(viaJson(b, '    '));
    const b1 = r.evaluation.bids.find((b) => b.bid === 'B1') as BidEvaluation;
    expect(bidText(b1).endsWith('\n  "total": "79.85660173160173160173160173160173160173"\n}')).toBe(true);
  });

  it('is the bytes of the canonical JSON copy for any bid (nested traces, sources, notes, odd keys)', () => {
    fc.assert(
      fc.property(bid, fc.constantFrom('', '    ', '\t'), (b, pad) => {
        const e = asBid(b);
        expect(bidText(e, pad)).toBe(viaJson(e, pad));
      }),
      { numRuns: 300 },
    );
  });

  it('writes a wide bid in chunks well below V8’s large-object size, the same bytes joined', async () => {
    const r = await evaluateFlow({
      model: input('model.json'),
      bids: input('bids.csv'),
      scores: input('scores.csv'),
      gates: input('gates.csv'),
    });
    if (!r.ok) throw new Error(r.headline);
    const one = r.evaluation.bids[0] as BidEvaluation;
    // 200 copies of the bid's criteria: about 250 KB as one text
    const wide = {
      ...one,
      criteria: Array.from({ length: 200 }, () => one.criteria).flat(),
    } as BidEvaluation;
    const chunks = [...bidChunks(wide, '    ')];
    expect(chunks.join('')).toBe(viaJson(wide, '    '));
    expect(chunks.length).toBeGreaterThan(10);
    for (const c of chunks) expect(c.length).toBeLessThan(16_384 + 4_000);
  });

  it('writes an empty trace and an empty bid as canonicalStringify does', () => {
    const empty = {
      bid: 'B1',
      bidder: 'X',
      total: null,
      disqualified: true,
      reasons: [],
      flags: [],
      criteria: [
        {
          criterion: 'c',
          raw: null,
          normalised: null,
          weighted: null,
          trace: { formula: 'f', inputs: {}, result: 'r' },
        },
      ],
    } as unknown as BidEvaluation;
    expect(bidText(empty)).toBe(
      '{\n  "bid": "B1",\n  "bidder": "X",\n  "criteria": [\n    {\n      "id": "c",\n      "normalised": null,\n      "raw": null,\n      "trace": {\n        "formula": "f",\n        "inputs": {},\n        "result": "r"\n      },\n      "weighted": null\n    }\n  ],\n  "disqualified": true,\n  "flags": [],\n  "reasons": [],\n  "total": null\n}',
    );
  });
});
