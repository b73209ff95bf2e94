import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  addCriterion,
  disagreements,
  emptyState,
  fromModelText,
  modelIssues,
  parseState,
  publish,
  removeCriterion,
  scoredCriteria,
  setGate,
  setModeration,
  setScore,
  updateCriterion,
  visibleScores,
  weightChanges,
  weightSums,
} from './state';

const TEMPLATE = readFileSync(
  fileURLToPath(new URL('../../../../examples/tender/model.json', import.meta.url)),
  'utf8',
);

describe('the criteria editor', () => {
  it('reads the template: four scored questions on the 0–4 scale and two gates', () => {
    const s = fromModelText(TEMPLATE);
    expect(scoredCriteria(s.model).map((c) => [c.id, c.max])).toEqual([
      ['q1-continuity', '4'],
      ['q2-workforce', '4'],
      ['q3-safeguarding', '4'],
      ['social-value', '4'],
    ]);
    expect(modelIssues(s.model)).toEqual([]);
    expect(weightSums(s.model).map((w) => [w.parent, w.total, w.fix])).toEqual([
      [[], '100', null],
      [[3], '100', null],
    ]);
  });

  it('says live, with the fix, when weights do not sum to 100 (core validateModel)', () => {
    const s = fromModelText(TEMPLATE);
    const m = updateCriterion(s.model, [2], { weight: '35' });
    expect(weightSums(m)[0]).toEqual({ parent: [], total: '95', fix: 'add 5 to one of them' });
    const issues = modelIssues(m);
    expect(issues.map((i) => [i.code, i.path])).toEqual([['weights_not_100', ['criteria']]]);
    expect(issues[0]?.message).toContain('sum to 95, not 100');
    const over = updateCriterion(s.model, [2], { weight: '42.5' });
    expect(weightSums(over)[0]?.fix).toBe('take 2.5 off them');
    // the template is left as it was
    expect((s.model.criteria as { weight?: string }[])[2]?.weight).toBe('40');
  });

  it('adds criteria with fresh ids and removes them', () => {
    let m = emptyState().model;
    m = addCriterion(m, [], 'pass-fail');
    m = addCriterion(m, [], 'pass-fail');
    expect((m.criteria as { id: string }[]).map((c) => c.id)).toEqual([
      'price',
      'quality',
      'gate-1',
      'gate-2',
    ]);
    m = removeCriterion(m, [2]);
    expect((m.criteria as { id: string }[]).map((c) => c.id)).toEqual(['price', 'quality', 'gate-2']);
    expect(modelIssues(m)).toEqual([]);
  });

  it('records the weights as published and lists those changed since', () => {
    const s = publish(fromModelText(TEMPLATE), '2026-01-12');
    expect(weightChanges(s.model)).toEqual([]);
    const m = updateCriterion(updateCriterion(s.model, [2], { weight: '30' }), [3], { weight: '60' });
    expect(weightChanges(m)).toEqual([
      { id: 'price', published: '40', now: '30' },
      { id: 'quality', published: '50', now: '60' },
    ]);
    expect(modelIssues(m)).toEqual([]);
  });
});

describe('scoring, disagreement and moderation', () => {
  const base = () => {
    const s = fromModelText(TEMPLATE);
    s.bids = [
      { bid: 'B1', bidder: 'Northside Care Co-operative Ltd', price: '2310000' },
      { bid: 'B2', bidder: 'Brightway Homecare Ltd', price: '2180000' },
    ];
    return s;
  };
  const score = (evaluator: string, score: string, comment = 'Evidence in section 3') => ({
    bid: 'B1',
    criterion: 'q1-continuity',
    evaluator,
    score,
    comment,
  });

  it('needs a justification and a score on the scale', () => {
    const s = base();
    expect(setScore(s, score('E1', '3', '  '))).toEqual({
      ok: false,
      problems: ['comment: a score needs its justification'],
    });
    const off = setScore(s, score('E1', '5'));
    expect(off.ok).toBe(false);
    expect(!off.ok && off.problems).toEqual(['score 5 is not on the scale: choose one of 0, 1, 2, 3, 4']);
  });

  it('is blind: an evaluator sees only their own scores; a new score replaces theirs', () => {
    let s = base();
    for (const [e, v] of [
      ['E1', '4'],
      ['E2', '1'],
      ['E1', '3'],
    ] as const) {
      const r = setScore(s, score(e, v));
      if (!r.ok) throw new Error(r.problems.join());
      s = r.state;
    }
    expect(visibleScores(s, 'E2').map((x) => x.score)).toEqual(['1']);
    expect(visibleScores(s, 'E1').map((x) => x.score)).toEqual(['3']);
  });

  it('flags a spread above 40 % of the scale (1.6 of 4) and records the moderated score', () => {
    let s = base();
    for (const [e, v] of [
      ['E1', '4'],
      ['E2', '2'],
    ] as const) {
      const r = setScore(s, score(e, v));
      if (r.ok) s = r.state;
    }
    const [d] = disagreements(s);
    expect(d).toMatchObject({
      bid: 'B1',
      criterion: 'q1-continuity',
      spread: '2',
      allowed: '1.6',
      divergent: true,
    });
    expect(setModeration(s, { bid: 'B1', criterion: 'q1-continuity', score: '3', reason: ' ' }).ok).toBe(
      false,
    );
    const m = setModeration(s, {
      bid: 'B1',
      criterion: 'q1-continuity',
      score: '3',
      reason: 'Agreed: rota evidence',
    });
    if (!m.ok) throw new Error();
    expect(disagreements(m.state)[0]?.moderated?.score).toBe('3');
    const g = setGate(m.state, { bid: 'B2', criterion: 'cqc', result: 'fail', reason: 'Not registered' });
    expect(g.ok && g.state.gates).toEqual([
      { bid: 'B2', criterion: 'cqc', result: 'fail', reason: 'Not registered' },
    ]);
  });
});

describe('the saved file', () => {
  it('reads back what it wrote, and locates what is wrong', () => {
    const s = base2();
    expect(parseState(JSON.stringify(s))).toEqual({ ok: true, value: s });
    const bad = parseState(JSON.stringify({ ...s, scores: [{ ...s.scores[0], comment: '' }] }));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.issues.map((i) => [i.code, i.path])).toEqual([
      ['invalid_workbench', ['scores', 0, 'comment']],
    ]);
    expect(parseState('{').ok).toBe(false);
  });
});

function base2() {
  const s = emptyState();
  s.bids = [{ bid: 'B1', bidder: 'A', price: '100' }];
  s.scores = [{ bid: 'B1', criterion: 'quality', evaluator: 'E1', score: '3', comment: 'ok' }];
  return s;
}

describe('the JSON Schema of the saved file', () => {
  it('is made from the zod schema and requires justifications', async () => {
    const { stateJsonSchema } = await import('./state');
    const Ajv = (await import('ajv/dist/2020')).default;
    const schema = stateJsonSchema();
    expect(schema.properties.format).toEqual({ type: 'string', const: 'commonweal.workbench.v1' });
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate(JSON.parse(JSON.stringify(base2())))).toBe(true);
    const bad = base2();
    bad.scores[0] = { ...(bad.scores[0] as (typeof bad.scores)[0]), comment: '' };
    expect(validate(bad)).toBe(false);
  });
});
