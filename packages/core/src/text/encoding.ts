/**
 * What Windows-1252 makes of 0x80–0x9F (-1 for the five bytes it leaves undefined: 0x81, 0x8D,
 * 0x8F, 0x90, 0x9D); every other byte is its Latin-1 character. One table for the CSV and JSON
 * readers.
 */
const CP1252_HIGH = [
  0x20ac, -1, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, -1,
  0x017d, -1, -1, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, -1, 0x017e, 0x0178,
];

/**
 * The character code a byte stands for in Windows-1252, or -1 for its five undefined bytes.
 *
 * @example
 * ```ts
 * cp1252Code(0xa3); // 0xa3 ('£')
 * cp1252Code(0x93); // 0x201c ('“')
 * cp1252Code(0x81); // -1
 * ```
 */
export function cp1252Code(b: number): number {
  return b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : b;
}

/**
 * A byte as two upper-case hex digits, for messages.
 *
 * @example
 * ```ts
 * hexByte(0xe9); // '0xE9'
 * ```
 */
export function hexByte(b: number): string {
  return `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;
}

const EMPTY = new Uint8Array(0);

/**
 * The incomplete UTF-8 sequence at the end of `prev` + `chunk` (valid input), which a streaming
 * decoder holds for the next chunk; empty when the bytes end on a whole character.
 *
 * @example
 * ```ts
 * heldUtf8Tail(new Uint8Array(0), new Uint8Array([0x61, 0xe2, 0x82])); // Uint8Array [0xe2, 0x82]
 * ```
 */
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

/**
 * The first invalid UTF-8 sequence at or after `pos` (WHATWG maximal subpart: its offset and
 * length), or `at: -1` when there is none — a sequence cut off by the end of `b` is not counted
 * (a stream may go on; see {@link firstInvalidUtf8} for whole input).
 *
 * @example
 * ```ts
 * findInvalidUtf8(new Uint8Array([0x61, 0xe9, 0x62]), 0); // { at: 1, length: 1 }
 * findInvalidUtf8(new Uint8Array([0x61, 0xe2, 0x82]), 0); // { at: -1, length: 0 }
 * ```
 */
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

/**
 * The offset of the first byte where whole UTF-8 input breaks — a bad sequence, or one cut off
 * at the end — or its length when it is all valid.
 *
 * @example
 * ```ts
 * firstInvalidUtf8(new Uint8Array([0x7b, 0xa3, 0x7d])); // 1
 * firstInvalidUtf8(new Uint8Array([0x61, 0xe2, 0x82])); // 1 (cut off)
 * firstInvalidUtf8(new TextEncoder().encode('£5'));      // 3
 * ```
 */
export function firstInvalidUtf8(b: Uint8Array): number {
  const bad = findInvalidUtf8(b, 0);
  if (bad.at !== -1) return bad.at;
  return b.length - heldUtf8Tail(EMPTY, b).length;
}

/** An encoding a byte order mark names. */
export type BomEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * The byte order mark at the start of `b`, if any: the encoding it names and its length in
 * bytes. One check for the CSV decoder and the JSON reader (UTF-32 is not looked for: no
 * spreadsheet writes it).
 *
 * @example
 * ```ts
 * byteOrderMark(new Uint8Array([0xff, 0xfe, 0x61, 0x00])); // { encoding: 'utf-16le', length: 2 }
 * byteOrderMark(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])); // { encoding: 'utf-8', length: 3 }
 * byteOrderMark(new Uint8Array([0x61]));                   // undefined
 * ```
 */
export function byteOrderMark(b: Uint8Array): { encoding: BomEncoding; length: number } | undefined {
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  return undefined;
}

/**
 * Where byte `at` of UTF-8 bytes is, as a 1-based line and character column (UTF-16 units, as
 * an editor counts them) of the text before it. LF, CRLF and a lone CR each end a line.
 *
 * @example
 * ```ts
 * utf8Position(new TextEncoder().encode('a\n£b'), 4); // { line: 2, column: 2 }
 * ```
 */
export function utf8Position(b: Uint8Array, at: number): { line: number; column: number } {
  const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(b.subarray(0, at));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < before.length; i++) {
    const c = before.charCodeAt(i);
    if (c === 10 || (c === 13 && before.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: before.length - lineStart + 1 };
}
