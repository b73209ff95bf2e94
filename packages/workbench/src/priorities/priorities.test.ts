import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/src/test/harness';
import { fromModelText, modelIssues, walkCriteria } from '../state/state';
import { analyseSurvey, applyPriorities, SURVEY_FILE, surveyCsv } from './priorities';

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
  it('weights the social value themes as the groups said, with the agreement, traced in the model', async () => {
    const s = { ...fromModelText(TEMPLATE), survey: survey() };
    const p = await analyseSurvey(s.survey);
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    expect(p.priorities.overall.weights).toEqual({
      'sv-climate': expect.anything(),
      'sv-jobs': expect.anything(),
    });
    expect(p.priorities.overall.weights['sv-jobs']?.toString()).toBe('60');
    expect(p.priorities.overall.weights['sv-climate']?.toString()).toBe('40');
    const r = applyPriorities(s, p);
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
    expect(group?.description).toContain(`survey SHA-256 ${p.sha256}.`);
    expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(modelIssues(r.state.model)).toEqual([]);
  });

  it('cites the hash `commonweal priorities` gives the exported survey.csv, with the same weights', async () => {
    const sv = survey();
    const p = await analyseSurvey(sv);
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    expect(surveyCsv(sv).split('\n').slice(0, 2)).toEqual([
      'respondent,group,item,points',
      'R1,residents,sv-jobs,60',
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'cw-survey-'));
    writeFileSync(join(dir, SURVEY_FILE), surveyCsv(sv));
    const cli = await runCli(
      [
        'priorities',
        '--survey',
        SURVEY_FILE,
        '--items',
        'sv-jobs,sv-climate',
        '--groups',
        'equal',
        '--format',
        'json',
      ],
      dir,
    );
    expect(cli.code, cli.stderr).toBe(0);
    const doc = JSON.parse(cli.stdout) as { inputs: { sha256: string }; overall: { weights: unknown } };
    expect(doc.inputs.sha256).toBe(p.sha256);
    expect(doc.overall.weights).toEqual({ 'sv-climate': '40', 'sv-jobs': '60' });
    // Each respondent equally: (60 + 20 + 80) ÷ 3 = 53.33… for jobs, so the hash moves with the choice.
    const prop = await analyseSurvey({ ...sv, groups: 'proportional' });
    if (!prop.ok) throw new Error(JSON.stringify(prop.issues));
    expect(prop.sha256).not.toBe(p.sha256);
    expect(prop.priorities.overall.weights['sv-jobs']?.toString()).toBe('53.33');
  });

  it('weighs a theme nobody answered at 0, says so, and keeps it in the model', async () => {
    const sv = survey();
    sv.items.push({ id: 'sv-wellbeing', title: 'Wellbeing' });
    const s = { ...fromModelText(TEMPLATE), survey: sv };
    const p = await analyseSurvey(sv);
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    expect(p.priorities.overall.weights['sv-wellbeing']?.toString()).toBe('0');
    expect(p.priorities.overall.weights['sv-jobs']?.toString()).toBe('60');
    expect(p.issues.map((i) => [i.code, i.severity])).toEqual([['priority_item_unanswered', 'warning']]);
    expect(p.issues[0]?.message).toContain('"sv-wellbeing"');
    const r = applyPriorities(s, p);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const weights = walkCriteria(r.state.model)
      .filter((n) => n.parent === 'social-value')
      .map((n) => [n.criterion.id, n.criterion.weight]);
    expect(weights).toEqual([
      ['sv-jobs', '60'],
      ['sv-climate', '40'],
      ['sv-wellbeing', '0'],
    ]);
    expect(modelIssues(r.state.model)).toEqual([]);
  });

  it('refuses to change criteria evaluators have already scored', async () => {
    const s = { ...fromModelText(TEMPLATE), survey: survey() };
    s.scores = [{ bid: 'B1', criterion: 'social-value', evaluator: 'E1', score: '3', comment: 'ok' }];
    const p = await analyseSurvey(s.survey);
    if (!p.ok) throw new Error();
    const r = applyPriorities(s, p);
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(['already_scored']);
  });
});
