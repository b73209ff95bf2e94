import type { Decimal } from '../money/decimal';
import { dec, ZERO } from '../money/decimal';
import { Rational } from '../money/rational';
import { type Explained, explain, type Trace, type TraceInput } from '../trace/trace';
import type { Cell, Work } from './cells';
import { type CriterionNode, scaleMax } from './model';
import type { EvaluatorScore, ModeratedScore } from './moderation';
import type { Criterion } from './schema';
import { reasonsOf } from './stage-scores';
import type { BidEvaluation, BidFlag, BidStatus, CriterionResult } from './types';

const HUNDRED = dec(100);
/** Exact zero. */
export const R0 = Rational.of(0);

const weightNotes = new WeakMap<CriterionNode, string>();
/** The effective weight in words, made once per criterion (every bid's trace shares it). */
function weightNote(node: CriterionNode): string {
  const n = weightNotes.get(node);
  if (n !== undefined) return n;
  const chain = node.weightChain.map((w) => `${w.toString()} %`).join(' × ');
  const made = `effective weight = ${chain} = ${node.effectiveWeight.toString()} points of 100`;
  weightNotes.set(node, made);
  return made;
}

function weightedTrace(node: CriterionNode, normalised: Decimal, weighted: Decimal, normTrace: Trace): Trace {
  return explain(
    weighted,
    'weighted = normalised × effective weight (the product of the weights down the tree)',
    {
      normalised: { value: normalised.toString(), trace: normTrace },
      'effective weight': node.effectiveWeight,
    },
    [weightNote(node)],
  ).trace;
}

/** The scale maximum of a leaf criterion (what `normalised = raw ÷ scale maximum` divides by). */
export function leafMax(c: Criterion): Decimal {
  if (c.type === 'quality') return scaleMax(c.scale);
  if (c.type === 'social-value') return c.mode === 'qualitative' ? scaleMax(c.scale) : (c.max ?? HUNDRED);
  if (c.type === 'price') return c.max ?? HUNDRED;
  return ZERO;
}

const NOT_SCORED_GROUP: Trace = Object.freeze({
  formula: 'not scored: a criterion in the group is not scored',
  inputs: Object.freeze({}) as Record<string, TraceInput>,
  result: 'not scored',
}) as Trace;

/**
 * A bid's result on one criterion, kept compact: the figures, and the trace and reasons made
 * each time they are read (same content every time) rather than held for every cell.
 */
class CriterionOutcome implements CriterionResult {
  readonly criterion: string;
  readonly title: string;
  readonly type: Criterion['type'];
  readonly parent: string | null;
  readonly depth: number;
  readonly weight: Decimal;
  readonly effectiveWeight: Decimal;
  readonly #reasons: string[] | null;
  readonly #trace: () => Trace;
  constructor(
    node: CriterionNode,
    readonly raw: Decimal | null,
    readonly normalised: Decimal | null,
    readonly weighted: Decimal | null,
    readonly gate: 'pass' | 'fail' | null,
    readonly scores: EvaluatorScore[],
    readonly moderated: ModeratedScore | null,
    reasons: string[] | null,
    trace: () => Trace,
  ) {
    this.criterion = node.id;
    this.title = node.criterion.title;
    this.type = node.criterion.type;
    this.parent = node.parent;
    this.depth = node.depth;
    this.weight = node.weight;
    this.effectiveWeight = node.effectiveWeight;
    this.#reasons = reasons;
    this.#trace = trace;
  }
  get reasons(): string[] {
    return this.#reasons ?? reasonsOf(this.scores, this.moderated);
  }
  get trace(): Trace {
    return this.#trace();
  }
}

/** A bid's exact figures: its total and normalised and weighted score per criterion (in model order). */
export interface ExactFigures {
  total: Rational | null;
  normalised: (Rational | null)[];
  weighted: (Rational | null)[];
}

/** What the totals stage needs of the model, worked out once for every bid. */
export interface WeighingPlan {
  nodes: readonly CriterionNode[];
  /** Scored (not pass/fail) children of each group, by node index. */
  childrenOf: ReadonlyMap<string, readonly number[]>;
  /** Effective weight = Π weights ÷ 100^(depth), exact from the chain (not its rounded product). */
  effective: readonly Rational[];
  /** Node indices of the top-level scored criteria. */
  top: readonly number[];
  index: ReadonlyMap<string, number>;
}

/**
 * The model's criteria prepared for the totals stage.
 *
 * @example
 * ```ts
 * const plan = weighingPlan(flattenCriteria(model));
 * plan.top.length; // top-level scored criteria
 * ```
 */
export function weighingPlan(nodes: readonly CriterionNode[]): WeighingPlan {
  const childrenOf = new Map<string, number[]>();
  nodes.forEach((n, i) => {
    if (n.parent === null || n.criterion.type === 'pass-fail') return;
    const list = childrenOf.get(n.parent);
    if (list) list.push(i);
    else childrenOf.set(n.parent, [i]);
  });
  const effective = nodes.map((n) =>
    n.weightChain.reduce((acc, w) => acc.times(w).div(HUNDRED), Rational.of(HUNDRED)),
  );
  const top: number[] = [];
  nodes.forEach((n, i) => {
    if (n.parent === null && n.criterion.type !== 'pass-fail') top.push(i);
  });
  return { nodes, childrenOf, effective, top, index: new Map(nodes.map((n, i) => [n.id, i])) };
}

/**
 * The totals stage, per criterion: a bid's cells weighted (normalised × effective weight),
 * groups scored from their criteria (children first: raw = Σ normalised × weight), all in exact
 * fractions, and the bid's exact total over the top-level criteria (null when one is unscored).
 *
 * @example
 * ```ts
 * const { criteria, exact } = weighBid(work, plan);
 * criteria[0]?.weighted?.toString(); // '40'
 * ```
 */
export function weighBid(w: Work, plan: WeighingPlan): { criteria: CriterionResult[]; exact: ExactFigures } {
  const { nodes } = plan;
  const out: CriterionResult[] = new Array(nodes.length);
  const exactNorm: (Rational | null)[] = new Array(nodes.length).fill(null);
  const exactWeighted: (Rational | null)[] = new Array(nodes.length).fill(null);
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i] as CriterionNode;
    const c = node.criterion;
    if (c.type === 'group') {
      const children = plan.childrenOf.get(c.id) ?? [];
      if (children.some((j) => exactNorm[j] === null)) {
        out[i] = new CriterionOutcome(node, null, null, null, null, [], null, [], () => NOT_SCORED_GROUP);
        continue;
      }
      let exactRaw = R0;
      for (const j of children)
        exactRaw = exactRaw.plus((exactNorm[j] as Rational).times((nodes[j] as CriterionNode).weight));
      const raw = exactRaw.toDecimal();
      const norm = exactRaw.div(HUNDRED);
      exactNorm[i] = norm;
      const ew = norm.times(plan.effective[i] as Rational);
      exactWeighted[i] = ew;
      const normalised = norm.toDecimal();
      const weighted = ew.toDecimal();
      const parts = children.map((j) => (exactNorm[j] as Rational).times((nodes[j] as CriterionNode).weight));
      const group = () => {
        const inputs: Record<string, TraceInput> = {};
        children.forEach((j, n) => {
          const child = nodes[j] as CriterionNode;
          const r = out[j] as CriterionResult;
          inputs[
            `${child.id} (normalised ${(r.normalised as Decimal).toString()} × weight ${child.weight.toString()} %)`
          ] = { value: (parts[n] as Rational).toDecimal().toString() };
        });
        const rawEx = explain(
          raw,
          'raw = Σ normalised × weight over the group’s criteria (points out of 100)',
          inputs,
        );
        const normEx = explain(normalised, 'normalised = raw ÷ 100', { raw: rawEx });
        return weightedTrace(node, normalised, weighted, normEx.trace);
      };
      out[i] = new CriterionOutcome(node, raw, normalised, weighted, null, [], null, [], group);
      continue;
    }
    const cell = w.cells.get(c.id) as Cell;
    if (c.type === 'pass-fail' || cell.normalised === null || cell.raw === null || cell.exact === null) {
      out[i] = new CriterionOutcome(
        node,
        cell.raw,
        null,
        null,
        cell.gate,
        cell.scores,
        cell.moderated,
        cell.reasons,
        cell.trace,
      );
      continue;
    }
    exactNorm[i] = cell.exact;
    const ew = cell.exact.times(plan.effective[i] as Rational);
    exactWeighted[i] = ew;
    const { raw, normalised } = cell;
    const weighted = ew.toDecimal();
    const rawTrace = cell.trace;
    const leaf = () => {
      const normEx = explain(normalised, 'normalised = raw ÷ scale maximum', {
        raw: { value: raw.toString(), trace: rawTrace() },
        'scale maximum': leafMax(c),
      });
      return weightedTrace(node, normalised, weighted, normEx.trace);
    };
    out[i] = new CriterionOutcome(
      node,
      raw,
      normalised,
      weighted,
      null,
      cell.scores,
      cell.moderated,
      cell.reasons,
      leaf,
    );
  }
  let total: Rational | null = R0;
  for (const i of plan.top) {
    const x = exactWeighted[i];
    total = x === null || x === undefined || total === null ? null : total.plus(x);
  }
  return { criteria: out, exact: { total, normalised: exactNorm, weighted: exactWeighted } };
}

/** A bid's evaluation, its total's trace made when read (it nests every criterion's trace). */
class BidOutcome implements BidEvaluation {
  bid: string;
  bidder: string;
  supplierId: string | null;
  address: string | null;
  price: Decimal;
  status: BidStatus;
  rank: number | null = null;
  total: Decimal | null;
  disqualified: boolean;
  reasons: string[];
  flags: BidFlag[];
  socialValue: Explained | null;
  criteria: CriterionResult[];
  readonly #top: readonly number[];
  constructor(
    w: Work,
    status: BidStatus,
    total: Decimal | null,
    flags: BidFlag[],
    criteria: CriterionResult[],
    top: readonly number[],
  ) {
    this.bid = w.bid.bid;
    this.bidder = w.bid.bidder;
    this.supplierId = w.bid.supplierId ?? null;
    this.address = w.bid.address ?? null;
    this.price = w.bid.price;
    this.status = status;
    this.total = total;
    this.disqualified = w.disqualify.length > 0;
    this.reasons = [...w.disqualify];
    this.flags = flags;
    this.socialValue = w.socialValue;
    this.criteria = criteria;
    this.#top = top;
  }
  get totalTrace(): Trace | null {
    if (this.total === null) return null;
    const inputs: Record<string, TraceInput> = {};
    for (const i of this.#top) {
      const r = this.criteria[i] as CriterionResult;
      inputs[r.criterion] = { value: (r.weighted as Decimal).toString(), trace: r.trace };
    }
    return explain(this.total, 'total = Σ weighted scores of the top-level criteria (0–100)', inputs).trace;
  }
}

/**
 * The totals stage, per bid: its status — `disqualified` (a gate or minimum), `incomplete`
 * (a cell is unscored: flagged with what is missing) or `ranked` — and its total (0–100, null
 * unless ranked) from the exact figures.
 *
 * @example
 * ```ts
 * const e = bidEvaluation(work, criteria, exact, plan);
 * e.status; // 'ranked'
 * e.total?.toString(); // '76'
 * ```
 */
export function bidEvaluation(
  w: Work,
  criteria: CriterionResult[],
  exact: ExactFigures,
  plan: WeighingPlan,
): BidEvaluation {
  const missing = [...w.cells.values()].map((c) => c.missing).filter((m): m is string => m !== null);
  let total: Decimal | null = null;
  if (
    w.disqualify.length === 0 &&
    missing.length === 0 &&
    plan.top.every((i) => (criteria[i] as CriterionResult).weighted !== null)
  ) {
    total = (exact.total as Rational).toDecimal();
  }
  const status: BidStatus = w.disqualify.length ? 'disqualified' : total === null ? 'incomplete' : 'ranked';
  const flags = [...w.flags];
  if (status === 'incomplete') {
    flags.push({
      code: 'incomplete',
      criterion: null,
      message: `not ranked: ${missing.join('; ')}. Resolve the issues and evaluate again`,
    });
  }
  return new BidOutcome(w, status, total, flags, criteria, plan.top);
}
