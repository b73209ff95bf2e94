import { createSha256 } from '@commonweal/core/trace';
import { canonicalStringify } from '@commonweal/json';

const CHUNK = 1 << 20;

/** The pieces of `JSON.stringify(text)` (without its quotes), a chunk of the text at a time. */
function* escaped(text: string, chunk: number): Generator<string> {
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + chunk);
    // Never split a surrogate pair: each half alone would be escaped as a lone surrogate.
    const last = text.charCodeAt(end - 1);
    // (a chunk of one unit that is a pair's first half takes the second half too)
    const next = text.charCodeAt(end);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff && next >= 0xdc00 && next <= 0xdfff)
      end += end - 1 > at ? -1 : 1;
    yield JSON.stringify(text.slice(at, end)).slice(1, -1);
    at = end;
  }
}

/**
 * `hashInputs(parts)` of `@commonweal/json` for one object of texts and small values, with the
 * same result, without its canonical copy of the texts: the UTF-8 bytes of
 * `canonicalStringify([parts])` are written a chunk at a time into one array (sized by a first
 * pass) and hashed. A 58 MB scores file costs its bytes once, not a copy, an escaped copy and
 * the bytes.
 *
 * @example
 * ```ts
 * hashTextInputs({ scores: scoresText, options: null }) === hashInputs({ scores: scoresText, options: null }); // true
 * ```
 */
export function hashTextInputs(parts: Record<string, unknown>, chunk = CHUNK): string {
  const pieces = function* (): Generator<string> {
    yield '[{';
    // Canonical key order: by UTF-16 code units, as canonicalStringify sorts them.
    const keys = Object.keys(parts)
      .filter((k) => parts[k] !== undefined)
      .sort();
    for (const [n, k] of keys.entries()) {
      const v = parts[k];
      yield `${n ? ',' : ''}${JSON.stringify(k)}:`;
      if (typeof v === 'string') {
        yield '"';
        yield* escaped(v, chunk);
        yield '"';
      } else yield canonicalStringify(v);
    }
    yield '}]';
  };
  // Each piece is whole UTF-16 (pairs are never split), so hashing piece by piece is the same
  // as hashing the whole canonical text, and no copy of the inputs is held.
  const h = createSha256();
  const encoder = new TextEncoder();
  for (const p of pieces()) h.update(encoder.encode(p));
  return h.digestHex();
}
