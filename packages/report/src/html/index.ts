export {
  type CalloutKind,
  callout,
  type Definition,
  definitionList,
  figure,
  type HeadingLevel,
  heading,
  type KeyFigure,
  keyFigures,
  paragraph,
  type SectionOptions,
  section,
  slug,
} from './blocks';
export { type HtmlDocumentOptions, htmlDocument } from './document';
export { escapeHtml } from './escape';
export { REPORT_CSS } from './style';
export {
  type ColumnAlign,
  type DataTableSpec,
  DataTableSpecSchema,
  dataTable,
  type TableCell,
  TableCellSchema,
} from './table';
