import type { Decimal } from '../money/decimal';
import { round, SCORE_ROUNDING } from '../money/round';
import { type CriterionNode, describeScale } from './model';
import type { Criterion, PriceMethod } from './schema';
import type { BidEvaluation, BidStatus, CriterionResult, TenderEvaluation } from './types';

/**
 * One criterion in an assessment summary: what it is, its relative importance, how it was
 * assessed and which scores were available (Procurement Regulations 2024 reg 31(2)), and this
 * tender's score with the recorded reasons (evaluator comments, moderation reason, gate reason).
 *
 * @example
 * ```ts
 * const c: AssessmentCriterion = summary.criteria[0]!;
 * c.howAssessed; // 'Price scored relative to the lowest compliant price: …'
 * ```
 */
export interface AssessmentCriterion {
  criterion: string;
  title: string;
  type: Criterion['type'];
  parent: string | null;
  depth: number;
  description: string | null;
  /** Relative importance within its parent (percentage; 0 for gates). */
  weight: Decimal;
  /** Share of the whole evaluation (percentage points of 100). */
  effectiveWeight: Decimal;
  howAssessed: string;
  availableScores: string;
  raw: Decimal | null;
  normalised: Decimal | null;
  weighted: Decimal | null;
  gate: 'pass' | 'fail' | null;
  reasons: string[];
}

/**
 * The winning tender's scores, as given to every supplier (no reasons: those belong to the
 * winner's own summary).
 *
 * @example
 * ```ts
 * summary.winner?.criteria.map((c) => c.weighted?.toFixed(2));
 * ```
 */
export interface WinningTenderScores {
  bid: string;
  bidder: string;
  supplierId: string | null;
  address: string | null;
  total: Decimal;
  criteria: {
    criterion: string;
    title: string;
    raw: Decimal | null;
    weighted: Decimal | null;
    gate: 'pass' | 'fail' | null;
  }[];
}

/**
 * The data of one supplier's assessment summary (Procurement Act 2023 s50; Procurement
 * Regulations 2024 reg 31): the tender's scores per criterion with reasons, how each criterion
 * was assessed and which scores were available, the total and rank, why it did not win (or its
 * disqualification), and the winning tender's scores.
 *
 * @example
 * ```ts
 * for (const s of assessmentSummaries(evaluation)) console.log(s.bidder, s.total?.toString());
 * ```
 */
export interface AssessmentSummary {
  tender: { id: string; title: string; currency: string };
  bid: string;
  bidder: string;
  supplierId: string | null;
  address: string | null;
  isWinner: boolean;
  status: BidStatus;
  rank: number | null;
  rankedBids: number;
  total: Decimal | null;
  disqualified: boolean;
  disqualificationReasons: string[];
  whyNotWinner: string[];
  criteria: AssessmentCriterion[];
  winner: WinningTenderScores | null;
  legalBasis: string;
}

const PRICE_TEXT: Record<PriceMethod, string> = {
  'lowest-ratio': 'Price scored relative to the lowest compliant price: marks × lowest price ÷ this price.',
  'linear-deviation':
    'Price scored by its deviation from the lowest compliant price: marks × (1 − (this price − lowest) ÷ lowest), not below 0.',
  spread:
    'Price scored across the range of compliant prices: marks × (highest − this price) ÷ (highest − lowest); equal prices all score full marks.',
  budget:
    'Price scored between a reference price and a ceiling set before bids opened: marks × (ceiling − this price) ÷ (ceiling − reference), from 0 to full marks.',
  'mean-deviation':
    'Price scored against the mean compliant price: 50 points at the mean, one point per 1 % below or above it, from 0 to 100, scaled to the marks.',
};

function fmt(d: Decimal): string {
  return round(d, SCORE_ROUNDING);
}

function of(node: CriterionNode, nodes: readonly CriterionNode[]): string {
  const parent = nodes.find((n) => n.id === node.parent);
  return `of "${parent?.criterion.title ?? node.parent}"`;
}

/**
 * How a criterion is assessed, in words, for an assessment summary.
 *
 * @example
 * ```ts
 * howAssessed(node, evaluation.criteria, 'mean'); // 'Scored by the evaluators on the scale of available scores; … Weighted 60 % of the total.'
 * ```
 */
export function howAssessed(
  node: CriterionNode,
  nodes: readonly CriterionNode[],
  moderation: 'mean' | 'median',
): string {
  const c = node.criterion;
  const weight =
    node.parent === null
      ? `Weighted ${node.weight.toString()} % of the total.`
      : `Weighted ${node.weight.toString()} % ${of(node, nodes)} (${node.effectiveWeight.toString()} % of the total).`;
  switch (c.type) {
    case 'pass-fail':
      return 'Pass or fail: a fail disqualifies the tender. Carries no weight.';
    case 'group':
      return `The sum of its criteria, each weighted within the group (out of 100). ${weight}`;
    case 'price':
      return `${PRICE_TEXT[c.method]}${c.line ? ` Applied to price line "${c.line}".` : ''} ${weight}`;
    case 'quality':
    case 'social-value': {
      if (c.type === 'social-value' && c.mode === 'quantitative') {
        const how =
          c.method === 'highest-ratio'
            ? 'marks × this tender’s social value ÷ the highest compliant social value'
            : c.fullMarksAt
              ? `marks × (social value ÷ price) ÷ ${c.fullMarksAt.times(100).toString()} %, up to full marks`
              : 'marks × (social value ÷ price) ÷ the highest such share among compliant tenders';
        const cap = c.cap ? ` Social value above ${c.cap.toString()} is not counted.` : '';
        const min = c.minimum ? ` A tender offering less than ${c.minimum.toString()} is disqualified.` : '';
        return `Social value commitments valued with the tender’s framework, then scored ${how}.${cap}${min} ${weight}`;
      }
      const min = c.minimum ? ` A score below ${c.minimum.toString()} disqualifies the tender.` : '';
      return `Scored by the evaluators on the scale of available scores; the moderated score is used where one was agreed, otherwise the ${moderation} of the evaluators’ scores; divided by the scale maximum.${min} ${weight}`;
    }
  }
}

function availableScores(c: Criterion): string {
  switch (c.type) {
    case 'pass-fail':
      return 'pass or fail';
    case 'group':
      return 'from 0 to 100 (points within the group)';
    case 'price':
      return `any score from 0 to ${(c.max ?? 100).toString()}`;
    case 'quality':
      return describeScale(c.scale);
    case 'social-value':
      return c.mode === 'qualitative'
        ? describeScale(c.scale)
        : `any score from 0 to ${(c.max ?? 100).toString()}`;
  }
}

function whyNot(b: BidEvaluation, e: TenderEvaluation, winner: BidEvaluation | null): string[] {
  if (winner && b.bid === winner.bid) return [];
  if (b.status === 'disqualified') return b.reasons.map((r) => `Disqualified: ${r}.`);
  if (b.status === 'incomplete') return ['Not ranked: the evaluation of this tender is not complete.'];
  if (!winner) {
    return [
      `Ranked ${b.rank} of ${e.ranking.length}: no single winner has been decided (tenders tie for first).`,
    ];
  }
  const out = [
    `Ranked ${b.rank} of ${e.ranking.length} with a total of ${fmt(b.total as Decimal)} out of 100; the winning tender scored ${fmt(winner.total as Decimal)}.`,
  ];
  if ((b.total as Decimal).eq(winner.total as Decimal)) {
    out.push(
      'This tender has the same total as the winning tender; the published tie-break decided the award.',
    );
  }
  const gaps = b.criteria
    .filter((c) => c.parent === null && c.weighted !== null)
    .map((c) => {
      const w = winner.criteria.find((x) => x.criterion === c.criterion) as CriterionResult;
      return { c, gap: (w.weighted as Decimal).minus(c.weighted as Decimal), w };
    })
    .filter((g) => g.gap.gt(0))
    .sort((x, y) => y.gap.comparedTo(x.gap) || (x.c.criterion < y.c.criterion ? -1 : 1));
  for (const g of gaps) {
    out.push(
      `On "${g.c.title}" this tender scored ${fmt(g.c.weighted as Decimal)} weighted points against the winning tender's ${fmt(g.w.weighted as Decimal)}.`,
    );
  }
  return out;
}

/**
 * The data of every supplier's assessment summary (one per bid, in the evaluation's order).
 * Scores are full-precision decimals; the texts round to 2 decimal places (ranking never does).
 *
 * @example
 * ```ts
 * const r = evaluate(input);
 * if (r.ok) {
 *   const [first] = assessmentSummaries(r.value);
 *   first?.isWinner; // true
 * }
 * ```
 */
export function assessmentSummaries(evaluation: TenderEvaluation): AssessmentSummary[] {
  const e = evaluation;
  const winner = e.winner ? (e.bids.find((b) => b.bid === e.winner) ?? null) : null;
  const moderation = e.model.moderation ?? 'mean';
  const winnerScores: WinningTenderScores | null = winner
    ? {
        bid: winner.bid,
        bidder: winner.bidder,
        supplierId: winner.supplierId,
        address: winner.address,
        total: winner.total as Decimal,
        criteria: winner.criteria.map((c) => ({
          criterion: c.criterion,
          title: c.title,
          raw: c.raw,
          weighted: c.weighted,
          gate: c.gate,
        })),
      }
    : null;
  return e.bids.map((b) => ({
    tender: { id: e.model.id, title: e.model.title, currency: e.model.currency },
    bid: b.bid,
    bidder: b.bidder,
    supplierId: b.supplierId,
    address: b.address,
    isWinner: winner !== null && winner.bid === b.bid,
    status: b.status,
    rank: b.rank,
    rankedBids: e.ranking.length,
    total: b.total,
    disqualified: b.disqualified,
    disqualificationReasons: [...b.reasons],
    whyNotWinner: whyNot(b, e, winner),
    criteria: e.criteria.map((node, i) => {
      const r = b.criteria[i] as CriterionResult;
      return {
        criterion: node.id,
        title: node.criterion.title,
        type: node.criterion.type,
        parent: node.parent,
        depth: node.depth,
        description: node.criterion.description ?? null,
        weight: node.weight,
        effectiveWeight: node.effectiveWeight,
        howAssessed: howAssessed(node, e.criteria, moderation),
        availableScores: availableScores(node.criterion),
        raw: r.raw,
        normalised: r.normalised,
        weighted: r.weighted,
        gate: r.gate,
        reasons: [...r.reasons],
      };
    }),
    winner: winnerScores,
    legalBasis: 'Procurement Act 2023 s50; Procurement Regulations 2024 reg 31',
  }));
}
