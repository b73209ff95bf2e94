export {
  type WellbeingFlowInput,
  type WellbeingFlowResult,
  type WellbeingJson,
  type WellbeingScenarioJson,
  wellbeingFlow,
} from './wellbeing';
