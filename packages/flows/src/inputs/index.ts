export {
  decodeText,
  type FlowColumns,
  type FlowCounts,
  type FlowFailure,
  FlowFatal,
  type FlowText,
  type FrameworkText,
  readFrameworkInput,
  requireRows,
  runFlow,
  textOf,
} from './inputs';
