import { ByteDecoder, type TextSink } from './decode';

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
  // one UTF-8 decoder in the package: ByteDecoder told UTF-8 (no sniffing, no Windows-1252)
  private readonly dec = new ByteDecoder('utf-8');

  /** Bytes decoded so far. */
  get bytesRead(): number {
    return this.dec.bytesRead;
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
    this.dec.decode(chunk, toTextSink(sink));
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
    this.dec.end(toTextSink(sink));
  }
}

function toTextSink(sink: Utf8Sink): TextSink {
  return { text: (s) => sink.text(s), invalid: (at) => sink.invalid(at) };
}
