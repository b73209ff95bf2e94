import { fail, type Issue, issue, ok, type Result } from '../issues/issues';
import { type Decimal, type DecimalLike, dec, isDecimal, ZERO } from '../money/decimal';
import { explain, type Trace } from '../trace/trace';
import { largestRemainder, type Priorities, type PriorityWeights } from './priorities';

/**
 * The generic shape of an evaluation model's criteria tree: each criterion has an id, a title,
 * a weight (% of its parent; siblings sum to 100) and optional sub-criteria. Other properties
 * are kept as they are.
 *
 * @example
 * ```ts
 * const c: PriorityCriterionNode = { id: 'sv', title: 'Social value', weight: '20', type: 'socialValue',
 *   criteria: [{ id: 'jobs', title: 'Jobs', weight: '50', type: 'quality' }] };
 * ```
 */
export interface PriorityCriterionNode {
  id: string;
  title?: string;
  weight?: unknown;
  type?: string;
  criteria?: readonly PriorityCriterionNode[];
  [key: string]: unknown;
}

/**
 * Options of {@link applyPrioritiesToModel}.
 *
 * @example
 * ```ts
 * const o: ApplyPrioritiesOptions = { criterion: 'social-value', group: 'residents' };
 * ```
 */
export interface ApplyPrioritiesOptions {
  /** Id of the criterion whose sub-criteria take the weights (e.g. the social value criterion). */
  criterion: string;
  /** Use one stakeholder group's weights instead of the overall ones. */
  group?: string;
  /**
   * When survey items and sub-criteria do not match one to one: rescale the matched weights to
   * 100 (warnings) instead of failing (errors). Unmatched sub-criteria then get weight 0.
   */
  renormalise?: boolean;
}

function find(nodes: readonly PriorityCriterionNode[], id: string): PriorityCriterionNode | undefined {
  for (const n of nodes) {
    if (n.id === id) return n;
    const inner = n.criteria ? find(n.criteria, id) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

function copyTree(
  nodes: readonly PriorityCriterionNode[],
  id: string,
  replace: (n: PriorityCriterionNode) => PriorityCriterionNode,
): PriorityCriterionNode[] {
  return nodes.map((n) => {
    const copy: PriorityCriterionNode = n.id === id ? replace(n) : { ...n };
    if (n.id !== id && n.criteria) copy.criteria = copyTree(n.criteria, id, replace);
    return copy;
  });
}

/**
 * Where applied weights came from: the survey (name, SHA-256), method, group weighting, the
 * respondents counted, and the weights written per sub-criterion, plus the note added to the
 * criterion's `description`.
 *
 * @example
 * ```ts
 * const p: PriorityProvenance = r.value.provenance;
 * p.survey.hash; // 'e3b0c442…'
 * ```
 */
export interface PriorityProvenance {
  criterion: string;
  survey: { name?: string; hash: string };
  method: 'points' | 'ranks';
  scoring: string;
  groupWeighting: 'equal' | 'proportional';
  group?: string;
  respondents: number;
  precision: number;
  renormalised: boolean;
  weights: Record<string, string>;
  note: string;
}

/**
 * Applies community priority weights to an evaluation model: the weighted sub-criteria of
 * `options.criterion` take the survey weights (sub-criterion id = survey item), as % of their
 * parent summing to 100; pass-fail sub-criteria keep no weight. Returns a NEW model (the input
 * is not changed) and its provenance. The provenance note is also appended to the criterion's
 * `description` — the one free-text field the procurement model's strict schema has — so it
 * travels with the model into reports and assessment summaries. A weight is written as a
 * Decimal where the model held a Decimal, otherwise as a decimal string.
 *
 * Items without a sub-criterion and sub-criteria without an item are errors, unless
 * `renormalise` is set (then warnings, and the matched weights are rescaled to 100 by largest
 * remainder at the survey's precision).
 *
 * @example
 * ```ts
 * const r = applyPrioritiesToModel(model, priorities, { criterion: 'social-value' });
 * if (r.ok) r.value.model.criteria[2].criteria; // sub-criteria weighted by the community's priorities
 * ```
 */
export function applyPrioritiesToModel<M extends { criteria: readonly PriorityCriterionNode[] }>(
  model: M,
  priorities: Priorities,
  options: ApplyPrioritiesOptions,
): Result<{ model: M; provenance: PriorityProvenance }> {
  const issues: Issue[] = [];
  const target = find(model.criteria, options.criterion);
  if (!target) {
    return fail([
      issue(
        'criterion_not_found',
        `the model has no criterion "${options.criterion}": give the id of the social value criterion`,
        {
          field: 'criterion',
        },
      ),
    ]);
  }
  const subs = (target.criteria ?? []).filter((s) => s.type !== 'pass-fail');
  if (!subs.length) {
    return fail([
      issue(
        'criterion_has_no_subcriteria',
        `criterion "${options.criterion}" has no weighted sub-criteria: add one per survey item`,
        {
          field: 'criterion',
        },
      ),
    ]);
  }
  let source: PriorityWeights = priorities.overall;
  if (options.group !== undefined) {
    const g = priorities.groups[options.group];
    if (!g) {
      return fail([
        issue(
          'priority_group_unknown',
          `the survey has no group "${options.group}" (groups: ${Object.keys(priorities.groups).join(', ')})`,
          {
            field: 'group',
          },
        ),
      ]);
    }
    source = g;
  }
  const severity = options.renormalise ? { severity: 'warning' as const } : {};
  const ids = new Set(subs.map((s) => s.id));
  const items = Object.keys(source.weights);
  for (const item of items) {
    if (!ids.has(item)) {
      issues.push(
        issue(
          'priority_item_unmatched',
          `survey item "${item}" matches no sub-criterion of "${options.criterion}" (${[...ids].join(', ')}): rename the item or the sub-criterion`,
          {
            path: ['criteria', options.criterion],
            ...severity,
          },
        ),
      );
    }
  }
  for (const s of subs) {
    if (!(s.id in source.weights)) {
      issues.push(
        issue(
          'subcriterion_unweighted',
          `sub-criterion "${s.id}" has no survey item, so the survey gives it no weight${options.renormalise ? ' (set to 0)' : ''}: add it to the survey or rename it`,
          {
            path: ['criteria', options.criterion, s.id],
            ...severity,
          },
        ),
      );
    }
  }
  if (!options.renormalise && issues.length) return fail(issues);

  let weights: Record<string, Decimal>;
  const matched = items.filter((i) => ids.has(i));
  const renormalised = matched.length !== items.length;
  if (!renormalised) weights = { ...source.weights };
  else {
    const total = matched.reduce((a, i) => a.plus(source.exact[i]!), ZERO);
    if (total.isZero()) {
      return fail([
        ...issues,
        issue('priority_weights_zero', 'the matched survey items carry no weight: nothing to apply'),
      ]);
    }
    const exact: Record<string, Decimal> = {};
    for (const i of matched) exact[i] = source.exact[i]!.times(100).dividedBy(total);
    weights = largestRemainder(exact, 100, priorities.precision);
  }
  const written: Record<string, string> = {};
  for (const s of subs) written[s.id] = (weights[s.id] ?? ZERO).toString();

  const survey = `${priorities.survey.name ? `"${priorities.survey.name}" ` : ''}(sha256 ${priorities.survey.hash})`;
  const note =
    `Sub-criteria weights from the community priority survey ${survey}: ` +
    `${priorities.method === 'ranks' ? 'Borda count of ranks' : 'points allocation'}, ` +
    `${options.group !== undefined ? `group "${options.group}" only` : `groups weighted ${priorities.groupWeighting === 'equal' ? 'equally' : 'in proportion to respondents'}`}, ` +
    `${source.respondents} respondents, rounded to ${priorities.precision} d.p. by largest remainder` +
    `${renormalised ? ', rescaled to 100 over the matched items' : ''}: ` +
    subs.map((s) => `${s.id} ${written[s.id]}`).join(', ') +
    '.';
  const criteria = copyTree(model.criteria, options.criterion, (n) => ({
    ...n,
    description:
      typeof n.description === 'string' && n.description !== '' ? `${n.description}\n${note}` : note,
    criteria: (n.criteria ?? []).map((s) => {
      if (s.type === 'pass-fail') return { ...s };
      const w = weights[s.id] ?? ZERO;
      return { ...s, weight: isDecimal(s.weight) ? w : w.toString() };
    }),
  }));
  const provenance: PriorityProvenance = {
    criterion: options.criterion,
    survey: { ...priorities.survey },
    method: priorities.method,
    scoring: priorities.scoring,
    groupWeighting: priorities.groupWeighting,
    respondents: source.respondents,
    precision: priorities.precision,
    renormalised,
    weights: written,
    note,
  };
  if (options.group !== undefined) provenance.group = options.group;
  return ok({ model: { ...model, criteria } as M, provenance }, issues);
}

/**
 * One theme of a priority-weighted valuation: its value, the community weight, the multiplier
 * (weight ÷ equal weight, so equal priorities leave values unchanged) and the weighted value.
 *
 * @example
 * ```ts
 * const t: PrioritisedTheme = { theme: 'jobs', value: dec('1000'), weight: dec('50'), multiplier: dec('1.5'),
 *   weighted: dec('1500'), share: dec('0.6') };
 * ```
 */
export interface PrioritisedTheme {
  theme: string;
  value: Decimal;
  weight: Decimal;
  multiplier: Decimal;
  weighted: Decimal;
  /** Share of the weighted total. */
  share: Decimal;
}

/**
 * A valuation by theme viewed through community priorities.
 *
 * @example
 * ```ts
 * view.weightedTotal.toString(); // '2500'
 * ```
 */
export interface PrioritisedValuation {
  themes: PrioritisedTheme[];
  total: Decimal;
  weightedTotal: Decimal;
  trace: Trace;
}

/**
 * A priority-weighted view of a valuation by theme: `weighted = value × weight ÷ (100 ÷ n)`, n
 * the number of weighted themes, so a theme the community weights at the equal share keeps its
 * value, one weighted double counts double. It is a view for discussion and reports, not a
 * replacement for the valuation (whose figures keep their own trace). A valued theme without a
 * weight is an error; a weight without a valued theme is a warning.
 *
 * @example
 * ```ts
 * const r = prioritiseValuation({ jobs: '1000', climate: '1000' }, { jobs: '75', climate: '25' });
 * r.ok && r.value.themes.map((t) => t.weighted.toString()); // ['1500', '500']
 * ```
 */
export function prioritiseValuation(
  byTheme: Readonly<Record<string, DecimalLike>> | readonly { theme: string; value: DecimalLike }[],
  weights: Priorities | Readonly<Record<string, DecimalLike>>,
): Result<PrioritisedValuation> {
  const issues: Issue[] = [];
  const values = new Map<string, Decimal>();
  const entries = Array.isArray(byTheme)
    ? (byTheme as readonly { theme: string; value: DecimalLike }[]).map((e) => [e.theme, e.value] as const)
    : Object.entries(byTheme as Record<string, DecimalLike>);
  for (const [theme, v] of entries) values.set(theme, (values.get(theme) ?? ZERO).plus(dec(v)));
  const w: Record<string, Decimal> =
    'overall' in weights && 'survey' in weights
      ? (weights as Priorities).overall.weights
      : Object.fromEntries(
          Object.entries(weights as Record<string, DecimalLike>).map(([k, v]) => [k, dec(v)]),
        );
  const n = Object.keys(w).length;
  const sumW = Object.values(w).reduce((a, b) => a.plus(b), ZERO);
  if (!n || sumW.isZero()) return fail([issue('priority_weights_empty', 'no priority weights were given')]);
  if (!sumW.eq(100)) {
    issues.push(
      issue(
        'priority_weights_sum',
        `the weights sum to ${sumW.toString()}, not 100: multipliers use weight ÷ (sum ÷ n)`,
        { severity: 'warning' },
      ),
    );
  }
  for (const theme of [...values.keys()].sort()) {
    if (!(theme in w))
      issues.push(
        issue(
          'theme_unweighted',
          `theme "${theme}" has a value but no priority weight: add it to the survey or leave it out`,
          { field: theme },
        ),
      );
  }
  for (const item of Object.keys(w).sort()) {
    if (!values.has(item))
      issues.push(
        issue('weight_unvalued', `priority item "${item}" has no value in the valuation`, {
          field: item,
          severity: 'warning',
        }),
      );
  }
  if (issues.some((i) => i.severity !== 'warning')) return fail(issues);
  const themes = [...values.keys()].sort().map((theme) => {
    const weight = w[theme]!;
    // weight × n ÷ sum, not weight ÷ (sum ÷ n): exact whenever the weights allow it
    const multiplier = weight.times(n).dividedBy(sumW);
    return {
      theme,
      value: values.get(theme)!,
      weight,
      multiplier,
      weighted: values.get(theme)!.times(multiplier),
      share: ZERO,
    };
  });
  const total = themes.reduce((a, t) => a.plus(t.value), ZERO);
  const weightedTotal = themes.reduce((a, t) => a.plus(t.weighted), ZERO);
  for (const t of themes) t.share = weightedTotal.isZero() ? ZERO : t.weighted.dividedBy(weightedTotal);
  const { trace } = explain(
    weightedTotal,
    'priority-weighted value = Σ value × weight ÷ (100 ÷ number of weighted themes)',
    Object.fromEntries(themes.map((t) => [t.theme, `${t.value.toString()} × ${t.multiplier.toString()}`])),
    ['a view for discussion: the valuation itself is unchanged'],
  );
  return ok({ themes, total, weightedTotal, trace }, issues);
}
