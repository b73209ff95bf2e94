import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromModelText, modelIssues, walkCriteria } from '../state/state';
import { analyseSurvey, applyPriorities } from './priorities';

const TEMPLATE = readFileSync(
  fileURLToPath(new URL('../../../../examples/tender/model.json', import.meta.url)),
  'utf8',
);

const survey = () => ({
  method: 'points' as const,
  groups: 'equal' as const,
  items: [
    { id: 'sv-jobs', title: 'Local jobs and skills' },
    { id: 'sv-climate', title: 'Cutting emissions' },
  ],
  // residents: jobs 60 %, 20 % → 40; businesses: jobs 80 % → 80; groups equal → jobs 60, climate 40
  answers: [
    { respondent: 'R1', group: 'residents', item: 'sv-jobs', value: '60' },
    { respondent: 'R1', group: 'residents', item: 'sv-climate', value: '40' },
    { respondent: 'R2', group: 'residents', item: 'sv-jobs', value: '20' },
    { respondent: 'R2', group: 'residents', item: 'sv-climate', value: '80' },
    { respondent: 'R3', group: 'businesses', item: 'sv-jobs', value: '8' },
    { respondent: 'R3', group: 'businesses', item: 'sv-climate', value: '2' },
  ],
});

describe('the community priorities step', () => {
  it('weights the social value themes as the groups said, with the agreement, traced in the model', () => {
    const s = { ...fromModelText(TEMPLATE), survey: survey() };
    const p = analyseSurvey(s.survey);
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    expect(p.value.overall.weights).toEqual({
      'sv-climate': expect.anything(),
      'sv-jobs': expect.anything(),
    });
    expect(p.value.overall.weights['sv-jobs']?.toString()).toBe('60');
    expect(p.value.overall.weights['sv-climate']?.toString()).toBe('40');
    const r = applyPriorities(s, p.value);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const sv = walkCriteria(r.state.model).filter((n) => n.parent === 'social-value');
    expect(sv.map((n) => [n.criterion.id, n.criterion.weight, n.criterion.type])).toEqual([
      ['sv-jobs', '60', 'social-value'],
      ['sv-climate', '40', 'social-value'],
    ]);
    const group = walkCriteria(r.state.model).find((n) => n.criterion.id === 'social-value')?.criterion;
    expect(group?.weight).toBe('10');
    expect(group?.description).toContain(
      'Local jobs and skills 60%, Cutting emissions 40%; 3 respondents in 2 groups',
    );
    expect(group?.description).toContain("agreement (Kendall's W)");
    expect(group?.description).toContain(p.value.survey.hash);
    expect(modelIssues(r.state.model)).toEqual([]);
  });

  it('refuses to change criteria evaluators have already scored', () => {
    const s = { ...fromModelText(TEMPLATE), survey: survey() };
    s.scores = [{ bid: 'B1', criterion: 'social-value', evaluator: 'E1', score: '3', comment: 'ok' }];
    const p = analyseSurvey(s.survey);
    if (!p.ok) throw new Error();
    const r = applyPriorities(s, p.value);
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(['already_scored']);
  });
});
