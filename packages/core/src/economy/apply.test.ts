import { describe, expect, it } from 'vitest';
import { dec, isDecimal } from '../money/decimal';
import { EvaluationModelSchema } from '../procurement/schema';
import { applyPrioritiesToModel, prioritiseValuation } from './apply';
import { analysePriorities, type Priorities, type PriorityRowInput } from './priorities';

const survey = (rows: PriorityRowInput[], groups: 'equal' | 'proportional' = 'equal'): Priorities => {
  const r = analysePriorities(rows, { groups, survey: { name: 'Exe Valley priorities 2025' } });
  if (!r.ok) throw new Error('survey');
  return r.value;
};

// jobs 50 / climate 30 / communities 20 (two residents, points)
const PRIORITIES = survey([
  { respondent: 'r1', group: 'residents', item: 'jobs', points: 60 },
  { respondent: 'r1', group: 'residents', item: 'climate', points: 20 },
  { respondent: 'r1', group: 'residents', item: 'communities', points: 20 },
  { respondent: 'r2', group: 'residents', item: 'jobs', points: 40 },
  { respondent: 'r2', group: 'residents', item: 'climate', points: 40 },
  { respondent: 'r2', group: 'residents', item: 'communities', points: 20 },
]);

// An evaluation model in the procurement schema's JSON shape: social value is a group whose
// children are the sub-criteria to weight.
const model = () => ({
  id: 'T-2025-07',
  title: 'Home care framework',
  currency: 'GBP',
  criteria: [
    { id: 'price', title: 'Price', weight: '40', type: 'price', method: 'lowest-ratio' },
    { id: 'quality', title: 'Quality', weight: '40', type: 'quality', scale: { max: 10 } },
    {
      id: 'social-value',
      title: 'Social value',
      weight: '20',
      type: 'group',
      criteria: [
        {
          id: 'jobs',
          title: 'Local jobs',
          weight: '34',
          type: 'social-value',
          mode: 'qualitative',
          scale: { max: 5 },
        },
        {
          id: 'climate',
          title: 'Net zero',
          weight: '33',
          type: 'social-value',
          mode: 'qualitative',
          scale: { max: 5 },
        },
        {
          id: 'communities',
          title: 'Stronger communities',
          weight: '33',
          type: 'social-value',
          mode: 'qualitative',
          scale: { max: 5 },
        },
        { id: 'charter', title: 'Signs the ethical care charter', type: 'pass-fail' },
      ],
    },
  ],
});

describe('applyPrioritiesToModel', () => {
  it('replaces the social value sub-criteria weights and traces them to the survey', () => {
    const input = model();
    const r = applyPrioritiesToModel(input, PRIORITIES, { criterion: 'social-value' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const sv = r.value.model.criteria[2]!;
    expect(sv.criteria!.map((c) => [c.id, 'weight' in c ? c.weight : null])).toEqual([
      ['jobs', '50'],
      ['climate', '30'],
      ['communities', '20'],
      ['charter', null], // pass-fail gates carry no weight
    ]);
    expect(r.value.model.criteria[0]).toEqual(input.criteria[0]);
    // A new object: the input is unchanged.
    expect(input.criteria[2]!.criteria![0]!.weight).toBe('34');
    expect(r.value.model).not.toBe(input);
    const p = r.value.provenance;
    expect(p).toMatchObject({
      criterion: 'social-value',
      survey: { name: 'Exe Valley priorities 2025', hash: PRIORITIES.survey.hash },
      method: 'points',
      groupWeighting: 'equal',
      respondents: 2,
      renormalised: false,
      weights: { jobs: '50', climate: '30', communities: '20' },
    });
    expect(p.note).toContain(PRIORITIES.survey.hash);
    expect((sv as { description?: string }).description).toBe(p.note);
  });

  it('gives a model the procurement schema accepts, with weights summing to 100', () => {
    const r = applyPrioritiesToModel(model(), PRIORITIES, { criterion: 'social-value' });
    if (!r.ok) throw new Error('apply');
    const parsed = EvaluationModelSchema.safeParse(r.value.model);
    expect(parsed.success).toBe(true);
  });

  it('keeps Decimal weights as Decimals and appends to an existing description', () => {
    const m = {
      criteria: [
        {
          id: 'sv',
          title: 'SV',
          description: 'Set by the board.',
          weight: dec(100),
          criteria: [
            { id: 'jobs', weight: dec(1) },
            { id: 'climate', weight: dec(1) },
            { id: 'communities', weight: dec(98) },
          ],
        },
      ],
    };
    const r = applyPrioritiesToModel(m, PRIORITIES, { criterion: 'sv' });
    if (!r.ok) throw new Error('apply');
    expect(
      r.value.model.criteria[0]!.criteria.map((c) => [isDecimal(c.weight), c.weight.toString()]),
    ).toEqual([
      [true, '50'],
      [true, '30'],
      [true, '20'],
    ]);
    expect(r.value.model.criteria[0]!.description).toMatch(/^Set by the board\.\nSub-criteria weights from/);
  });

  it('an item without a sub-criterion is an issue', () => {
    const m = model();
    m.criteria[2]!.criteria![2]!.id = 'community';
    const r = applyPrioritiesToModel(m, PRIORITIES, { criterion: 'social-value' });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(['priority_item_unmatched', 'subcriterion_unweighted']);
  });

  it('with renormalise, matched weights are rescaled to 100 and the rest set to 0, with warnings', () => {
    const m = model();
    m.criteria[2]!.criteria![2]!.id = 'community';
    const r = applyPrioritiesToModel(m, PRIORITIES, { criterion: 'social-value', renormalise: true });
    expect(r.ok).toBe(true);
    // jobs 50 and climate 30 of 80 → 62.5 and 37.5
    expect(r.ok && r.value.provenance.weights).toEqual({ jobs: '62.5', climate: '37.5', community: '0' });
    expect(r.ok && r.value.provenance.renormalised).toBe(true);
    expect(r.issues.every((i) => i.severity === 'warning')).toBe(true);
  });

  it('can use one stakeholder group', () => {
    const p = survey([
      { respondent: 'a', group: 'residents', item: 'jobs', points: 1 },
      { respondent: 'b', group: 'businesses', item: 'climate', points: 1 },
      { respondent: 'b', group: 'businesses', item: 'communities', points: 1 },
    ]);
    const r = applyPrioritiesToModel(model(), p, { criterion: 'social-value', group: 'businesses' });
    expect(r.ok && r.value.provenance.weights).toEqual({ jobs: '0', climate: '50', communities: '50' });
    expect(r.ok && r.value.provenance.note).toContain('group "businesses" only');
  });

  it('an unknown criterion or group is an issue', () => {
    expect(applyPrioritiesToModel(model(), PRIORITIES, { criterion: 'nope' }).issues[0]?.code).toBe(
      'criterion_not_found',
    );
    expect(
      applyPrioritiesToModel(model(), PRIORITIES, { criterion: 'social-value', group: 'nope' }).issues[0]
        ?.code,
    ).toBe('priority_group_unknown');
    expect(applyPrioritiesToModel(model(), PRIORITIES, { criterion: 'price' }).issues[0]?.code).toBe(
      'criterion_has_no_subcriteria',
    );
  });
});

describe('prioritiseValuation', () => {
  it('multiplies each theme by weight ÷ equal weight (hand-checked)', () => {
    const r = prioritiseValuation({ jobs: '1000', climate: '1000' }, { jobs: '75', climate: '25' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(
      r.value.themes.map((t) => [
        t.theme,
        t.multiplier.toString(),
        t.weighted.toString(),
        t.share.toString(),
      ]),
    ).toEqual([
      ['climate', '0.5', '500', '0.25'],
      ['jobs', '1.5', '1500', '0.75'],
    ]);
    expect(r.value.total.toString()).toBe('2000');
    expect(r.value.weightedTotal.toString()).toBe('2000');
  });

  it('takes weights from a priority survey and equal weights leave values unchanged', () => {
    const r = prioritiseValuation(
      [
        { theme: 'jobs', value: '900' },
        { theme: 'climate', value: '300' },
        { theme: 'communities', value: '0' },
      ],
      PRIORITIES,
    );
    expect(r.ok && r.value.themes.map((t) => t.weighted.toString())).toEqual(['270', '0', '1350']);
    const eq = prioritiseValuation({ a: '10', b: '20' }, { a: 50, b: 50 });
    expect(eq.ok && eq.value.themes.map((t) => t.weighted.toString())).toEqual(['10', '20']);
  });

  it('a valued theme without a weight is an error', () => {
    const r = prioritiseValuation({ jobs: '1', housing: '1' }, { jobs: 100 });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(['theme_unweighted']);
  });
});
