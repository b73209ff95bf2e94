/**
 * A beneficiary name that marks a redacted payment (personal data withheld under the Local
 * Government Transparency Code 2015). `contains` matches the words anywhere in the name;
 * `exact` matches the whole name only (so "Individual" is redacted but "Individual Care Ltd" is
 * not). Matching ignores case and punctuation.
 *
 * @example
 * ```ts
 * const m: RedactionMarker = { text: 'redacted', match: 'contains' };
 * ```
 */
export interface RedactionMarker {
  text: string;
  match: 'contains' | 'exact';
}

/**
 * Beneficiary names that mean "redacted" in published spend files: the Transparency Code's
 * "REDACTED UNDER DP ACT" and common variants. Extend per publisher with the
 * `redactionMarkers` option of the spend accumulator.
 *
 * @example
 * ```ts
 * REDACTION_MARKERS.some((m) => m.text === 'personal data'); // true
 * ```
 */
export const REDACTION_MARKERS: readonly RedactionMarker[] = [
  { text: 'redacted', match: 'contains' },
  { text: 'personal data', match: 'contains' },
  { text: 'personal information', match: 'contains' },
  { text: 'data protection', match: 'contains' },
  { text: 'dp act', match: 'contains' },
  { text: 'gdpr', match: 'contains' },
  { text: 'name withheld', match: 'contains' },
  { text: 'withheld', match: 'exact' },
  { text: 'not disclosed', match: 'exact' },
  { text: 'name not disclosed', match: 'exact' },
  { text: 'individual', match: 'exact' },
  { text: 'private individual', match: 'exact' },
  { text: 'confidential', match: 'exact' },
  { text: 'commercially sensitive', match: 'exact' },
  { text: 'sensitive', match: 'exact' },
];

function words(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Compiles redaction markers into a matcher (markers normalised once, for streaming use).
 *
 * @example
 * ```ts
 * const redacted = redactionMatcher([...REDACTION_MARKERS, { text: 'supplier 99', match: 'exact' }]);
 * redacted('Supplier 99'); // true
 * ```
 */
export function redactionMatcher(
  markers: readonly RedactionMarker[] = REDACTION_MARKERS,
): (name: string) => boolean {
  const exact = new Set<string>();
  const contains: string[] = [];
  for (const m of markers) {
    const t = words(m.text);
    if (t === '') continue;
    if (m.match === 'exact') exact.add(t);
    else contains.push(` ${t} `);
  }
  return (name: string) => {
    const w = words(name);
    if (w === '') return false;
    if (exact.has(w)) return true;
    const padded = ` ${w} `;
    return contains.some((c) => padded.includes(c));
  };
}

const DEFAULT_MATCHER = redactionMatcher();

/**
 * True when a beneficiary name is a redaction marker (see {@link REDACTION_MARKERS}).
 *
 * @example
 * ```ts
 * isRedacted('REDACTED UNDER DP ACT'); // true
 * isRedacted('Redacted - Personal Data'); // true
 * isRedacted('Individual Care Ltd'); // false
 * ```
 */
export function isRedacted(name: string, markers?: readonly RedactionMarker[]): boolean {
  return markers ? redactionMatcher(markers)(name) : DEFAULT_MATCHER(name);
}
