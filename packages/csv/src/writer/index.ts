export {
  type CellValue,
  type CsvColumn,
  type CsvWriteOptions,
  csvLines,
  csvStringify,
  formatCell,
  formatRow,
  toCsv,
  toCsvLines,
} from './writer';
