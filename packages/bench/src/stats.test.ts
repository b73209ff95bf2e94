import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { abRatio, abSchedule, median, round, rssGrowth } from './stats';

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([5])).toBe(5);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10, 0.2, 0.3])).toBe(0.3);
  });

  it('does not reorder its input', () => {
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });

  it('refuses an empty list', () => {
    expect(() => median([])).toThrow(/empty/);
  });

  it('lies between the least and the greatest value, and one outlier cannot move it past a neighbour', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 3, maxLength: 30 }),
        (xs) => {
          const m = median(xs);
          const s = [...xs].sort((a, b) => a - b);
          expect(m).toBeGreaterThanOrEqual(s[0] as number);
          expect(m).toBeLessThanOrEqual(s[s.length - 1] as number);
          // replacing the largest value by something huge leaves the median where it was
          const spiked = [...s.slice(0, -1), 1e12];
          expect(median(spiked)).toBe(median(s));
        },
      ),
    );
  });
});

describe('abSchedule', () => {
  it('interleaves baseline and ours, baseline first, round by round', () => {
    expect(abSchedule(3)).toEqual([
      { round: 0, side: 'baseline' },
      { round: 0, side: 'ours' },
      { round: 1, side: 'baseline' },
      { round: 1, side: 'ours' },
      { round: 2, side: 'baseline' },
      { round: 2, side: 'ours' },
    ]);
  });

  it('never runs one side twice in a row, and runs each side once a round', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), (n) => {
        const s = abSchedule(n);
        expect(s).toHaveLength(2 * n);
        for (let i = 1; i < s.length; i++) expect(s[i]!.side).not.toBe(s[i - 1]!.side);
        for (let r = 0; r < n; r++) {
          expect(s.filter((x) => x.round === r).map((x) => x.side)).toEqual(['baseline', 'ours']);
        }
      }),
    );
  });

  it('refuses a count of rounds that is not a whole number from 1', () => {
    expect(() => abSchedule(0)).toThrow(/rounds/);
    expect(() => abSchedule(2.5)).toThrow(/rounds/);
  });
});

describe('abRatio', () => {
  it('divides baseline time by our time round by round and takes the median', () => {
    expect(abRatio({ baseline: [10, 12, 11], ours: [20, 20, 22] })).toEqual({
      ratios: [0.5, 0.6, 0.5],
      median: 0.5,
    });
    // one disturbed round (ours slowed by other load) does not move the median
    expect(abRatio({ baseline: [900, 1000, 950], ours: [1000, 4200, 1000] }).median).toBe(0.9);
  });

  it('is above 1 when we are faster', () => {
    expect(abRatio({ baseline: [300], ours: [100] }).median).toBe(3);
  });

  it('refuses unpaired runs', () => {
    expect(() => abRatio({ baseline: [1, 2], ours: [1] })).toThrow(/as many/);
    expect(() => abRatio({ baseline: [], ours: [] })).toThrow(/at least one/);
  });
});

describe('round and rssGrowth', () => {
  it('round keeps the places asked for', () => {
    expect(round(0.12345)).toBe(0.12);
    expect(round(0.12545, 3)).toBe(0.125);
    expect(round(812.6, 0)).toBe(813);
  });

  it('rssGrowth is the fraction more the large run used', () => {
    expect(rssGrowth(100, 110)).toBe(0.1);
    expect(rssGrowth(200, 180)).toBe(-0.1);
    expect(rssGrowth(120, 120)).toBe(0);
  });
});
