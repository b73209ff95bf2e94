export {
  BOUNDARY_COLUMNS,
  type BoundariesCsv,
  type BoundaryRow,
  type BoundaryScale,
  readBoundariesCsv,
} from './boundaries';
export { EMISSION_COLUMNS, type EmissionRow, type EmissionsCsv, readEmissionsCsv } from './emissions';
export {
  INDICATOR_COLUMNS,
  type IndicatorRow,
  type IndicatorsCsv,
  indicatorsTable,
  indicatorValueCell,
  locateRowIssues,
  readIndicators,
  readIndicatorsCsv,
} from './indicators';
