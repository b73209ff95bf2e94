export { type CarbonBudgetFlowInput, type CarbonBudgetFlowResult, carbonBudgetFlow } from './carbon-budget';
