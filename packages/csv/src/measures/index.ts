export {
  currencyCell,
  MEASURE_COLUMNS,
  measuresTable,
  type ReadMeasuresOptions,
  readMeasuresCsv,
  slugId,
} from './measures';
