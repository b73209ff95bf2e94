export {
  type CellValue,
  type CsvColumn,
  type CsvWriteOptions,
  csvLines,
  csvRowWriter,
  csvStringify,
  formatCell,
  formatRow,
  toCsv,
  toCsvLines,
} from './writer';
