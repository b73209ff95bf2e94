export {
  type CarbonBudgetReportOptions,
  renderCarbonBudgetHtml,
  renderCarbonBudgetMarkdown,
} from './carbon-budget';
