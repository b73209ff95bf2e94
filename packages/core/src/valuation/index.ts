export { createValuationAccumulator, lineText, type ValuationAccumulator } from './accumulator';
export { discountFactor, rateInYear } from './discounting';
export { valueEntries, valueEntriesAsync } from './engine';
export {
  LineTraceJsonSchema,
  TraceJsonSchema,
  toValuationJson,
  toValuationLineJson,
  VALUATION_JSON_FORMAT,
  type ValuationFileJson,
  ValuationFileJsonSchema,
  type ValuationJson,
  type ValuationJsonOptions,
  ValuationJsonSchema,
  type ValuationLineJson,
} from './json';
export {
  type DiscountSchedule,
  type DiscountScheduleInput,
  DiscountScheduleSchema,
  type Entry,
  type EntryInput,
  EntrySchema,
} from './schema';
export { socialValuePercent, sroiFigures, sroiSummary } from './sroi';
export type {
  AccumulatorOptions,
  AdjustmentSource,
  AppliedAdjustment,
  LineAdjustments,
  MeasureSroiBasis,
  RecordedMeasure,
  ResolvedValuationOptions,
  SroiBasis,
  SroiResult,
  SroiSummary,
  Subtotal,
  SwitchingAdjustment,
  SwitchingStatus,
  SwitchingValue,
  ValuationCounts,
  ValuationLine,
  ValuationLineText,
  ValuationOptions,
  ValuationResult,
  ValuationTotals,
  ValuationYear,
} from './types';
