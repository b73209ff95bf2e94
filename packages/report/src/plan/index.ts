export { type PlanReportOptions, planDocument, planFigure, renderPlanHtml, renderPlanMarkdown } from './plan';
