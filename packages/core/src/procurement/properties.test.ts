import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, parseEvaluationInput } from './evaluate';
import { validateModel } from './model';
import type { EvaluationInput, EvaluationInputJson, ScoreInput } from './schema';
import type { TenderEvaluation } from './types';

const METHODS = ['lowest-ratio', 'linear-deviation', 'spread', 'budget', 'mean-deviation'] as const;

interface Case {
  method: (typeof METHODS)[number];
  wPrice: number;
  wSplit: number;
  moderation: 'mean' | 'median';
  bids: { price: number; method: number[]; staff: number[]; pass: boolean }[];
}

const evaluatorScores = fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 3 }); // halves, 0–10
const arbBid = fc.record({
  price: fc.integer({ min: 1, max: 1_000_000 }),
  method: evaluatorScores,
  staff: evaluatorScores,
  pass: fc.boolean(),
});
const arbCase: fc.Arbitrary<Case> = fc.record({
  method: fc.constantFrom(...METHODS),
  wPrice: fc.integer({ min: 0, max: 100 }),
  wSplit: fc.integer({ min: 0, max: 100 }),
  moderation: fc.constantFrom('mean' as const, 'median' as const),
  bids: fc.array(arbBid, { minLength: 1, maxLength: 6 }),
});

function toJson(c: Case): EvaluationInputJson {
  const scores: ScoreInput[] = [];
  c.bids.forEach((b, i) => {
    for (const [k, s] of b.method.entries())
      scores.push({ bid: `B${i}`, criterion: 'method', evaluator: `E${k}`, score: String(s / 2) });
    for (const [k, s] of b.staff.entries())
      scores.push({ bid: `B${i}`, criterion: 'staff', evaluator: `E${k}`, score: String(s / 2) });
  });
  return {
    model: {
      id: 'P',
      title: 'Property model',
      currency: 'GBP',
      moderation: c.moderation,
      criteria: [
        { id: 'gate', title: 'Gate', type: 'pass-fail' },
        {
          id: 'price',
          title: 'Price',
          weight: c.wPrice,
          type: 'price',
          method: c.method,
          ...(c.method === 'budget' ? { reference: 1000, ceiling: 900000 } : {}),
        },
        {
          id: 'quality',
          title: 'Quality',
          weight: 100 - c.wPrice,
          type: 'group',
          criteria: [
            { id: 'method', title: 'Method', weight: c.wSplit, type: 'quality', scale: { max: 10 } },
            { id: 'staff', title: 'Staff', weight: 100 - c.wSplit, type: 'quality', scale: { max: 10 } },
          ],
        },
      ],
    },
    bids: c.bids.map((b, i) => ({ bid: `B${i}`, bidder: `Bidder ${i}`, price: String(b.price) })),
    scores,
    gates: c.bids.map((b, i) => ({
      bid: `B${i}`,
      criterion: 'gate',
      result: b.pass ? 'pass' : 'fail',
      reason: b.pass ? undefined : 'failed',
    })),
  } as EvaluationInputJson;
}

function parse(json: EvaluationInputJson): EvaluationInput {
  const r = parseEvaluationInput(json);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

function run(json: EvaluationInputJson): TenderEvaluation {
  const r = evaluate(parse(json));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

const totalOf = (e: TenderEvaluation, bid: string) => e.bids.find((b) => b.bid === bid)?.total ?? null;
const opts = { seed: 42, numRuns: 200 };

describe('evaluation invariants (fast-check, seed 42)', () => {
  it('every total is within 0–100', () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const e = run(toJson(c));
        for (const b of e.bids) if (b.total) expect(b.total.gte(0) && b.total.lte(100)).toBe(true);
      }),
      opts,
    );
  });

  it('raising one of its own quality scores never lowers a bid’s own total', () => {
    fc.assert(
      fc.property(
        arbCase,
        fc.nat(),
        fc.constantFrom('method' as const, 'staff' as const),
        fc.integer({ min: 1, max: 20 }),
        (c, pick, crit, up) => {
          const i = pick % c.bids.length;
          const before = totalOf(run(toJson(c)), `B${i}`);
          const bids = c.bids.map((b, j) => {
            if (j !== i) return b;
            const list = [...b[crit]];
            list[0] = Math.min(20, (list[0] as number) + up);
            return { ...b, [crit]: list };
          });
          const after = totalOf(run(toJson({ ...c, bids })), `B${i}`);
          if (before !== null && after !== null) expect(after.gte(before)).toBe(true);
          // a raised score never turns a scored bid into an unscored one
          if (before !== null) expect(after).not.toBeNull();
        },
      ),
      opts,
    );
  });

  it('permuting the order of bids, scores and gates changes nothing (deep-equal results)', () => {
    fc.assert(
      fc.property(
        arbCase.chain((c) => {
          const json = toJson(c);
          const n = (xs: unknown[] | undefined) =>
            fc.shuffledSubarray(xs ?? [], { minLength: (xs ?? []).length, maxLength: (xs ?? []).length });
          return fc.tuple(fc.constant(json), n(json.bids), n(json.scores), n(json.gates));
        }),
        ([json, bids, scores, gates]) => {
          const a = evaluate(parse(json));
          const b = evaluate(parse({ ...json, bids, scores, gates } as EvaluationInputJson));
          expect(b).toEqual(a);
        },
      ),
      opts,
    );
  });

  it('identical bids get identical totals and equal rank', () => {
    fc.assert(
      fc.property(arbCase, fc.nat(), (c, pick) => {
        const i = pick % c.bids.length;
        const twin = { ...(c.bids[i] as Case['bids'][0]) };
        const e = run(toJson({ ...c, bids: [...c.bids, twin] }));
        const j = c.bids.length;
        const a = e.bids.find((b) => b.bid === `B${i}`);
        const b = e.bids.find((x) => x.bid === `B${j}`);
        expect(b?.total?.toString()).toBe(a?.total?.toString());
        expect(b?.rank).toBe(a?.rank);
        expect(b?.status).toBe(a?.status);
      }),
      opts,
    );
  });

  it('a disqualified bid never sets Pmin, Pmax or the mean: removing it changes no other price score', () => {
    fc.assert(
      fc.property(arbCase, fc.integer({ min: 1, max: 1_000_000 }), (c, cheap) => {
        const base = { ...c, bids: c.bids.map((b) => ({ ...b, pass: true })) };
        const withOut = run(toJson(base));
        const withDisq = run(
          toJson({ ...base, bids: [...base.bids, { price: cheap, method: [20], staff: [20], pass: false }] }),
        );
        const d = withDisq.bids.find((b) => b.bid === `B${base.bids.length}`);
        expect(d?.status).toBe('disqualified');
        for (const b of withOut.bids) {
          const other = withDisq.bids.find((x) => x.bid === b.bid);
          const p = (e: typeof b | undefined) =>
            e?.criteria.find((x) => x.criterion === 'price')?.raw?.toString() ?? null;
          expect(p(other)).toBe(p(b));
        }
        expect(withDisq.ranking).toEqual(withOut.ranking);
      }),
      opts,
    );
  });

  it('weights not summing to 100 give an issue naming the group (and only then)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 5 }),
        fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,12}$/),
        (weights, title) => {
          const r = validateModel({
            id: 'W',
            title: 'Weights',
            currency: 'GBP',
            criteria: [
              { id: 'price', title: 'Price', weight: 50, type: 'price', method: 'spread' },
              {
                id: 'grp',
                title,
                weight: 50,
                type: 'group',
                criteria: weights.map((w, k) => ({
                  id: `q${k}`,
                  title: `Q${k}`,
                  weight: w,
                  type: 'quality',
                  scale: { max: 5 },
                })),
              },
            ],
          });
          const total = weights.reduce((a, b) => a + b, 0);
          const named = r.issues.filter((i) => i.code === 'weights_not_100');
          if (total === 100) {
            expect(named).toEqual([]);
            expect(r.ok).toBe(true);
          } else {
            expect(r.ok).toBe(false);
            expect(named.length).toBe(1);
            expect(named[0]?.message).toContain(`group "${title}" (grp) sum to ${total}`);
            expect(named[0]?.path).toEqual(['criteria', 1, 'criteria']);
          }
        },
      ),
      opts,
    );
  });
});
