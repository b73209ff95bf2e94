import type { Issue } from '@commonweal/core/issues';
import { type Decimal, type DecimalLike, dec } from '@commonweal/core/money';
import { cite, type Provenance } from '@commonweal/core/trace';
import { fmtNumber } from '../format/format';
import type { Block, Rich } from './blocks';

/**
 * A percentage that is already in percent (a weight such as 33.3), shown with every digit it
 * holds: `33.3%`. Weights are published as given, never rounded.
 *
 * @example
 * ```ts
 * weightText(dec('33.3')); // '33.3%'
 * ```
 */
export function weightText(value: DecimalLike): string {
  return `${fmtNumber(value)}%`;
}

/**
 * A fraction as a percentage with `places` decimals (half-up), e.g. a share of spend.
 *
 * @example
 * ```ts
 * pctText(dec('0.327778'), 1); // '32.8%'
 * ```
 */
export function pctText(fraction: DecimalLike, places = 1): string {
  return `${fmtNumber(dec(fraction).times(100), places)}%`;
}

/**
 * The symbol of a currency for ratios ("£2.85 : £1"), or the code followed by a space.
 *
 * @example
 * ```ts
 * currencySymbol('GBP'); // '£'
 * currencySymbol('CHF'); // 'CHF '
 * ```
 */
export function currencySymbol(currency: string): string {
  return ({ GBP: '£', EUR: '€', USD: '$' } as Record<string, string>)[currency] ?? `${currency} `;
}

/**
 * Sum of decimals (exact).
 *
 * @example
 * ```ts
 * total([dec('1.1'), dec('2.2')]).toString(); // '3.3'
 * ```
 */
export function total(values: readonly Decimal[]): Decimal {
  return values.reduce((a, b) => a.plus(b), dec(0));
}

/**
 * A citation of a source in words: a provenance through core's `cite`, or a plain source text.
 *
 * @example
 * ```ts
 * citeSource('ONS census 2021'); // 'ONS census 2021'
 * ```
 */
export function citeSource(source: string | Provenance): string {
  return typeof source === 'string' ? source : cite(source);
}

/**
 * The issues of a result as a section (nothing when there are none): each with its code,
 * message and where it points.
 *
 * @example
 * ```ts
 * issuesSection([{ code: 'missing_score', message: 'bid "A" has no score' }], 'Issues');
 * ```
 */
export function issuesSection(issues: readonly Issue[], title = 'Issues', limit = 50): Block[] {
  if (issues.length === 0) return [];
  const shown = issues.slice(0, limit);
  const items: Rich[] = shown.map((i) => {
    const where = [
      i.file,
      i.line === undefined ? undefined : `line ${i.line}`,
      i.column === undefined ? undefined : `column ${i.column}`,
      i.field === undefined ? undefined : `field ${i.field}`,
      i.path?.length ? `at ${i.path.join('.')}` : undefined,
    ]
      .filter(Boolean)
      .join(', ');
    return [
      { strong: `${i.severity === 'warning' ? 'Warning' : 'Error'} ${i.code}` },
      `: ${i.message}${where ? ` (${where})` : ''}`,
    ];
  });
  const more =
    issues.length > shown.length
      ? [
          {
            type: 'paragraph',
            text: `${issues.length - shown.length} more issues are not listed here.`,
          } as Block,
        ]
      : [];
  return [
    {
      type: 'section',
      title,
      body: [{ type: 'list', items }, ...more],
    },
  ];
}
