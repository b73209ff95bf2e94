export { type CsvRecord, CsvTokenizer, type RecordError, type TokenizerOptions } from './tokenizer';
