import { describe, expect, it } from 'vitest';
import { evaluate, parseEvaluationInput } from './evaluate';
import { EvaluationJsonSchema, toEvaluationJson } from './json';
import type { EvaluationInputJson } from './schema';
import { assessmentSummaries } from './summary';

const json: EvaluationInputJson = {
  model: {
    id: 'T-2025-07',
    title: 'Youth services',
    currency: 'GBP',
    criteria: [
      { id: 'insurance', title: 'Insurance in place', type: 'pass-fail' },
      { id: 'price', title: 'Price', weight: 40, type: 'price', method: 'lowest-ratio' },
      {
        id: 'quality',
        title: 'Quality',
        weight: 60,
        type: 'group',
        criteria: [
          {
            id: 'method',
            title: 'Method | approach',
            weight: 50,
            type: 'quality',
            scale: {
              levels: [
                { score: 0, label: 'Unacceptable' },
                { score: 2, label: 'Acceptable', descriptor: 'Meets the requirement' },
                { score: 4, label: 'Excellent' },
              ],
            },
          },
          { id: 'staff', title: 'Staffing', weight: 50, type: 'quality', scale: { max: 10 }, minimum: 3 },
        ],
      },
    ],
  },
  bids: [
    {
      bid: 'A',
      bidder: 'Acme Youth CIC',
      price: 90000,
      supplierId: 'GB-PPON-AAAA-1111',
      address: '1 High St',
    },
    { bid: 'B', bidder: 'Brill Ltd', price: 100000 },
    { bid: 'C', bidder: 'Cato plc', price: 80000 },
  ],
  scores: [
    { bid: 'A', criterion: 'method', evaluator: 'E1', score: 4, comment: 'Detailed plan with milestones' },
    { bid: 'A', criterion: 'staff', evaluator: 'E1', score: 8, comment: 'Qualified youth workers' },
    { bid: 'B', criterion: 'method', evaluator: 'E1', score: 2, comment: 'Generic plan' },
    { bid: 'B', criterion: 'staff', evaluator: 'E1', score: 6 },
    { bid: 'C', criterion: 'method', evaluator: 'E1', score: 4 },
    { bid: 'C', criterion: 'staff', evaluator: 'E1', score: 9 },
  ],
  gates: [
    { bid: 'A', criterion: 'insurance', result: 'pass' },
    { bid: 'B', criterion: 'insurance', result: 'pass' },
    { bid: 'C', criterion: 'insurance', result: 'fail', reason: 'No public liability cover' },
  ],
};

function evaluation() {
  const input = parseEvaluationInput(json);
  if (!input.ok) throw new Error(JSON.stringify(input.issues));
  const r = evaluate(input.value);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

describe('assessment summaries (PA 2023 s50; Procurement Regulations 2024 reg 31)', () => {
  const e = evaluation();
  const summaries = assessmentSummaries(e);
  const byBid = (id: string) => summaries.find((s) => s.bid === id);

  it('one summary per assessed tender, with scores, reasons, how assessed and available scores', () => {
    // A: price 40 (lowest compliant: C is disqualified) + method 4/4 × 30 + staff 0.8 × 30 = 40 + 30 + 24 = 94
    // B: 40 × 0.9 = 36 + 15 + 18 = 69
    expect(summaries.map((s) => [s.bid, s.total?.toString() ?? null, s.rank])).toEqual([
      ['A', '94', 1],
      ['B', '69', 2],
      ['C', null, null],
    ]);
    const a = byBid('A');
    expect(a?.isWinner).toBe(true);
    expect(a?.whyNotWinner).toEqual([]);
    const method = a?.criteria.find((c) => c.criterion === 'method');
    expect(method?.reasons).toEqual(['E1: Detailed plan with milestones']);
    expect(method?.availableScores).toBe(
      '0 (Unacceptable), 2 (Acceptable: Meets the requirement), 4 (Excellent)',
    );
    expect(method?.howAssessed).toContain('Weighted 50 % of "Quality" (30 % of the total)');
    expect(a?.criteria.find((c) => c.criterion === 'price')?.howAssessed).toContain('lowest compliant price');
    expect(a?.criteria.find((c) => c.criterion === 'staff')?.howAssessed).toContain('below 3 disqualifies');
  });

  it('why a tender did not win: the total gap and the criteria where the winner scored more', () => {
    expect(byBid('B')?.whyNotWinner).toEqual([
      'Ranked 2 of 2 with a total of 69.00 out of 100; the winning tender scored 94.00.',
      'On "Quality" this tender scored 33.00 weighted points against the winning tender\'s 54.00.',
      'On "Price" this tender scored 36.00 weighted points against the winning tender\'s 40.00.',
    ]);
    expect(byBid('C')?.whyNotWinner).toEqual([
      'Disqualified: failed "Insurance in place": No public liability cover.',
    ]);
    expect(byBid('C')?.winner?.bid).toBe('A');
    expect(byBid('B')?.winner?.total.toString()).toBe('94');
  });
});

describe('toEvaluationJson: the stable JSON contract', () => {
  it('matches EvaluationJsonSchema, has decimals as strings and no undefined anywhere', () => {
    const out = toEvaluationJson(evaluation(), { sha256: 'abc123' });
    expect(EvaluationJsonSchema.safeParse(out).success).toBe(true);
    const text = JSON.stringify(out);
    expect(JSON.parse(text)).toEqual(out); // no undefined members, nothing lost
    expect(out.ranking).toEqual([
      { bid: 'A', bidder: 'Acme Youth CIC', rank: 1, total: '94' },
      { bid: 'B', bidder: 'Brill Ltd', rank: 2, total: '69' },
    ]);
    expect(out.sha256).toBe('abc123');
    const c = out.bids.find((b) => b.bid === 'C');
    expect([c?.total, c?.disqualified, c?.reasons]).toEqual([
      null,
      true,
      ['failed "Insurance in place": No public liability cover'],
    ]);
    expect(out.bids[1]?.criteria.map((x) => [x.id, x.raw, x.weighted])).toEqual([
      ['insurance', null, null],
      ['price', '90', '36'],
      ['quality', '55', '33'],
      ['method', '2', '15'],
      ['staff', '6', '18'],
    ]);
    expect(out.sensitivity.map((s) => [s.criterion, s.weight, s.flipsAt, s.newWinner])).toEqual([
      ['price', '40', null, null],
      ['quality', '60', null, null],
    ]);
  });

  it('is byte-identical for the same input', () => {
    expect(JSON.stringify(toEvaluationJson(evaluation()))).toBe(
      JSON.stringify(toEvaluationJson(evaluation())),
    );
  });
});
