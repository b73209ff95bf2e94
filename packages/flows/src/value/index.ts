export {
  type FlowChunks,
  NOTHING_VALUED,
  TABLE_LINES,
  VALUATION_CSV_COLUMNS,
  type ValueFlowInput,
  type ValueFlowResult,
  valueFlow,
} from './value';
