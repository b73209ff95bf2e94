export {
  type ReadAllResult,
  type ReadTableOptions,
  type ResolvedColumn,
  readAll,
  readTable,
  type TableCounts,
  TableReader,
  type TableRow,
  type TableSummary,
} from './read';
export {
  type ColumnDef,
  type Columns,
  defineTable,
  type RowContext,
  type RowOf,
  type RowOutcome,
  type RowProblem,
  type Table,
  type TableDef,
} from './table';
