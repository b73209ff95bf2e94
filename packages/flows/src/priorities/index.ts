export {
  type PrioritiesDocumentInput,
  type PrioritiesFlowInput,
  type PrioritiesFlowResult,
  type PrioritisedValuationView,
  prioritiesDocument,
  prioritiesFlow,
  VIEW_NOTE,
  valuationView,
  type WeightedModel,
  weightModel,
} from './priorities';
