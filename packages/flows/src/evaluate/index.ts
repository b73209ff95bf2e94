export {
  type EvaluateCsvRole,
  type EvaluateFlowInput,
  type EvaluateFlowResult,
  evaluateFlow,
  evaluationDocumentParts,
  latestPriceYear,
} from './evaluate';
