import { analysePriorities, type Priorities } from '@commonweal/core/economy';
import type { Issue } from '@commonweal/core/issues';
import { type CriterionJson, type Survey, type WorkbenchState, walkCriteria } from '../state/state';

/**
 * The survey's answers as core's priority rows (points or ranks).
 *
 * @example
 * ```ts
 * surveyRows(survey)[0]; // { respondent: 'R1', group: 'residents', item: 'sv-jobs', points: '50', line: 1 }
 * ```
 */
export function surveyRows(survey: Survey) {
  return survey.answers.map((a, i) => ({
    respondent: a.respondent,
    group: a.group,
    item: a.item,
    ...(survey.method === 'points' ? { points: a.value } : { rank: a.value }),
    line: i + 1,
  }));
}

/**
 * Analyses the survey with core's `analysePriorities` (points shares or Borda ranks, groups
 * weighted equally or by respondents, Kendall's W for agreement).
 *
 * @example
 * ```ts
 * const r = analyseSurvey(survey);
 * if (r.ok) r.value.overall.weights; // { 'sv-climate': Dec('30'), 'sv-jobs': Dec('45'), … }
 * ```
 */
export function analyseSurvey(survey: Survey): ReturnType<typeof analysePriorities> {
  return analysePriorities(surveyRows(survey), {
    method: survey.method,
    groups: survey.groups,
    items: survey.items.map((i) => i.id),
    survey: { name: 'workbench survey' },
  });
}

/** The trace written into the model: where the social value weights came from. */
export function prioritiesTrace(p: Priorities, survey: Survey): string {
  const title = (id: string) => survey.items.find((i) => i.id === id)?.title ?? id;
  const weights = p.overall.ranking.map((r) => `${title(r.item)} ${r.weight}%`).join(', ');
  const w = p.overall.agreement.w;
  const groups = Object.keys(p.groups).length;
  return (
    `Weights of the social value themes from the community priorities survey (${p.method}, ` +
    `${p.groupWeighting === 'equal' ? 'each stakeholder group given an equal say' : 'each respondent given an equal say'}): ` +
    `${weights}; ${p.overall.respondents} respondents in ${groups} group${groups === 1 ? '' : 's'}; ` +
    `agreement (Kendall's W) ${w === null ? 'not defined' : w.toFixed(2)}; survey SHA-256 ${p.survey.hash}.`
  );
}

/**
 * Applies the survey's weights to the social value criteria: the top-level social value
 * criterion becomes a group with one qualitative question per survey item (keeping its weight
 * and scale), each weighted as the community said, the trace in the group's description. It
 * refuses (with the reason) when evaluators have already scored the criteria it would change.
 *
 * @example
 * ```ts
 * const r = applyPriorities(state, priorities);
 * if (r.ok) r.state.model; // social-value is a group: sv-jobs 45, sv-wellbeing 25, sv-climate 30
 * ```
 */
export function applyPriorities(
  state: WorkbenchState,
  p: Priorities,
): { ok: true; state: WorkbenchState } | { ok: false; issues: Issue[] } {
  const top = walkCriteria(state.model).find(
    (n) =>
      n.depth === 0 &&
      (n.criterion.type === 'social-value' ||
        (n.criterion.type === 'group' &&
          ((n.criterion.criteria as CriterionJson[] | undefined) ?? []).every(
            (k) => k.type === 'social-value',
          ))),
  );
  if (!top)
    return {
      ok: false,
      issues: [
        {
          code: 'no_social_value',
          message: 'the model has no top-level social value criterion: add one on the Criteria step',
        },
      ],
    };
  const c = top.criterion;
  const affected = new Set([c.id, ...((c.criteria as CriterionJson[] | undefined) ?? []).map((k) => k.id)]);
  if (state.scores.some((s) => affected.has(s.criterion)))
    return {
      ok: false,
      issues: [
        {
          code: 'already_scored',
          message: `evaluators have scored "${c.title}": apply the community's weights before scoring starts (or remove those scores)`,
        },
      ],
    };
  const existing = (c.criteria as CriterionJson[] | undefined) ?? [];
  const scale = (c.scale ?? existing[0]?.scale ?? { max: '4' }) as unknown;
  const group: CriterionJson = {
    id: c.id,
    title: c.title,
    weight: c.weight,
    type: 'group',
    description: prioritiesTrace(p, state.survey),
    criteria: state.survey.items.map((item) => {
      const was = existing.find((k) => k.id === item.id);
      return {
        ...(was ?? { type: 'social-value', mode: 'qualitative', scale }),
        id: item.id,
        title: item.title,
        weight: (p.overall.weights[item.id] ?? '0').toString(),
      };
    }),
  };
  const model = structuredClone(state.model);
  (model.criteria as CriterionJson[])[top.path[0] as number] = group;
  return { ok: true, state: { ...state, model } };
}
