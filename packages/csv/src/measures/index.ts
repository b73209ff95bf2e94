export {
  currencyCell,
  MEASURE_COLUMNS,
  type MeasureRow,
  measuresTable,
  type ReadMeasuresOptions,
  readMeasuresCsv,
  slugId,
} from './measures';
