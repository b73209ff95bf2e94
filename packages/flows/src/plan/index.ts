export { type PlanFlowInput, type PlanFlowResult, planFlow } from './plan';
