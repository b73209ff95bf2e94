export {
  CARBON_SCENARIOS,
  type CarbonDocument,
  type CarbonFlowInput,
  type CarbonFlowResult,
  carbonFlow,
} from './carbon';
