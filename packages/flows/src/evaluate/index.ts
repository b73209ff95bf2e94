export {
  type EvaluateCsvRole,
  type EvaluateFlowInput,
  type EvaluateFlowResult,
  evaluateFlow,
  latestPriceYear,
} from './evaluate';
