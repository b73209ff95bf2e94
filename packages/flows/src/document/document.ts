import { canonicalStringify } from '@commonweal/json';

/**
 * The bytes of a flow's result document, as every `--format json` of the command line writes
 * them: canonical JSON (sorted keys, decimals as strings), two-space indent, a final newline.
 * Same document, same text, in Node and in a browser.
 *
 * @example
 * ```ts
 * documentText({ sha256: 'ab12', b: 1 }); // '{\n  "b": 1,\n  "sha256": "ab12"\n}\n'
 * ```
 */
export function documentText(document: unknown): string {
  return canonicalStringify(document, { indent: 2, finalNewline: true });
}
