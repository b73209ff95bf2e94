import type { Decimal } from '@commonweal/core/money';
import { dec, sum } from '@commonweal/core/money';
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
  HALO,
  INK,
  lines,
  MUTED,
  n,
  niceTicks,
  seriesFill,
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
 * Input of {@link stackedBarChart}. Segments name their series by id; series order (not segment
 * order) sets the stacking order and the legend.
 *
 * @example
 * ```ts
 * StackedBarChartSpecSchema.parse({
 *   title: 'Weighted scores', description: 'Contribution of each criterion',
 *   series: [{ id: 'price', label: 'Price' }],
 *   categories: [{ label: 'Bid A', segments: [{ series: 'price', value: '36' }] }],
 * });
 * ```
 */
export const StackedBarChartSpecSchema = z
  .object({
    ...chartOptionsShape,
    /** The series (e.g. criteria), each drawn with its own colour and pattern. */
    series: z
      .array(z.object({ id: z.string().min(1), label: z.string() }))
      .min(1, 'a stacked bar chart needs at least one series'),
    /** One stacked bar each (e.g. bids), top to bottom in the order given. */
    categories: z
      .array(
        z.object({
          label: z.string(),
          segments: z.array(z.object({ series: z.string(), value: ChartValueSchema })),
        }),
      )
      .min(1, 'a stacked bar chart needs at least one category'),
    /** Axis maximum, e.g. 100 for scores out of 100. Totals above it extend the axis. */
    max: ChartValueSchema.optional(),
    /** Unit after totals and under the axis. */
    unit: z.string().optional(),
    /** Formats segment values and totals (default: thousands separators; 2 decimals unless all whole). */
    format: z.custom<(value: Decimal) => string>((f) => typeof f === 'function').optional(),
  })
  .superRefine((s, ctx) => {
    const ids = new Set<string>();
    s.series.forEach((x, i) => {
      if (ids.has(x.id))
        ctx.addIssue({ code: 'custom', path: ['series', i, 'id'], message: `duplicate series id "${x.id}"` });
      ids.add(x.id);
    });
    s.categories.forEach((c, i) => {
      const seen = new Set<string>();
      c.segments.forEach((g, j) => {
        const path = ['categories', i, 'segments', j, 'series'];
        if (!ids.has(g.series))
          ctx.addIssue({ code: 'custom', path, message: `unknown series "${g.series}"` });
        if (seen.has(g.series))
          ctx.addIssue({ code: 'custom', path, message: `series "${g.series}" appears twice` });
        seen.add(g.series);
      });
    });
  });

/**
 * Input of {@link stackedBarChart}, see {@link StackedBarChartSpecSchema}.
 *
 * @example
 * ```ts
 * const spec: StackedBarChartSpec = {
 *   title: 'Weighted scores', description: 'By criterion', max: 100,
 *   series: [{ id: 'price', label: 'Price' }, { id: 'quality', label: 'Quality' }],
 *   categories: [{ label: 'Bid A', segments: [{ series: 'price', value: 36 }, { series: 'quality', value: 28.5 }] }],
 * };
 * ```
 */
export type StackedBarChartSpec = z.input<typeof StackedBarChartSpecSchema>;

const BAR = 22;
const ROW_GAP = 12;

/**
 * Horizontal stacked bars with a legend, as an accessible SVG string: e.g. each bid's weighted
 * score built from its criteria, out of 100. Each series has a colour and a pattern, segment
 * values are written inside segments wide enough to hold them, and totals at the bar ends.
 * Negative segments stack left of zero.
 *
 * @example
 * ```ts
 * stackedBarChart({
 *   title: 'Weighted score by criterion',
 *   description: 'Bid B scores highest, mostly on quality.',
 *   series: [{ id: 'price', label: 'Price (40%)' }, { id: 'quality', label: 'Quality (60%)' }],
 *   categories: [
 *     { label: 'Bid A', segments: [{ series: 'price', value: '40' }, { series: 'quality', value: '30' }] },
 *     { label: 'Bid B', segments: [{ series: 'price', value: '24' }, { series: 'quality', value: '54' }] },
 *   ],
 *   max: 100,
 * });
 * ```
 */
export function stackedBarChart(spec: StackedBarChartSpec): string {
  const s = parseSpec(StackedBarChartSpecSchema, spec, 'stackedBarChart');
  const W = s.width ?? 720;
  const id = s.id ?? `cw-stack-${contentId(specKey(spec))}`;
  const order = new Map(s.series.map((x, i) => [x.id, i]));
  const cats = s.categories.map((c) => {
    const segs = c.segments
      .map((g) => ({ series: g.series, i: order.get(g.series) ?? 0, ...val(g.value) }))
      .sort((a, b) => a.i - b.i);
    const total = sum(segs.map((g) => g.d));
    const pos = segs.filter((g) => g.x > 0).reduce((t, g) => t + g.x, 0);
    const neg = segs.filter((g) => g.x < 0).reduce((t, g) => t + g.x, 0);
    return { label: c.label, segs, total, pos, neg };
  });
  const fmt =
    s.format ??
    defaultFormatter([...cats.flatMap((c) => c.segs.map((g) => g.d)), ...cats.map((c) => c.total)]);
  const totalLabel = (d: Decimal) => withUnit(fmt(d), s.unit);
  const fills = s.series.map((_, i) => seriesFill(id, i));

  const top0 = s.showTitle === false ? 10 : TITLE_BAND + 6;
  // Legend: swatch + label, flowing into rows.
  const legend: string[] = [];
  let lx = 12;
  let ly = top0 + 4;
  for (const [i, x] of s.series.entries()) {
    const label = truncate(x.label, W - 60, 12);
    const w = 18 + 6 + textWidth(label, 12) + 18;
    if (lx + w > W - 12 && lx > 12) {
      lx = 12;
      ly += 22;
    }
    legend.push(
      `<rect x="${n(lx)}" y="${n(ly)}" width="18" height="14" fill="${fills[i]!.fill}" stroke="${fills[i]!.colour}"/>${text(lx + 24, ly + 11, label)}`,
    );
    lx += w;
  }
  const top = ly + 14 + 18;

  const labelW = Math.min(
    W * 0.25,
    cats.map((c) => textWidth(c.label, 12)).reduce((m, v) => Math.max(m, v), -Infinity) + 4,
  );
  const maxV = s.max === undefined ? 0 : dec(s.max).toNumber();
  const ticks = niceTicks(
    cats.map((c) => c.neg).reduce((m, v) => Math.min(m, v), 0),
    cats.reduce((m, c) => Math.max(m, c.pos), maxV),
  );
  const x = fitScale(
    ticks.lo,
    ticks.hi,
    12 + labelW + 12,
    W - 12,
    cats.map((c) => ({
      v: c.pos > 0 || c.neg === 0 ? c.pos : c.neg,
      w: textWidth(totalLabel(c.total), 12) + 8,
    })),
  );

  let y = top;
  const rows: string[] = [];
  for (const c of cats) {
    const wrapped = wrap(c.label, labelW, 12, 2);
    const rowH = Math.max(BAR, wrapped.lines.length * 14) + ROW_GAP;
    const mid = y + rowH / 2 - ROW_GAP / 2;
    let posAt = 0;
    let negAt = 0;
    const segEls: string[] = [];
    for (const g of c.segs) {
      if (g.x === 0) continue;
      const from = g.x > 0 ? posAt : negAt;
      const to = from + g.x;
      if (g.x > 0) posAt = to;
      else negAt = to;
      const x0 = Math.min(x(from), x(to));
      const w = Math.abs(x(to) - x(from));
      const f = fills[g.i]!;
      const name = s.series[g.i]!.label;
      const vt = fmt(g.d);
      const inside =
        textWidth(vt, 11) + 6 <= w
          ? text(x0 + w / 2, mid + 4, vt, `text-anchor="middle" font-size="11" font-weight="600" ${HALO}`)
          : '';
      segEls.push(
        `<g>${tip(`${c.label}, ${name}: ${withUnit(vt, s.unit)}`)}<rect x="${n(x0)}" y="${n(mid - BAR / 2)}" width="${n(w)}" height="${BAR}" fill="${f.fill}" stroke="#fff" stroke-width="1"/>${inside}</g>`,
      );
    }
    const end = c.pos > 0 || c.neg === 0 ? x(c.pos) + 5 : x(c.neg) - 5;
    const anchor = c.pos > 0 || c.neg === 0 ? 'start' : 'end';
    const labelEl = lines(
      12 + labelW,
      mid + 4 - ((wrapped.lines.length - 1) * 14) / 2,
      wrapped.lines,
      14,
      'text-anchor="end"',
    );
    rows.push(
      `<g class="cw-stack">${tip(`${c.label}: total ${totalLabel(c.total)}`)}${labelEl}${segEls.join('')}<text x="${n(end)}" y="${n(mid + 4)}" text-anchor="${anchor}" font-weight="700">${escapeHtml(totalLabel(c.total))}</text></g>`,
    );
    y += rowH;
  }
  const bottom = y;
  const shown = tickLabelShown(ticks, x(1) - x(0), 11);
  const grid = ticks.values
    .map((t, i) => {
      const gx = x(t);
      return `<line x1="${n(gx)}" y1="${n(top - 6)}" x2="${n(gx)}" y2="${n(bottom)}" stroke="${GRID}"/>${shown(i) ? text(tickLabelX(gx, groupFixed(t.toFixed(ticks.decimals)), W), bottom + 16, groupFixed(t.toFixed(ticks.decimals)), `text-anchor="middle" fill="${MUTED}" font-size="11"`) : ''}`;
    })
    .join('');
  const zero = `<line x1="${n(x(0))}" y1="${n(top - 6)}" x2="${n(x(0))}" y2="${n(bottom)}" stroke="${INK}" stroke-width="1.5"/>`;
  const maxLine =
    s.max === undefined
      ? ''
      : `<line x1="${n(x(maxV))}" y1="${n(top - 6)}" x2="${n(x(maxV))}" y2="${n(bottom)}" stroke="${INK}" stroke-dasharray="4 3"/>`;
  const unitEl = s.unit
    ? text(x(ticks.hi), bottom + 32, s.unit, `text-anchor="end" fill="${MUTED}" font-size="11"`)
    : '';
  return frame({
    title: s.title,
    description: s.description,
    width: W,
    height: bottom + (s.unit ? 40 : 26),
    id,
    defs: fills.map((f) => f.def).join(''),
    body: `<g class="cw-legend">${legend.join('')}</g>\n<g class="cw-grid">${grid}</g>\n${rows.join('\n')}\n${zero}${maxLine}${unitEl}`,
    standalone: s.standalone,
    showTitle: s.showTitle,
  });
}
