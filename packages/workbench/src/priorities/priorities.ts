import type { Issue } from '@commonweal/core/issues';
import { csvStringify } from '@commonweal/csv';
import { type FlowFailure, type PrioritiesFlowResult, prioritiesFlow } from '@commonweal/flows';
import { type CriterionJson, type Survey, type WorkbenchState, walkCriteria } from '../state/state';

/** The name the survey is exported and analysed under, as `commonweal priorities --survey` reads it. */
export const SURVEY_FILE = 'survey.csv';

/**
 * The survey's answers as the CSV `commonweal priorities --survey` reads:
 * `respondent,group,item,points` (or `rank`), one row per answer in the order given.
 *
 * @example
 * ```ts
 * surveyCsv(survey).split('\n')[0]; // 'respondent,group,item,points'
 * ```
 */
export function surveyCsv(survey: Survey): string {
  return csvStringify([
    ['respondent', 'group', 'item', survey.method === 'points' ? 'points' : 'rank'],
    ...survey.answers.map((a) => [a.respondent, a.group, a.item, a.value]),
  ]);
}

/**
 * Analyses the survey with `@commonweal/flows`' `prioritiesFlow` on its CSV ({@link surveyCsv}),
 * as `commonweal priorities --survey survey.csv --items … --groups …` does on the exported file: points
 * shares or Borda ranks, groups weighted equally or by respondents, Kendall's W for agreement,
 * and the inputs SHA-256 the model then cites.
 *
 * @example
 * ```ts
 * const r = await analyseSurvey(survey);
 * if (r.ok) r.priorities.overall.weights; // { 'sv-climate': Dec('40'), 'sv-jobs': Dec('60') }
 * ```
 */
export function analyseSurvey(survey: Survey): Promise<PrioritiesFlowResult | FlowFailure> {
  return prioritiesFlow({
    survey: { name: SURVEY_FILE, text: surveyCsv(survey) },
    method: survey.method,
    groups: survey.groups,
    // Every theme on the survey is weighed, an unanswered one at 0 (`--items` on the command line).
    items: survey.items.length ? survey.items.map((i) => i.id) : undefined,
  });
}

/**
 * The trace written into the model: where the social value weights came from, citing the
 * flow's inputs SHA-256 (what `commonweal priorities --format json` prints as `inputs.sha256`).
 *
 * @example
 * ```ts
 * prioritiesTrace(r, survey); // 'Weights of the social value themes from … survey SHA-256 3f…'
 * ```
 */
export function prioritiesTrace(r: PrioritiesFlowResult, survey: Survey): string {
  const p = r.priorities;
  const title = (id: string) => survey.items.find((i) => i.id === id)?.title ?? id;
  const weights = p.overall.ranking.map((x) => `${title(x.item)} ${x.weight}%`).join(', ');
  const w = p.overall.agreement.w;
  const groups = Object.keys(p.groups).length;
  return (
    `Weights of the social value themes from the community priorities survey (${p.method}, ` +
    `${p.groupWeighting === 'equal' ? 'each stakeholder group given an equal say' : 'each respondent given an equal say'}): ` +
    `${weights}; ${p.overall.respondents} respondents in ${groups} group${groups === 1 ? '' : 's'}; ` +
    `agreement (Kendall's W) ${w === null ? 'not defined' : w.toFixed(2)}; survey SHA-256 ${r.sha256}.`
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
 * const a = await analyseSurvey(state.survey);
 * const r = a.ok ? applyPriorities(state, a) : null;
 * if (r?.ok) r.state.model; // social-value is a group: sv-jobs 45, sv-wellbeing 25, sv-climate 30
 * ```
 */
export function applyPriorities(
  state: WorkbenchState,
  r: PrioritiesFlowResult,
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
    description: prioritiesTrace(r, state.survey),
    criteria: state.survey.items.map((item) => {
      const was = existing.find((k) => k.id === item.id);
      return {
        ...(was ?? { type: 'social-value', mode: 'qualitative', scale }),
        id: item.id,
        title: item.title,
        weight: (r.priorities.overall.weights[item.id] ?? '0').toString(),
      };
    }),
  };
  const model = structuredClone(state.model);
  (model.criteria as CriterionJson[])[top.path[0] as number] = group;
  return { ok: true, state: { ...state, model } };
}
