import { describe, expect, it } from 'vitest';
import { dec } from '../money/decimal';
import { combineScores, moderateScores } from './moderation';

const s = (evaluator: string, score: number | string, comment: string | null = null) => ({
  evaluator,
  score: dec(score),
  comment,
});

describe('combineScores', () => {
  it('mean and median, including an even count (median = mean of the middle two)', () => {
    expect(combineScores([dec(1), dec(2), dec(4), dec(9)], 'mean').toString()).toBe('4');
    expect(combineScores([dec(9), dec(1), dec(4), dec(2)], 'median').toString()).toBe('3');
    expect(combineScores([dec(7)], 'median').toString()).toBe('7');
  });
  it('throws for an empty list (a programmer error)', () => {
    expect(() => combineScores([], 'mean')).toThrow('empty');
  });
});

describe('moderateScores', () => {
  it('divergence uses the scale: a spread of 2 on a 0–4 scale is above 0.4 × 4 = 1.6; on 0–10 it is not', () => {
    expect(moderateScores({ scores: [s('E1', 1), s('E2', 3)], scaleMax: dec(4) }).divergent).toBe(true);
    expect(moderateScores({ scores: [s('E1', 1), s('E2', 3)], scaleMax: dec(10) }).divergent).toBe(false);
  });
  it('a single evaluator has no spread; the trace lists evaluators in a stable order', () => {
    const one = moderateScores({ scores: [s('E1', 3)], scaleMax: dec(4) });
    expect([one.raw.toString(), one.spread, one.divergent]).toEqual(['3', null, false]);
    const r = moderateScores({ scores: [s('Zed', 1), s('Amy', 2)], scaleMax: dec(4) });
    expect(Object.keys(r.trace.inputs)).toEqual(['evaluator Amy', 'evaluator Zed']);
    expect(r.raw.toString()).toBe('1.5');
  });
  it('the moderated score wins, and keeps the reason in the trace', () => {
    const r = moderateScores({
      scores: [s('E1', 0), s('E2', 4)],
      moderated: { score: dec(3), reason: 'E1 missed appendix B', moderator: null, at: null },
      scaleMax: dec(4),
    });
    expect([r.raw.toString(), r.moderated, r.divergent]).toEqual(['3', true, true]);
    expect(r.trace.notes?.[0]).toBe('moderated: E1 missed appendix B');
  });
});
