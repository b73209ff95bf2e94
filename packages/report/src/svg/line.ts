import { Dec, type Decimal } from '@commonweal/core/money';
import { z } from 'zod';
import { ChartValueSchema, chartOptionsShape, parseSpec } from '../internal/spec';
import {
  contentId,
  frame,
  GRID,
  groupFixed,
  HALO,
  INK,
  linear,
  MUTED,
  n,
  niceTicks,
  PALETTE,
  specKey,
  TITLE_BAND,
  text,
  textWidth,
  tickLabelShown,
  tip,
  truncate,
  val,
} from './common';

/**
 * Input of {@link lineChart}. Points are drawn in order of `x` whatever their input order;
 * each `x` appears once per series.
 *
 * @example
 * ```ts
 * LineChartSpecSchema.parse({ title: 'Value', description: 'By year', xLabel: 'Year', yLabel: '£',
 *   series: [{ label: 'Central', points: [{ x: 2025, y: '1000' }] }] });
 * ```
 */
export const LineChartSpecSchema = z
  .object({
    ...chartOptionsShape,
    /** One line each; each has its own colour, dash pattern and marker shape, and is labelled at its end. */
    series: z
      .array(
        z.object({
          label: z.string(),
          points: z
            .array(z.object({ x: ChartValueSchema, y: ChartValueSchema }))
            .min(1, 'a series needs a point'),
        }),
      )
      .min(1, 'a line chart needs at least one series'),
    /** Horizontal axis title, e.g. `Year`. */
    xLabel: z.string(),
    /** Vertical axis title, e.g. `Present value (£, 2024 prices)`. */
    yLabel: z.string(),
    /** Start the vertical axis at zero. Default true (a truncated axis exaggerates change). */
    includeZero: z.boolean().optional(),
    /** Formats `y` values in tooltips and end labels (default: thousands separators, up to 2 decimals). */
    format: z.custom<(value: Decimal) => string>((f) => typeof f === 'function').optional(),
  })
  .superRefine((s, ctx) => {
    s.series.forEach((line, i) => {
      const seen = new Set<string>();
      line.points.forEach((p, j) => {
        const key = val(p.x).d.toString();
        if (seen.has(key))
          ctx.addIssue({
            code: 'custom',
            path: ['series', i, 'points', j, 'x'],
            message: `x = ${key} appears twice`,
          });
        seen.add(key);
      });
    });
  });

/**
 * Input of {@link lineChart}, see {@link LineChartSpecSchema}.
 *
 * @example
 * ```ts
 * const spec: LineChartSpec = { title: 'Value', description: 'By year', xLabel: 'Year', yLabel: '£',
 *   series: [{ label: 'Central', points: [{ x: 2025, y: 1000 }, { x: 2026, y: 950 }] }] };
 * ```
 */
export type LineChartSpec = z.input<typeof LineChartSpecSchema>;

const DASHES = ['', '7 4', '2 3', '9 3 2 3', '4 4', '12 4'] as const;

function marker(kind: number, x: number, y: number, colour: string): string {
  const r = 4;
  switch (kind % 5) {
    case 0:
      return `<circle cx="${n(x)}" cy="${n(y)}" r="${r}" fill="${colour}" stroke="#fff"/>`;
    case 1:
      return `<rect x="${n(x - r)}" y="${n(y - r)}" width="${2 * r}" height="${2 * r}" fill="${colour}" stroke="#fff"/>`;
    case 2:
      return `<path d="M${n(x)} ${n(y - r - 1)}L${n(x + r + 1)} ${n(y + r)}H${n(x - r - 1)}Z" fill="${colour}" stroke="#fff"/>`;
    case 3:
      return `<path d="M${n(x)} ${n(y - r - 1)}L${n(x + r + 1)} ${n(y)}L${n(x)} ${n(y + r + 1)}L${n(x - r - 1)} ${n(y)}Z" fill="${colour}" stroke="#fff"/>`;
    default:
      return `<circle cx="${n(x)}" cy="${n(y)}" r="${r}" fill="#fff" stroke="${colour}" stroke-width="2"/>`;
  }
}

/**
 * A line chart of values over `x` (e.g. years) as an accessible SVG string: axes with nice ticks
 * and titles, gridlines, and series that differ by colour, dash pattern and marker shape and are
 * named in a legend and at their last point.
 *
 * @example
 * ```ts
 * lineChart({
 *   title: 'Present value of benefits by year',
 *   description: 'Discounted value falls each year at the Green Book rate.',
 *   xLabel: 'Year', yLabel: 'Present value (£)',
 *   series: [{ label: 'Central', points: [{ x: 2025, y: '1000' }, { x: 2026, y: '966.18' }] }],
 * });
 * ```
 */
export function lineChart(spec: LineChartSpec): string {
  const s = parseSpec(LineChartSpecSchema, spec, 'lineChart');
  const W = s.width ?? 720;
  const id = s.id ?? `cw-line-${contentId(specKey(spec))}`;
  const series = s.series.map((line) => ({
    label: line.label,
    points: line.points.map((p) => ({ x: val(p.x), y: val(p.y) })).sort((a, b) => a.x.d.comparedTo(b.x.d)),
  }));
  const all = series.flatMap((l) => l.points);
  const places = all.every((p) => p.y.d.isInteger()) ? 0 : 2;
  const fmt = s.format ?? ((v: Decimal) => groupFixed(v.toFixed(places, Dec.ROUND_HALF_UP)));
  const xs = all.map((p) => p.x.x);
  const ys = all.map((p) => p.y.x);
  const integerX = all.every((p) => p.x.d.isInteger());
  const xt = niceTicks(
    xs.reduce((m, v) => Math.min(m, v), Infinity),
    xs.reduce((m, v) => Math.max(m, v), -Infinity),
    Math.min(8, Math.max(1, new Set(xs).size - 1)),
    integerX,
  );
  const includeZero = s.includeZero ?? true;
  const yt = niceTicks(
    includeZero ? ys.reduce((m, v) => Math.min(m, v), 0) : ys.reduce((m, v) => Math.min(m, v), Infinity),
    includeZero ? ys.reduce((m, v) => Math.max(m, v), 0) : ys.reduce((m, v) => Math.max(m, v), -Infinity),
  );

  const top0 = s.showTitle === false ? 10 : TITLE_BAND + 6;
  // Legend row(s).
  const legend: string[] = [];
  let lx = 12;
  let ly = top0 + 6;
  series.forEach((l, i) => {
    const colour = PALETTE[i % PALETTE.length]!;
    const label = truncate(l.label, W - 80, 12);
    const w = 34 + 6 + textWidth(label, 12) + 18;
    if (lx + w > W - 12 && lx > 12) {
      lx = 12;
      ly += 20;
    }
    const dash = DASHES[i % DASHES.length] ? ` stroke-dasharray="${DASHES[i % DASHES.length]}"` : '';
    legend.push(
      `<line x1="${n(lx)}" y1="${n(ly)}" x2="${n(lx + 34)}" y2="${n(ly)}" stroke="${colour}" stroke-width="2.5"${dash}/>${marker(i, lx + 17, ly, colour)}${text(lx + 40, ly + 4, label)}`,
    );
    lx += w;
  });
  const tickLabels = yt.values.map((t) => groupFixed(t.toFixed(yt.decimals)));
  const endLabelW = Math.min(
    W * 0.22,
    series.map((l) => textWidth(l.label, 11)).reduce((m, v) => Math.max(m, v), -Infinity) + 10,
  );
  const plotL =
    12 + 18 + tickLabels.map((t) => textWidth(t, 11)).reduce((m, v) => Math.max(m, v), -Infinity) + 8;
  const plotR = W - 12 - endLabelW;
  const plotT = ly + 22;
  const plotB = plotT + Math.max(160, Math.round((plotR - plotL) * 0.5));
  const x = linear(xt.lo, xt.hi, plotL, plotR);
  const y = linear(yt.lo, yt.hi, plotB, plotT);

  const grid = yt.values
    .map(
      (t, i) =>
        `<line x1="${n(plotL)}" y1="${n(y(t))}" x2="${n(plotR)}" y2="${n(y(t))}" stroke="${t === 0 ? INK : GRID}"${t === 0 ? ' stroke-width="1.5"' : ''}/>${text(plotL - 6, y(t) + 4, tickLabels[i]!, `text-anchor="end" fill="${MUTED}" font-size="11"`)}`,
    )
    .join('');
  const xShown = tickLabelShown(xt, x(1) - x(0), 11);
  const xTicks = xt.values
    .map(
      (t, i) =>
        `<line x1="${n(x(t))}" y1="${n(plotB)}" x2="${n(x(t))}" y2="${n(plotB + 5)}" stroke="${INK}"/>${xShown(i) ? text(x(t), plotB + 18, t.toFixed(xt.decimals), `text-anchor="middle" fill="${MUTED}" font-size="11"`) : ''}`,
    )
    .join('');
  const axes = `<line x1="${n(plotL)}" y1="${n(plotT)}" x2="${n(plotL)}" y2="${n(plotB)}" stroke="${INK}"/><line x1="${n(plotL)}" y1="${n(plotB)}" x2="${n(plotR)}" y2="${n(plotB)}" stroke="${INK}"/>`;
  const titles = `${text((plotL + plotR) / 2, plotB + 36, s.xLabel, `text-anchor="middle" font-weight="600"`)}${text(0, 0, s.yLabel, `transform="translate(16 ${n((plotT + plotB) / 2)}) rotate(-90)" text-anchor="middle" font-weight="600"`)}`;

  // End labels, pushed apart vertically so they never overlap.
  const ends = series
    .map((l, i) => {
      const last = l.points[l.points.length - 1]!;
      return { i, want: y(last.y.x), x: x(last.x.x) };
    })
    .sort((a, b) => a.want - b.want || a.i - b.i);
  let prev = -Infinity;
  const endY = new Map<number, number>();
  for (const e of ends) {
    const at = Math.max(e.want, prev + 14);
    endY.set(e.i, at);
    prev = at;
  }
  // Labels pushed below the plot would cover the x-axis tick labels: lift the stack instead.
  const overflow = prev - (plotB - 4);
  if (overflow > 0) for (const [k, v] of endY) endY.set(k, v - overflow);
  const lines = series.map((l, i) => {
    const colour = PALETTE[i % PALETTE.length]!;
    const dash = DASHES[i % DASHES.length] ? ` stroke-dasharray="${DASHES[i % DASHES.length]}"` : '';
    const d = l.points.map((p, j) => `${j === 0 ? 'M' : 'L'}${n(x(p.x.x))} ${n(y(p.y.x))}`).join('');
    const path =
      l.points.length > 1 ? `<path d="${d}" fill="none" stroke="${colour}" stroke-width="2.5"${dash}/>` : '';
    const marks = l.points
      .map(
        (p) =>
          `<g>${tip(`${l.label}, ${p.x.d.toString()}: ${fmt(p.y.d)}`)}${marker(i, x(p.x.x), y(p.y.x), colour)}</g>`,
      )
      .join('');
    const last = l.points[l.points.length - 1]!;
    const endLabel = text(
      x(last.x.x) + 8,
      (endY.get(i) ?? 0) + 4,
      truncate(l.label, endLabelW - 10, 11),
      `font-size="11" font-weight="600" ${HALO}`,
    );
    return `<g class="cw-series">${path}${marks}${endLabel}</g>`;
  });
  return frame({
    title: s.title,
    description: s.description,
    width: W,
    height: plotB + 48,
    id,
    body: `<g class="cw-legend">${legend.join('')}</g>\n<g class="cw-grid">${grid}</g>\n${axes}${xTicks}${titles}\n${lines.join('\n')}`,
    standalone: s.standalone,
    showTitle: s.showTitle,
  });
}
