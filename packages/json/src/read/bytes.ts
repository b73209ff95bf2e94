import { byteOrderMark, cp1252Code, firstInvalidUtf8, hexByte, utf8Position } from '@commonweal/core';
import type { Issue } from '@commonweal/core/issues';

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
  const bom = byteOrderMark(bytes);
  if (bom !== undefined && bom.encoding !== 'utf-8') {
    const which = bom.encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE';
    return {
      ok: false,
      issues: [
        {
          code: 'invalid_encoding',
          message: `the JSON is ${which} (it starts with that byte order mark), but JSON must be UTF-8: save it as UTF-8, or read it with commonweal --encoding ${bom.encoding}`,
          line: 1,
          column: 1,
          ...where,
        },
      ],
    };
  }
  const start = bom?.length ?? 0;
  const body = bytes.subarray(start);
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body) };
  } catch {
    const at = firstInvalidUtf8(body);
    const b = body[at] ?? 0;
    const cp = cp1252Code(b);
    const looks =
      cp >= 0xa0 || (b >= 0x80 && cp !== -1)
        ? `it looks like Windows-1252, where it is "${String.fromCharCode(cp)}"`
        : 'it is not text in UTF-8 or Windows-1252';
    return {
      ok: false,
      issues: [
        {
          code: 'invalid_encoding',
          message: `the byte at offset ${start + at} (${hexByte(b)}) is not UTF-8, which JSON must be: ${looks} — save the file as UTF-8, or read it with commonweal --encoding windows-1252`,
          ...utf8Position(body, at),
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
