export {
  type PortfolioReportOptions,
  portfolioDocument,
  renderPortfolioHtml,
  renderPortfolioMarkdown,
} from './portfolio';
