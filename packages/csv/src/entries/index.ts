export {
  ENTRY_COLUMNS,
  type EntryValues,
  entriesTable,
  entriesTableFor,
  entryRow,
  type ReadEntriesOptions,
  readEntries,
  readEntriesCsv,
} from './entries';
