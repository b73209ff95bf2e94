export {
  ENTRY_COLUMNS,
  entriesTable,
  entriesTableFor,
  type ReadEntriesOptions,
  readEntries,
  readEntriesCsv,
} from './entries';
