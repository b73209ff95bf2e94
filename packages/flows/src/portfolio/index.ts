export {
  type PortfolioFlowInput,
  type PortfolioFlowResult,
  portfolioFlow,
} from './portfolio';
