import type { Issue } from '@commonweal/core/issues';

/** Windows-1252's 0x80–0x9F (0 where it leaves a byte undefined); the rest is Latin-1. */
const CP1252 = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
  0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0, 0x017e, 0x0178,
];

/** Where byte `at` is, as a 1-based line and character column of the valid UTF-8 before it. */
function locate(bytes: Uint8Array, at: number): { line: number; column: number } {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, at));
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

/** The first byte offset where UTF-8 breaks (WHATWG rules), or the length when none does. */
function firstInvalid(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
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
    } else return i;
    for (let k = 1; k <= need; k++) {
      const y = b[i + k];
      if (y === undefined || y < lo || y > hi) return i;
      lo = 0x80;
      hi = 0xbf;
    }
    i += need + 1;
  }
  return n;
}

/**
 * Reads JSON bytes as RFC 8259 asks: UTF-8 (a byte order mark is dropped). UTF-16 and bytes
 * that are not UTF-8 are an issue with the line, column and byte offset, naming the encoding
 * they look like; never a silent U+FFFD. (The CLI's `--encoding` reads other encodings first.)
 *
 * @example
 * ```ts
 * decodeJsonBytes(new TextEncoder().encode('{"a": "£"}')); // { ok: true, text: '{"a": "£"}' }
 * decodeJsonBytes(new Uint8Array([0x22, 0xa3, 0x22])).ok;  // false: 0xA3 is "£" in Windows-1252
 * ```
 */
export function decodeJsonBytes(
  bytes: Uint8Array,
  file?: string,
): { ok: true; text: string } | { ok: false; issues: Issue[] } {
  const where = file !== undefined ? { file } : {};
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const which = bytes[0] === 0xff ? 'UTF-16 LE' : 'UTF-16 BE';
    return {
      ok: false,
      issues: [
        {
          code: 'invalid_encoding',
          message: `the JSON is ${which} (it starts with that byte order mark), but JSON must be UTF-8: save it as UTF-8, or read it with commonweal --encoding ${which === 'UTF-16 LE' ? 'utf-16le' : 'utf-16be'}`,
          line: 1,
          column: 1,
          ...where,
        },
      ],
    };
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body) };
  } catch {
    const at = firstInvalid(body);
    const b = body[at] ?? 0;
    const cp = b >= 0x80 && b < 0xa0 ? CP1252[b - 0x80]! : b;
    const looks =
      cp >= 0xa0 || (b >= 0x80 && cp !== 0)
        ? `it looks like Windows-1252, where it is "${String.fromCharCode(cp)}"`
        : 'it is not text in UTF-8 or Windows-1252';
    return {
      ok: false,
      issues: [
        {
          code: 'invalid_encoding',
          message: `byte 0x${b.toString(16).toUpperCase().padStart(2, '0')} at byte ${start + at} is not UTF-8, which JSON must be: ${looks} — save the file as UTF-8, or read it with commonweal --encoding windows-1252`,
          ...locate(body, at),
          ...where,
        },
      ],
    };
  }
}

/**
 * A warning for text that holds U+FFFD, the mark a decoder leaves for bytes that were not
 * UTF-8: the characters there were lost before the reader saw the text.
 *
 * @example
 * ```ts
 * replacementWarning('{"a": "\uFFFD5"}')?.column; // 8
 * ```
 */
export function replacementWarning(text: string, file?: string): Issue | undefined {
  const at = text.indexOf('\uFFFD');
  if (at === -1) return undefined;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return {
    code: 'replacement_character',
    message:
      'the text holds U+FFFD (�), the mark a decoder leaves for bytes that were not UTF-8: the characters there are lost — pass the file’s bytes (a Uint8Array) so the reader can say which bytes, or decode them in the right encoding',
    line,
    column: at - lineStart + 1,
    severity: 'warning',
    ...(file !== undefined ? { file } : {}),
  };
}
