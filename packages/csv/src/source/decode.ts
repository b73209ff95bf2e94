import { byteOrderMark, cp1252Code, findInvalidUtf8, heldUtf8Tail, hexByte } from '@commonweal/core';
import { CommonwealError } from '@commonweal/core/issues';

/**
 * The encodings a byte source can be read in. `auto` (the default) reads UTF-8 (with or
 * without a byte order mark) as it is, UTF-16 with a byte order mark (or with the zero bytes of
 * ASCII text in UTF-16) as UTF-16, and a file whose first non-ASCII bytes are not UTF-8 as
 * Windows-1252, with a note saying so. `latin1` and `iso-8859-1` mean `windows-1252`, as they
 * do in every browser (WHATWG Encoding). Any other label the platform's `TextDecoder` knows is
 * accepted too.
 *
 * @example
 * ```ts
 * const e: EncodingChoice = 'windows-1252';
 * ```
 */
export type EncodingChoice =
  | 'auto'
  | 'utf-8'
  | 'utf-16le'
  | 'utf-16be'
  | 'windows-1252'
  | 'latin1'
  | (string & {});

/**
 * The encodings the CLI's `--encoding` lists in its help, in order (`auto` first).
 *
 * @example
 * ```ts
 * ENCODING_CHOICES.includes('windows-1252'); // true
 * ```
 */
export const ENCODING_CHOICES: readonly string[] = [
  'auto',
  'utf-8',
  'utf-16le',
  'utf-16be',
  'windows-1252',
  'latin1',
];

/**
 * Receives decoded text and, in order between the pieces of text, what the decoder met: bytes
 * that cannot be text (`invalid`) and the encoding it chose (`inferred`). Calls come in file
 * order, so a receiver that counts lines in the text knows the line of each.
 *
 * @example
 * ```ts
 * const sink: TextSink = { text: (s) => out.push(s), invalid: (o, m) => bad.push(`${o}: ${m}`) };
 * ```
 */
export interface TextSink {
  /** Decoded text. */
  text(s: string): void;
  /** Bytes at this offset are not text in the encoding; `message` says what they are and what to do. */
  invalid(byteOffset: number, message: string): void;
  /** The decoder chose an encoding the caller did not name (`auto` only). */
  inferred?(note: EncodingNote): void;
}

/**
 * Why a byte source was read in an encoding the caller did not name.
 *
 * @example
 * ```ts
 * const n: EncodingNote = { encoding: 'windows-1252', byteOffset: 112,
 *   message: 'the file is not UTF-8: …' };
 * ```
 */
export interface EncodingNote {
  /** The encoding used, e.g. `windows-1252`, `utf-16le`. */
  encoding: string;
  /** Byte offset of the evidence (the first non-UTF-8 byte, or 0 for a UTF-16 file). */
  byteOffset: number;
  /** What was inferred and what to do if it is wrong. */
  message: string;
}

/** How bytes that are not UTF-8 read in Windows-1252, for a message ("0xA3 (£ in Windows-1252)"). */
function showBytes(bytes: Uint8Array): string {
  const first = [...bytes.subarray(0, 4)]; // bounded: 4 bytes
  const chars = first.map(cp1252Code);
  const shown = first.map(hexByte).join(' ');
  return chars.every((c) => c >= 0xa0 || (c > 0x7f && c !== -1))
    ? `${shown} ("${String.fromCharCode(...chars)}" in Windows-1252)` // bounded: 4 characters
    : shown;
}

const FLAG =
  'name the encoding with --encoding (e.g. --encoding windows-1252; the `encoding` option in the API)';

type Mode = 'sniff' | 'utf8' | 'cp1252' | 'utf16le' | 'utf16be' | 'other';

const EMPTY = new Uint8Array(0);
const NON_ASCII = /[\u0080-\uffff]/;

function normalise(label: string): string {
  const l = label.trim().toLowerCase();
  if (l === 'utf8' || l === 'unicode-1-1-utf-8') return 'utf-8';
  if (
    l === 'latin1' ||
    l === 'iso-8859-1' ||
    l === 'cp1252' ||
    l === 'ascii' ||
    l === 'us-ascii' ||
    l === 'l1'
  )
    return 'windows-1252';
  if (l === 'utf-16' || l === 'utf16le' || l === 'ucs-2') return 'utf-16le';
  if (l === 'utf16be') return 'utf-16be';
  return l;
}

/**
 * Checks an encoding label, answering the name it is read as (`latin1` → `windows-1252`).
 * An unknown label is a programmer error (`invalid_encoding`); the CLI checks its flag first.
 *
 * @example
 * ```ts
 * encodingName('Latin1'); // 'windows-1252'
 * encodingName('auto');   // 'auto'
 * ```
 */
export function encodingName(label: string): string {
  const n = normalise(label);
  if (n === 'auto' || n === 'utf-8' || n === 'windows-1252' || n === 'utf-16le' || n === 'utf-16be') return n;
  try {
    new TextDecoder(n);
  } catch {
    throw new CommonwealError(
      'invalid_encoding',
      `unknown text encoding "${label}": use ${ENCODING_CHOICES.join(', ')} (or another label TextDecoder knows)`,
    );
  }
  return n;
}

/**
 * A streaming bytes → text decoder that never decodes silently to U+FFFD. It reads UTF-8 (a
 * BOM is kept for the reader to drop), UTF-16 with a BOM, and — in `auto` mode — a file whose
 * first non-ASCII bytes are not UTF-8 as Windows-1252, with an {@link EncodingNote}: what an
 * analyst handed an Excel "CSV" from a council expects. Bytes that are text in neither (a
 * Windows-1252 file's five undefined bytes, or bad bytes after UTF-8 text) are reported to
 * {@link TextSink.invalid} with their byte offset, and stand as U+FFFD only in the text of the
 * row that the reader then rejects.
 *
 * @example
 * ```ts
 * const parts: string[] = [];
 * const d = new ByteDecoder();
 * d.decode(new Uint8Array([0x61, 0xa3, 0x35]), { text: (s) => parts.push(s), invalid: () => {}, inferred: (n) => parts.push(`[${n.encoding}]`) });
 * d.end({ text: (s) => parts.push(s), invalid: () => {} });
 * // parts: ['a', '[windows-1252]', '£5']
 * ```
 */
export class ByteDecoder {
  private mode: Mode = 'sniff';
  private readonly auto: boolean;
  private readonly named: string;
  private utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private other: TextDecoder | undefined;
  private head: Uint8Array = EMPTY;
  private tail: Uint8Array = EMPTY;
  private ascii = true;
  private offset = 0;
  private odd = -1;
  private highSurrogate = -1;
  private highAt = 0;
  private skipBom = 0;
  private readonly u16 = new TextDecoder('utf-16le');
  // told Windows-1252: is the file in fact UTF-8 with non-ASCII text (then "£" reads "Â£")?
  private utf8Check: TextDecoder | undefined;
  private firstHigh = -1;

  constructor(encoding: EncodingChoice = 'auto') {
    this.named = encodingName(encoding);
    this.auto = this.named === 'auto';
  }

  /** Bytes decoded so far. */
  get bytesRead(): number {
    return this.offset + this.head.length;
  }

  /** The encoding in use: `utf-8` until the decoder knows better (in `auto` mode). */
  get encoding(): string {
    switch (this.mode) {
      case 'cp1252':
        return 'windows-1252';
      case 'utf16le':
        return 'utf-16le';
      case 'utf16be':
        return 'utf-16be';
      case 'other':
        return this.named;
      default:
        return this.auto ? 'utf-8' : this.named;
    }
  }

  /**
   * Decodes a chunk into the sink.
   *
   * @example
   * ```ts
   * new ByteDecoder('windows-1252').decode(new Uint8Array([0x93, 0x68, 0x69, 0x94]), sink); // sink.text('“hi”')
   * ```
   */
  decode(chunk: Uint8Array, sink: TextSink): void {
    if (chunk.length === 0) return;
    if (this.mode === 'sniff') {
      // up to 4 bytes tell a byte order mark, or UTF-16's zero bytes, from the rest
      const head = this.head.length ? concat(this.head, chunk) : chunk;
      if (head.length < 4) {
        this.head = head.slice();
        return;
      }
      this.head = EMPTY;
      this.choose(head, sink);
      this.feed(head, sink);
      return;
    }
    this.feed(chunk, sink);
  }

  /**
   * Ends the input: an incomplete sequence at the very end is reported.
   *
   * @example
   * ```ts
   * const d = new ByteDecoder('utf-8');
   * d.decode(new Uint8Array([0xe2, 0x82]), sink);
   * d.end(sink); // sink.invalid(0, …)
   * ```
   */
  end(sink: TextSink): void {
    if (this.mode === 'sniff') {
      const head = this.head;
      this.head = EMPTY;
      this.choose(head, sink);
      if (head.length) this.feed(head, sink);
    }
    switch (this.mode) {
      case 'utf8': {
        try {
          const t = this.utf8.decode();
          if (t.length) sink.text(t);
        } catch {
          this.utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
          const tail = this.tail;
          this.tail = EMPTY;
          if (this.auto && this.ascii) {
            this.switchTo1252(this.offset - tail.length, tail[0]!, sink);
            this.cp1252(tail, this.offset - tail.length, sink);
          } else {
            sink.invalid(this.offset - tail.length, this.utf8Message(tail, this.offset - tail.length, true));
            sink.text('\uFFFD');
          }
        }
        break;
      }
      case 'utf16le':
      case 'utf16be':
        if (this.odd !== -1 || this.highSurrogate !== -1) {
          const at = this.highSurrogate !== -1 ? this.highAt : this.offset - 1;
          sink.invalid(
            at,
            `the file ends in the middle of a UTF-16 character (byte ${at}): the file is cut short`,
          );
          sink.text('\uFFFD');
          this.odd = -1;
          this.highSurrogate = -1;
        }
        break;
      case 'other': {
        const t = this.other!.decode();
        if (t.length) sink.text(t);
        break;
      }
      case 'cp1252':
        if (this.utf8Check !== undefined && this.firstHigh >= 0) {
          let whole = true;
          try {
            this.utf8Check.decode();
          } catch {
            whole = false;
          }
          if (whole)
            sink.inferred?.({
              encoding: 'windows-1252',
              byteOffset: this.firstHigh,
              message: `the file was read as Windows-1252, as asked, but its bytes are valid UTF-8 (from byte ${this.firstHigh}): if "£" shows as "Â£", it is UTF-8 — leave out --encoding`,
            });
        }
        break;
      default:
        break;
    }
  }

  private choose(head: Uint8Array, sink: TextSink): void {
    const [a, b, c, d] = [head[0], head[1], head[2], head[3]];
    const named = this.named;
    const bom = byteOrderMark(head);
    if (
      bom !== undefined &&
      bom.encoding !== 'utf-8' &&
      (this.auto || named === bom.encoding || named === 'windows-1252')
    ) {
      this.mode = bom.encoding === 'utf-16le' ? 'utf16le' : 'utf16be';
      this.skipBom = bom.length;
      if (!this.auto && named !== bom.encoding) this.bomNote(bom.encoding, sink);
      return;
    }
    if (bom?.encoding === 'utf-8' && named !== 'utf-8' && !this.auto) {
      // a UTF-8 byte order mark outweighs a habit of naming the encoding
      this.mode = 'utf8';
      this.ascii = false;
      this.bomNote('utf-8', sink);
      return;
    }
    if (this.auto && head.length >= 4) {
      if (a !== 0 && b === 0 && c !== 0 && d === 0) {
        this.mode = 'utf16le';
        sink.inferred?.({
          encoding: 'utf-16le',
          byteOffset: 0,
          message: `the file has no byte order mark but its bytes are UTF-16 LE (every other byte is zero), so it was read as UTF-16 LE: if that is wrong, ${FLAG}`,
        });
        return;
      }
      if (a === 0 && b !== 0 && c === 0 && d !== 0) {
        this.mode = 'utf16be';
        sink.inferred?.({
          encoding: 'utf-16be',
          byteOffset: 0,
          message: `the file has no byte order mark but its bytes are UTF-16 BE (every other byte is zero), so it was read as UTF-16 BE: if that is wrong, ${FLAG}`,
        });
        return;
      }
    }
    if (this.auto || named === 'utf-8') this.mode = 'utf8';
    else if (named === 'windows-1252') this.mode = 'cp1252';
    else if (named === 'utf-16le') this.mode = 'utf16le';
    else if (named === 'utf-16be') this.mode = 'utf16be';
    else {
      this.mode = 'other';
      this.other = new TextDecoder(named);
    }
  }

  private bomNote(encoding: string, sink: TextSink): void {
    sink.inferred?.({
      encoding,
      byteOffset: 0,
      message: `the file starts with a ${encoding.toUpperCase()} byte order mark, so it was read as ${encoding.toUpperCase()}, not ${this.named}`,
    });
  }

  private feed(chunk: Uint8Array, sink: TextSink): void {
    switch (this.mode) {
      case 'utf8':
        this.utf8Chunk(chunk, sink);
        return;
      case 'cp1252': {
        const at = this.offset;
        this.offset += chunk.length;
        if (!this.auto) this.checkUtf8(chunk, at);
        this.cp1252(chunk, at, sink);
        return;
      }
      case 'utf16le':
      case 'utf16be':
        this.utf16(chunk, sink);
        return;
      default: {
        this.offset += chunk.length;
        const t = this.other!.decode(chunk, { stream: true });
        if (t.length) sink.text(t);
      }
    }
  }

  private checkUtf8(chunk: Uint8Array, at: number): void {
    if (this.firstHigh === -2) return;
    this.utf8Check ??= new TextDecoder('utf-8', { fatal: true });
    try {
      const t = this.utf8Check.decode(chunk, { stream: true });
      if (this.firstHigh === -1 && NON_ASCII.test(t)) {
        let i = 0;
        while (chunk[i]! < 0x80) i++;
        this.firstHigh = at + i;
      }
    } catch {
      this.firstHigh = -2;
    }
  }

  private utf8Chunk(chunk: Uint8Array, sink: TextSink): void {
    let text: string;
    try {
      text = this.utf8.decode(chunk, { stream: true });
    } catch {
      this.utf8Slow(chunk, sink);
      return;
    }
    this.tail = heldUtf8Tail(this.tail, chunk);
    this.offset += chunk.length;
    if (this.ascii && NON_ASCII.test(text)) this.ascii = false;
    if (text.length) sink.text(text);
  }

  private utf8Slow(chunk: Uint8Array, sink: TextSink): void {
    const buf = this.tail.length ? concat(this.tail, chunk) : chunk;
    const base = this.offset - this.tail.length;
    this.offset += chunk.length;
    this.utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    let pos = 0;
    for (;;) {
      const bad = findInvalidUtf8(buf, pos);
      if (bad.at === -1) break;
      const before = this.utf8.decode(buf.subarray(pos, bad.at));
      if (this.ascii && this.auto && !NON_ASCII.test(before)) {
        // nothing but ASCII so far: the file is Windows-1252 (ASCII reads the same in both)
        if (before.length) sink.text(before);
        this.tail = EMPTY;
        this.switchTo1252(base + bad.at, buf[bad.at]!, sink);
        this.cp1252(buf.subarray(bad.at), base + bad.at, sink);
        return;
      }
      if (before.length) {
        sink.text(before);
        if (this.ascii && NON_ASCII.test(before)) this.ascii = false;
      }
      const bytes = buf.subarray(bad.at, bad.at + bad.length);
      sink.invalid(base + bad.at, this.utf8Message(bytes, base + bad.at, false));
      sink.text('\uFFFD');
      pos = bad.at + bad.length;
    }
    const rest = buf.subarray(pos);
    const text = this.utf8.decode(rest, { stream: true });
    this.tail = heldUtf8Tail(EMPTY, rest);
    if (this.ascii && NON_ASCII.test(text)) this.ascii = false;
    if (text.length) sink.text(text);
  }

  private utf8Message(bytes: Uint8Array, at: number, atEnd: boolean): string {
    if (atEnd && this.named === 'utf-8')
      return `the file ends in the middle of a UTF-8 character (byte ${at}, ${showBytes(bytes)}): the file is cut short, or not UTF-8 — ${FLAG}`;
    if (this.auto)
      return `bytes ${showBytes(bytes)} at byte ${at} are not UTF-8, but the file has UTF-8 text before them: the file mixes encodings — fix this row and save the file as UTF-8`;
    return `bytes ${showBytes(bytes)} at byte ${at} are not UTF-8, as the file was said to be: the file looks like Windows-1252 — ${FLAG}, or save it as "CSV UTF-8"`;
  }

  private switchTo1252(at: number, byte: number, sink: TextSink): void {
    this.mode = 'cp1252';
    sink.inferred?.({
      encoding: 'windows-1252',
      byteOffset: at,
      message: `the file is not UTF-8 (the byte at offset ${at}, ${hexByte(byte)}, is the first that is not) and was read as Windows-1252, the encoding of Excel's plain "CSV" in the UK: check the characters (£, é, ’) look right; if not, ${FLAG}`,
    });
  }

  /** Decodes Windows-1252 bytes; `at` is the byte offset of `bytes[0]`. */
  private cp1252(bytes: Uint8Array, at: number, sink: TextSink): void {
    const n = bytes.length;
    let start = 0;
    const codes = new Uint16Array(n);
    for (let i = 0; i < n; i++) {
      const c = cp1252Code(bytes[i]!);
      if (c !== -1) {
        codes[i] = c;
        continue;
      }
      if (i > start) sink.text(this.u16.decode(codes.subarray(start, i)));
      sink.invalid(
        at + i,
        `byte ${hexByte(bytes[i]!)} at byte ${at + i} is not a character in Windows-1252 nor part of UTF-8: the file is in another encoding (a DOS or Mac code page?) — save it as "CSV UTF-8", or ${FLAG}`,
      );
      sink.text('\uFFFD');
      start = i + 1;
    }
    if (n > start) sink.text(this.u16.decode(codes.subarray(start, n)));
  }

  private utf16(chunk: Uint8Array, sink: TextSink): void {
    const be = this.mode === 'utf16be';
    let bytes = chunk;
    let base = this.offset;
    if (this.odd !== -1) {
      bytes = concat(new Uint8Array([this.odd]), chunk);
      base -= 1;
      this.odd = -1;
    }
    this.offset += chunk.length;
    let from = 0;
    if (this.skipBom) {
      const skip = Math.min(this.skipBom, bytes.length);
      from = skip;
      this.skipBom -= skip;
    }
    const units = (bytes.length - from) >> 1;
    if ((bytes.length - from) & 1) this.odd = bytes[bytes.length - 1]!;
    const codes = new Uint16Array(units + 1);
    let k = 0;
    let start = 0;
    const bad = (at: number): void => {
      if (k > start) sink.text(this.u16.decode(codes.subarray(start, k)));
      start = k;
      sink.invalid(
        at,
        `bytes at byte ${at} are half of a UTF-16 character (an unpaired surrogate): the file is damaged — save it again as "CSV UTF-8"`,
      );
      sink.text('\uFFFD');
    };
    for (let u = 0; u < units; u++) {
      const i = from + 2 * u;
      const code = be ? (bytes[i]! << 8) | bytes[i + 1]! : bytes[i]! | (bytes[i + 1]! << 8);
      if (this.highSurrogate !== -1) {
        if (code >= 0xdc00 && code <= 0xdfff) {
          codes[k++] = this.highSurrogate;
          codes[k++] = code;
          this.highSurrogate = -1;
          continue;
        }
        this.highSurrogate = -1;
        bad(this.highAt);
      }
      if (code >= 0xd800 && code <= 0xdbff) {
        this.highSurrogate = code;
        this.highAt = base + i;
      } else if (code >= 0xdc00 && code <= 0xdfff) bad(base + i);
      else codes[k++] = code;
    }
    if (k > start) sink.text(this.u16.decode(codes.subarray(start, k)));
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * A located problem met while decoding bytes whole (see {@link decodeBytes}).
 *
 * @example
 * ```ts
 * const p: DecodeProblem = { byteOffset: 40, line: 3, column: 7, message: 'byte 0x81 at byte 40 is not a character …' };
 * ```
 */
export interface DecodeProblem {
  /** Byte offset in the input. */
  byteOffset: number;
  /** 1-based line (CR, LF and CRLF each end one). */
  line: number;
  /** 1-based character position in the line. */
  column: number;
  /** What the bytes are and what to do. */
  message: string;
}

/**
 * The text of a whole byte input (see {@link decodeBytes}): `text` is usable only when
 * `invalid` is empty.
 *
 * @example
 * ```ts
 * const d: DecodedText = { text: '£5', encoding: 'windows-1252', notes: [], invalid: [] };
 * ```
 */
export interface DecodedText {
  /** The decoded text (holding U+FFFD where `invalid` says). */
  text: string;
  /** The encoding used. */
  encoding: string;
  /** Why the encoding was chosen, when the caller did not name it, with the line it was seen on. */
  notes: (EncodingNote & { line: number; column: number })[];
  /** Bytes that are not text, in order (at most 20 are kept). */
  invalid: DecodeProblem[];
}

/**
 * Decodes a whole input (a file read into memory) by the rules of {@link ByteDecoder}, locating
 * each note and problem by line and column, for whole-file readers such as JSON.
 *
 * @example
 * ```ts
 * const d = decodeBytes(new Uint8Array([0x7b, 0x22, 0xa3, 0x22, 0x7d]));
 * d.text;             // '{"£"}'
 * d.encoding;         // 'windows-1252'
 * d.notes[0]?.line;   // 1
 * ```
 */
export function decodeBytes(bytes: Uint8Array, encoding: EncodingChoice = 'auto'): DecodedText {
  const parts: string[] = [];
  const notes: DecodedText['notes'] = [];
  const invalid: DecodeProblem[] = [];
  let line = 1;
  let column = 1;
  let cr = false;
  const sink: TextSink = {
    text(s) {
      parts.push(s);
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c === 10) {
          if (!cr) line++;
          column = 1;
          cr = false;
        } else if (c === 13) {
          line++;
          column = 1;
          cr = true;
        } else {
          column++;
          cr = false;
        }
      }
    },
    invalid(byteOffset, message) {
      if (invalid.length < 20) invalid.push({ byteOffset, line, column, message });
    },
    inferred(note) {
      notes.push({ ...note, line, column });
    },
  };
  const d = new ByteDecoder(encoding);
  d.decode(bytes, sink);
  d.end(sink);
  return { text: parts.join(''), encoding: d.encoding, notes, invalid };
}
