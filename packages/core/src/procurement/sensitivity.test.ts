import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Decimal, dec } from '../money/decimal';
import { Rational } from '../money/rational';
import { bidSetSensitivity } from './bid-set';
import { parseEvaluationInput } from './evaluate';
import { weightSensitivity } from './sensitivity';

const d = (s: string | number) => dec(s);

describe('weightSensitivity (procurement.md §11)', () => {
  it('two bids, two criteria: w* = (q_B − q_A) ÷ ((p_A − p_B) + (q_B − q_A)) [DERIVED]', () => {
    // A cheap (p 1) and weaker (q 0.5); B dearer (p 0.6) and stronger (q 0.9): at 40/60 A 70, B 78.
    const [price, quality] = weightSensitivity({
      criteria: [
        { id: 'price', weight: d(40) },
        { id: 'quality', weight: d(60) },
      ],
      bids: [
        { bid: 'A', scores: { price: d(1), quality: d('0.5') } },
        { bid: 'B', scores: { price: d('0.6'), quality: d('0.9') } },
      ],
      winner: 'B',
    });
    // w* = 0.4 ÷ (0.4 + 0.4) = 0.5 → 50 % price
    expect([price?.flipsAt?.toString(), price?.newWinner, price?.direction]).toEqual(['50', 'A', 'increase']);
    expect([quality?.flipsAt?.toString(), quality?.newWinner, quality?.direction]).toEqual([
      '50',
      'A',
      'decrease',
    ]);
    expect(price?.note).toContain('rises above 50.00 % (now 40 %)');
  });

  it('reports the nearest crossing among several bids, in either direction', () => {
    // weights 50/50. W: p 0.5, q 0.9 → 70. X: p 1, q 0.3 → 65. Y: p 0.2, q 1 → 60.
    // price: X crosses W where 50 + w(0.5 − 0.9)… T_W(w) = 90 − 0.4w, T_X(w) = 30 + 0.7w → w = 60/1.1 = 54.54…
    //        Y: T_Y(w) = 100 − 0.8w meets T_W at 10 = 0.4w → w = 25 (Y leads below 25). Nearest to 50: X at 54.55.
    const [price] = weightSensitivity({
      criteria: [
        { id: 'price', weight: d(50) },
        { id: 'quality', weight: d(50) },
      ],
      bids: [
        { bid: 'W', scores: { price: d('0.5'), quality: d('0.9') } },
        { bid: 'X', scores: { price: d(1), quality: d('0.3') } },
        { bid: 'Y', scores: { price: d('0.2'), quality: d(1) } },
      ],
      winner: 'W',
    });
    expect(price?.newWinner).toBe('X');
    expect(price?.flipsAt?.toFixed(6)).toBe('54.545455');
    expect(price?.direction).toBe('increase');
  });

  it('three criteria: the others are rescaled in proportion', () => {
    // weights 20/30/50; A (1, 0, 0.5) = 45; B (0, 1, 0.5) = 55 → B wins.
    // Raise c1 to w, c2 → 30(100 − w)/80, c3 → 50(100 − w)/80. T_A = w + 25(100 − w)/80; T_B = 30(100 − w)/80 + 25(100 − w)/80.
    // Equal when w = 30(100 − w)/80 → 80w = 3000 − 30w → w = 300/11 = 27.2727…
    const [c1, c2, c3] = weightSensitivity({
      criteria: [
        { id: 'c1', weight: d(20) },
        { id: 'c2', weight: d(30) },
        { id: 'c3', weight: d(50) },
      ],
      bids: [
        { bid: 'A', scores: { c1: d(1), c2: d(0), c3: d('0.5') } },
        { bid: 'B', scores: { c1: d(0), c2: d(1), c3: d('0.5') } },
      ],
      winner: 'B',
    });
    expect(c1?.flipsAt?.toFixed(10)).toBe(dec(300).dividedBy(11).toFixed(10));
    expect(c2?.direction).toBe('decrease');
    // c3 scores equally: moving it scales the c1/c2 gap but never reverses it
    expect(c3?.flipsAt).toBeNull();
  });

  it('a sole top-level criterion at 100 % or a single bid: no flip, with a reason', () => {
    const [only] = weightSensitivity({
      criteria: [{ id: 'q', weight: d(100) }],
      bids: [
        { bid: 'A', scores: { q: d(1) } },
        { bid: 'B', scores: { q: d('0.5') } },
      ],
      winner: 'A',
    });
    expect(only?.flipsAt).toBeNull();
    expect(only?.note).toContain('cannot be rescaled');
    const [single] = weightSensitivity({
      criteria: [{ id: 'q', weight: d(100) }],
      bids: [{ bid: 'A', scores: { q: d(1) } }],
      winner: 'A',
    });
    expect(single?.note).toContain('only one ranked bid');
  });
});

describe('bidSetSensitivity (leave-one-out)', () => {
  it('finds a losing bid whose low price decides between two others (rank reversal, procurement.md §3)', () => {
    // price 50 / quality 50, lowest-ratio.
    // With C: Pmin 50. A (100, q 0.8): 25 + 40 = 65; B (120, q 0.9): 20.83 + 45 = 65.83 → B wins; C (50, q 0.2): 50 + 10 = 60.
    // Without C: Pmin 100. A: 50 + 40 = 90; B: 41.67 + 45 = 86.67 → A wins.
    const input = parseEvaluationInput({
      model: {
        id: 'T',
        title: 'T',
        currency: 'GBP',
        criteria: [
          { id: 'price', title: 'Price', weight: 50, type: 'price', method: 'lowest-ratio' },
          { id: 'quality', title: 'Quality', weight: 50, type: 'quality', scale: { max: 10 } },
        ],
      },
      bids: [
        { bid: 'A', bidder: 'A', price: 100 },
        { bid: 'B', bidder: 'B', price: 120 },
        { bid: 'C', bidder: 'C', price: 50 },
      ],
      scores: [
        { bid: 'A', criterion: 'quality', evaluator: 'E1', score: 8 },
        { bid: 'B', criterion: 'quality', evaluator: 'E1', score: 9 },
        { bid: 'C', criterion: 'quality', evaluator: 'E1', score: 2 },
      ],
    });
    if (!input.ok) throw new Error('bad input');
    const r = bidSetSensitivity(input.value);
    if (!r.ok) throw new Error('failed');
    expect(r.value.winner).toBe('B');
    expect(r.value.changes.map((c) => [c.removed, c.winner, c.winnerChanged, c.orderChanged])).toEqual([
      ['A', 'B', false, false],
      ['B', 'A', false, false],
      ['C', 'A', true, true],
    ]);
    expect(r.value.changes[2]?.note).toContain('changes the winner from "B" to "A"');
  });
});

describe('weightSensitivity: the closed form equals a brute-force recompute (property)', () => {
  // Brute force: every bid's total at weight w of criterion k, with every other weight rescaled
  // w_j × (100 − w) ÷ (100 − w_k) and the total summed again from scratch (docs/methods.md).
  const totalAt = (weights: Rational[], a: Rational[], k: number, w: Rational): Rational => {
    const scale = R(100)
      .minus(w)
      .div(R(100).minus(weights[k] as Rational));
    let t = w.times(a[k] as Rational);
    for (let j = 0; j < weights.length; j++)
      if (j !== k) t = t.plus((weights[j] as Rational).times(scale).times(a[j] as Rational));
    return t;
  };
  const R = (x: string | number) => Rational.of(x);

  const model = fc
    .record({
      parts: fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 2, maxLength: 6 }),
      bids: fc.integer({ min: 2, max: 6 }),
      seed: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 36, maxLength: 36 }),
    })
    .map(({ parts, bids, seed }) => {
      // integer weights summing to exactly 100, the remainder on the last
      const sum = parts.reduce((s, p) => s + p, 0);
      const ws = parts.map((p) => Math.floor((p * 100) / sum));
      ws[ws.length - 1] = 100 - ws.slice(0, -1).reduce((s, w) => s + w, 0);
      const scores = Array.from({ length: bids }, (_, i) =>
        ws.map((_, k) => dec((seed[(i * 6 + k) % 36] as number) / 100)),
      );
      return { ws, scores };
    })
    .filter(({ ws }) => ws.every((w) => w > 0 && w < 100));

  it('flip point, new winner and direction match, exactly, on random models', () => {
    let flips = 0;
    fc.assert(
      fc.property(model, ({ ws, scores }) => {
        const ids = scores.map((_, i) => `B${i}`);
        const criteria = ws.map((w, k) => ({ id: `c${k}`, weight: dec(w) }));
        const weights = ws.map((w) => R(w));
        const a = scores.map((row) => row.map((s) => Rational.of(s)));
        const totals = a.map((row) => totalAt(weights, row, 0, weights[0] as Rational));
        const top = totals.reduce((m, t) => (t.compare(m) > 0 ? t : m));
        if (totals.filter((t) => t.eq(top)).length > 1) return; // no single winner
        const wi = totals.findIndex((t) => t.eq(top));
        const result = weightSensitivity({
          criteria,
          bids: ids.map((bid, i) => ({
            bid,
            scores: Object.fromEntries(criteria.map((c, k) => [c.id, scores[i]?.[k] as Decimal])),
          })),
          winner: ids[wi] as string,
        });
        ws.forEach((_, k) => {
          let best: { at: Rational; j: number; dir: string; slope: Rational } | null = null;
          for (let j = 0; j < ids.length; j++) {
            if (j === wi) continue;
            const d0 = totalAt(weights, a[wi] as Rational[], k, R(0)).minus(
              totalAt(weights, a[j] as Rational[], k, R(0)),
            );
            const d100 = totalAt(weights, a[wi] as Rational[], k, R(100)).minus(
              totalAt(weights, a[j] as Rational[], k, R(100)),
            );
            const s = d100.minus(d0).div(100);
            if (s.sign() === 0) continue;
            const at = d0.neg().div(s);
            const dir = s.sign() > 0 ? 'decrease' : 'increase';
            const inside =
              dir === 'decrease'
                ? at.sign() > 0 && at.compare(100) <= 0
                : at.sign() >= 0 && at.compare(100) < 0;
            if (!inside) continue;
            // j's own slope in w (for equal crossings: the steeper new leader)
            const tj = totalAt(weights, a[j] as Rational[], k, R(100)).minus(
              totalAt(weights, a[j] as Rational[], k, R(0)),
            );
            const cand = { at, j, dir, slope: tj };
            if (!best) {
              best = cand;
              continue;
            }
            const cmp = at
              .minus(weights[k] as Rational)
              .abs()
              .compare(best.at.minus(weights[k] as Rational).abs());
            const atCmp = at.compare(best.at);
            const steeper = dir === 'increase' ? tj.compare(best.slope) : best.slope.compare(tj);
            if (
              cmp < 0 ||
              (cmp === 0 && (atCmp < 0 || (atCmp === 0 && (steeper > 0 || (steeper === 0 && j < best.j)))))
            )
              best = cand;
          }
          const got = result[k];
          if (!best) {
            expect(got?.flipsAt).toBeNull();
            return;
          }
          flips++;
          expect(got?.flipsAt?.toString()).toBe(best.at.toDecimal().toString());
          expect(got?.newWinner).toBe(ids[best.j]);
          expect(got?.direction).toBe(best.dir);
          // at the flip point the two totals, summed again from scratch, are exactly equal
          expect(
            totalAt(weights, a[wi] as Rational[], k, best.at).eq(
              totalAt(weights, a[best.j] as Rational[], k, best.at),
            ),
          ).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
    expect(flips).toBeGreaterThan(100); // the comparison ran on real flips, not only on "none"
  });
});
