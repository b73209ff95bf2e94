import type { Decimal } from '@commonweal/core/money';
import { z } from 'zod';
import { escapeHtml } from '../html/escape';
import { ChartValueSchema, chartOptionsShape, parseSpec } from '../internal/spec';
import {
  contentId,
  defaultFormatter,
  fitScale,
  frame,
  GRID,
  groupFixed,
  INK,
  lines,
  MUTED,
  n,
  niceTicks,
  PALETTE,
  specKey,
  TITLE_BAND,
  text,
  textWidth,
  tickLabelShown,
  tickLabelX,
  tip,
  truncate,
  val,
  withUnit,
  wrap,
} from './common';

/**
 * Input of {@link barChart}.
 *
 * @example
 * ```ts
 * BarChartSpecSchema.parse({ title: 'Net value', description: 'Net social value by theme',
 *   bars: [{ label: 'Jobs', value: '1200.50' }] });
 * ```
 */
export const BarChartSpecSchema = z.object({
  ...chartOptionsShape,
  /** One bar each, drawn top to bottom in the order given. */
  bars: z
    .array(
      z.object({
        /** Category label (plain text). */
        label: z.string(),
        /** The value: a number, decimal string or Decimal. Negative values go left of zero. */
        value: ChartValueSchema,
        /** Short note shown after the value, e.g. `estimated`. */
        note: z.string().optional(),
      }),
    )
    .min(1, 'a bar chart needs at least one bar'),
  /** Unit after values and under the axis, e.g. `%`, `tCO2e`, `points`. */
  unit: z.string().optional(),
  /** Formats value labels (default: thousands separators; 2 decimals unless every value is whole). */
  format: z.custom<(value: Decimal) => string>((f) => typeof f === 'function').optional(),
});

/**
 * Input of {@link barChart}, see {@link BarChartSpecSchema}.
 *
 * @example
 * ```ts
 * const spec: BarChartSpec = { title: 'Scores', description: 'Total score by bid', bars: [{ label: 'A', value: 71.25 }] };
 * ```
 */
export type BarChartSpec = z.input<typeof BarChartSpecSchema>;

const ROW_GAP = 10;
const BAR = 18;

/**
 * A horizontal bar chart as an accessible SVG string: category labels on the left, value labels
 * at the bar ends, a zero axis with gridlines. Negative values are drawn left of zero with a
 * hatched fill and a minus sign in their label, so sign never depends on colour.
 *
 * @example
 * ```ts
 * barChart({
 *   title: 'Net social value by theme',
 *   description: 'Jobs add the most; the carbon theme is negative.',
 *   bars: [
 *     { label: 'Jobs', value: dec('1200.50') },
 *     { label: 'Carbon', value: '-300', note: 'estimated' },
 *   ],
 *   format: (v) => fmtMoney(v),
 * });
 * ```
 */
export function barChart(spec: BarChartSpec): string {
  const s = parseSpec(BarChartSpecSchema, spec, 'barChart');
  const W = s.width ?? 640;
  const id = s.id ?? `cw-bar-${contentId(specKey(spec))}`;
  const bars = s.bars.map((b) => ({ ...b, ...val(b.value) }));
  const fmt = s.format ?? defaultFormatter(bars.map((b) => b.d));
  const label = (b: (typeof bars)[number]) => withUnit(fmt(b.d), s.unit);
  const noteOf = (b: (typeof bars)[number]) => (b.note ? ` (${b.note})` : '');

  const maxSide = W * 0.3;
  const labelW = Math.min(
    W * 0.3,
    bars.map((b) => textWidth(b.label, 12)).reduce((m, v) => Math.max(m, v), -Infinity) + 4,
  );
  const plotL = 12 + labelW + 12;
  const plotR = W - 12;
  const ticks = niceTicks(
    bars.map((b) => b.x).reduce((m, v) => Math.min(m, v), 0),
    bars.map((b) => b.x).reduce((m, v) => Math.max(m, v), 0),
  );
  const x = fitScale(
    ticks.lo,
    ticks.hi,
    plotL,
    plotR,
    bars.map((b) => ({ v: b.x, w: Math.min(maxSide, textWidth(label(b) + noteOf(b), 12)) + 6 })),
  );
  const top = (s.showTitle === false ? 10 : TITLE_BAND + 10) + 4;

  let y = top;
  const rows: string[] = [];
  for (const [i, b] of bars.entries()) {
    const wrapped = wrap(b.label, labelW, 12, 2);
    const rowH = Math.max(BAR, wrapped.lines.length * 14) + ROW_GAP;
    const mid = y + rowH / 2 - ROW_GAP / 2;
    const x0 = x(0);
    const x1 = x(b.x);
    const negative = b.x < 0;
    const fill = negative ? `url(#${id}-neg)` : PALETTE[0];
    const barEl =
      b.x === 0
        ? ''
        : `<rect x="${n(Math.min(x0, x1))}" y="${n(mid - BAR / 2)}" width="${n(Math.abs(x1 - x0))}" height="${BAR}" fill="${fill}" stroke="${negative ? PALETTE[1] : PALETTE[0]}"/>`;
    const room = maxSide - 8;
    const valueText = label(b);
    const note = b.note ? truncate(noteOf(b), Math.max(0, room - textWidth(valueText, 12)), 12) : '';
    const anchor = negative ? 'end' : 'start';
    const lx = negative ? Math.min(x1, x0) - 4 : Math.max(x1, x0) + 4;
    const valueEl = `<text x="${n(lx)}" y="${n(mid + 4)}" text-anchor="${anchor}"><tspan font-weight="600">${escapeHtml(valueText)}</tspan>${note ? `<tspan fill="${MUTED}">${escapeHtml(note)}</tspan>` : ''}</text>`;
    const labelEl = lines(
      12 + labelW,
      mid + 4 - ((wrapped.lines.length - 1) * 14) / 2,
      wrapped.lines,
      14,
      'text-anchor="end"',
    );
    const title = tip(`${b.label}: ${valueText}${noteOf(b)}`);
    rows.push(`<g class="cw-bar" data-index="${i}">${title}${labelEl}${barEl}${valueEl}</g>`);
    y += rowH;
  }
  const bottom = y;
  const shown = tickLabelShown(ticks, x(1) - x(0), 11);
  const grid = ticks.values
    .map((t, i) => {
      const gx = x(t);
      const tl = groupFixed(t.toFixed(ticks.decimals));
      return `<line x1="${n(gx)}" y1="${n(top - 4)}" x2="${n(gx)}" y2="${n(bottom)}" stroke="${GRID}"/>${shown(i) ? text(tickLabelX(gx, tl, W), bottom + 16, tl, `text-anchor="middle" fill="${MUTED}" font-size="11"`) : ''}`;
    })
    .join('');
  const zero = `<line x1="${n(x(0))}" y1="${n(top - 4)}" x2="${n(x(0))}" y2="${n(bottom)}" stroke="${INK}" stroke-width="1.5"/>`;
  const unitEl = s.unit
    ? text(x(ticks.hi), bottom + 32, s.unit, `text-anchor="end" fill="${MUTED}" font-size="11"`)
    : '';
  const H = bottom + (s.unit ? 40 : 26);
  const defs = bars.some((b) => b.x < 0)
    ? `<pattern id="${id}-neg" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><rect width="3" height="6" fill="${PALETTE[1]}"/></pattern>`
    : '';
  return frame({
    title: s.title,
    description: s.description,
    width: W,
    height: H,
    id,
    defs,
    body: `<g class="cw-grid">${grid}</g>\n${rows.join('\n')}\n${zero}${unitEl}`,
    standalone: s.standalone,
    showTitle: s.showTitle,
  });
}
