import { type Issue, issue } from '@commonweal/core/issues';
import { dec } from '@commonweal/core/money';
import { DEFAULT_DIVERGENCE_THRESHOLD, validateModel } from '@commonweal/core/procurement';
import { z } from 'zod';

/** The format tag of a saved workbench file. */
export const STATE_FORMAT = 'commonweal.workbench.v1';

const Id = z.string().trim().min(1, 'give an id');
const DecimalText = z.string().regex(/^-?\d+(\.\d+)?$/, 'a number such as 3 or 2.5');

/** A bid: id, bidder's name and total price (a decimal string, as the bids file writes it). */
export const BidSchema = z.strictObject({ bid: Id, bidder: z.string().trim().min(1), price: DecimalText });
/** An evaluator of the panel. */
export const EvaluatorSchema = z.strictObject({ id: Id, name: z.string() });
/** One evaluator's score of one bid on one criterion, with the justification it needs. */
export const ScoreSchema = z.strictObject({
  bid: Id,
  criterion: Id,
  evaluator: Id,
  score: DecimalText,
  comment: z.string().trim().min(1, 'a score needs its justification'),
});
/** A pass/fail gate result with its reason. */
export const GateSchema = z.strictObject({
  bid: Id,
  criterion: Id,
  result: z.enum(['pass', 'fail']),
  reason: z.string().trim().min(1, 'a gate result needs its reason'),
});
/** A moderated (consensus) score agreed by the panel, with the reason. */
export const ModerationSchema = z.strictObject({
  bid: Id,
  criterion: Id,
  score: DecimalText,
  reason: z.string().trim().min(1, 'a moderated score needs the reason the panel agreed it'),
});
/** One answer of the community priorities survey: points or a rank of one item. */
export const SurveyAnswerSchema = z.strictObject({ respondent: Id, group: Id, item: Id, value: DecimalText });
/** The community priorities survey: the items (social value themes) and the answers. */
export const SurveySchema = z.strictObject({
  method: z.enum(['points', 'ranks']),
  groups: z.enum(['equal', 'proportional']),
  items: z.array(z.strictObject({ id: Id, title: z.string().trim().min(1) })),
  answers: z.array(SurveyAnswerSchema),
});

/**
 * Everything a workbench holds, as one JSON file: the model (JSON as the CLI reads it, checked
 * live with `validateModel`), bids, panel, scores, gate results, moderation and the survey.
 *
 * @example
 * ```ts
 * WorkbenchStateSchema.parse(emptyState()).format; // 'commonweal.workbench.v1'
 * ```
 */
export const WorkbenchStateSchema = z.strictObject({
  format: z.literal(STATE_FORMAT),
  model: z.record(z.string(), z.json()),
  bids: z.array(BidSchema),
  evaluators: z.array(EvaluatorSchema),
  scores: z.array(ScoreSchema),
  gates: z.array(GateSchema),
  moderation: z.array(ModerationSchema),
  survey: SurveySchema,
});

export type WorkbenchState = z.infer<typeof WorkbenchStateSchema>;
export type Bid = z.infer<typeof BidSchema>;
export type Score = z.infer<typeof ScoreSchema>;
export type Gate = z.infer<typeof GateSchema>;
export type Moderation = z.infer<typeof ModerationSchema>;
export type Survey = z.infer<typeof SurveySchema>;
/** A criterion as JSON (the model is edited as the JSON the CLI reads). */
export type CriterionJson = Record<string, unknown> & { id: string; title: string; type: string };
/** Where a criterion sits: its index in each list from the top. */
export type CriterionPath = number[];

/**
 * A workbench with an empty tender: a price and a quality criterion to start from.
 *
 * @example
 * ```ts
 * emptyState().bids.length; // 0
 * ```
 */
export function emptyState(): WorkbenchState {
  return {
    format: STATE_FORMAT,
    model: {
      id: 'T-NEW',
      title: 'New tender',
      currency: 'GBP',
      criteria: [
        { id: 'price', title: 'Price', weight: '40', type: 'price', method: 'lowest-ratio' },
        { id: 'quality', title: 'Quality', weight: '60', type: 'quality', scale: { max: '4' } },
      ],
    },
    bids: [],
    evaluators: [
      { id: 'E1', name: 'Evaluator 1' },
      { id: 'E2', name: 'Evaluator 2' },
    ],
    scores: [],
    gates: [],
    moderation: [],
    survey: { method: 'points', groups: 'equal', items: [], answers: [] },
  };
}

/**
 * A workbench whose model is a template's (e.g. `examples/tender/model.json`).
 *
 * @example
 * ```ts
 * fromModelText(text).model.title; // 'Home care services, Example Council'
 * ```
 */
export function fromModelText(text: string): WorkbenchState {
  return { ...emptyState(), model: JSON.parse(text) as WorkbenchState['model'] };
}

/**
 * Reads a saved workbench file; issues name the JSON path of what is wrong.
 *
 * @example
 * ```ts
 * parseState(JSON.stringify(emptyState())).ok; // true
 * ```
 */
export function parseState(
  text: string,
  file = 'workbench.json',
): { ok: true; value: WorkbenchState } | { ok: false; issues: Issue[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      issues: [issue('invalid_json', `${file} is not JSON: ${(e as Error).message}`, { file })],
    };
  }
  const r = WorkbenchStateSchema.safeParse(data);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    issues: r.error.issues.map((i) =>
      issue('invalid_workbench', `${i.message} (at ${i.path.join('.') || 'the top'})`, {
        file,
        path: i.path.map((p) => (typeof p === 'number' ? p : String(p))),
      }),
    ),
  };
}

const criteriaOf = (model: WorkbenchState['model']): CriterionJson[] =>
  Array.isArray(model.criteria) ? (model.criteria as CriterionJson[]) : [];

/**
 * Every criterion with its path and depth, in model order.
 *
 * @example
 * ```ts
 * walkCriteria(model).map((c) => c.criterion.id); // ['cqc', 'insurance', 'price', 'quality', 'q1-continuity', …]
 * ```
 */
export function walkCriteria(
  model: WorkbenchState['model'],
): { criterion: CriterionJson; path: CriterionPath; depth: number; parent: string | null }[] {
  const out: { criterion: CriterionJson; path: CriterionPath; depth: number; parent: string | null }[] = [];
  const walk = (list: CriterionJson[], at: CriterionPath, parent: string | null) =>
    list.forEach((c, i) => {
      out.push({ criterion: c, path: [...at, i], depth: at.length, parent });
      if (c.type === 'group' && Array.isArray(c.criteria))
        walk(c.criteria as CriterionJson[], [...at, i], c.id);
    });
  walk(criteriaOf(model), [], null);
  return out;
}

/** The JSON path (`criteria`, 0, `criteria`, 1) of a criterion path. */
export function jsonPath(path: CriterionPath): (string | number)[] {
  return path.flatMap((i) => ['criteria', i]);
}

function cloneModel(model: WorkbenchState['model']): WorkbenchState['model'] {
  return structuredClone(model);
}

function listAt(model: WorkbenchState['model'], parent: CriterionPath): CriterionJson[] {
  let list = criteriaOf(model);
  for (const i of parent) {
    const c = list[i];
    if (!c || !Array.isArray(c.criteria)) throw new Error(`no group at ${parent.join('.')}`);
    list = c.criteria as CriterionJson[];
  }
  return list;
}

/**
 * The model with one criterion's members changed (`undefined` removes a member).
 *
 * @example
 * ```ts
 * updateCriterion(model, [2], { weight: '30' });
 * ```
 */
export function updateCriterion(
  model: WorkbenchState['model'],
  path: CriterionPath,
  patch: Record<string, unknown>,
): WorkbenchState['model'] {
  const out = cloneModel(model);
  const list = listAt(out, path.slice(0, -1));
  const c = list[path[path.length - 1] as number];
  if (!c) return out;
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete c[k];
    else c[k] = v;
  }
  return out;
}

/** What a new criterion of each type starts as. */
export function newCriterion(type: string, id: string): CriterionJson {
  switch (type) {
    case 'price':
      return { id, title: 'Price', weight: '0', type, method: 'lowest-ratio' };
    case 'social-value':
      return { id, title: 'Social value', weight: '0', type, mode: 'qualitative', scale: { max: '4' } };
    case 'pass-fail':
      return { id, title: 'Pass/fail gate', type };
    case 'group':
      return {
        id,
        title: 'Group',
        weight: '0',
        type,
        criteria: [{ id: `${id}-1`, title: 'Question', weight: '100', type: 'quality', scale: { max: '4' } }],
      };
    default:
      return { id, title: 'Quality question', weight: '0', type: 'quality', scale: { max: '4' } };
  }
}

/**
 * The model with a new criterion at the end of a list (the top, or a group's), with a fresh id.
 *
 * @example
 * ```ts
 * addCriterion(model, [], 'pass-fail'); // a gate "gate-1" at the end of the top level
 * ```
 */
export function addCriterion(
  model: WorkbenchState['model'],
  parent: CriterionPath,
  type: string,
): WorkbenchState['model'] {
  const out = cloneModel(model);
  if (!Array.isArray(out.criteria)) out.criteria = [];
  const taken = new Set(walkCriteria(out).map((c) => c.criterion.id));
  const stem =
    type === 'pass-fail' ? 'gate' : type === 'social-value' ? 'sv' : type === 'group' ? 'group' : type;
  let n = 1;
  while (taken.has(`${stem}-${n}`)) n++;
  listAt(out, parent).push(newCriterion(type, `${stem}-${n}`));
  return out;
}

/**
 * The model without the criterion at `path`.
 *
 * @example
 * ```ts
 * removeCriterion(model, [0]);
 * ```
 */
export function removeCriterion(
  model: WorkbenchState['model'],
  path: CriterionPath,
): WorkbenchState['model'] {
  const out = cloneModel(model);
  listAt(out, path.slice(0, -1)).splice(path[path.length - 1] as number, 1);
  return out;
}

/**
 * The model's issues (core's `validateModel`: schema, then weights summing to 100, ids, scales …),
 * each with the JSON path it names.
 *
 * @example
 * ```ts
 * modelIssues(model).map((i) => i.code); // ['weights_not_100'] when the top level sums to 95
 * ```
 */
export function modelIssues(model: WorkbenchState['model']): Issue[] {
  const r = validateModel(model);
  return r.issues;
}

/**
 * The sum of the weights of each list of scored siblings (the top, and each group's), with what
 * to do when it is not 100.
 *
 * @example
 * ```ts
 * weightSums(model)[0]; // { parent: [], total: '95', fix: 'add 5 to one of them' }
 * ```
 */
export function weightSums(
  model: WorkbenchState['model'],
): { parent: CriterionPath; total: string; fix: string | null }[] {
  const out: { parent: CriterionPath; total: string; fix: string | null }[] = [];
  const walk = (list: CriterionJson[], at: CriterionPath) => {
    let total = dec(0);
    for (const c of list) {
      if (c.type === 'pass-fail') continue;
      try {
        total = total.plus(dec(String(c.weight ?? '0')));
      } catch {
        // a weight that is not a number: the schema issue names it
      }
    }
    const diff = dec(100).minus(total);
    const fix = diff.isZero()
      ? null
      : diff.gt(0)
        ? `add ${diff} to one of them`
        : `take ${diff.neg()} off them`;
    if (list.some((c) => c.type !== 'pass-fail')) out.push({ parent: at, total: total.toString(), fix });
    list.forEach((c, i) => {
      if (c.type === 'group' && Array.isArray(c.criteria)) walk(c.criteria as CriterionJson[], [...at, i]);
    });
  };
  walk(criteriaOf(model), []);
  return out;
}

/** One level an evaluator can give: the score and its label. */
export interface ScaleOption {
  score: string;
  label: string;
}

/**
 * The criteria evaluators score (quality, and qualitative social value), with their scale.
 *
 * @example
 * ```ts
 * scoredCriteria(model).map((c) => c.id); // ['q1-continuity', 'q2-workforce', 'q3-safeguarding', 'social-value']
 * ```
 */
export function scoredCriteria(
  model: WorkbenchState['model'],
): { id: string; title: string; options: ScaleOption[] | null; max: string }[] {
  return walkCriteria(model)
    .map((n) => n.criterion)
    .filter((c) => c.type === 'quality' || (c.type === 'social-value' && c.mode === 'qualitative'))
    .map((c) => {
      const scale = (c.scale ?? {}) as { max?: unknown; levels?: { score: unknown; label: string }[] };
      if (Array.isArray(scale.levels)) {
        const options = scale.levels.map((l) => ({ score: String(l.score), label: l.label }));
        const max = options.reduce((m, o) => (dec(o.score).gt(m) ? dec(o.score) : m), dec(0));
        return { id: c.id, title: c.title, options, max: max.toString() };
      }
      return { id: c.id, title: c.title, options: null, max: String(scale.max ?? '0') };
    });
}

/**
 * The pass/fail gates of the model.
 *
 * @example
 * ```ts
 * gateCriteria(model).map((c) => c.id); // ['cqc', 'insurance']
 * ```
 */
export function gateCriteria(model: WorkbenchState['model']): { id: string; title: string }[] {
  return walkCriteria(model)
    .map((n) => n.criterion)
    .filter((c) => c.type === 'pass-fail')
    .map((c) => ({ id: c.id, title: c.title }));
}

const sameCell = (a: { bid: string; criterion: string }, b: { bid: string; criterion: string }) =>
  a.bid === b.bid && a.criterion === b.criterion;

/**
 * Records an evaluator's score (replacing their earlier one for the same bid and criterion),
 * or answers why it cannot be: a score off the scale, or no justification.
 *
 * @example
 * ```ts
 * setScore(state, { bid: 'B1', criterion: 'q1', evaluator: 'E1', score: '3', comment: 'Clear plan' }).ok; // true
 * ```
 */
export function setScore(
  state: WorkbenchState,
  score: Score,
): { ok: true; state: WorkbenchState } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const parsed = ScoreSchema.safeParse(score);
  if (!parsed.success)
    for (const i of parsed.error.issues) problems.push(`${i.path.join('.')}: ${i.message}`);
  const c = scoredCriteria(state.model).find((k) => k.id === score.criterion);
  if (!c) problems.push(`"${score.criterion}" is not a scored criterion of the model`);
  else if (parsed.success) {
    if (c.options && !c.options.some((o) => dec(o.score).eq(dec(score.score))))
      problems.push(
        `score ${score.score} is not on the scale: choose one of ${c.options.map((o) => o.score).join(', ')}`,
      );
    if (!c.options && (dec(score.score).lt(0) || dec(score.score).gt(dec(c.max))))
      problems.push(`score ${score.score} is off the scale: give a score from 0 to ${c.max}`);
  }
  if (problems.length) return { ok: false, problems };
  const v = parsed.data as Score;
  const scores = state.scores.filter((s) => !(sameCell(s, v) && s.evaluator === v.evaluator));
  return { ok: true, state: { ...state, scores: [...scores, v] } };
}

/**
 * The scores one evaluator may see while scoring: their own only (scoring is blind).
 *
 * @example
 * ```ts
 * visibleScores(state, 'E2').every((s) => s.evaluator === 'E2'); // true
 * ```
 */
export function visibleScores(state: WorkbenchState, evaluator: string): Score[] {
  return state.scores.filter((s) => s.evaluator === evaluator);
}

/** One bid × criterion where evaluators scored: the spread and whether it needs moderation. */
export interface Disagreement {
  bid: string;
  criterion: string;
  scores: { evaluator: string; score: string; comment: string }[];
  spread: string;
  /** The largest spread allowed: the divergence threshold × the scale maximum. */
  allowed: string;
  divergent: boolean;
  moderated: Moderation | null;
}

/**
 * Where evaluators disagree: for each bid × criterion with two or more scores, the spread
 * (highest − lowest) against the model's divergence threshold × the scale maximum (default
 * 0.4, as core's moderation flags it), the scores with their justifications, and the moderated
 * score if one was agreed.
 *
 * @example
 * ```ts
 * disagreements(state).filter((d) => d.divergent).map((d) => `${d.bid} ${d.criterion}`); // ['B1 q1']
 * ```
 */
export function disagreements(state: WorkbenchState): Disagreement[] {
  const threshold = dec(String(state.model.divergenceThreshold ?? DEFAULT_DIVERGENCE_THRESHOLD.toString()));
  const out: Disagreement[] = [];
  for (const c of scoredCriteria(state.model))
    for (const b of state.bids) {
      const cell = state.scores
        .filter((s) => s.bid === b.bid && s.criterion === c.id)
        .sort((x, y) => (x.evaluator < y.evaluator ? -1 : 1));
      if (cell.length < 2) continue;
      const values = cell.map((s) => dec(s.score));
      const spread = values
        .reduce((m, v) => (v.gt(m) ? v : m))
        .minus(values.reduce((m, v) => (v.lt(m) ? v : m)));
      const allowed = threshold.times(dec(c.max));
      out.push({
        bid: b.bid,
        criterion: c.id,
        scores: cell.map((s) => ({ evaluator: s.evaluator, score: s.score, comment: s.comment })),
        spread: spread.toString(),
        allowed: allowed.toString(),
        divergent: spread.gt(allowed),
        moderated: state.moderation.find((m) => m.bid === b.bid && m.criterion === c.id) ?? null,
      });
    }
  return out;
}

/**
 * Records the panel's moderated score with its reason (replacing an earlier one).
 *
 * @example
 * ```ts
 * setModeration(state, { bid: 'B1', criterion: 'q1', score: '3', reason: 'Agreed at the meeting' });
 * ```
 */
export function setModeration(
  state: WorkbenchState,
  m: Moderation,
): { ok: true; state: WorkbenchState } | { ok: false; problems: string[] } {
  const parsed = ModerationSchema.safeParse(m);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => i.message) };
  const c = scoredCriteria(state.model).find((k) => k.id === m.criterion);
  if (c?.options && !c.options.some((o) => dec(o.score).eq(dec(m.score))))
    return { ok: false, problems: [`score ${m.score} is not on the scale of "${c.title}"`] };
  const rest = state.moderation.filter((x) => !sameCell(x, m));
  return { ok: true, state: { ...state, moderation: [...rest, parsed.data] } };
}

/**
 * Records a gate result with its reason (replacing an earlier one).
 *
 * @example
 * ```ts
 * setGate(state, { bid: 'B4', criterion: 'cqc', result: 'fail', reason: 'Not registered' });
 * ```
 */
export function setGate(
  state: WorkbenchState,
  g: Gate,
): { ok: true; state: WorkbenchState } | { ok: false; problems: string[] } {
  const parsed = GateSchema.safeParse(g);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => i.message) };
  const rest = state.gates.filter((x) => !sameCell(x, g));
  return { ok: true, state: { ...state, gates: [...rest, parsed.data] } };
}

/**
 * The weights of every weighted criterion, by id (what publication records).
 *
 * @example
 * ```ts
 * currentWeights(model); // { price: '40', quality: '50', 'q1-continuity': '40', … }
 * ```
 */
export function currentWeights(model: WorkbenchState['model']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { criterion: c } of walkCriteria(model))
    if (c.type !== 'pass-fail' && c.weight !== undefined) out[c.id] = String(c.weight);
  return out;
}

/**
 * Records the method as published on `date`: the model keeps the weights as published, so the
 * report can say if they change afterwards.
 *
 * @example
 * ```ts
 * publish(state, '2026-01-12').model.published; // { date: '2026-01-12', weights: { price: '40', … } }
 * ```
 */
export function publish(state: WorkbenchState, date: string): WorkbenchState {
  return { ...state, model: { ...state.model, published: { date, weights: currentWeights(state.model) } } };
}

/**
 * The weights that differ from those published (none when the model records no publication).
 *
 * @example
 * ```ts
 * weightChanges(model); // [{ id: 'price', published: '40', now: '30' }]
 * ```
 */
export function weightChanges(
  model: WorkbenchState['model'],
): { id: string; published: string | null; now: string | null }[] {
  const p = model.published as { weights?: Record<string, string> } | undefined;
  if (!p?.weights) return [];
  const now = currentWeights(model);
  const ids = [...new Set([...Object.keys(p.weights), ...Object.keys(now)])].sort();
  const out: { id: string; published: string | null; now: string | null }[] = [];
  for (const id of ids) {
    const a = p.weights[id] ?? null;
    const b = now[id] ?? null;
    const same = a !== null && b !== null && dec(a).eq(dec(b));
    if (!same) out.push({ id, published: a, now: b });
  }
  return out;
}

/**
 * The JSON Schema of the saved workbench file (from its zod schema), exported beside it.
 *
 * @example
 * ```ts
 * stateJsonSchema().properties.format; // { type: 'string', const: 'commonweal.workbench.v1' }
 * ```
 */
export function stateJsonSchema(): Record<string, unknown> & { properties: Record<string, unknown> } {
  return {
    ...z.toJSONSchema(WorkbenchStateSchema),
    $id: 'https://commonweal.dev/schemas/workbench.v1.json',
    title: 'Commonweal workbench file',
  } as Record<string, unknown> & { properties: Record<string, unknown> };
}
