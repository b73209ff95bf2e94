import { sha256Hex } from '@commonweal/core/trace';
import { canonicalStringify } from '../canonical/canonical';

export { sha256, sha256Hex } from '@commonweal/core/trace';

/**
 * The SHA-256 of a computation's inputs, for results to carry (so a reader can tell whether two
 * results came from the same inputs). Exactly what is hashed: the UTF-8 bytes of
 * `canonicalStringify(parts)` — the canonical JSON (no indent, no final newline) of the array of
 * the parts, in the order given. So:
 *
 * - a string part (e.g. a file's text) is hashed as that exact text: one changed byte changes the hash;
 * - an object part (e.g. parsed options) is hashed by value: key order does not matter, and
 *   decimals count by value as {@link canonicalDecimal} writes them (`1.50` and `1.5` are the
 *   same), while a decimal string from a file keeps its text (`"1.50"` ≠ `"1.5"`);
 * - the order of the parts matters: pass them in a fixed order (sort file names first).
 *
 * Throws `CommonwealError` for parts `canonicalStringify` refuses (e.g. `NaN`).
 *
 * @example
 * ```ts
 * hashInputs(frameworkText, entriesText, { discount: 'green-book' }); // 64 hex digits
 * hashInputs('a', 'b') === sha256Hex('["a","b"]'); // true
 * ```
 */
export function hashInputs(...parts: unknown[]): string {
  return sha256Hex(canonicalStringify(parts));
}
