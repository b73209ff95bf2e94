export { type PeekedHeader, peekHeader } from './peek';
export {
  accumulateSpendCsv,
  analyseSpendCsv,
  BLANK_SUPPLIER,
  type DateInference,
  type ReadSpendOptions,
  readSpend,
  type SpendColumns,
  type SpendCsvAnalysis,
  type SpendProgressOptions,
  SpendReader,
  type SpendReadHints,
  type SpendReadSummary,
  spendDateCell,
  spendTable,
  withReadCounts,
} from './spend';
export { readSupplierRegisterCsv, SUPPLIER_COLUMNS, type SupplierRegisterCsv } from './suppliers';
export {
  analysePrioritiesCsv,
  type PrioritySurveyCsv,
  readPrioritySurveyCsv,
  SURVEY_COLUMNS,
  type SurveyMethod,
} from './survey';
