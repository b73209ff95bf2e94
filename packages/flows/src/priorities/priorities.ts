import {
  applyPrioritiesToModel,
  type Priorities,
  type PrioritisedValuation,
  type PriorityCriterionNode,
  type PriorityProvenance,
  type PriorityWeights,
  prioritiseValuation,
} from '@commonweal/core/economy';
import { fromZodError, type Issue, issue } from '@commonweal/core/issues';
import { validateModel } from '@commonweal/core/procurement';
import { ValuationJsonSchema } from '@commonweal/core/valuation';
import { analysePrioritiesCsv } from '@commonweal/csv';
import { canonicalStringify, hashInputs, locateJsonPaths, safeParseJson, sha256Hex } from '@commonweal/json';
import {
  type FlowColumns,
  type FlowFailure,
  FlowFatal,
  type FlowText,
  type FrameworkText,
  readFrameworkInput,
  runFlow,
  textOf,
} from '../inputs/inputs';

/** The last segment of a path (`/` or `\\`), as Node's `basename`, with no `node:` import. */
const basename = (file: string): string => /[^/\\]*$/.exec(file)?.[0] ?? file;

/** An issue with only the properties that are set (JSON has no `undefined`). */
function cleanIssue(i: Issue): Issue {
  const out: Issue = { code: i.code, message: i.message };
  if (i.path !== undefined) out.path = [...i.path];
  if (i.line !== undefined) out.line = i.line;
  if (i.column !== undefined) out.column = i.column;
  if (i.field !== undefined) out.field = i.field;
  if (i.file !== undefined) out.file = i.file;
  if (i.severity !== undefined) out.severity = i.severity;
  return out;
}

/**
 * A valuation by theme seen through the survey's overall weights: the valuation file (name,
 * SHA-256 of its text, its own inputs hash), its currency, and core `prioritiseValuation`'s
 * view of each theme's present value.
 *
 * @example
 * ```ts
 * r.valuation?.view.themes.map((t) => [t.theme, t.weighted.toString()]);
 * ```
 */
export interface PrioritisedValuationView {
  file: string;
  sha256: string;
  inputsSha256: string;
  currency: string;
  view: PrioritisedValuation;
}

/**
 * An evaluation model with the community's weights written into a criterion's sub-criteria:
 * its canonical text (validated), id, SHA-256 and the weights' provenance.
 *
 * @example
 * ```ts
 * r.applied?.provenance.criterion; // 'social-value'
 * ```
 */
export interface WeightedModel {
  text: string;
  id: string;
  sha256: string;
  provenance: PriorityProvenance;
}

/**
 * What {@link prioritiesDocument} reads: the weights, every issue, the inputs hash, and the
 * weighted model (its id and hash) and valuation view when made.
 *
 * @example
 * ```ts
 * const d: PrioritiesDocumentInput = { priorities, issues: [], sha256 };
 * ```
 */
export interface PrioritiesDocumentInput {
  priorities: Priorities;
  issues: readonly Issue[];
  sha256: string;
  applied?: { id: string; sha256: string; provenance: PriorityProvenance } | undefined;
  valuation?: PrioritisedValuationView | undefined;
}

/** Said wherever the priority-weighted view is shown, so nobody mistakes it for a valuation. */
export const VIEW_NOTE =
  'A view for discussion, not a published method: each theme’s present value × its community weight ÷ the equal weight (100 ÷ number of themes), so a theme weighted at the equal share keeps its value. The valuation itself is unchanged.';

const strings = (r: Record<string, { toString(): string }>) =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.toString()]));

function weightsJson(w: PriorityWeights) {
  const agreement: Record<string, unknown> = {
    method: w.agreement.method,
    w: w.agreement.w === null ? null : w.agreement.w.toString(),
    raters: w.agreement.raters,
    items: w.agreement.items,
  };
  if (w.agreement.note !== undefined) agreement.note = w.agreement.note;
  return {
    respondents: w.respondents,
    weights: strings(w.weights),
    exact: strings(w.exact),
    ranking: w.ranking.map((r) => ({ rank: r.rank, item: r.item, weight: r.weight.toString() })),
    agreement,
  };
}

/**
 * The JSON `commonweal priorities` writes (the `priorities-output` schema): weights as decimal
 * strings per group and overall, agreement, rows, issues, the inputs hash and, with
 * `--apply-to`, the provenance of the weights written into the model.
 *
 * @example
 * ```ts
 * prioritiesDocument(r).overall; // { weights: { 'local-jobs': '31.25', … }, … } // { 'local-jobs': '31.25', … }
 * ```
 */
export function prioritiesDocument(o: PrioritiesDocumentInput): Record<string, unknown> {
  const p = o.priorities;
  const survey: Record<string, string> = { hash: p.survey.hash };
  if (p.survey.name !== undefined) survey.name = p.survey.name;
  const out: Record<string, unknown> = {
    method: p.method,
    scoring: p.scoring,
    groupWeighting: p.groupWeighting,
    precision: p.precision,
    items: [...p.items],
    overall: weightsJson(p.overall),
    groups: Object.fromEntries(Object.entries(p.groups).map(([g, w]) => [g, weightsJson(w)])),
    groupShares: strings(p.groupShares),
    rows: { ...p.rows },
    survey,
    issues: o.issues.map(cleanIssue),
    inputs: { sha256: o.sha256 },
  };
  if (o.applied) {
    const pv = o.applied.provenance;
    const applied: Record<string, unknown> = {
      model: { id: o.applied.id, sha256: o.applied.sha256 },
      criterion: pv.criterion,
      respondents: pv.respondents,
      renormalised: pv.renormalised,
      weights: { ...pv.weights },
      note: pv.note,
    };
    if (pv.group !== undefined) applied.group = pv.group;
    out.applied = applied;
  }
  if (o.valuation) out.valuation = valuationViewJson(o.valuation);
  return out;
}

function valuationViewJson(v: PrioritisedValuationView) {
  const t = v.view.trace;
  const trace: Record<string, unknown> = {
    formula: t.formula,
    inputs: Object.fromEntries(Object.entries(t.inputs).map(([k, i]) => [k, { value: i.value }])),
    result: t.result,
  };
  if (t.notes?.length) trace.notes = [...t.notes];
  return {
    file: v.file,
    sha256: v.sha256,
    inputs: { sha256: v.inputsSha256 },
    basis: 'presentValue',
    currency: v.currency,
    note: VIEW_NOTE,
    themes: v.view.themes.map((x) => ({
      theme: x.theme,
      value: x.value.toString(),
      weight: x.weight.toString(),
      multiplier: x.multiplier.toString(),
      weighted: x.weighted.toString(),
      share: x.share.toString(),
    })),
    total: v.view.total.toString(),
    weightedTotal: v.view.weightedTotal.toString(),
    trace,
  };
}

/**
 * Reads the JSON of `commonweal value --format json` (checked with core `ValuationJsonSchema`,
 * issues located by path, line and column) and applies the survey's overall weights to its
 * present value by theme (a stage of {@link prioritiesFlow}). Survey items must be the
 * valuation's theme ids, one for one; a mismatch is fatal.
 *
 * @example
 * ```ts
 * valuationView({ name: 'valuation.json', text }, 'themes-survey.csv', priorities).view.view.total;
 * ```
 */
export function valuationView(
  input: FlowText,
  surveyFile: string,
  priorities: Priorities,
): { view: PrioritisedValuationView; issues: Issue[] } {
  const file = input.name;
  const text = textOf(input);
  const parsed = safeParseJson(text, { file });
  if (!parsed.ok) throw new FlowFatal(`${file} is not valid JSON`, parsed.issues);
  const checked = ValuationJsonSchema.safeParse(parsed.value);
  if (!checked.success) {
    const issues = fromZodError(checked.error, { file });
    const at = locateJsonPaths(
      text,
      issues.map((i) => i.path ?? []),
    );
    throw new FlowFatal(
      `${file} is not the JSON of \`commonweal value --format json\` (schema valuation-output)`,
      issues.map((i) => {
        const hit = at.get(JSON.stringify(i.path ?? []));
        return hit ? { ...i, line: hit.line, column: hit.column } : i;
      }),
    );
  }
  const json = checked.data;
  const themes = Object.keys(json.totals.byTheme).sort();
  const items = [...priorities.items].sort();
  const valid = themes.length ? themes.join(', ') : 'none';
  const mismatched: Issue[] = [];
  for (const item of items) {
    if (!themes.includes(item)) {
      mismatched.push(
        issue(
          'priority_item_not_theme',
          `survey item "${item}" is not a theme of the valuation ${file} (its themes: ${valid}): name the valuation's themes as the survey's items`,
          { file: surveyFile, field: 'item' },
        ),
      );
    }
  }
  for (const theme of themes) {
    if (!items.includes(theme)) {
      mismatched.push(
        issue(
          'theme_unweighted',
          `theme "${theme}" of the valuation has no survey item, so no priority weight: add "${theme}" to the survey (the valuation's themes: ${valid})`,
          { file, path: ['totals', 'byTheme', theme] },
        ),
      );
    }
  }
  if (mismatched.length) {
    throw new FlowFatal(
      `the survey's items do not match the themes of ${file}, so its weights cannot be applied`,
      mismatched,
    );
  }
  const values = Object.fromEntries(themes.map((t) => [t, json.totals.byTheme[t]!.presentValue]));
  const r = prioritiseValuation(values, priorities);
  if (!r.ok) throw new FlowFatal(`the survey's weights cannot be applied to ${file}`, r.issues);
  const view: PrioritisedValuationView = {
    file: basename(file),
    sha256: sha256Hex(text),
    inputsSha256: json.inputs.sha256,
    currency: json.options.currency,
    view: r.value,
  };
  return { view, issues: r.issues.map((i) => ({ ...i, file })) };
}

/**
 * The inputs of {@link prioritiesFlow}: the survey (its bytes, read with `encoding`, or text);
 * optionally a valuation's JSON to weigh by theme, and a model to write the weights into.
 *
 * @example
 * ```ts
 * const input: PrioritiesFlowInput = { survey: { name: 'survey.csv', text: surveyText }, groups: 'equal' };
 * ```
 */
export interface PrioritiesFlowInput {
  survey: FlowText;
  /** The survey's character encoding (default UTF-8), see the CSV reader. */
  encoding?: string | undefined;
  columns?: FlowColumns | undefined;
  method?: 'points' | 'ranks' | undefined;
  groups?: 'equal' | 'proportional' | undefined;
  /**
   * The full list of items being weighed: an item no respondent gave any weight is present with
   * weight 0 (and a warning naming it); an answer naming another item is rejected, located.
   * Without it the items are the ones the answers name.
   */
  items?: readonly string[] | undefined;
  /** A framework whose social value themes (their ids) are the items being weighed; not with `items`. */
  framework?: FrameworkText | undefined;
  /** The JSON of `commonweal value --format json`, to weigh its present value by theme. */
  valuation?: FlowText | undefined;
  /** An evaluation model whose `criterion`'s sub-criteria (ids = survey items) take the weights. */
  applyTo?:
    | { model: FlowText; criterion: string; group?: string | undefined; renormalise?: boolean | undefined }
    | undefined;
}

/**
 * Priorities made by {@link prioritiesFlow}: the weights, the stable JSON document, every issue,
 * the inputs hash, and the weighted model and valuation view when asked for.
 *
 * @example
 * ```ts
 * const r = await prioritiesFlow(input);
 * if (r.ok) r.priorities.overall.weights;
 * ```
 */
export interface PrioritiesFlowResult {
  ok: true;
  priorities: Priorities;
  issues: Issue[];
  sha256: string;
  applied?: WeightedModel;
  valuation?: PrioritisedValuationView;
  /** The stable JSON contract (`commonweal priorities --format json`). */
  readonly document: Record<string, unknown>;
}

/**
 * Writes the survey's weights into an evaluation model's criterion (a stage of
 * {@link prioritiesFlow}): the model is validated before and after, and written as canonical JSON.
 *
 * @example
 * ```ts
 * weightModel({ name: 'model.json', text }, priorities, { criterion: 'social-value' }).id;
 * ```
 */
export function weightModel(
  input: FlowText,
  priorities: Priorities,
  options: { criterion: string; group?: string | undefined; renormalise?: boolean | undefined },
): { model: WeightedModel; issues: Issue[] } {
  const applyTo = input.name;
  const text = textOf(input);
  const parsed = safeParseJson(text, { file: applyTo });
  if (!parsed.ok) throw new FlowFatal(`${applyTo} is not valid JSON`, parsed.issues);
  const model = validateModel(parsed.value);
  if (!model.ok) {
    throw new FlowFatal(
      `${applyTo} is not a valid evaluation model`,
      model.issues.map((i) => ({ ...i, file: applyTo })),
    );
  }
  const applied = applyPrioritiesToModel(parsed.value as { criteria: PriorityCriterionNode[] }, priorities, {
    criterion: options.criterion,
    ...(options.group !== undefined ? { group: options.group } : {}),
    ...(options.renormalise ? { renormalise: true } : {}),
  });
  if (!applied.ok) {
    throw new FlowFatal(
      `the survey weights cannot be applied to criterion "${options.criterion}" of ${applyTo}`,
      applied.issues,
    );
  }
  const checked = validateModel(applied.value.model);
  if (!checked.ok) {
    throw new FlowFatal(`the weighted model does not validate, so it was not written`, checked.issues);
  }
  const modelText = canonicalStringify(applied.value.model, { indent: 2, finalNewline: true });
  return {
    model: {
      text: modelText,
      id: checked.value.id,
      sha256: sha256Hex(modelText),
      provenance: applied.value.provenance,
    },
    issues: [...applied.issues],
  };
}

/**
 * Weighs a priority survey as `commonweal priorities` does: weights per stakeholder group and
 * overall with Kendall's W (core `analysePriorities`), the inputs hash (the survey's bytes), and
 * optionally a valuation's present value by theme seen through the weights and a model with
 * the weights written in. No file system; never throws for bad input.
 *
 * @example
 * ```ts
 * const r = await prioritiesFlow({ survey: { name: 'survey.csv', text }, groups: 'equal' });
 * if (r.ok) r.document.overall;
 * ```
 */
export function prioritiesFlow(input: PrioritiesFlowInput): Promise<PrioritiesFlowResult | FlowFailure> {
  return runFlow(() => prioritiesOrThrow(input));
}

/**
 * The list of items being weighed (a stage of {@link prioritiesFlow}): `items` as given, or the
 * theme ids of `framework`, or `undefined` (the answers' items). Blank, repeated or missing
 * lists cannot be used.
 *
 * @example
 * ```ts
 * (await surveyItems({ items: ['jobs', 'environment'] }))?.items; // ['jobs', 'environment']
 * ```
 */
export async function surveyItems(
  input: Pick<PrioritiesFlowInput, 'items' | 'framework'>,
): Promise<{ items: string[]; issues: Issue[]; from: string } | undefined> {
  if (input.items !== undefined && input.framework !== undefined)
    throw new FlowFatal('the items being weighed are given twice', [
      issue(
        'priority_items_invalid',
        'give the items being weighed either as a list or as a framework’s themes, not both',
        { field: 'items' },
      ),
    ]);
  if (input.framework !== undefined) {
    const fw = await readFrameworkInput(input.framework);
    const items = fw.value.themes.map((t) => t.id);
    if (!items.length)
      throw new FlowFatal(`the framework ${input.framework.name} has no themes to weigh`, [
        issue(
          'priority_items_invalid',
          `the framework ${input.framework.name} has no social value themes: give a framework with themes, or the items`,
          { file: input.framework.name, path: ['themes'] },
        ),
      ]);
    return { items, issues: fw.issues, from: `the themes of ${input.framework.name}` };
  }
  if (input.items === undefined) return undefined;
  const items = input.items.map((i) => i.trim());
  const blank = items.indexOf('');
  const twice = items.findIndex((i, k) => items.indexOf(i) !== k);
  if (!items.length || blank >= 0 || twice >= 0) {
    const what = !items.length
      ? 'the list of items is empty'
      : blank >= 0
        ? `item ${blank + 1} of the list is blank`
        : `item "${items[twice]}" is listed twice`;
    throw new FlowFatal('the items being weighed cannot be used', [
      issue('priority_items_invalid', `${what}: list each item being weighed once`, {
        field: 'items',
        path: ['items'],
      }),
    ]);
  }
  return { items, issues: [], from: 'the list of items' };
}

async function prioritiesOrThrow(input: PrioritiesFlowInput): Promise<PrioritiesFlowResult> {
  const file = input.survey.name;
  const bytes =
    typeof input.survey.text === 'string' ? new TextEncoder().encode(input.survey.text) : input.survey.text;
  const listed = await surveyItems(input);
  const r = await analysePrioritiesCsv(bytes, {
    file,
    ...(input.encoding !== undefined ? { encoding: input.encoding } : {}),
    ...input.columns,
    survey: { name: basename(file) },
    ...(input.method ? { method: input.method } : {}),
    ...(input.groups ? { groups: input.groups } : {}),
    ...(listed ? { items: listed.items } : {}),
  });
  if (!r.ok) throw new FlowFatal(`${file} cannot be turned into priority weights`, r.issues);
  const priorities = r.value;
  const issues = [...(listed?.issues ?? []), ...priorities.issues];
  // An item on the list that nobody weighted is kept at 0, and said so.
  for (const item of listed ? [...priorities.items] : []) {
    if (priorities.overall.exact[item]?.isZero())
      issues.push(
        issue(
          'priority_item_unanswered',
          `"${item}" (from ${listed!.from}) was given no weight by any respondent of ${basename(file)}, so its weight is 0`,
          { file, field: 'item', severity: 'warning' },
        ),
      );
  }
  const viewed = input.valuation ? valuationView(input.valuation, file, priorities) : undefined;
  const sha256 = hashInputs({
    survey: sha256Hex(bytes),
    method: priorities.method,
    groups: priorities.groupWeighting,
    ...(listed ? { items: [...priorities.items] } : {}),
    ...(viewed ? { valuation: viewed.view.sha256 } : {}),
  });
  if (viewed) for (const x of viewed.issues) issues.push(x);
  const weighted = input.applyTo ? weightModel(input.applyTo.model, priorities, input.applyTo) : undefined;
  if (weighted) for (const x of weighted.issues) issues.push(x);
  const result: Omit<PrioritiesFlowResult, 'document'> = { ok: true, priorities, issues, sha256 };
  if (viewed) result.valuation = viewed.view;
  if (weighted) result.applied = weighted.model;
  let document: Record<string, unknown> | undefined;
  return Object.defineProperty(result, 'document', {
    enumerable: true,
    get() {
      document ??= prioritiesDocument(result);
      return document;
    },
  }) as PrioritiesFlowResult;
}
