import { z } from 'zod';
import { FrameworkSchema } from '../framework/schema';
import { IndexSeriesSchema } from '../money/index-series';
import {
  boundedDecimalSchema,
  DecimalInputSchema,
  FractionSchema,
  PERCENTAGE_PATTERN,
} from '../money/schema';
import { DiscountScheduleSchema, EntrySchema } from '../valuation/schema';

const IdSchema = z.string().min(1, 'an identifier of at least one character');
const LineNumberSchema = z.number().int().min(1);

/**
 * A weight: a percentage (0–100, decimals allowed) of its parent. Siblings must sum to 100.
 *
 * @example
 * ```ts
 * WeightSchema.parse('33.3').toString(); // '33.3'
 * ```
 */
export const WeightSchema = boundedDecimalSchema({
  pattern: PERCENTAGE_PATTERN,
  minimum: 0,
  maximum: 100,
  message: 'a weight is a percentage of its parent, from 0 to 100',
  description: 'Percentage of the parent (0–100); siblings sum to 100',
});

/**
 * One level of a descriptor scale: the score, its label and what a response must show to earn it.
 *
 * @example
 * ```ts
 * ScaleLevelSchema.parse({ score: 4, label: 'Excellent', descriptor: 'Exceeds every requirement' });
 * ```
 */
export const ScaleLevelSchema = z.strictObject({
  score: DecimalInputSchema,
  label: z.string().min(1),
  descriptor: z.string().optional(),
});

/**
 * A scoring scale: `{ max }` (any value from 0 to max) or `{ levels }` (only the listed scores).
 *
 * @example
 * ```ts
 * ScaleSchema.parse({ max: 10 });
 * ScaleSchema.parse({ levels: [{ score: 0, label: 'Unacceptable' }, { score: 4, label: 'Excellent' }] });
 * ```
 */
export const ScaleSchema = z.union([
  z.strictObject({ max: DecimalInputSchema }),
  z.strictObject({ levels: z.array(ScaleLevelSchema).min(1) }),
]);

const base = {
  id: IdSchema,
  title: z.string().min(1),
  description: z.string().optional(),
};

/**
 * A quality criterion scored by evaluators on a scale; below `minimum` (raw score) the bid is
 * disqualified.
 *
 * @example
 * ```ts
 * QualityCriterionSchema.parse({ id: 'method', title: 'Method statement', weight: 60, type: 'quality',
 *   scale: { max: 10 }, minimum: 4 });
 * ```
 */
export const QualityCriterionSchema = z.strictObject({
  ...base,
  weight: WeightSchema,
  type: z.literal('quality'),
  scale: ScaleSchema,
  minimum: DecimalInputSchema.optional(),
});

/**
 * Price scoring methods (procurement.md §1: P1 lowest-ratio, P2 linear-deviation, P3 spread,
 * P4 budget, P5 mean-deviation).
 *
 * @example
 * ```ts
 * PRICE_METHODS.includes('spread'); // true
 * ```
 */
export const PRICE_METHODS = [
  'lowest-ratio',
  'linear-deviation',
  'spread',
  'budget',
  'mean-deviation',
] as const;

/**
 * A price criterion. `max` is the marks available (default 100); `budget` needs a `reference`
 * price (full marks) and a `ceiling` (zero marks) fixed before bids open. `line` scores one
 * price line of each bid instead of its total.
 *
 * @example
 * ```ts
 * PriceCriterionSchema.parse({ id: 'price', title: 'Price', weight: 40, type: 'price', method: 'lowest-ratio' });
 * ```
 */
export const PriceCriterionSchema = z.strictObject({
  ...base,
  weight: WeightSchema,
  type: z.literal('price'),
  method: z.enum(PRICE_METHODS),
  max: DecimalInputSchema.optional(),
  reference: DecimalInputSchema.optional(),
  ceiling: DecimalInputSchema.optional(),
  line: IdSchema.optional(),
});

/**
 * Social value scored qualitatively: evaluators score the response on a scale, as for quality.
 *
 * @example
 * ```ts
 * QualitativeSocialValueSchema.parse({ id: 'sv', title: 'Social value', weight: 10, type: 'social-value',
 *   mode: 'qualitative', scale: { max: 5 } });
 * ```
 */
export const QualitativeSocialValueSchema = z.strictObject({
  ...base,
  weight: WeightSchema,
  type: z.literal('social-value'),
  mode: z.literal('qualitative'),
  scale: ScaleSchema,
  minimum: DecimalInputSchema.optional(),
});

/**
 * Quantitative social value scoring methods.
 *
 * @example
 * ```ts
 * SOCIAL_VALUE_METHODS; // ['highest-ratio', 'percent-of-price']
 * ```
 */
export const SOCIAL_VALUE_METHODS = ['highest-ratio', 'percent-of-price'] as const;

/**
 * Social value scored quantitatively: each bid's commitments are valued with the tender's
 * framework (or given as `socialValue` on the bid), then scored `highest-ratio`
 * (`max × SV_i ÷ SV_max`) or `percent-of-price` (SV ÷ price, relative to the highest such share,
 * or to `fullMarksAt`, a fraction such as 0.1 for 10 %). `cap` is the most social value counted
 * for a bid (money); `minimum` is the least social value a bid must commit (money) or it is
 * disqualified.
 *
 * @example
 * ```ts
 * QuantitativeSocialValueSchema.parse({ id: 'sv', title: 'Social value', weight: 10, type: 'social-value',
 *   mode: 'quantitative', method: 'highest-ratio' });
 * ```
 */
export const QuantitativeSocialValueSchema = z.strictObject({
  ...base,
  weight: WeightSchema,
  type: z.literal('social-value'),
  mode: z.literal('quantitative'),
  method: z.enum(SOCIAL_VALUE_METHODS),
  max: DecimalInputSchema.optional(),
  cap: DecimalInputSchema.optional(),
  minimum: DecimalInputSchema.optional(),
  fullMarksAt: DecimalInputSchema.optional(),
});

/**
 * A pass/fail gate: no weight (omitted or 0); a fail disqualifies the bid, with the reason.
 *
 * @example
 * ```ts
 * PassFailCriterionSchema.parse({ id: 'insurance', title: 'Insurance in place', type: 'pass-fail' });
 * ```
 */
export const PassFailCriterionSchema = z.strictObject({
  ...base,
  weight: WeightSchema.optional(),
  type: z.literal('pass-fail'),
});

/**
 * The members of a group criterion other than its children (see {@link GroupCriterionSchema}).
 *
 * @example
 * ```ts
 * GroupBaseSchema.parse({ id: 'quality', title: 'Quality', weight: 60, type: 'group' });
 * ```
 */
export const GroupBaseSchema = z.strictObject({ ...base, weight: WeightSchema, type: z.literal('group') });

/** A parsed group criterion (its children are criteria). */
export type GroupCriterion = z.output<typeof GroupBaseSchema> & { criteria: Criterion[] };
/** A group criterion as written in JSON. */
export type GroupCriterionInput = z.input<typeof GroupBaseSchema> & { criteria: CriterionInput[] };

/** A parsed quality criterion. */
export type QualityCriterion = z.output<typeof QualityCriterionSchema>;
/** A parsed price criterion. */
export type PriceCriterion = z.output<typeof PriceCriterionSchema>;
/** A parsed qualitative social value criterion. */
export type QualitativeSocialValueCriterion = z.output<typeof QualitativeSocialValueSchema>;
/** A parsed quantitative social value criterion. */
export type QuantitativeSocialValueCriterion = z.output<typeof QuantitativeSocialValueSchema>;
/** A parsed social value criterion (either mode). */
export type SocialValueCriterion = QualitativeSocialValueCriterion | QuantitativeSocialValueCriterion;
/** A parsed pass/fail gate. */
export type PassFailCriterion = z.output<typeof PassFailCriterionSchema>;
/** A parsed scale. */
export type Scale = z.output<typeof ScaleSchema>;
/** A price scoring method name. */
export type PriceMethod = (typeof PRICE_METHODS)[number];

/**
 * A parsed criterion of any type.
 *
 * @example
 * ```ts
 * const c: Criterion = model.criteria[0]!;
 * if (c.type === 'group') c.criteria.length;
 * ```
 */
export type Criterion =
  | QualityCriterion
  | PriceCriterion
  | SocialValueCriterion
  | PassFailCriterion
  | GroupCriterion;

/** A criterion as written in JSON. */
export type CriterionInput =
  | z.input<typeof QualityCriterionSchema>
  | z.input<typeof PriceCriterionSchema>
  | z.input<typeof QualitativeSocialValueSchema>
  | z.input<typeof QuantitativeSocialValueSchema>
  | z.input<typeof PassFailCriterionSchema>
  | GroupCriterionInput;

/**
 * A group of criteria (nested); its children's weights are percentages of the group.
 *
 * @example
 * ```ts
 * GroupCriterionSchema.parse({ id: 'quality', title: 'Quality', weight: 60, type: 'group',
 *   criteria: [{ id: 'method', title: 'Method', weight: 100, type: 'quality', scale: { max: 5 } }] });
 * ```
 */
export const GroupCriterionSchema = GroupBaseSchema.extend({
  get criteria(): z.ZodArray<z.ZodType<Criterion, CriterionInput>> {
    return z.array(CriterionSchema).min(1);
  },
});

/**
 * Any criterion: `group`, `quality`, `price`, `social-value` (qualitative or quantitative) or
 * `pass-fail`.
 *
 * @example
 * ```ts
 * CriterionSchema.parse({ id: 'price', title: 'Price', weight: 40, type: 'price', method: 'spread' });
 * ```
 */
export const CriterionSchema: z.ZodType<Criterion, CriterionInput> = z
  .discriminatedUnion('type', [
    QualityCriterionSchema,
    PriceCriterionSchema,
    z.discriminatedUnion('mode', [QualitativeSocialValueSchema, QuantitativeSocialValueSchema]),
    PassFailCriterionSchema,
    GroupCriterionSchema,
  ])
  .meta({ id: 'Criterion' });

/**
 * Abnormally low price flag: a compliant bid whose price is below `share` × the compliant bids'
 * `basis` (mean or median) price is flagged (never disqualified: the supplier must be asked first,
 * Procurement Act 2023 s19(4)–(5)). No default share is shipped: the tender sets it.
 *
 * @example
 * ```ts
 * AbnormallyLowSchema.parse({ share: '0.8', basis: 'median' });
 * ```
 */
export const AbnormallyLowSchema = z.strictObject({
  share: DecimalInputSchema,
  basis: z.enum(['mean', 'median']).optional(),
});

/**
 * The method as published before bids opened: the date and each weighted criterion's weight
 * (by id) as published, so a report can say when the weights scored differ.
 *
 * @example
 * ```ts
 * PublishedMethodSchema.parse({ date: '2026-01-12', weights: { price: '40', quality: '50' } });
 * ```
 */
export const PublishedMethodSchema = z.strictObject({
  date: z.iso.date().optional(),
  weights: z.record(IdSchema, WeightSchema),
});

/**
 * An evaluation model: the published methodology of a tender (Procurement Act 2023 s23(3)).
 * `moderation` combines evaluators' scores when no moderated score is given (`mean` by
 * default, or `median`); `divergenceThreshold` (share of the scale, default 0.4) flags evaluators
 * who disagree for moderation; `tieBreak` lists criterion ids whose weighted contributions break
 * equal totals, in order.
 *
 * @example
 * ```ts
 * const model = EvaluationModelSchema.parse({
 *   id: 'T-2025-01', title: 'Youth services', currency: 'GBP',
 *   criteria: [
 *     { id: 'price', title: 'Price', weight: 40, type: 'price', method: 'lowest-ratio' },
 *     { id: 'quality', title: 'Quality', weight: 60, type: 'quality', scale: { max: 10 } },
 *   ],
 * });
 * ```
 */
export const EvaluationModelSchema = z.strictObject({
  id: IdSchema,
  title: z.string().min(1),
  description: z.string().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as GBP'),
  moderation: z.enum(['mean', 'median']).optional(),
  divergenceThreshold: FractionSchema.optional(),
  tieBreak: z.array(IdSchema).optional(),
  abnormallyLow: AbnormallyLowSchema.optional(),
  /** The weights as published (see {@link PublishedMethodSchema}). */
  published: PublishedMethodSchema.optional(),
  criteria: z.array(CriterionSchema).min(1),
});

/** A parsed evaluation model (decimals). */
export type EvaluationModel = z.output<typeof EvaluationModelSchema>;
/** An evaluation model as written in JSON. */
export type EvaluationModelInput = z.input<typeof EvaluationModelSchema>;

/**
 * A bid: its id, the bidder, the tendered price and optional price lines (`lines`), the
 * bidder's unique identifier and address (for assessment summaries), and optionally its social
 * value already valued (`socialValue`, money) for quantitative social value scoring.
 *
 * @example
 * ```ts
 * BidSchema.parse({ bid: 'B1', bidder: 'Acme Care Ltd', price: '15000' });
 * ```
 */
export const BidSchema = z.object({
  bid: IdSchema,
  bidder: z.string().min(1),
  price: DecimalInputSchema,
  lines: z
    .array(z.object({ id: IdSchema, description: z.string().optional(), amount: DecimalInputSchema }))
    .optional(),
  socialValue: DecimalInputSchema.optional(),
  supplierId: z.string().optional(),
  address: z.string().optional(),
  line: LineNumberSchema.optional(),
});

/** A parsed bid. */
export type Bid = z.output<typeof BidSchema>;
/** A bid as written in JSON. */
export type BidInput = z.input<typeof BidSchema>;

/**
 * One evaluator's score for a bid on a criterion, with the comment that justifies it. The
 * evaluator `moderated` marks the agreed moderated score (its comment is the moderation reason).
 *
 * @example
 * ```ts
 * ScoreSchema.parse({ bid: 'B1', criterion: 'method', evaluator: 'E1', score: 7, comment: 'Clear plan' });
 * ```
 */
export const ScoreSchema = z.object({
  bid: IdSchema,
  criterion: IdSchema,
  evaluator: IdSchema,
  score: DecimalInputSchema,
  comment: z.string().optional(),
  line: LineNumberSchema.optional(),
});

/** A parsed score. */
export type Score = z.output<typeof ScoreSchema>;
/** A score as written in JSON. */
export type ScoreInput = z.input<typeof ScoreSchema>;

/**
 * A pass/fail gate result for a bid, with the reason.
 *
 * @example
 * ```ts
 * GateSchema.parse({ bid: 'B2', criterion: 'insurance', result: 'fail', reason: 'No employer liability cover' });
 * ```
 */
export const GateSchema = z.object({
  bid: IdSchema,
  criterion: IdSchema,
  result: z.enum(['pass', 'fail']),
  reason: z.string().optional(),
  line: LineNumberSchema.optional(),
});

/** A parsed gate result. */
export type Gate = z.output<typeof GateSchema>;
/** A gate result as written in JSON. */
export type GateInput = z.input<typeof GateSchema>;

/**
 * A moderated score agreed for a bid on a criterion: it replaces the combination of the
 * evaluators' scores. The reason is required (keep contemporaneous reasons: Woods Building
 * Services v Milton Keynes Council [2015] EWHC 2011 (TCC)).
 *
 * @example
 * ```ts
 * ModerationSchema.parse({ bid: 'B1', criterion: 'method', score: 6, reason: 'Agreed: staffing plan thin' });
 * ```
 */
export const ModerationSchema = z.object({
  bid: IdSchema,
  criterion: IdSchema,
  score: DecimalInputSchema,
  reason: z.string().min(1, 'a moderated score needs its reason'),
  moderator: z.string().optional(),
  at: z.string().optional(),
  line: LineNumberSchema.optional(),
});

/** A parsed moderated score. */
export type Moderation = z.output<typeof ModerationSchema>;
/** A moderated score as written in JSON. */
export type ModerationInput = z.input<typeof ModerationSchema>;

/**
 * How quantitative social value commitments are valued: a common base year (default: the
 * earliest commitment year across all bids, so every bid is discounted to the same year), the
 * price year (default: the common price year of the framework's proxies), the index series that
 * rebases proxies of other price years to it (e.g. the HM Treasury GDP deflator; needed when the
 * proxies' price years differ, as values of different price years are never added unrebased),
 * and the discount schedule (`null` for none; required when commitments are valued). The
 * valuation engine does the rebasing and records it in each commitment's trace.
 *
 * @example
 * ```ts
 * SocialValueValuationSchema.parse({ baseYear: 2025, discounting: null });
 * SocialValueValuationSchema.parse({ priceYear: 2024, indexSeries: deflator, discounting: null });
 * ```
 */
export const SocialValueValuationSchema = z.object({
  baseYear: z.number().int().optional(),
  priceYear: z.number().int().optional(),
  indexSeries: IndexSeriesSchema.optional(),
  discounting: DiscountScheduleSchema.nullable().optional(),
  firstPeriodDiscounted: z.boolean().optional(),
});

/** Parsed valuation options for quantitative social value. */
export type SocialValueValuation = z.output<typeof SocialValueValuationSchema>;

/**
 * Everything an evaluation needs, as one JSON document: the model, bids, evaluators' scores,
 * gate results, moderated scores and, for quantitative social value, the bids' commitments
 * (entries with `bid`), the framework and the valuation options.
 *
 * @example
 * ```ts
 * const input = EvaluationInputSchema.parse({ model, bids, scores });
 * ```
 */
export const EvaluationInputSchema = z.object({
  model: EvaluationModelSchema,
  bids: z.array(BidSchema),
  scores: z.array(ScoreSchema).default([]),
  gates: z.array(GateSchema).optional(),
  moderation: z.array(ModerationSchema).optional(),
  commitments: z.array(EntrySchema).optional(),
  framework: FrameworkSchema.optional(),
  valuation: SocialValueValuationSchema.optional(),
});

/** A parsed evaluation input. */
export type EvaluationInput = z.output<typeof EvaluationInputSchema>;
/** An evaluation input as written in JSON. */
export type EvaluationInputJson = z.input<typeof EvaluationInputSchema>;
