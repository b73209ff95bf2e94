export { Dec, type Decimal, type DecimalLike, dec, isDecimal, ONE, sum, ZERO } from './decimal';
export { type IndexSeries, type IndexSeriesInput, IndexSeriesSchema, rebase } from './index-series';
export { type ParseDecimalOptions, type ParsedDecimal, parseDecimal } from './parse';
export { Rational, sumRational } from './rational';
export {
  formatMoney,
  formatPercent,
  MONEY_ROUNDING,
  RATIO_ROUNDING,
  type RoundingPolicy,
  round,
  roundMoney,
  SCORE_ROUNDING,
} from './round';
export {
  boundedDecimalSchema,
  DECIMAL_INPUT_PATTERN,
  DECIMAL_STRING_PATTERN,
  type DecimalBounds,
  DecimalInputSchema,
  DecimalStringSchema,
  FRACTION_PATTERN,
  FractionSchema,
  isDecimalString,
  NON_NEGATIVE_PATTERN,
  PERCENTAGE_PATTERN,
  plainDecimal,
} from './schema';
