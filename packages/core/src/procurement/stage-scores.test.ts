import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../issues/issues';
import type { Cell, EvaluatorScored, Work } from './cells';
import { type Bid, type EvaluationInput, EvaluationInputSchema } from './schema';
import { checkScores, consensusCell, groupRows, rowsOf } from './stage-scores';

// The scores and consensus stages on their own: one bid on one quality criterion (scale 0–5).
const model = {
  id: 'T',
  title: 'T',
  currency: 'GBP',
  criteria: [{ id: 'method', title: 'Method', weight: 100, type: 'quality', scale: { max: 5 }, minimum: 3 }],
};
function run(scores: Record<string, unknown>[], moderation: Record<string, unknown>[] = [], extra = {}) {
  const input = EvaluationInputSchema.parse({
    model: { ...model, ...extra },
    bids: [{ bid: 'A', bidder: 'Acme', price: '100' }],
    scores: scores.map((s) => ({ bid: 'A', criterion: 'method', ...s })),
    moderation: moderation.map((m) => ({ bid: 'A', criterion: 'method', ...m })),
  }) as EvaluationInput;
  const c = input.model.criteria[0] as EvaluatorScored;
  const w: Work = {
    bid: input.bids[0] as Bid,
    index: 0,
    cells: new Map<string, Cell>(),
    disqualify: [],
    flags: [],
    socialValue: null,
    svMissing: null,
  };
  const issues: Issue[] = [];
  const checked = checkScores(
    'A',
    c,
    input,
    rowsOf(groupRows(input.scores), 'A', 'method'),
    rowsOf(groupRows(input.moderation ?? []), 'A', 'method'),
    issues,
  );
  const cell = consensusCell(w, c, checked, input.model, issues);
  return { w, cell, checked, issues };
}

describe('checkScores and consensusCell (scores stage)', () => {
  it('the mean of the evaluators is the raw score, normalised by the scale maximum: (3 + 4) / 2 = 3.5 → 0.7', () => {
    const { cell, w, issues } = run([
      { evaluator: 'E2', score: 4, comment: 'Good' },
      { evaluator: 'E1', score: 3 },
    ]);
    expect([cell.raw?.toString(), cell.normalised?.toString()]).toEqual(['3.5', '0.7']);
    expect(cell.scores.map((s) => s.evaluator)).toEqual(['E1', 'E2']);
    expect(w.disqualify).toEqual([]);
    expect(issues).toEqual([]);
  });

  it('a moderated score replaces the combination', () => {
    const { cell } = run(
      [
        { evaluator: 'E1', score: 3 },
        { evaluator: 'E2', score: 4 },
      ],
      [{ score: 4, reason: 'Agreed' }],
    );
    expect(cell.raw?.toString()).toBe('4');
    expect(cell.moderated?.reason).toBe('Agreed');
  });

  it('a score below the criterion minimum disqualifies the bid, saying by how much', () => {
    const { w } = run([
      { evaluator: 'E1', score: 2 },
      { evaluator: 'E2', score: 3 },
    ]);
    expect(w.disqualify).toEqual(['scored 2.5 on "Method", below the minimum of 3']);
  });

  it('just below the minimum is shown cut down (2.99), never rounded up to the minimum', () => {
    const { w } = run([
      { evaluator: 'E1', score: '2.988' },
      { evaluator: 'E2', score: 3 },
    ]);
    expect(w.disqualify).toEqual(['scored 2.99 on "Method", below the minimum of 3']);
    const at = run([{ evaluator: 'E1', score: 3 }]);
    expect(at.w.disqualify).toEqual([]);
  });

  it('an off-scale or repeated score leaves the cell unscored with an issue on its row', () => {
    const off = run([{ evaluator: 'E1', score: 6, line: 9 }]);
    expect(off.cell.missing).toBe('Method (a score off the scale)');
    expect(off.issues.map((i) => [i.code, i.path, i.line, i.field])).toEqual([
      ['score_off_scale', ['scores', 0], 9, 'score'],
    ]);
    const twice = run([
      { evaluator: 'E1', score: 3 },
      { evaluator: 'E1', score: 4 },
    ]);
    expect(twice.cell.missing).toBe('Method (duplicate evaluator scores)');
    expect(twice.issues.map((i) => i.code)).toEqual(['duplicate_score']);
    expect(twice.w.disqualify).toEqual([]);
  });

  it('no score at all is incomplete, not zero', () => {
    const { cell, issues } = run([]);
    expect([cell.raw, cell.missing]).toEqual([null, 'Method (no score)']);
    expect(issues.map((i) => i.code)).toEqual(['missing_score']);
  });

  it('divergent scores are flagged, with a warning until moderated', () => {
    const { w, issues } = run([
      { evaluator: 'E1', score: 1 },
      { evaluator: 'E2', score: 5 },
    ]);
    expect(w.flags.map((f) => [f.code, f.criterion])).toEqual([['divergent-scores', 'method']]);
    expect(issues.map((i) => [i.code, i.severity])).toEqual([['scores_diverge', 'warning']]);
    const moderated = run(
      [
        { evaluator: 'E1', score: 1 },
        { evaluator: 'E2', score: 5 },
      ],
      [{ score: 3, reason: 'Agreed' }],
    );
    expect(moderated.w.flags[0]?.message).toContain('a moderated score is recorded');
    expect(moderated.issues).toEqual([]);
  });

  it('the mean lies between the lowest and highest score, and disqualifies exactly when below the minimum (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 5 }), (list) => {
        const { cell, w } = run(list.map((score, i) => ({ evaluator: `E${i}`, score })));
        const raw = cell.raw?.toNumber() as number;
        expect(raw).toBeGreaterThanOrEqual(Math.min(...list));
        expect(raw).toBeLessThanOrEqual(Math.max(...list));
        const sum = list.reduce((a, b) => a + b, 0);
        // the mean of 1/3 is not a finite decimal: compare to well within its 40 digits
        expect(Math.abs((cell.normalised?.toNumber() as number) - sum / (5 * list.length))).toBeLessThan(
          1e-12,
        );
        expect(w.disqualify.length > 0).toBe(list.reduce((a, b) => a + b, 0) < 3 * list.length);
      }),
    );
  });
});
