export { renderAssessmentSummaryMarkdown } from './assessment';
export {
  type Block,
  type Inline,
  plainText,
  type ReportDocument,
  type Rich,
  renderDocumentHtml,
  renderDocumentMarkdown,
} from './blocks';
export { type CarbonReportOptions, renderCarbonHtml, renderCarbonMarkdown } from './carbon';
export { type DoughnutReportOptions, renderDoughnutHtml, renderDoughnutMarkdown } from './doughnut';
export { dimensionDirection, renderDoughnutTrendHtml, renderDoughnutTrendMarkdown } from './doughnut-trend';
export {
  boundaryFigure,
  type DownscaleReportOptions,
  renderDownscaleHtml,
  renderDownscaleMarkdown,
} from './downscale';
export {
  type MonitoringReportOptions,
  renderMonitoringHtml,
  renderMonitoringMarkdown,
  trajectoryPoints,
} from './monitoring';
export { renderSpendHtml, renderSpendMarkdown, type SpendReportOptions } from './spend';
export { renderTenderHtml, renderTenderMarkdown, type TenderReportOptions } from './tender';
export { renderValuationHtml, renderValuationMarkdown, type ValuationReportOptions } from './valuation';
