export { type MdCell, mdEscape, mdHeading, mdList, mdTable } from './markdown';
