export {
  ENTRY_COLUMNS,
  type EntryValues,
  earliestEntryYear,
  entriesTable,
  entriesTableFor,
  entryRow,
  type ReadEntriesOptions,
  readEntries,
  readEntriesCsv,
} from './entries';
