import type { Decimal } from '@commonweal/core/money';
import { z } from 'zod';
import { ChartValueSchema, chartOptionsShape, parseSpec } from '../internal/spec';
import {
  contentId,
  defaultFormatter,
  frame,
  linear,
  lines,
  MUTED,
  n,
  PALETTE,
  specKey,
  TITLE_BAND,
  text,
  textWidth,
  tip,
  val,
  withUnit,
  wrap,
} from './common';

/**
 * Input of {@link sensitivityChart}: one row per criterion with its current weight and the weight
 * at which the winner changes (`flipsAt`, null when no weight in the range changes it).
 *
 * @example
 * ```ts
 * SensitivityChartSpecSchema.parse({ title: 'Weight sensitivity', description: 'Where the winner changes',
 *   rows: [{ label: 'Price', current: 40, flipsAt: '57.14' }] });
 * ```
 */
export const SensitivityChartSpecSchema = z.object({
  ...chartOptionsShape,
  rows: z
    .array(
      z
        .object({
          /** Criterion name. */
          label: z.string(),
          /** Current weight. */
          current: ChartValueSchema,
          /** Weight at which the winner changes, or null for none in the range. */
          flipsAt: ChartValueSchema.nullable(),
          /** The weights tested. Default `[0, 100]`. */
          range: z.tuple([ChartValueSchema, ChartValueSchema]).optional(),
          /** Said after the flip point, e.g. `Bid A leads above it`. */
          note: z.string().optional(),
        })
        .refine((r) => !r.range || val(r.range[0]).x < val(r.range[1]).x, {
          message: 'range must run from a lower to a higher weight',
          path: ['range'],
        }),
    )
    .min(1, 'a sensitivity chart needs at least one row'),
  /** Unit of weights. Default `%`. */
  unit: z.string().optional(),
  /** Formats weights (default: 2 decimals unless every weight is whole). */
  format: z.custom<(value: Decimal) => string>((f) => typeof f === 'function').optional(),
});

/**
 * Input of {@link sensitivityChart}, see {@link SensitivityChartSpecSchema}.
 *
 * @example
 * ```ts
 * const spec: SensitivityChartSpec = { title: 'Weight sensitivity', description: 'Where the winner changes',
 *   rows: [{ label: 'Price', current: 40, flipsAt: 50, note: 'Bid A leads above it' },
 *          { label: 'Social value', current: 10, flipsAt: null }] };
 * ```
 */
export type SensitivityChartSpec = z.input<typeof SensitivityChartSpecSchema>;

const ROW = 74;

/**
 * Weight sensitivity as an accessible SVG string: each row is a track over the weights tested
 * (0–100 by default) with the current weight (filled circle, labelled above) and the weight at
 * which the winner changes (open diamond, labelled below), the gap between them shaded; rows
 * without a flip say `no flip in 0–100%` in words.
 *
 * @example
 * ```ts
 * sensitivityChart({
 *   title: 'How far can each weight move before the winner changes?',
 *   description: 'Price would have to rise from 40% to 50% for Bid A to win; social value cannot change the winner.',
 *   rows: [
 *     { label: 'Price', current: 40, flipsAt: 50, note: 'Bid A leads above it' },
 *     { label: 'Social value', current: 10, flipsAt: null },
 *   ],
 * });
 * ```
 */
export function sensitivityChart(spec: SensitivityChartSpec): string {
  const s = parseSpec(SensitivityChartSpecSchema, spec, 'sensitivityChart');
  const W = s.width ?? 720;
  const id = s.id ?? `cw-sens-${contentId(specKey(spec))}`;
  const unit = s.unit ?? '%';
  const rows = s.rows.map((r) => ({
    label: r.label,
    note: r.note,
    current: val(r.current),
    flip: r.flipsAt === null ? null : val(r.flipsAt),
    lo: val(r.range?.[0] ?? 0),
    hi: val(r.range?.[1] ?? 100),
  }));
  const fmt = s.format ?? defaultFormatter(rows.flatMap((r) => [r.current.d, ...(r.flip ? [r.flip.d] : [])]));
  const fmtEnd = s.format ?? defaultFormatter(rows.flatMap((r) => [r.lo.d, r.hi.d]));
  const w = (d: Decimal) => withUnit(fmt(d), unit);

  const top0 = s.showTitle === false ? 10 : TITLE_BAND + 6;
  const legendY = top0 + 10;
  const cur = (x: number, y: number) =>
    `<circle cx="${n(x)}" cy="${n(y)}" r="6.5" fill="${PALETTE[0]}" stroke="#fff" stroke-width="1.5"/>`;
  const flip = (x: number, y: number) =>
    `<path d="M${n(x)} ${n(y - 8)}L${n(x + 8)} ${n(y)}L${n(x)} ${n(y + 8)}L${n(x - 8)} ${n(y)}Z" fill="#fff" stroke="${PALETTE[1]}" stroke-width="2.5"/>`;
  const legend = `${cur(20, legendY)}${text(32, legendY + 4, 'current weight')}${flip(160, legendY)}${text(174, legendY + 4, 'weight at which the winner changes')}`;

  const labelW = Math.min(
    W * 0.26,
    rows.map((r) => textWidth(r.label, 12)).reduce((m, v) => Math.max(m, v), -Infinity) + 4,
  );
  const tx0 = 12 + labelW + 24;
  const tx1 = W - 36;
  const place = (x: number, label: string, size: number) => {
    const half = textWidth(label, size) / 2;
    if (x - half < tx0 - 16) return { x: tx0 - 16, anchor: 'start' };
    if (x + half > W - 8) return { x: W - 8, anchor: 'end' };
    return { x, anchor: 'middle' };
  };
  const top = legendY + 22;
  const out: string[] = [];
  for (const [i, r] of rows.entries()) {
    const mid = top + i * ROW + ROW / 2;
    const x = linear(r.lo.x, r.hi.x, tx0, tx1);
    const clampX = (v: number) => Math.min(tx1, Math.max(tx0, x(v)));
    const range = `${fmtEnd(r.lo.d)}–${withUnit(fmtEnd(r.hi.d), unit)}`;
    const wrapped = wrap(r.label, labelW, 12, 2);
    const labelEl = lines(
      12 + labelW,
      mid + 4 - ((wrapped.lines.length - 1) * 14) / 2,
      wrapped.lines,
      14,
      'text-anchor="end" font-weight="600"',
    );
    const track = `<line x1="${n(tx0)}" y1="${n(mid)}" x2="${n(tx1)}" y2="${n(mid)}" stroke="${MUTED}" stroke-width="2"/><line x1="${n(tx0)}" y1="${n(mid - 5)}" x2="${n(tx0)}" y2="${n(mid + 5)}" stroke="${MUTED}"/><line x1="${n(tx1)}" y1="${n(mid - 5)}" x2="${n(tx1)}" y2="${n(mid + 5)}" stroke="${MUTED}"/>${text(tx0, mid + 18, fmtEnd(r.lo.d), `text-anchor="middle" fill="${MUTED}" font-size="10"`)}${text(tx1, mid + 18, fmtEnd(r.hi.d), `text-anchor="middle" fill="${MUTED}" font-size="10"`)}`;
    const cx = clampX(r.current.x);
    const curLabel = `current ${w(r.current.d)}`;
    const cp = place(cx, curLabel, 11);
    const curEl = `${cur(cx, mid)}${text(cp.x, mid - 13, curLabel, `text-anchor="${cp.anchor}" font-size="11"`)}`;
    let flipEl: string;
    let said: string;
    if (r.flip === null) {
      said = `no flip in ${range}`;
      flipEl = text(
        (tx0 + tx1) / 2,
        mid + 30,
        said,
        `text-anchor="middle" font-style="italic" fill="${MUTED}" font-size="11"`,
      );
    } else {
      const outside = r.flip.x < r.lo.x || r.flip.x > r.hi.x;
      const fx = clampX(r.flip.x);
      said = `flips at ${w(r.flip.d)}${outside ? ` (outside ${range})` : ''}${r.note ? `: ${r.note}` : ''}`;
      const fp = place(fx, said, 11);
      const band = `<rect x="${n(Math.min(cx, fx))}" y="${n(mid - 3)}" width="${n(Math.abs(fx - cx))}" height="6" fill="${PALETTE[1]}" fill-opacity="0.3"/>`;
      flipEl = `${band}${flip(fx, mid)}${text(fp.x, mid + 30, said, `text-anchor="${fp.anchor}" font-size="11" font-weight="600"`)}`;
    }
    const sep =
      i > 0
        ? `<line x1="12" y1="${n(mid - ROW / 2)}" x2="${n(W - 12)}" y2="${n(mid - ROW / 2)}" stroke="#eceeef"/>`
        : '';
    out.push(
      `<g class="cw-sensitivity-row">${tip(`${r.label}: ${curLabel}; ${said}`)}${sep}${labelEl}${track}${curEl}${flipEl}</g>`,
    );
  }
  return frame({
    title: s.title,
    description: s.description,
    width: W,
    height: top + rows.length * ROW + 10,
    id,
    body: `<g class="cw-legend">${legend}</g>\n${out.join('\n')}`,
    standalone: s.standalone,
    showTitle: s.showTitle,
  });
}
