export { type CsvSource, parseCsv, type ReadRecordsOptions, RecordStream, readRecords } from './source';
export { Utf8Decoder, type Utf8Sink } from './utf8';
