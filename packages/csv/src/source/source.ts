import { CommonwealError } from '@commonweal/core/issues';
import { type CsvRecord, CsvTokenizer, type TokenizerOptions } from '../tokenizer/tokenizer';
import { ByteDecoder, type EncodingChoice, type EncodingNote, encodingName, type TextSink } from './decode';

/**
 * Where CSV text comes from. Every form works in Node and the browser:
 * - a whole `string`, or the file's bytes (`Uint8Array`, `ArrayBuffer`);
 * - an `Iterable` or `AsyncIterable` of string or byte chunks (e.g. a Node stream, or
 *   `readFileSource(path)` from `@commonweal/csv/node`);
 * - a web `ReadableStream` of bytes or strings (e.g. `(await fetch(url)).body`,
 *   `file.stream()` in the browser).
 *
 * Bytes are decoded by `ByteDecoder` (UTF-8 with or without a BOM, UTF-16 with a BOM, a
 * Windows-1252 file with a note); bytes that are not text become a located issue on the row
 * that holds them, never an exception and never a silent U+FFFD.
 *
 * @example
 * ```ts
 * const fromText: CsvSource = 'measure,quantity\nNT1,10\n';
 * const fromChunks: CsvSource = ['measure,quan', 'tity\nNT1,10\n'];
 * const fromWeb: CsvSource = new Blob(['measure,quantity\n']).stream();
 * ```
 */
export type CsvSource =
  | string
  | Uint8Array
  | ArrayBuffer
  | Iterable<string | Uint8Array>
  | AsyncIterable<string | Uint8Array>
  | ReadableStream<Uint8Array | string>;

/**
 * Options of {@link readRecords}.
 *
 * @example
 * ```ts
 * const opts: ReadRecordsOptions = { delimiter: ';' };
 * ```
 */
export interface ReadRecordsOptions extends TokenizerOptions {
  /**
   * Largest input read: bytes of a byte source, characters of a text source (default: no
   * limit). A bigger input stops the read at the limit with a `file_too_large` issue.
   */
  maxBytes?: number;
  /**
   * Encoding of byte sources (default `auto`: UTF-8, UTF-16 with a BOM, or — when the first
   * non-ASCII bytes are not UTF-8 — Windows-1252 with an `encoding_inferred` note). Name it
   * (`utf-8`, `windows-1252`, `latin1`, `utf-16le`, …) to read strictly in that encoding: older
   * council exports saved as plain "CSV" from Excel are `windows-1252`. Any label the platform's
   * `TextDecoder` knows is accepted.
   */
  encoding?: EncodingChoice;
}

/** Characters (or bytes) tokenized per batch; bigger chunks are cut into pieces of this size. */
const PIECE = 16 * 1024;

/**
 * Streams CSV records in batches (one batch per source chunk), so the per-record cost stays
 * low. After the iteration, {@link RecordStream.blankLines} and
 * {@link RecordStream.sourceError} tell what was skipped and whether the source failed.
 *
 * @example
 * ```ts
 * const stream = readRecords('a,b\n\n1,2\n');
 * for await (const batch of stream) for (const rec of batch) console.log(rec.line, rec.fields);
 * // 1 ['a', 'b'] then 3 ['1', '2']; stream.blankLines === 1
 * ```
 */
export function readRecords(source: CsvSource, options: ReadRecordsOptions = {}): RecordStream {
  return new RecordStream(source, options);
}

/**
 * The record batches of one CSV source (see {@link readRecords}).
 *
 * @example
 * ```ts
 * const stream = readRecords(['a,"b', '\nc"\n']);
 * for await (const batch of stream) console.log(batch.map((r) => r.fields));
 * ```
 */
export class RecordStream implements AsyncIterable<CsvRecord[]> {
  /** Error thrown by the source itself (e.g. a file that cannot be read), if any. */
  sourceError: unknown = undefined;
  /** Set when the input passed `maxBytes`: the read stopped there. */
  tooLarge: { limit: number } | undefined = undefined;
  /** Set when the encoding was inferred (`auto`), with the line where the evidence is. */
  encodingNote: (EncodingNote & { line: number }) | undefined = undefined;
  /**
   * Set when a text source (not bytes) holds U+FFFD: the text was decoded from bytes that were
   * not UTF-8 and the characters are lost. Pass the bytes instead, or decode them rightly.
   */
  replacementAt: { line: number } | undefined = undefined;
  private readonly tokenizer: CsvTokenizer;
  private readonly source: CsvSource;
  private readonly encoding: string;
  private readonly maxBytes: number;
  private used = false;

  constructor(source: CsvSource, options: ReadRecordsOptions = {}) {
    checkSource(source);
    this.source = source;
    this.tokenizer = new CsvTokenizer(options);
    this.encoding = encodingName(options.encoding ?? 'auto');
    this.maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
  }

  /** Empty lines skipped so far. */
  get blankLines(): number {
    return this.tokenizer.blankLines;
  }

  /** Physical lines seen so far. */
  get lines(): number {
    return this.tokenizer.currentLine;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<CsvRecord[], void, undefined> {
    if (this.used) throw new CommonwealError('source_reused', 'a CSV record stream can be read only once');
    this.used = true;
    const t = this.tokenizer;
    const decoder = new ByteDecoder(this.encoding);
    let out: CsvRecord[] = [];
    const sink: TextSink = {
      text: (s) => t.push(s, out),
      invalid: (offset, message) => t.markInvalidUtf8(offset, message),
      inferred: (note) => {
        this.encodingNote ??= { ...note, line: t.currentLine };
      },
    };
    const feed = (piece: string | Uint8Array): void => {
      if (typeof piece === 'string') {
        if (decoder.bytesRead > 0) decoder.end(sink);
        if (this.replacementAt === undefined) {
          const at = piece.indexOf('\uFFFD');
          if (at !== -1) this.replacementAt = { line: t.currentLine + lineBreaks(piece, at) };
        }
        t.push(piece, out);
      } else decoder.decode(piece, sink);
    };
    let size = 0;
    try {
      for await (const chunk of chunks(this.source)) {
        let data: string | Uint8Array;
        if (typeof chunk === 'string' || chunk instanceof Uint8Array) data = chunk;
        else if (chunk instanceof ArrayBuffer) data = new Uint8Array(chunk);
        else {
          throw new CommonwealError(
            'invalid_chunk',
            `a CSV source yielded ${typeof chunk}; expected strings or bytes`,
          );
        }
        // Big chunks are tokenized in pieces, a batch each: a batch small enough to die young
        // keeps the garbage collector's work (and the RSS) low.
        if (size + data.length > this.maxBytes) {
          this.tooLarge = { limit: this.maxBytes };
          return;
        }
        size += data.length;
        for (let i = 0; i < data.length; i += PIECE) {
          feed(
            data.length <= PIECE
              ? data
              : typeof data === 'string'
                ? data.slice(i, i + PIECE)
                : data.subarray(i, i + PIECE),
          );
          if (out.length) {
            const batch = out;
            out = [];
            yield batch;
          }
        }
      }
    } catch (e) {
      if (e instanceof CommonwealError) throw e;
      this.sourceError = e;
      return;
    }
    decoder.end(sink);
    t.end(out);
    if (out.length) yield out;
  }
}

/** Line ends in `s` before `end` (CRLF counts once). */
function lineBreaks(s: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || (c === 13 && s.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

function checkSource(source: unknown): void {
  if (typeof source === 'string' || source instanceof Uint8Array || source instanceof ArrayBuffer) return;
  if (source !== null && typeof source === 'object') {
    const s = source as Record<PropertyKey, unknown>;
    if (typeof s.getReader === 'function') return;
    if (typeof s[Symbol.asyncIterator] === 'function' || typeof s[Symbol.iterator] === 'function') return;
  }
  throw new CommonwealError(
    'invalid_source',
    `cannot read CSV from ${source === null ? 'null' : typeof source}: pass a string, bytes, an (async) iterable of chunks or a ReadableStream`,
  );
}

async function* chunks(source: CsvSource): AsyncGenerator<unknown, void, undefined> {
  if (typeof source === 'string' || source instanceof Uint8Array) {
    yield source;
    return;
  }
  if (source instanceof ArrayBuffer) {
    yield new Uint8Array(source);
    return;
  }
  const s = source as unknown as Record<PropertyKey, unknown>;
  if (typeof s.getReader === 'function') {
    const reader = (source as ReadableStream<Uint8Array | string>).getReader();
    let finished = false;
    try {
      for (;;) {
        const r = await reader.read();
        if (r.done) {
          finished = true;
          return;
        }
        yield r.value;
      }
    } finally {
      if (!finished) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  }
  if (typeof s[Symbol.asyncIterator] === 'function') {
    yield* source as AsyncIterable<unknown>;
    return;
  }
  yield* source as Iterable<unknown>;
}

/**
 * Reads all records of a CSV string synchronously (small inputs, tests). Use
 * {@link readRecords} for files and streams.
 *
 * @example
 * ```ts
 * parseCsv('a,b\r\n"x, y",2\r\n').records.map((r) => r.fields); // [['a', 'b'], ['x, y', '2']]
 * ```
 */
export function parseCsv(
  text: string,
  options: TokenizerOptions = {},
): { records: CsvRecord[]; blankLines: number } {
  const t = new CsvTokenizer(options);
  const records: CsvRecord[] = [];
  t.push(text, records);
  t.end(records);
  return { records, blankLines: t.blankLines };
}
