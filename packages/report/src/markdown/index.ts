export { type MdCell, type MdTableOptions, mdEscape, mdHeading, mdList, mdTable } from './markdown';
