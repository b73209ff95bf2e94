/**
 * Receives decoded text and, in order between the pieces of text, the absolute byte offset of
 * each invalid sequence (the text then holds U+FFFD in its place).
 *
 * @example
 * ```ts
 * const sink: Utf8Sink = { text: (s) => out.push(s), invalid: (offset) => bad.push(offset) };
 * ```
 */
export interface Utf8Sink {
  /** Decoded text. */
  text(s: string): void;
  /** An invalid sequence starts at this byte offset. */
  invalid(byteOffset: number): void;
}

/**
 * A streaming UTF-8 decoder that never throws on bad bytes: it reports the absolute byte offset
 * of each invalid sequence (then continues with U+FFFD), so a reader can name where the bad
 * bytes are. The fast path is the platform's fatal `TextDecoder`; the slow path (only after a
 * decoding error) walks the bytes by the WHATWG rules to find each invalid sequence.
 *
 * @example
 * ```ts
 * const parts: (string | number)[] = [];
 * new Utf8Decoder().decode(new Uint8Array([0x61, 0xff, 0x62]), { text: (s) => parts.push(s), invalid: (o) => parts.push(o) });
 * // parts: ['a', 1, '\uFFFD', 'b']
 * ```
 */
export class Utf8Decoder {
  private dec = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private tail: Uint8Array = EMPTY;
  private offset = 0;

  /** Bytes decoded so far. */
  get bytesRead(): number {
    return this.offset;
  }

  /**
   * Decodes a chunk into the sink.
   *
   * @example
   * ```ts
   * new Utf8Decoder().decode(new TextEncoder().encode('£1'), { text: console.log, invalid: () => {} }); // logs '£1'
   * ```
   */
  decode(chunk: Uint8Array, sink: Utf8Sink): void {
    let text: string;
    try {
      text = this.dec.decode(chunk, { stream: true });
    } catch {
      this.slowDecode(chunk, sink);
      return;
    }
    this.tail = heldUtf8Tail(this.tail, chunk);
    this.offset += chunk.length;
    if (text.length) sink.text(text);
  }

  /**
   * Ends the input: an incomplete sequence at the very end is invalid.
   *
   * @example
   * ```ts
   * const d = new Utf8Decoder();
   * d.decode(new Uint8Array([0xe2, 0x82]), sink);
   * d.end(sink); // sink.invalid(0), then sink.text('\uFFFD')
   * ```
   */
  end(sink: Utf8Sink): void {
    let text: string;
    try {
      text = this.dec.decode();
    } catch {
      this.dec = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
      sink.invalid(this.offset - this.tail.length);
      this.tail = EMPTY;
      sink.text('\uFFFD');
      return;
    }
    this.tail = EMPTY;
    if (text.length) sink.text(text);
  }

  private slowDecode(chunk: Uint8Array, sink: Utf8Sink): void {
    let buf = chunk;
    if (this.tail.length) {
      buf = new Uint8Array(this.tail.length + chunk.length);
      buf.set(this.tail, 0);
      buf.set(chunk, this.tail.length);
    }
    const base = this.offset - this.tail.length;
    this.offset += chunk.length;
    this.dec = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    let pos = 0;
    for (;;) {
      const bad = findInvalidUtf8(buf, pos);
      if (bad.at === -1) break;
      const before = this.dec.decode(buf.subarray(pos, bad.at));
      if (before.length) sink.text(before);
      sink.invalid(base + bad.at);
      sink.text('\uFFFD');
      pos = bad.at + bad.length;
    }
    const rest = buf.subarray(pos);
    const text = this.dec.decode(rest, { stream: true });
    this.tail = heldUtf8Tail(EMPTY, rest);
    if (text.length) sink.text(text);
  }
}

const EMPTY = new Uint8Array(0);

/** The incomplete sequence a streaming decoder holds after `prev` + `chunk` (valid input). @internal */
export function heldUtf8Tail(prev: Uint8Array, chunk: Uint8Array): Uint8Array {
  let last: Uint8Array;
  if (chunk.length >= 3 || prev.length === 0)
    last = chunk.length > 3 ? chunk.subarray(chunk.length - 3) : chunk;
  else {
    const joined = new Uint8Array(prev.length + chunk.length);
    joined.set(prev, 0);
    joined.set(chunk, prev.length);
    last = joined.length > 3 ? joined.subarray(joined.length - 3) : joined;
  }
  for (let k = last.length - 1; k >= 0; k--) {
    const b = last[k]!;
    if (b < 0x80) return EMPTY;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return last.length - k < need ? last.slice(k) : EMPTY;
    }
  }
  return EMPTY;
}

/** First invalid sequence at or after `pos` (WHATWG maximal subpart), or `at: -1`. @internal */
export function findInvalidUtf8(b: Uint8Array, pos: number): { at: number; length: number } {
  const n = b.length;
  let i = pos;
  while (i < n) {
    const x = b[i]!;
    if (x < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (x >= 0xc2 && x <= 0xdf) need = 1;
    else if (x >= 0xe0 && x <= 0xef) {
      need = 2;
      if (x === 0xe0) lo = 0xa0;
      else if (x === 0xed) hi = 0x9f;
    } else if (x >= 0xf0 && x <= 0xf4) {
      need = 3;
      if (x === 0xf0) lo = 0x90;
      else if (x === 0xf4) hi = 0x8f;
    } else return { at: i, length: 1 };
    let j = i + 1;
    for (let k = 0; k < need; k++, j++) {
      if (j >= n) return { at: -1, length: 0 };
      const y = b[j]!;
      if (y < lo || y > hi) return { at: i, length: j - i };
      lo = 0x80;
      hi = 0xbf;
    }
    i = j;
  }
  return { at: -1, length: 0 };
}
