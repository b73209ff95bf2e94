export {
  ByteDecoder,
  type DecodedText,
  type DecodeProblem,
  decodeBytes,
  ENCODING_CHOICES,
  type EncodingChoice,
  type EncodingNote,
  encodingName,
  type TextSink,
} from './decode';
export { type CsvSource, parseCsv, type ReadRecordsOptions, RecordStream, readRecords } from './source';
export { Utf8Decoder, type Utf8Sink } from './utf8';
