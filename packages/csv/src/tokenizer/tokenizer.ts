/**
 * A structural problem in one CSV record. The record is still returned (so rows read = rows
 * accepted + rows rejected), and the table reader turns the error into a located issue.
 *
 * @example
 * ```ts
 * const err: RecordError = { code: 'unclosed_quote', line: 4, column: 2,
 *   message: 'a quote opened on line 4 is never closed: remove it or close it with another "' };
 * ```
 */
export interface RecordError {
  /**
   * `unclosed_quote`, `quote_in_field`, `invalid_utf8`, `field_too_long`, `too_many_columns` or
   * `record_too_long`.
   */
  code:
    | 'unclosed_quote'
    | 'quote_in_field'
    | 'invalid_utf8'
    | 'field_too_long'
    | 'too_many_columns'
    | 'record_too_long';
  /** What is wrong and what to do. */
  message: string;
  /** 1-based physical line where the problem is. */
  line: number;
  /** 1-based field position where the problem is. */
  column: number;
}

/**
 * One CSV record: its fields (quotes removed, `""` unescaped, not trimmed) and the physical
 * 1-based line it starts on. Lines count every CR, LF or CRLF, including those inside quoted
 * fields, so a record after a multi-line cell still knows its line.
 *
 * @example
 * ```ts
 * const rec: CsvRecord = { fields: ['NT1', '12.5'], line: 2, error: undefined };
 * ```
 */
export interface CsvRecord {
  /** The fields as written (quotes removed, doubled quotes unescaped). */
  fields: string[];
  /** 1-based physical line of the record's first character. */
  line: number;
  /** The first structural problem in the record, if any. */
  error: RecordError | undefined;
}

/**
 * Options of {@link CsvTokenizer}.
 *
 * @example
 * ```ts
 * const opts: TokenizerOptions = { delimiter: ';', maxFieldLength: 65536, maxColumns: 200 };
 * ```
 */
export interface TokenizerOptions {
  /** Field delimiter, one character (default `,`). */
  delimiter?: string;
  /**
   * Longest field kept in memory, in characters (default 1,048,576; Excel's own cell limit is
   * 32,767). A longer field is an issue; a longer quoted field spanning lines is treated as an
   * unclosed quote, so one stray `"` can never swallow the rest of a big file.
   */
  maxFieldLength?: number;
  /**
   * Most fields kept in one record (default 16,384, Excel's column limit). A record with more is
   * a `too_many_columns` error and its extra fields are dropped, so one line of commas cannot
   * fill the memory.
   */
  maxColumns?: number;
  /**
   * Most characters kept in one record, all its fields together (default 33,554,432): a longer
   * record is a `record_too_long` error and the fields past the limit are dropped, so no line —
   * however long, however many fields — can fill the memory.
   */
  maxRecordLength?: number;
}

const START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTED_QUOTE = 3;

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * An incremental RFC 4180 tokenizer over string chunks. Chunks may split anywhere (inside a
 * quoted field, between CR and LF). It strips a leading BOM, accepts CRLF, LF and CR line ends,
 * skips empty lines (counting them in {@link CsvTokenizer.blankLines}), and never throws on bad
 * data: an unclosed quote ends at the end of its line and becomes a {@link RecordError}, and the
 * lines after it are read again as ordinary records.
 *
 * Most callers want {@link readRecords} or a table reader instead; this is the engine.
 *
 * @example
 * ```ts
 * const t = new CsvTokenizer();
 * const out: CsvRecord[] = [];
 * t.push('a,"b\n', out);
 * t.push('c"\r\n1,2', out);
 * t.end(out);
 * // out: [{ fields: ['a', 'b\nc'], line: 1 }, { fields: ['1', '2'], line: 3 }]
 * ```
 */
export class CsvTokenizer {
  /** Lines skipped because they were empty. */
  blankLines = 0;
  private readonly delim: number;
  private readonly maxField: number;
  private readonly maxColumns: number;
  private readonly maxRecord: number;
  private recordSize = 0;
  private fields: string[] = [];
  private partial = '';
  private state = START;
  private line = 1;
  private recordLine = 1;
  private fieldLine = 1;
  private skipLF = false;
  private crInQuoted = false;
  private started = false;
  private first = true;
  private error: RecordError | undefined = undefined;

  constructor(options: TokenizerOptions = {}) {
    const d = options.delimiter ?? ',';
    if (d.length !== 1 || d === '"' || d === '\n' || d === '\r') {
      throw new TypeError(
        `the CSV delimiter must be one character other than a quote or line end, got ${JSON.stringify(d)}`,
      );
    }
    this.delim = d.charCodeAt(0);
    this.maxField = options.maxFieldLength ?? 1_048_576;
    this.maxColumns = options.maxColumns ?? 16_384;
    this.maxRecord = options.maxRecordLength ?? 33_554_432;
  }

  /** The current physical line (1-based). */
  get currentLine(): number {
    return this.line;
  }

  /**
   * Records that the decoder met bytes that are not text at `byteOffset`: the record in
   * progress (or the next one) gets an `invalid_utf8` error, with the decoder's `message` if
   * it gives one.
   *
   * @example
   * ```ts
   * const t = new CsvTokenizer();
   * t.markInvalidUtf8(17);
   * ```
   */
  markInvalidUtf8(byteOffset: number, message?: string): void {
    if (this.error) return;
    this.error = {
      code: 'invalid_utf8',
      line: this.line,
      column: this.fields.length + 1,
      message:
        message !== undefined
          ? `${message} (line ${this.line})`
          : `the file has bytes that are not valid UTF-8 (at byte ${byteOffset}, line ${this.line}): ` +
            'save it again as "CSV UTF-8" and check the characters in this row',
    };
  }

  /**
   * Tokenizes a chunk, appending every completed record to `out`.
   *
   * @example
   * ```ts
   * const out: CsvRecord[] = [];
   * new CsvTokenizer().push('a,b\n', out); // out[0].fields: ['a', 'b']
   * ```
   */
  push(chunk: string, out: CsvRecord[]): void {
    let s: string | null = chunk;
    if (s.length === 0) return;
    let i = 0;
    if (this.first) {
      this.first = false;
      if (s.charCodeAt(0) === 0xfeff) i = 1;
    }
    if (this.skipLF) {
      this.skipLF = false;
      if (i < s.length && s.charCodeAt(i) === LF) i++;
    }
    if (this.crInQuoted) {
      this.crInQuoted = false;
      // the LF of a CRLF inside a quoted field: content, but not a new line (the scan counts it)
      if (i < s.length && s.charCodeAt(i) === LF) this.line--;
    }
    while (s !== null) {
      s = this.scan(s, i, out);
      i = 0;
    }
  }

  /**
   * Ends the input: completes the last record (a file need not end with a line break) and
   * reports an unclosed quote.
   *
   * @example
   * ```ts
   * const out: CsvRecord[] = [];
   * const t = new CsvTokenizer();
   * t.push('a,b', out);
   * t.end(out); // out[0].fields: ['a', 'b']
   * ```
   */
  end(out: CsvRecord[]): void {
    for (;;) {
      const state = this.state;
      if (state === QUOTED) {
        const rest = this.recover(this.partial.replaceAll('"', '""'), '', out);
        if (rest !== null) {
          let s: string | null = rest;
          while (s !== null) s = this.scan(s, 0, out);
          continue;
        }
      } else if (state === QUOTED_QUOTE || state === UNQUOTED) {
        this.add(this.partial);
        this.partial = '';
        this.emit(out);
      } else if (this.started) {
        this.add('');
        this.emit(out);
      }
      this.state = START;
      return;
    }
  }

  /** Ends a field: kept unless it is too long or the record already has too many. */
  private add(value: string): void {
    const fields = this.fields;
    let v = value;
    if (v.length > this.maxField) {
      this.fail(
        'field_too_long',
        `a value is longer than ${this.maxField} characters: check for a missing line break or quote`,
        this.recordLine,
      );
      v = '';
    }
    this.recordSize += v.length;
    if (this.recordSize > this.maxRecord) {
      if (this.error === undefined) {
        this.error = {
          code: 'record_too_long',
          line: this.recordLine,
          column: fields.length + 1,
          message: `this row is longer than ${this.maxRecord} characters: check for a missing line break or quote`,
        };
      }
      return;
    }
    if (fields.length < this.maxColumns) fields.push(v);
    else if (this.error === undefined) {
      this.error = {
        code: 'too_many_columns',
        line: this.recordLine,
        column: this.maxColumns + 1,
        message: `this row has more than ${this.maxColumns} values: check the delimiter, or raise maxColumns if the file really is that wide`,
      };
    }
  }

  private emit(out: CsvRecord[]): void {
    out.push({ fields: this.fields, line: this.recordLine, error: this.error });
    this.fields = [];
    this.error = undefined;
    this.started = false;
    this.recordSize = 0;
  }

  private fail(code: RecordError['code'], message: string, line: number): void {
    if (this.error) return;
    this.error = { code, message, line, column: this.fields.length + 1 };
  }

  /** Scans `s` from `i`; returns text to scan again after recovering from a bad quote, or null. */
  private scan(s: string, i: number, out: CsvRecord[]): string | null {
    const n = s.length;
    const d = this.delim;
    let state = this.state;
    let line = this.line;
    let start = i;
    while (i < n) {
      if (state === START) {
        const c = s.charCodeAt(i);
        if (c === QUOTE) {
          state = QUOTED;
          this.fieldLine = line;
          this.started = true;
          start = ++i;
        } else if (c === d) {
          this.add('');
          this.started = true;
          i++;
          continue;
        } else if (c === LF || c === CR) {
          if (this.started) {
            this.add('');
            this.emit(out);
          } else if (this.error === undefined) {
            this.blankLines++;
          }
          line++;
          i++;
          if (c === CR) {
            if (i < n) {
              if (s.charCodeAt(i) === LF) i++;
            } else this.skipLF = true;
          }
          this.recordLine = line;
          continue;
        } else {
          state = UNQUOTED;
          this.started = true;
          start = i;
        }
      }
      if (state === UNQUOTED) {
        let c = 0;
        while (i < n) {
          c = s.charCodeAt(i);
          if (c === d || c === LF || c === CR) break;
          i++;
        }
        if (i === n) break;
        let v = s.slice(start, i);
        if (this.partial.length !== 0) {
          v = this.partial + v;
          this.partial = '';
        }
        this.add(v);
        i++;
        state = START;
        if (c !== d) {
          this.emit(out);
          line++;
          if (c === CR) {
            if (i < n) {
              if (s.charCodeAt(i) === LF) i++;
            } else this.skipLF = true;
          }
          this.recordLine = line;
        }
        continue;
      }
      if (state === QUOTED) {
        while (i < n) {
          const c = s.charCodeAt(i);
          if (c === QUOTE) break;
          if (c === LF) line++;
          else if (c === CR) {
            line++;
            if (i + 1 < n) {
              if (s.charCodeAt(i + 1) === LF) i++;
            } else this.crInQuoted = true;
          }
          i++;
        }
        if (i === n) break;
        this.partial += s.slice(start, i);
        i++;
        state = QUOTED_QUOTE;
        start = i;
      }
      // QUOTED_QUOTE: a quote inside a quoted field; what follows decides what it was
      if (i === n) break;
      const c = s.charCodeAt(i);
      if (c === QUOTE) {
        this.partial += '"';
        start = ++i;
        state = QUOTED;
        continue;
      }
      if (c === d || c === LF || c === CR) {
        this.add(this.partial);
        this.partial = '';
        state = START;
        i++;
        if (c !== d) {
          this.emit(out);
          line++;
          if (c === CR) {
            if (i < n) {
              if (s.charCodeAt(i) === LF) i++;
            } else this.skipLF = true;
          }
          this.recordLine = line;
        }
        continue;
      }
      // text after a closing quote: a stray quote
      if (/[\r\n]/.test(this.partial)) {
        this.line = line;
        this.state = state;
        return this.recover(`${this.partial.replaceAll('"', '""')}"`, s.slice(i), out);
      }
      this.fail(
        'quote_in_field',
        'a quoted value must end at a comma or the end of the line: text follows its closing quote. ' +
          'Put the whole value in quotes and double any quote inside it ("")',
        line,
      );
      this.partial += '"';
      state = UNQUOTED;
      start = i;
    }
    if (state === UNQUOTED || state === QUOTED) {
      if (start < n) this.partial += s.slice(start, n);
      if (this.partial.length > this.maxField) {
        if (state === QUOTED && /[\r\n]/.test(this.partial)) {
          this.line = line;
          this.state = state;
          const raw = this.partial.replaceAll('"', '""');
          this.crInQuoted = false;
          const rest = this.recover(raw, '', out);
          if (raw.charCodeAt(raw.length - 1) === CR && rest === '') this.skipLF = true;
          return rest;
        }
        this.fail(
          'field_too_long',
          `a value is longer than ${this.maxField} characters: check for a missing line break or quote`,
          line,
        );
        this.partial = '';
      }
    }
    this.state = state;
    this.line = line;
    return null;
  }

  /**
   * An unclosed quote: the quoted field ends at the end of the line it opened on, the record is
   * emitted with an error, and returns the text after that line to scan again.
   */
  private recover(raw: string, remainder: string, out: CsvRecord[]): string | null {
    const lf = raw.indexOf('\n');
    const cr = raw.indexOf('\r');
    const nl = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
    const where = this.fieldLine;
    this.fail(
      'unclosed_quote',
      `a quote (") opened on line ${where} is never closed: remove the stray quote or close it with another "`,
      where,
    );
    this.partial = '';
    this.state = START;
    this.crInQuoted = false;
    if (nl === -1) {
      this.add(`"${raw}`);
      this.emit(out);
      return remainder.length ? remainder : null;
    }
    this.add(`"${raw.slice(0, nl)}`);
    this.emit(out);
    const skip = raw.charCodeAt(nl) === CR && raw.charCodeAt(nl + 1) === LF ? 2 : 1;
    this.line = where + 1;
    this.recordLine = this.line;
    return raw.slice(nl + skip) + remainder;
  }
}
