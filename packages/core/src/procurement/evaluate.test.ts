import { describe, expect, it } from 'vitest';
import type { FrameworkInput } from '../framework/schema';
import { dec } from '../money/decimal';
import { traceToText } from '../trace/trace';
import { evaluate, parseEvaluationInput } from './evaluate';
import { validateModel } from './model';
import type { EvaluationInputJson, EvaluationModelInput } from './schema';
import type { TenderEvaluation } from './types';

function run(json: EvaluationInputJson) {
  const input = parseEvaluationInput(json);
  if (!input.ok) throw new Error(JSON.stringify(input.issues, null, 2));
  return evaluate(input.value);
}

function value(json: EvaluationInputJson): TenderEvaluation & { issues: ReturnType<typeof run>['issues'] } {
  const r = run(json);
  if (!r.ok) throw new Error(JSON.stringify(r.issues, null, 2));
  return { ...r.value, issues: r.issues };
}

const priceQuality: EvaluationModelInput = {
  id: 'T1',
  title: 'Cleaning services',
  currency: 'GBP',
  criteria: [
    { id: 'price', title: 'Price', weight: 40, type: 'price', method: 'lowest-ratio' },
    { id: 'quality', title: 'Quality', weight: 60, type: 'quality', scale: { max: 10 } },
  ],
};

const total = (e: TenderEvaluation, bid: string) =>
  e.bids.find((b) => b.bid === bid)?.total?.toString() ?? null;
const bidOf = (e: TenderEvaluation, bid: string) => {
  const b = e.bids.find((x) => x.bid === bid);
  if (!b) throw new Error(`no bid ${bid}`);
  return b;
};

describe('evaluate: weighted totals and ranking', () => {
  it('price 40 / quality 60, hand-checked: A 40 + 36 = 76, B 32 + 54 = 86 → B wins', () => {
    const e = value({
      model: priceQuality,
      bids: [
        { bid: 'A', bidder: 'Acme', price: '100000' },
        { bid: 'B', bidder: 'Brill', price: '125000' },
      ],
      scores: [
        { bid: 'A', criterion: 'quality', evaluator: 'E1', score: 6, comment: 'Adequate plan' },
        { bid: 'B', criterion: 'quality', evaluator: 'E1', score: 9, comment: 'Strong plan' },
      ],
    });
    expect(total(e, 'A')).toBe('76');
    expect(total(e, 'B')).toBe('86');
    expect(e.winner).toBe('B');
    expect(e.ranking.map((r) => [r.bid, r.rank])).toEqual([
      ['B', 1],
      ['A', 2],
    ]);
    const price = bidOf(e, 'B').criteria.find((c) => c.criterion === 'price');
    expect([price?.raw?.toString(), price?.normalised?.toString(), price?.weighted?.toString()]).toEqual([
      '80',
      '0.8',
      '32',
    ]);
    const text = traceToText(price?.trace ?? { formula: '', inputs: {}, result: '' });
    expect(text).toContain('M × Pmin ÷ Pi');
    expect(text).toContain('effective weight');
    expect(traceToText(bidOf(e, 'B').totalTrace ?? { formula: '', inputs: {}, result: '' })).toContain(
      '86 = total',
    );
    expect(e.issues).toEqual([]);
  });

  it('nested groups: weighted = normalised × product of weights down the tree', () => {
    const e = value({
      model: {
        id: 'T2',
        title: 'Care at home',
        currency: 'GBP',
        criteria: [
          {
            id: 'quality',
            title: 'Quality',
            weight: 60,
            type: 'group',
            criteria: [
              { id: 'method', title: 'Method', weight: 75, type: 'quality', scale: { max: 4 } },
              { id: 'staff', title: 'Staffing', weight: 25, type: 'quality', scale: { max: 4 } },
            ],
          },
          { id: 'price', title: 'Price', weight: 40, type: 'price', method: 'lowest-ratio' },
        ],
      },
      bids: [{ bid: 'A', bidder: 'Acme', price: 1000 }],
      scores: [
        { bid: 'A', criterion: 'method', evaluator: 'E1', score: 3 },
        { bid: 'A', criterion: 'staff', evaluator: 'E1', score: 2 },
      ],
    });
    const a = bidOf(e, 'A');
    const get = (id: string) => a.criteria.find((c) => c.criterion === id);
    // method: 3/4 × 60 % × 75 % = 0.75 × 45 = 33.75; staff: 0.5 × 15 = 7.5; group raw 56.25 of 100 → 33.75 + 7.5
    expect(get('method')?.weighted?.toString()).toBe('33.75');
    expect(get('method')?.effectiveWeight.toString()).toBe('45');
    expect(get('staff')?.weighted?.toString()).toBe('7.5');
    expect(get('quality')?.raw?.toString()).toBe('68.75');
    expect(get('quality')?.weighted?.toString()).toBe('41.25');
    expect(a.total?.toString()).toBe('81.25');
  });

  it('equal totals without a tie-break share a rank, listed by bid id; a tie-break on a criterion separates them', () => {
    // equal prices and equal quality scores: X and Y both 40 + 30 = 70
    const json: EvaluationInputJson = {
      model: priceQuality,
      bids: [
        { bid: 'Y', bidder: 'Yew', price: 1000 },
        { bid: 'X', bidder: 'Xeno', price: 1000 },
      ],
      scores: [
        { bid: 'X', criterion: 'quality', evaluator: 'E1', score: 5 },
        { bid: 'Y', criterion: 'quality', evaluator: 'E1', score: 5 },
      ],
    };
    const tied = value(json);
    expect(tied.ranking.map((r) => [r.bid, r.rank])).toEqual([
      ['X', 1],
      ['Y', 1],
    ]);
    expect(tied.winner).toBeNull();
    expect(tied.issues.map((i) => i.code)).toEqual(['tie_for_first']);
    expect(tied.sensitivity[0]?.note).toContain('tie for first');

    // Tie-break on quality: B has more quality at an equal total.
    const tb = value({
      model: {
        ...priceQuality,
        criteria: [
          { id: 'price', title: 'Price', weight: 50, type: 'price', method: 'lowest-ratio' },
          { id: 'quality', title: 'Quality', weight: 50, type: 'quality', scale: { max: 10 } },
        ],
        tieBreak: ['quality'],
      },
      bids: [
        { bid: 'A', bidder: 'Acme', price: 100 },
        { bid: 'B', bidder: 'Brill', price: 125 },
      ],
      // A: 50 + 5 × 4 = 70; B: 50 × 0.8 = 40 + 5 × 6 = 70
      scores: [
        { bid: 'A', criterion: 'quality', evaluator: 'E1', score: 4 },
        { bid: 'B', criterion: 'quality', evaluator: 'E1', score: 6 },
      ],
    });
    expect([total(tb, 'A'), total(tb, 'B')]).toEqual(['70', '70']);
    expect(tb.ranking.map((r) => [r.bid, r.rank])).toEqual([
      ['B', 1],
      ['A', 2],
    ]);
    expect(tb.winner).toBe('B');
  });

  it('totals are compared at full precision, not at display rounding', () => {
    const e = value({
      model: priceQuality,
      bids: [
        { bid: 'A', bidder: 'Acme', price: '300' },
        { bid: 'B', bidder: 'Brill', price: '300.0003' },
      ],
      scores: [
        { bid: 'A', criterion: 'quality', evaluator: 'E1', score: 5 },
        { bid: 'B', criterion: 'quality', evaluator: 'E1', score: 5 },
      ],
    });
    expect(bidOf(e, 'A').total?.toFixed(2)).toBe(bidOf(e, 'B').total?.toFixed(2));
    expect(e.ranking.map((r) => [r.bid, r.rank])).toEqual([
      ['A', 1],
      ['B', 2],
    ]);
  });
});

describe('model validation', () => {
  it('weights not summing to 100 give an issue naming the group', () => {
    const r = validateModel({
      ...priceQuality,
      criteria: [
        { id: 'price', title: 'Price', weight: 40, type: 'price', method: 'lowest-ratio' },
        {
          id: 'q',
          title: 'Quality',
          weight: 60,
          type: 'group',
          criteria: [
            { id: 'a', title: 'A', weight: '33.3', type: 'quality', scale: { max: 5 } },
            { id: 'b', title: 'B', weight: '33.3', type: 'quality', scale: { max: 5 } },
            { id: 'c', title: 'C', weight: '33.3', type: 'quality', scale: { max: 5 } },
          ],
        },
      ],
    });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(['weights_not_100']);
    expect(r.issues[0]?.message).toContain('group "Quality" (q) sum to 99.9');
    expect(r.issues[0]?.path).toEqual(['criteria', 1, 'criteria']);
  });

  it('decimal weights that sum exactly to 100 are accepted (33.3 + 33.3 + 33.4)', () => {
    const r = validateModel({
      ...priceQuality,
      criteria: [
        { id: 'a', title: 'A', weight: '33.3', type: 'quality', scale: { max: 5 } },
        { id: 'b', title: 'B', weight: '33.3', type: 'quality', scale: { max: 5 } },
        { id: 'c', title: 'C', weight: '33.4', type: 'price', method: 'spread' },
      ],
    });
    expect(r.ok).toBe(true);
  });

  it('answers gates with weight, budget without ceiling, unknown tie-breaks, duplicate ids and bad levels', () => {
    const r = validateModel({
      ...priceQuality,
      tieBreak: ['nope', 'gate'],
      criteria: [
        { id: 'gate', title: 'Insurance', type: 'pass-fail', weight: 5 },
        { id: 'price', title: 'Price', weight: 40, type: 'price', method: 'budget', reference: 100 },
        {
          id: 'price',
          title: 'Quality',
          weight: 60,
          type: 'quality',
          scale: {
            levels: [
              { score: 0, label: 'Poor' },
              { score: 0, label: 'Also poor' },
            ],
          },
          minimum: 3,
        },
      ],
    });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code).sort()).toEqual(
      [
        'budget_incomplete',
        'duplicate_criterion',
        'gate_weighted',
        'minimum_off_scale',
        'scale_invalid',
        'scale_invalid',
        'tie_break_gate',
        'unknown_criterion',
      ].sort(),
    );
  });

  it('schema errors carry the JSON path', () => {
    const r = validateModel({
      ...priceQuality,
      criteria: [{ id: 'p', title: 'P', weight: 'ten', type: 'price', method: 'lowest-ratio' }],
    });
    expect(r.ok).toBe(false);
    expect(r.issues[0]?.path).toEqual(['criteria', 0, 'weight']);
  });

  it('evaluate refuses an unsound model and repeated bid ids', () => {
    const input = parseEvaluationInput({
      model: priceQuality,
      bids: [
        { bid: 'A', bidder: 'a', price: 1 },
        { bid: 'A', bidder: 'b', price: 2 },
      ],
    });
    expect(input.ok).toBe(true);
    if (!input.ok) return;
    const r = evaluate(input.value);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([['duplicate_bid', ['bids', 1, 'bid']]]);
    const bad = evaluate({
      ...input.value,
      model: { ...input.value.model, criteria: input.value.model.criteria.slice(0, 1) },
    });
    expect(bad.ok).toBe(false);
    expect(bad.issues[0]?.code).toBe('weights_not_100');
    expect(bad.issues[0]?.path).toEqual(['model', 'criteria']);
  });
});

const gated: EvaluationModelInput = {
  ...priceQuality,
  criteria: [
    { id: 'insurance', title: 'Insurance in place', type: 'pass-fail' },
    { id: 'price', title: 'Price', weight: 40, type: 'price', method: 'lowest-ratio' },
    { id: 'quality', title: 'Quality', weight: 60, type: 'quality', scale: { max: 10 }, minimum: 4 },
  ],
};

describe('gates, minimums and compliance', () => {
  const json: EvaluationInputJson = {
    model: gated,
    bids: [
      { bid: 'A', bidder: 'Acme', price: 100 },
      { bid: 'B', bidder: 'Brill', price: 50 },
      { bid: 'C', bidder: 'Cato', price: 60 },
      { bid: 'D', bidder: 'Dale', price: 80 },
    ],
    scores: [
      { bid: 'A', criterion: 'quality', evaluator: 'E1', score: 8 },
      { bid: 'B', criterion: 'quality', evaluator: 'E1', score: 9 },
      { bid: 'C', criterion: 'quality', evaluator: 'E1', score: 3, comment: 'No staffing plan' },
      { bid: 'D', criterion: 'quality', evaluator: 'E1', score: 5 },
    ],
    gates: [
      { bid: 'A', criterion: 'insurance', result: 'pass' },
      { bid: 'B', criterion: 'insurance', result: 'fail', reason: 'No employer liability cover' },
      { bid: 'C', criterion: 'insurance', result: 'pass' },
      { bid: 'D', criterion: 'insurance', result: 'pass' },
    ],
  };

  it('a failed gate and a score below the minimum disqualify, with reasons; neither sets Pmin', () => {
    const e = value(json);
    expect(bidOf(e, 'B').status).toBe('disqualified');
    expect(bidOf(e, 'B').reasons).toEqual(['failed "Insurance in place": No employer liability cover']);
    expect(bidOf(e, 'C').reasons).toEqual(['scored 3 on "Quality", below the minimum of 4']);
    expect(bidOf(e, 'B').total).toBeNull();
    // Pmin is D's 80 (B's 50 and C's 60 are excluded): A = 40 × 80/100 = 32 + 48 = 80; D = 40 + 30 = 70
    expect(total(e, 'A')).toBe('80');
    expect(total(e, 'D')).toBe('70');
    expect(e.ranking.map((r) => r.bid)).toEqual(['A', 'D']);
    expect(e.counts).toEqual({ bids: 4, ranked: 2, disqualified: 2, incomplete: 0 });
    const bq = bidOf(e, 'B').criteria.find((c) => c.criterion === 'quality');
    expect(bq?.raw?.toString()).toBe('9'); // quality is still recorded for the assessment summary
    expect(bidOf(e, 'B').criteria.find((c) => c.criterion === 'price')?.trace.formula).toContain(
      'disqualified',
    );
    expect(bidOf(e, 'A').criteria.find((c) => c.criterion === 'insurance')?.gate).toBe('pass');
  });

  it('a missing gate result or score makes the bid incomplete (not ranked, never scored 0) with an issue', () => {
    const e = value({
      ...json,
      gates: (json.gates ?? []).filter((g) => g.bid !== 'D'),
      scores: json.scores?.filter((s) => s.bid !== 'A'),
    });
    expect(bidOf(e, 'A').status).toBe('incomplete');
    expect(bidOf(e, 'D').status).toBe('incomplete');
    expect(e.ranking).toEqual([]);
    expect(e.winner).toBeNull();
    expect(e.issues.map((i) => i.code).sort()).toEqual(['missing_gate', 'missing_score']);
    expect(bidOf(e, 'A').flags.map((f) => f.code)).toEqual(['incomplete']);
    expect(bidOf(e, 'A').flags[0]?.message).toContain('Quality (no score)');
    // incomplete bids stay in the price set (not found non-compliant): D's 80 still sets Pmin for A
    expect(
      bidOf(e, 'A')
        .criteria.find((c) => c.criterion === 'price')
        ?.raw?.toString(),
    ).toBe('80');
  });

  it('rows for unknown bids or criteria, or for criteria evaluators do not score, are issues', () => {
    const r = run({
      ...json,
      scores: [
        ...(json.scores ?? []),
        { bid: 'Q', criterion: 'quality', evaluator: 'E1', score: 1 },
        { bid: 'A', criterion: 'nope', evaluator: 'E1', score: 1 },
        { bid: 'A', criterion: 'price', evaluator: 'E1', score: 1, line: 12 },
      ],
    });
    expect(r.issues.map((i) => [i.code, i.path, i.line])).toEqual([
      ['unknown_bid', ['scores', 4], undefined],
      ['unknown_criterion', ['scores', 5], undefined],
      ['criterion_not_scorable', ['scores', 6], 12],
    ]);
  });

  it('a zero price under lowest-ratio: an issue, the bid is incomplete, others are scored without it', () => {
    const e = value({
      model: priceQuality,
      bids: [
        { bid: 'A', bidder: 'Acme', price: 0 },
        { bid: 'B', bidder: 'Brill', price: 100 },
      ],
      scores: [
        { bid: 'A', criterion: 'quality', evaluator: 'E1', score: 5 },
        { bid: 'B', criterion: 'quality', evaluator: 'E1', score: 5 },
      ],
    });
    expect(e.issues.map((i) => [i.code, i.path])).toEqual([['price_not_positive', ['bids', 0, 'price']]]);
    expect(bidOf(e, 'A').status).toBe('incomplete');
    expect(total(e, 'B')).toBe('70');
  });

  it('abnormally low prices are flagged, never disqualified', () => {
    const e = value({
      model: { ...priceQuality, abnormallyLow: { share: '0.8', basis: 'mean' } },
      bids: [
        { bid: 'A', bidder: 'Acme', price: 50 },
        { bid: 'B', bidder: 'Brill', price: 100 },
        { bid: 'C', bidder: 'Cato', price: 120 },
      ],
      scores: ['A', 'B', 'C'].map((bid) => ({ bid, criterion: 'quality', evaluator: 'E1', score: 5 })),
    });
    // mean 90, 80 % = 72: A (50) flagged only
    expect(e.bids.map((b) => [b.bid, b.flags.map((f) => f.code)])).toEqual([
      ['A', ['abnormally-low']],
      ['B', []],
      ['C', []],
    ]);
    expect(bidOf(e, 'A').status).toBe('ranked');
    expect(bidOf(e, 'A').flags[0]?.message).toContain('s19(4)–(5)');
    // in words: money as money, the share as a percentage
    expect(bidOf(e, 'A').flags[0]?.message).toMatch(
      /^price £50\.00 is below 80% of the mean compliant price \(£90\.00\): ask the supplier/,
    );
  });

  it('flag messages round a 40-digit mean for display (the trace keeps it in full)', () => {
    const e = value({
      model: { ...priceQuality, abnormallyLow: { share: '0.855', basis: 'mean' } },
      bids: [
        { bid: 'A', bidder: 'Acme', price: '1640000' },
        { bid: 'B', bidder: 'Brill', price: '2245000' },
        { bid: 'C', bidder: 'Cato', price: '2310000' },
      ],
      scores: ['A', 'B', 'C'].map((bid) => ({ bid, criterion: 'quality', evaluator: 'E1', score: 5 })),
    });
    // mean (1,640,000 + 2,245,000 + 2,310,000) ÷ 3 = 2,065,000; 85.5 % of it = 1,765,575: A flagged
    expect(bidOf(e, 'A').flags[0]?.message).toMatch(
      /^price £1,640,000\.00 is below 85\.5% of the mean compliant price \(£2,065,000\.00\)/,
    );
    // (100 + 200 + 202) ÷ 3 = 167.333…: £167.33 in the message, 80 % of it 133.87 > 100: A flagged
    const third = value({
      model: { ...priceQuality, abnormallyLow: { share: '0.8', basis: 'mean' } },
      bids: [
        { bid: 'A', bidder: 'Acme', price: '100' },
        { bid: 'B', bidder: 'Brill', price: '200' },
        { bid: 'C', bidder: 'Cato', price: '202' },
      ],
      scores: ['A', 'B', 'C'].map((bid) => ({ bid, criterion: 'quality', evaluator: 'E1', score: 5 })),
    });
    expect(bidOf(third, 'A').flags[0]?.message).toContain('of the mean compliant price (£167.33)');
  });

  it('a mean score below the minimum is shown to 2 places, never rounded up to the minimum', () => {
    const minimum: EvaluationModelInput = {
      ...priceQuality,
      criteria: [
        { id: 'price', title: 'Price', weight: 40, type: 'price', method: 'lowest-ratio' },
        { id: 'quality', title: 'Quality', weight: 60, type: 'quality', scale: { max: 10 }, minimum: 4 },
      ],
    };
    const scores = (bid: string, s: (number | string)[]) =>
      s.map((score, i) => ({ bid, criterion: 'quality', evaluator: `E${i + 1}`, score }));
    const e = value({
      model: minimum,
      bids: [
        { bid: 'A', bidder: 'Acme', price: 100 },
        { bid: 'B', bidder: 'Brill', price: 100 },
        { bid: 'C', bidder: 'Cato', price: 100 },
      ],
      // A: (3 + 3 + 4) ÷ 3 = 3.333…; B: (3.99 + 4 + 4) ÷ 3 = 3.99666… (half-up would read 4.00)
      scores: [...scores('A', [3, 3, 4]), ...scores('B', ['3.99', 4, 4]), ...scores('C', [5, 5, 5])],
    });
    expect(bidOf(e, 'A').reasons).toEqual(['scored 3.33 on "Quality", below the minimum of 4']);
    expect(bidOf(e, 'B').reasons).toEqual(['scored 3.99 on "Quality", below the minimum of 4']);
    // the full precision stays in the result
    const raw = bidOf(e, 'A').criteria.find((c) => c.criterion === 'quality')?.raw;
    expect(raw?.toString()).toBe(dec(10).dividedBy(3).toString());
  });
});

describe('moderation', () => {
  const model: EvaluationModelInput = {
    ...priceQuality,
    criteria: [
      { id: 'price', title: 'Price', weight: 40, type: 'price', method: 'lowest-ratio' },
      { id: 'quality', title: 'Quality', weight: 60, type: 'quality', scale: { max: 10 } },
    ],
  };
  const bids = [{ bid: 'A', bidder: 'Acme', price: 100 }];
  const three = [
    { bid: 'A', criterion: 'quality', evaluator: 'E1', score: 2, comment: 'Thin' },
    { bid: 'A', criterion: 'quality', evaluator: 'E2', score: 3 },
    { bid: 'A', criterion: 'quality', evaluator: 'E3', score: 10, comment: 'Excellent' },
  ];
  const raw = (e: TenderEvaluation) =>
    bidOf(e, 'A')
      .criteria.find((c) => c.criterion === 'quality')
      ?.raw?.toString();

  it('mean by default (2, 3, 10 → 5); median when the model says so (→ 3)', () => {
    expect(raw(value({ model, bids, scores: three }))).toBe('5');
    expect(raw(value({ model: { ...model, moderation: 'median' }, bids, scores: three }))).toBe('3');
  });

  it('evaluators 8 apart on a 0–10 scale are flagged for moderation (> 0.4 × 10) with a warning', () => {
    const e = value({ model, bids, scores: three });
    expect(bidOf(e, 'A').flags.map((f) => [f.code, f.criterion])).toEqual([['divergent-scores', 'quality']]);
    expect(bidOf(e, 'A').flags[0]?.message).toBe(
      'evaluators\' scores on "Quality" differ by 8 (more than 40% of the scale maximum 10): moderate them',
    );
    expect(e.issues.map((i) => [i.code, i.severity])).toEqual([['scores_diverge', 'warning']]);
    // a threshold of 0.9 of the scale (9) is not exceeded by a spread of 8
    const loose = value({ model: { ...model, divergenceThreshold: '0.9' }, bids, scores: three });
    expect(bidOf(loose, 'A').flags).toEqual([]);
  });

  it('a spread of exactly 40 % is not divergent (the rule is "more than")', () => {
    const e = value({
      model,
      bids,
      scores: [
        { bid: 'A', criterion: 'quality', evaluator: 'E1', score: 3 },
        { bid: 'A', criterion: 'quality', evaluator: 'E2', score: 7 },
      ],
    });
    expect(bidOf(e, 'A').flags).toEqual([]);
  });

  it('a moderated score (evaluator "moderated" or a moderation row) overrides the combination, with its reason', () => {
    const viaScore = value({
      model,
      bids,
      scores: [
        ...three,
        {
          bid: 'A',
          criterion: 'quality',
          evaluator: 'moderated',
          score: 4,
          comment: 'Agreed: E3 misread the plan',
        },
      ],
    });
    expect(raw(viaScore)).toBe('4');
    const q = bidOf(viaScore, 'A').criteria.find((c) => c.criterion === 'quality');
    expect(q?.reasons[0]).toBe('Moderated: Agreed: E3 misread the plan');
    expect(q?.scores.map((s) => s.evaluator)).toEqual(['E1', 'E2', 'E3']);
    expect(bidOf(viaScore, 'A').flags[0]?.message).toContain('a moderated score is recorded');
    expect(viaScore.issues).toEqual([]); // divergence resolved by moderation: no warning

    const viaRow = value({
      model,
      bids,
      scores: three,
      moderation: [
        {
          bid: 'A',
          criterion: 'quality',
          score: '4.5',
          reason: 'Consensus',
          moderator: 'Chair',
          at: '2025-03-01',
        },
      ],
    });
    expect(raw(viaRow)).toBe('4.5');
    expect(
      traceToText(
        bidOf(viaRow, 'A').criteria.find((c) => c.criterion === 'quality')?.trace ?? {
          formula: '',
          inputs: {},
          result: '',
        },
      ),
    ).toContain('moderated by Chair on 2025-03-01: Consensus');
  });

  it('scores off the scale are issues (outside 0..max, or not a defined level) and leave the bid unranked', () => {
    const e = value({
      model,
      bids,
      scores: [{ bid: 'A', criterion: 'quality', evaluator: 'E1', score: 11 }],
    });
    expect(e.issues.map((i) => [i.code, i.path, i.field])).toEqual([
      ['score_off_scale', ['scores', 0], 'score'],
    ]);
    expect(bidOf(e, 'A').status).toBe('incomplete');

    const levels = value({
      model: {
        ...model,
        criteria: [
          { id: 'price', title: 'Price', weight: 40, type: 'price', method: 'lowest-ratio' },
          {
            id: 'quality',
            title: 'Quality',
            weight: 60,
            type: 'quality',
            // Scottish selection scale (procurement.md §4)
            scale: {
              levels: [
                { score: 0, label: 'Unacceptable' },
                { score: 1, label: 'Poor' },
                { score: 2, label: 'Acceptable' },
                { score: 3, label: 'Good' },
                { score: 4, label: 'Excellent' },
              ],
            },
          },
        ],
      },
      bids,
      scores: [{ bid: 'A', criterion: 'quality', evaluator: 'E1', score: '2.5' }],
    });
    expect(levels.issues.map((i) => i.code)).toEqual(['score_off_scale']);
    expect(levels.issues[0]?.message).toContain('levels 0, 1, 2, 3, 4');
  });

  it('the same evaluator twice is an issue', () => {
    const e = value({ model, bids, scores: [three[0] as (typeof three)[0], three[0] as (typeof three)[0]] });
    expect(e.issues.map((i) => i.code)).toEqual(['duplicate_score']);
    expect(bidOf(e, 'A').status).toBe('incomplete');
  });
});

const svModel = (sv: Record<string, unknown>): EvaluationModelInput =>
  ({
    ...priceQuality,
    criteria: [
      { id: 'price', title: 'Price', weight: 50, type: 'price', method: 'lowest-ratio' },
      { id: 'sv', title: 'Social value', weight: 50, type: 'social-value', mode: 'quantitative', ...sv },
    ],
  }) as EvaluationModelInput;

describe('quantitative social value', () => {
  const bids = [
    { bid: 'A', bidder: 'Acme', price: 1000, socialValue: 200 },
    { bid: 'B', bidder: 'Brill', price: 800, socialValue: 50 },
    { bid: 'C', bidder: 'Cato', price: 1000, socialValue: 100 },
  ];
  const sv = (e: TenderEvaluation, bid: string) =>
    bidOf(e, bid)
      .criteria.find((c) => c.criterion === 'sv')
      ?.raw?.toString();

  it('highest-ratio: M × SV_i ÷ SV_max (precomputed social value)', () => {
    const e = value({ model: svModel({ method: 'highest-ratio' }), bids });
    expect([sv(e, 'A'), sv(e, 'B'), sv(e, 'C')]).toEqual(['100', '25', '50']);
  });

  it('percent-of-price relative to the highest share; and against a full-marks share', () => {
    // shares: A 0.2, B 0.0625, C 0.1
    const e = value({ model: svModel({ method: 'percent-of-price' }), bids });
    expect([sv(e, 'A'), sv(e, 'B'), sv(e, 'C')]).toEqual(['100', '31.25', '50']);
    const f = value({ model: svModel({ method: 'percent-of-price', fullMarksAt: '0.1' }), bids });
    expect([sv(f, 'A'), sv(f, 'B'), sv(f, 'C')]).toEqual(['100', '62.5', '100']);
  });

  it('cap limits the value counted; minimum (money) disqualifies', () => {
    const e = value({ model: svModel({ method: 'highest-ratio', cap: 100 }), bids });
    expect([sv(e, 'A'), sv(e, 'B'), sv(e, 'C')]).toEqual(['100', '50', '100']);
    const m = value({ model: svModel({ method: 'highest-ratio', minimum: 60 }), bids });
    expect(bidOf(m, 'B').status).toBe('disqualified');
    // money in the reason as money: B offers £50 against a minimum of £60
    expect(bidOf(m, 'B').reasons).toEqual([
      'offered social value of £50.00 on "Social value", below the minimum of £60.00',
    ]);
  });

  it('a bid without social value (and no commitments given) is incomplete, with an issue', () => {
    const e = value({
      model: svModel({ method: 'highest-ratio' }),
      bids: [...bids, { bid: 'D', bidder: 'Dale', price: 900 }],
    });
    expect(bidOf(e, 'D').status).toBe('incomplete');
    expect(e.issues.map((i) => [i.code, i.path])).toEqual([['missing_social_value', ['bids', 3]]]);
  });

  it('values commitments with the framework through the valuation engine (undiscounted, hand-checked)', () => {
    const framework: FrameworkInput = {
      id: 'demo',
      title: 'Demo measures',
      currency: 'GBP',
      themes: [{ id: 'jobs', title: 'Jobs' }],
      measures: [
        {
          code: 'J1',
          title: 'Local jobs (FTE)',
          theme: 'jobs',
          unit: 'FTE',
          proxy: {
            value: '1000',
            currency: 'GBP',
            priceYear: 2025,
            basis: 'per FTE year',
            source: { title: 'Constructed test proxy', licence: 'CC0-1.0' },
          },
        },
      ],
    };
    const e = value({
      model: svModel({ method: 'highest-ratio' }),
      bids: [
        { bid: 'A', bidder: 'Acme', price: 1000 },
        { bid: 'B', bidder: 'Brill', price: 1000 },
        { bid: 'C', bidder: 'Cato', price: 1000 },
      ],
      commitments: [
        { measure: 'J1', quantity: '4', year: 2025, bid: 'A' },
        { measure: 'J1', quantity: '1', year: 2025, bid: 'B' },
        { measure: 'J1', quantity: '1', year: 2025, bid: 'B' },
      ],
      framework,
      valuation: { discounting: null },
    });
    // A 4 × £1,000 = £4,000; B 2 × £1,000 = £2,000; C made none: £0 → 100, 50, 0
    expect([sv(e, 'A'), sv(e, 'B'), sv(e, 'C')]).toEqual(['100', '50', '0']);
    expect(bidOf(e, 'A').socialValue?.value.toString()).toBe('4000');
    expect(e.issues).toEqual([]);

    const bad = value({
      model: svModel({ method: 'highest-ratio' }),
      bids: [{ bid: 'A', bidder: 'Acme', price: 1000 }],
      commitments: [{ measure: 'NOPE', quantity: '4', year: 2025, bid: 'A' }],
      framework,
      valuation: { discounting: null },
    });
    expect(bidOf(bad, 'A').status).toBe('incomplete');
    expect(bad.issues[0]?.path?.slice(0, 2)).toEqual(['commitments', 0]);
    expect(bad.issues[0]?.message).toContain('bid "A"');
  });

  describe('proxies in different price years (rebased by the valuation engine)', () => {
    const proxy = (priceYear: number) => ({
      value: '100',
      currency: 'GBP',
      priceYear,
      basis: 'per person',
      source: { title: 'Constructed test proxy', licence: 'CC0-1.0', priceYear },
    });
    const framework: FrameworkInput = {
      id: 'mixed',
      title: 'Mixed price years',
      currency: 'GBP',
      themes: [{ id: 'social', title: 'Social' }],
      measures: [
        { code: 'OLD', title: 'In 2022 prices', theme: 'social', unit: 'people', proxy: proxy(2022) },
        { code: 'NEW', title: 'In 2024 prices', theme: 'social', unit: 'people', proxy: proxy(2024) },
      ],
    };
    // HMT GDP deflator excerpt, 2024 = 100 (valuation.md §7: 2022 = 90.5005)
    const indexSeries = {
      id: 'hmt-gdp-deflator-2025-12',
      name: 'GDP deflator at market prices',
      baseYear: 2024,
      values: { '2022': '90.5005', '2024': '100' },
      source: { title: 'GDP deflators at market prices', publisher: 'HM Treasury', licence: 'OGL-UK-3.0' },
    };
    const input = (valuation: EvaluationInputJson['valuation']): EvaluationInputJson => ({
      model: svModel({ method: 'highest-ratio' }),
      bids: [
        { bid: 'A', bidder: 'Acme', price: 1000 },
        { bid: 'B', bidder: 'Brill', price: 1000 },
      ],
      commitments: [
        { measure: 'OLD', quantity: '1', year: 2025, bid: 'A' },
        { measure: 'NEW', quantity: '1', year: 2025, bid: 'A' },
        { measure: 'NEW', quantity: '1', year: 2025, bid: 'B' },
      ],
      framework,
      ...(valuation ? { valuation } : {}),
    });

    it('with a price year and an index series: each line rebased in the engine, its factor in the trace', () => {
      const e = value(input({ discounting: null, priceYear: 2024, indexSeries }));
      expect(e.issues).toEqual([]);
      // A: £100 (2022) × 100 ÷ 90.5005 + £100 (2024) = £110.4966… + £100 (valuation.md §7: £110.50)
      const a = bidOf(e, 'A').socialValue;
      const factor = dec(100).dividedBy('90.5005');
      expect(a?.value.toString()).toBe(dec(100).times(factor).plus(100).toString());
      expect(a?.value.toFixed(2)).toBe('210.50');
      // B: £100 → raw 100 × 100 ÷ 210.4966… = 47.50669…
      expect(sv(e, 'B')?.startsWith('47.50669945748')).toBe(true);
      const old = a?.trace.inputs['commitment A OLD 2025']?.trace;
      expect(old?.inputs['rebasing factor']?.value).toBe(factor.toString());
      expect(old?.inputs['rebasing factor']?.source?.publisher).toBe('HM Treasury');
      expect(old?.inputs['proxy in 2024 prices']?.value.startsWith('110.4966')).toBe(true);
      expect(a?.trace.inputs['commitment A NEW 2025']?.trace?.inputs['rebasing factor']?.value).toBe('1');
      expect(a?.trace.inputs['index series']?.value).toBe(
        'GDP deflator at market prices (hmt-gdp-deflator-2025-12)',
      );
      expect(a?.trace.inputs['price year']?.value).toBe('2024');
    });

    it('without a price year the valuation asks for one (path on the evaluation’s valuation)', () => {
      const e = value(input({ discounting: null }));
      expect(bidOf(e, 'A').status).toBe('incomplete');
      expect(e.issues.map((i) => [i.code, i.path])).toEqual([
        ['price_year_required', ['valuation', 'priceYear']],
        ['price_year_required', ['valuation', 'priceYear']],
      ]);
    });

    it('a price year without an index series rejects the commitment that needs rebasing, never adds it unrebased', () => {
      const e = value(input({ discounting: null, priceYear: 2024 }));
      expect(e.issues.map((i) => [i.code, i.path])).toEqual([
        ['no_index_series', ['commitments', 0, 'measure']],
      ]);
      expect(bidOf(e, 'A').status).toBe('incomplete');
      expect(bidOf(e, 'B').socialValue?.value.toString()).toBe('100');
    });
  });

  it('commitments without a discounting choice are an issue', () => {
    const e = value({
      model: svModel({ method: 'highest-ratio' }),
      bids: [{ bid: 'A', bidder: 'Acme', price: 1000 }],
      commitments: [{ measure: 'J1', quantity: '4', year: 2025, bid: 'A' }],
      framework: { id: 'f', title: 'F', currency: 'GBP', themes: [], measures: [] },
    });
    expect(e.issues.map((i) => i.code)).toEqual(['discounting_missing']);
  });
});

describe('weight sensitivity through evaluate', () => {
  it('two bids, two criteria: flip point matches w* = (q_B − q_A) ÷ ((p_A − p_B) + (q_B − q_A)) (procurement.md §11)', () => {
    const e = value({
      model: priceQuality,
      bids: [
        { bid: 'A', bidder: 'Acme', price: 100 },
        { bid: 'B', bidder: 'Brill', price: 130 },
      ],
      scores: [
        { bid: 'A', criterion: 'quality', evaluator: 'E1', score: 5 },
        { bid: 'B', criterion: 'quality', evaluator: 'E1', score: 9 },
      ],
    });
    // p_A = 1, p_B = 100/130; q_A = 0.5, q_B = 0.9. B wins at 40/60.
    expect(e.winner).toBe('B');
    const pA = dec(1);
    const pB = dec(100).dividedBy(130);
    const qA = dec('0.5');
    const qB = dec('0.9');
    const wStar = qB
      .minus(qA)
      .dividedBy(pA.minus(pB).plus(qB.minus(qA)))
      .times(100);
    const price = e.sensitivity.find((s) => s.criterion === 'price');
    expect(price?.flipsAt?.toDecimalPlaces(30).toString()).toBe(wStar.toDecimalPlaces(30).toString());
    expect(price?.flipsAt?.toFixed(4)).toBe('63.4146'); // 0.4 ÷ (0.23077 + 0.4) = 0.634146…
    expect(price?.newWinner).toBe('A');
    expect(price?.direction).toBe('increase');
    const quality = e.sensitivity.find((s) => s.criterion === 'quality');
    // quality's flip is 100 − w*: below 36.5854 % quality, A wins
    expect(quality?.flipsAt?.toFixed(4)).toBe('36.5854');
    expect(quality?.direction).toBe('decrease');
  });

  it('no weight changes a winner that leads on every criterion', () => {
    const e = value({
      model: priceQuality,
      bids: [
        { bid: 'A', bidder: 'Acme', price: 100 },
        { bid: 'B', bidder: 'Brill', price: 130 },
      ],
      scores: [
        { bid: 'A', criterion: 'quality', evaluator: 'E1', score: 9 },
        { bid: 'B', criterion: 'quality', evaluator: 'E1', score: 5 },
      ],
    });
    expect(e.sensitivity.map((s) => [s.criterion, s.flipsAt, s.newWinner])).toEqual([
      ['price', null, null],
      ['quality', null, null],
    ]);
    expect(e.sensitivity[0]?.note).toContain('no weight');
  });
});

describe('price lines and qualitative social value', () => {
  const model: EvaluationModelInput = {
    id: 'T9',
    title: 'Grounds maintenance',
    currency: 'GBP',
    criteria: [
      { id: 'price', title: 'Price', weight: 30, type: 'price', method: 'lowest-ratio' },
      { id: 'rates', title: 'Schedule of rates', weight: 20, type: 'price', method: 'spread', line: 'rates' },
      {
        id: 'sv',
        title: 'Social value',
        weight: 50,
        type: 'social-value',
        mode: 'qualitative',
        scale: {
          levels: [
            { score: 0, label: 'None' },
            { score: 5, label: 'Good' },
            { score: 10, label: 'Excellent' },
          ],
        },
        minimum: 5,
      },
    ],
  };

  it('a price criterion can score one price line; lines not adding up to the price are flagged', () => {
    const e = value({
      model,
      bids: [
        {
          bid: 'A',
          bidder: 'Acme',
          price: 1000,
          lines: [
            { id: 'core', amount: 800 },
            { id: 'rates', amount: 200 },
          ],
        },
        {
          bid: 'B',
          bidder: 'Brill',
          price: 1100,
          lines: [
            { id: 'core', amount: 700 },
            { id: 'rates', amount: 300 },
          ],
        },
        { bid: 'C', bidder: 'Cato', price: 1200, lines: [{ id: 'core', amount: 1200 }] },
      ],
      scores: [
        { bid: 'A', criterion: 'sv', evaluator: 'E1', score: 5 },
        { bid: 'B', criterion: 'sv', evaluator: 'E1', score: 10 },
        { bid: 'C', criterion: 'sv', evaluator: 'E1', score: 10 },
      ],
    });
    // rates: spread over A 200 and B 300 (C has no such line): A 100, B 0
    const rates = (id: string) =>
      bidOf(e, id)
        .criteria.find((c) => c.criterion === 'rates')
        ?.raw?.toString() ?? null;
    expect([rates('A'), rates('B'), rates('C')]).toEqual(['100', '0', null]);
    expect(bidOf(e, 'B').flags.map((f) => f.code)).toEqual(['price-lines-mismatch']);
    expect(bidOf(e, 'B').flags[0]?.message).toBe(
      'the price lines of bid "B" add up to £1,000.00, not the price £1,100.00: the price is used; clarify with the bidder',
    );
    expect(bidOf(e, 'C').status).toBe('incomplete');
    expect(e.issues.map((i) => i.code).sort()).toEqual(['price_line_missing', 'price_lines_mismatch']);
    // A: 30 + 20 + 25 = 75; B: 30 × 1000/1100 + 0 + 50 = 77.27… → B wins
    expect(total(e, 'A')).toBe('75');
    expect(bidOf(e, 'B').total?.toFixed(2)).toBe('77.27');
    expect(e.winner).toBe('B');
  });

  it('qualitative social value is scored on its levels and its minimum disqualifies', () => {
    const e = value({
      model,
      bids: [
        { bid: 'A', bidder: 'Acme', price: 1000, lines: [{ id: 'rates', amount: 1000 }] },
        { bid: 'B', bidder: 'Brill', price: 1000, lines: [{ id: 'rates', amount: 1000 }] },
      ],
      scores: [
        { bid: 'A', criterion: 'sv', evaluator: 'E1', score: 0, comment: 'No offer' },
        { bid: 'B', criterion: 'sv', evaluator: 'E1', score: 10 },
      ],
    });
    expect(bidOf(e, 'A').reasons).toEqual(['scored 0 on "Social value", below the minimum of 5']);
    expect(total(e, 'B')).toBe('100');
  });
});

describe('evaluate: exact decimals (scores are exact fractions, rounded once)', () => {
  const quality = (id: string, weight: number, max: number) => ({
    id,
    title: id,
    weight,
    type: 'quality' as const,
    scale: { max },
  });

  it('5 out of 12 on a criterion weighted 93 scores exactly 38.75', () => {
    const e = value({
      model: {
        id: 'T',
        title: 'T',
        currency: 'GBP',
        criteria: [
          { id: 'price', title: 'Price', weight: 7, type: 'price', method: 'lowest-ratio' },
          quality('q', 93, 12),
        ],
      },
      bids: [{ bid: 'A', bidder: 'Acme', price: '1000' }],
      scores: [{ bid: 'A', criterion: 'q', evaluator: 'E1', score: 5, comment: 'x' }],
    });
    const q = bidOf(e, 'A').criteria.find((c) => c.criterion === 'q');
    expect(q?.weighted?.toString()).toBe('38.75');
    expect(q?.normalised?.toString()).toBe('0.4166666666666666666666666666666666666667');
    expect(total(e, 'A')).toBe('45.75');
  });

  it('a mean of three scores times its weight is exact: (1 + 1 + 1) ÷ 3 of 3, weighted 18, is 6', () => {
    // Step by step in decimals: 1 ÷ 3 × 18 = 5.999…9; exact: 6.
    const e = value({
      model: { id: 'T', title: 'T', currency: 'GBP', criteria: [quality('q1', 18, 3), quality('q2', 82, 1)] },
      bids: [{ bid: 'A', bidder: 'Acme', price: '1' }],
      scores: [
        { bid: 'A', criterion: 'q1', evaluator: 'E1', score: 1, comment: '' },
        { bid: 'A', criterion: 'q2', evaluator: 'E1', score: 0, comment: '' },
      ],
    });
    expect(bidOf(e, 'A').criteria[0]?.weighted?.toString()).toBe('6');
    expect(total(e, 'A')).toBe('6');
  });

  it('ties are decided on exact values: 50 × ⅓ + 50 × 1 equals 50 × ⅔ + 50 × ⅔', () => {
    // A: q1 mean (1 + 1 + 2) ÷ 3 = 4/3 of 4 = 1/3, q2 4 of 4. B: q1 and q2 mean 8/3 of 4 = 2/3.
    // Both total exactly 200/3; decimals step by step give A 66.66…67 and B 66.66…66.
    const scores = (bid: string, q1: number[], q2: number[]) => [
      ...q1.map((s, i) => ({ bid, criterion: 'q1', evaluator: `E${i + 1}`, score: s, comment: '' })),
      ...q2.map((s, i) => ({ bid, criterion: 'q2', evaluator: `E${i + 1}`, score: s, comment: '' })),
    ];
    const e = value({
      model: { id: 'T', title: 'T', currency: 'GBP', criteria: [quality('q1', 50, 4), quality('q2', 50, 4)] },
      bids: [
        { bid: 'A', bidder: 'Acme', price: '1' },
        { bid: 'B', bidder: 'Brill', price: '1' },
      ],
      scores: [...scores('A', [1, 1, 2], [4, 4, 4]), ...scores('B', [2, 3, 3], [2, 3, 3])],
    });
    const d = (x: number) => dec(x);
    const stepA = d(4).dividedBy(3).dividedBy(4).times(50).plus(50);
    const stepB = d(8).dividedBy(3).dividedBy(4).times(50).times(2);
    expect(stepA.eq(stepB)).toBe(false); // the old, step-by-step decimals would rank A first
    expect(e.ranking.map((r) => [r.bid, r.rank])).toEqual([
      ['A', 1],
      ['B', 1],
    ]);
    expect(e.winner).toBeNull();
    expect(e.issues.map((i) => i.code)).toContain('tie_for_first');
    expect(total(e, 'A')).toBe(total(e, 'B'));
  });

  it('bids that differ only beyond the 40 digits shown are not tied: the exact totals rank them', () => {
    // C sets Pmin = 1; A and B differ by £1 in 10^25, so their price marks differ by about 5 × 10^-49.
    const e = value({
      model: {
        id: 'T',
        title: 'T',
        currency: 'GBP',
        criteria: [
          { id: 'price', title: 'Price', weight: 50, type: 'price', method: 'lowest-ratio' },
          quality('q', 50, 10),
        ],
      },
      bids: [
        { bid: 'A', bidder: 'Acme', price: '10000000000000000000000001' },
        { bid: 'B', bidder: 'Brill', price: '10000000000000000000000000' },
        { bid: 'C', bidder: 'Cheap', price: '1' },
      ],
      scores: ['A', 'B', 'C'].map((bid) => ({ bid, criterion: 'q', evaluator: 'E1', score: 5, comment: '' })),
    });
    expect(total(e, 'A')).toBe(total(e, 'B')); // the same 40-digit figure…
    expect(total(e, 'B')).toBe('25.000000000000000000000005');
    expect(e.ranking.map((r) => [r.bid, r.rank])).toEqual([
      ['C', 1],
      ['B', 2], // …but B is cheaper, exactly
      ['A', 3],
    ]);
    expect(e.issues.map((i) => i.code)).not.toContain('tie_for_first');
  });
});
