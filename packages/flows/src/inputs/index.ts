export {
  decodeText,
  type FlowColumns,
  type FlowCounts,
  type FlowFailure,
  FlowFatal,
  type FlowText,
  runFlow,
  textOf,
} from './inputs';
