import { type Decimal, dec } from '@commonweal/core/money';
import { z } from 'zod';
import { fmtPercent } from '../format/format';
import { escapeHtml } from '../html/escape';
import { ChartValueSchema, chartOptionsShape, parseSpec } from '../internal/spec';
import {
  contentId,
  frame,
  INK,
  lines,
  MUTED,
  n,
  specKey,
  TITLE_BAND,
  text,
  textWidth,
  tip,
  truncate,
  val,
  wrap,
} from './common';

/**
 * Input of {@link doughnutChart}. Shortfall and overshoot are fractions, as `assessDoughnut` in
 * `@commonweal/core/limits` gives them (0.25 = 25%; Fanning & Raworth 2025 print the same
 * quantity × 100); `null` means no data. Negative values (within the boundary, in the authors'
 * `ratio − 1` convention) are drawn as zero.
 *
 * @example
 * ```ts
 * DoughnutChartSpecSchema.parse({ title: 'Doughnut', description: 'Portrait',
 *   social: [{ id: 'water', label: 'Water', shortfall: '0.1' }],
 *   ecological: [{ id: 'climate', label: 'Climate change', overshoot: null }] });
 * ```
 */
export const DoughnutChartSpecSchema = z
  .object({
    ...chartOptionsShape,
    /** Social foundation dimensions, clockwise from the top. */
    social: z.array(
      z.object({ id: z.string().min(1), label: z.string(), shortfall: ChartValueSchema.nullable() }),
    ),
    /** Ecological ceiling dimensions, clockwise from the top. */
    ecological: z.array(
      z.object({ id: z.string().min(1), label: z.string(), overshoot: ChartValueSchema.nullable() }),
    ),
    /** Overshoot drawn at full length (a fraction; default 1 = 100%). Larger overshoot is drawn to it and marked `+`. */
    overshootCap: ChartValueSchema.optional(),
    /** Decimal places of the percentages printed. Default 0. */
    places: z.number().int().min(0).max(4).optional(),
  })
  .superRefine((s, ctx) => {
    if (s.social.length + s.ecological.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['social'], message: 'a doughnut needs at least one dimension' });
    }
    if (s.overshootCap !== undefined && !(val(s.overshootCap).x > 0)) {
      ctx.addIssue({ code: 'custom', path: ['overshootCap'], message: 'must be greater than 0' });
    }
    for (const key of ['social', 'ecological'] as const) {
      const seen = new Set<string>();
      s[key].forEach((d, i) => {
        if (seen.has(d.id))
          ctx.addIssue({ code: 'custom', path: [key, i, 'id'], message: `duplicate id "${d.id}"` });
        seen.add(d.id);
      });
    }
  });

/**
 * Input of {@link doughnutChart}, see {@link DoughnutChartSpecSchema}.
 *
 * @example
 * ```ts
 * const spec: DoughnutChartSpec = {
 *   title: 'Doughnut of social and planetary boundaries', description: 'Shortfall and overshoot',
 *   social: [{ id: 'food', label: 'Food', shortfall: 0.1 }, { id: 'equality', label: 'Equality', shortfall: null }],
 *   ecological: [{ id: 'climate-change', label: 'Climate change', overshoot: '0.8' }],
 * };
 * ```
 */
export type DoughnutChartSpec = z.input<typeof DoughnutChartSpecSchema>;

/**
 * Green safe and just space as in the published figures. Shortfall and overshoot are told apart
 * by hue and by pattern, not colour alone: shortfall solid red, overshoot dark orange with light
 * diagonal hatching. Both are at least 3:1 against white, the grey guides and the green ring
 * (WCAG 1.4.11), and white `+` marks on them at least 4.5:1.
 */
const GREEN = '#8fcf95';
const GREEN_EDGE = '#1e6b32';
const SHORTFALL = '#c81e1e';
const OVERSHOOT = '#8e4500';
const OVERSHOOT_HATCH = '#f3c89a';
const GUIDE = '#eceff1';

interface Polar {
  cx: number;
  cy: number;
}

/** Point at radius r and angle a (radians, clockwise from 12 o'clock). */
function at(c: Polar, r: number, a: number): string {
  return `${n(c.cx + r * Math.sin(a))} ${n(c.cy - r * Math.cos(a))}`;
}

/** Path of an annular sector from r1 to r2 between angles a0 and a1 (split when over a half-turn). */
function sector(c: Polar, r1: number, r2: number, a0: number, a1: number): string {
  if (a1 - a0 > Math.PI - 1e-9) {
    const m = (a0 + a1) / 2;
    return `${sector(c, r1, r2, a0, m)}${sector(c, r1, r2, m, a1)}`;
  }
  const inner =
    r1 > 0 ? `L${at(c, r1, a1)}A${n(r1)} ${n(r1)} 0 0 0 ${at(c, r1, a0)}` : `L${n(c.cx)} ${n(c.cy)}`;
  return `M${at(c, r2, a0)}A${n(r2)} ${n(r2)} 0 0 1 ${at(c, r2, a1)}${inner}Z`;
}

/** Arc for a text path, read left to right: clockwise above the centre, anticlockwise below. */
function textArc(c: Polar, r: number, a0: number, a1: number, below: boolean): string {
  return below
    ? `M${at(c, r, a1)}A${n(r)} ${n(r)} 0 0 0 ${at(c, r, a0)}`
    : `M${at(c, r, a0)}A${n(r)} ${n(r)} 0 0 1 ${at(c, r, a1)}`;
}

/**
 * Social names and statuses on the green ring, along arcs that read left to right. One font size
 * for all (the largest, up to 11px, at which every name fits in two lines); what still does not
 * fit at 7.5px is shortened with an ellipsis (the full name is in the tooltip and description).
 */
function ringText(
  c: Polar,
  id: string,
  items: readonly {
    i: number;
    a0: number;
    a1: number;
    d: { label: string; status: string; v: Decimal | null };
  }[],
  Rf: number,
  band: number,
  ds: number,
): string[] {
  const pad = Math.min(0.05, ds * 0.05);
  const span = ds - 2 * pad;
  const layout = (f: number) =>
    items.map((it) => {
      const room = (Rf + band * 0.3) * span;
      const name = wrap(it.d.label, room, f, 2);
      return { ...it, name, statusFits: textWidth(it.d.status, f) <= room };
    });
  let size = Math.min(11, band / 4.2);
  while (size > 7.5 && layout(size).some((l) => l.name.cut || !l.statusFits)) size -= 0.5;
  const ls = size * 1.2;
  const out: string[] = [];
  const defs: string[] = [];
  for (const l of layout(size)) {
    const mid = (l.a0 + l.a1) / 2;
    const below = Math.cos(mid) < -1e-9;
    const rows = [...l.name.lines.map((t) => ({ t, bold: true })), { t: l.d.status, bold: false }];
    const h = rows.length * ls;
    rows.forEach((row, j) => {
      const r = below ? Rf + (band - h) / 2 + (j + 0.78) * ls : Rf + (band + h) / 2 - (j + 0.78) * ls;
      const shown = truncate(row.t, r * span, size);
      const pid = `${id}-s${l.i}-${j}`;
      defs.push(`<path id="${pid}" d="${textArc(c, r, l.a0 + pad, l.a1 - pad, below)}"/>`);
      const style = row.bold ? ' font-weight="700"' : l.d.v === null ? ' font-style="italic"' : '';
      out.push(
        `<text font-size="${n(size)}" text-anchor="middle"${style}><textPath href="#${pid}" startOffset="50%">${escapeHtml(shown)}</textPath></text>`,
      );
    });
  }
  return [`<defs>${defs.join('')}</defs>`, `<g fill="#0b2e13">${out.join('')}</g>`];
}

/**
 * The doughnut of social and planetary boundaries as an accessible SVG string, drawn like the
 * published figures (Raworth 2017; Fanning & Raworth 2025): a green ring, the safe and just space,
 * between the social foundation (inner edge) and the ecological ceiling (outer edge). Social
 * dimensions are wedges of the inner disc, named on the ring; a shortfall is a red wedge drawn
 * inward from the foundation, its length in proportion (100% reaches the centre). Ecological
 * dimensions are wedges around the outside, named at the edge; an overshoot is a red wedge drawn
 * outward from the ceiling at the same scale, capped at `overshootCap` (default 100%) and marked
 * `+` beyond it. Missing data is a grey hatched wedge labelled `no data`. Every wedge has its
 * status in words (`shortfall 12%`, `achieved`, `overshoot 45%`, `within`, `no data`), and the
 * description lists them all for screen readers.
 *
 * @example
 * ```ts
 * doughnutChart({
 *   title: 'Leeds doughnut (illustrative)',
 *   description: 'Carbon emissions overshoot the ceiling; housing falls short of the foundation.',
 *   social: [
 *     { id: 'housing', label: 'Housing', shortfall: '0.12' },
 *     { id: 'equality', label: 'Equality', shortfall: null },
 *   ],
 *   ecological: [{ id: 'climate-change', label: 'Climate change', overshoot: '4.8' }],
 * });
 * ```
 */
export function doughnutChart(spec: DoughnutChartSpec): string {
  const s = parseSpec(DoughnutChartSpecSchema, spec, 'doughnutChart');
  const W = s.width ?? 880;
  const id = s.id ?? `cw-doughnut-${contentId(specKey(spec))}`;
  const places = s.places ?? 0;
  const capD = s.overshootCap === undefined ? dec(1) : dec(s.overshootCap);
  const cap = capD.toNumber();
  const pct = (d: Decimal) => {
    const p = d.times(100);
    if (p.gt(0) && p.lt(dec(5).div(10 ** (places + 1))))
      return `<${dec(1)
        .div(10 ** places)
        .toFixed(places)}%`;
    return fmtPercent(d, places);
  };
  const positive = (v: Decimal | null) => (v === null ? null : v.lt(0) ? dec(0) : v);

  const social = s.social.map((d) => {
    const v = positive(d.shortfall === null ? null : val(d.shortfall).d);
    const status =
      v === null ? 'no data' : v.isZero() ? 'achieved' : `shortfall ${pct(v)}${v.gt(1) ? ' (+)' : ''}`;
    return { ...d, v, status };
  });
  const eco = s.ecological.map((d) => {
    const v = positive(d.overshoot === null ? null : val(d.overshoot).d);
    const status =
      v === null ? 'no data' : v.isZero() ? 'within' : `overshoot ${pct(v)}${v.gt(capD) ? ' (+)' : ''}`;
    return { ...d, v, status };
  });

  // Radii: one length L stands for 100% shortfall and for `cap` overshoot.
  const S = Math.max(120, W / 2 - 14 - 118); // outer reach of capped overshoot
  const L = S * 0.32;
  const Rc = S - L; // ecological ceiling
  const band = S * 0.24;
  const Rf = Rc - band; // social foundation
  const r0 = Rf - L; // centre hole
  const top = (s.showTitle === false ? 10 : TITLE_BAND + 6) + 52;
  const c: Polar = { cx: W / 2, cy: top + S + 14 };

  const defs: string[] = [
    `<pattern id="${id}-nd" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#e3e5e7"/><rect width="2" height="6" fill="#7b8287"/></pattern>`,
    `<pattern id="${id}-os" width="7" height="7" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><rect width="7" height="7" fill="${OVERSHOOT}"/><rect width="1.5" height="7" fill="${OVERSHOOT_HATCH}"/></pattern>`,
  ];
  const overshootFill = `url(#${id}-os)`;
  const guides: string[] = [];
  const wedges: string[] = [];
  const labels: string[] = [];
  const sep = 'stroke="#fff" stroke-width="1.5"';

  // Social wedges, inner disc.
  const ds = (2 * Math.PI) / Math.max(1, social.length);
  const ringLabels: { i: number; a0: number; a1: number; d: (typeof social)[number] }[] = [];
  social.forEach((d, i) => {
    const a0 = i * ds - ds / 2;
    const a1 = a0 + ds;
    guides.push(`<path d="${sector(c, r0, Rf, a0, a1)}" fill="${GUIDE}" ${sep}/>`);
    const t = tip(`${d.label}: ${d.status}`);
    if (d.v === null) {
      wedges.push(`<g>${t}<path d="${sector(c, r0, Rf, a0, a1)}" fill="url(#${id}-nd)" ${sep}/></g>`);
    } else if (d.v.gt(0)) {
      const len = Math.min(1, d.v.toNumber()) * L;
      wedges.push(`<g>${t}<path d="${sector(c, Rf - len, Rf, a0, a1)}" fill="${SHORTFALL}" ${sep}/></g>`);
      if (d.v.gt(1))
        wedges.push(
          text(
            c.cx + (r0 + 8) * Math.sin(i * ds),
            c.cy - (r0 + 8) * Math.cos(i * ds) + 4,
            '+',
            `text-anchor="middle" font-weight="700" fill="#fff"`,
          ),
        );
    }
    ringLabels.push({ i, a0, a1, d });
  });

  for (const x of ringText(c, id, ringLabels, Rf, band, ds)) labels.push(x);

  // Ecological wedges, outside the ceiling.
  const de = (2 * Math.PI) / Math.max(1, eco.length);
  eco.forEach((d, i) => {
    const a0 = i * de - de / 2;
    const a1 = a0 + de;
    const mid = i * de;
    guides.push(`<path d="${sector(c, Rc, S, a0, a1)}" fill="${GUIDE}" ${sep}/>`);
    const t = tip(`${d.label}: ${d.status}`);
    if (d.v === null) {
      wedges.push(`<g>${t}<path d="${sector(c, Rc, S, a0, a1)}" fill="url(#${id}-nd)" ${sep}/></g>`);
    } else if (d.v.gt(0)) {
      const capped = d.v.gt(capD);
      const len = (Math.min(cap, d.v.toNumber()) / cap) * L;
      wedges.push(`<g>${t}<path d="${sector(c, Rc, Rc + len, a0, a1)}" fill="${overshootFill}" ${sep}/></g>`);
      if (capped) {
        const r = S - 11;
        wedges.push(
          text(
            c.cx + r * Math.sin(mid),
            c.cy - r * Math.cos(mid) + 6,
            '+',
            `text-anchor="middle" font-size="18" font-weight="700" fill="#fff"`,
          ),
        );
      }
    }
    // Label outside, anchored away from the centre.
    const r = S + 10;
    const x = c.cx + r * Math.sin(mid);
    const y = c.cy - r * Math.cos(mid);
    const sin = Math.sin(mid);
    const cos = Math.cos(mid);
    const anchor = sin > 0.25 ? 'start' : sin < -0.25 ? 'end' : 'middle';
    const name = wrap(d.label, 112, 11, 2).lines;
    const block = name.length + 1;
    const y0 = cos > 0.25 ? y - (block - 1) * 13 - 2 : cos < -0.25 ? y + 11 : y + 4 - ((block - 1) * 13) / 2;
    labels.push(
      lines(x, y0, name, 13, `text-anchor="${anchor}" font-size="11" font-weight="700"`),
      text(
        x,
        y0 + name.length * 13,
        d.status,
        `text-anchor="${anchor}" font-size="11"${d.v === null ? ' font-style="italic"' : ''} fill="${d.v?.gt(0) ? '#9b1c0c' : MUTED}"`,
      ),
    );
  });

  const ring = `<circle cx="${n(c.cx)}" cy="${n(c.cy)}" r="${n((Rf + Rc) / 2)}" fill="none" stroke="${GREEN}" stroke-width="${n(band)}"/>`;
  const edges = `<circle cx="${n(c.cx)}" cy="${n(c.cy)}" r="${n(Rf)}" fill="none" stroke="${GREEN_EDGE}" stroke-width="2"/><circle cx="${n(c.cx)}" cy="${n(c.cy)}" r="${n(Rc)}" fill="none" stroke="${GREEN_EDGE}" stroke-width="2"/><circle cx="${n(c.cx)}" cy="${n(c.cy)}" r="${n(S)}" fill="none" stroke="#7b8287" stroke-dasharray="3 3"/>`;

  // Legend below.
  const capText = `${pct(capD)}`;
  const items: [string, string][] = [
    [
      `<rect width="22" height="14" fill="${GREEN}" stroke="${GREEN_EDGE}"/>`,
      'safe and just space: between the social foundation (inner edge) and the ecological ceiling (outer edge)',
    ],
    [
      `<rect width="22" height="14" fill="${SHORTFALL}"/>`,
      'shortfall (solid red): drawn inward from the foundation (100% reaches the centre)',
    ],
    [
      `<rect width="22" height="14" fill="${overshootFill}"/>`,
      `overshoot (hatched orange): drawn outward from the ceiling (${capText} reaches the dashed ring)`,
    ],
    [
      `<rect width="22" height="14" fill="${overshootFill}"/><text x="11" y="12" text-anchor="middle" font-size="13" font-weight="700" fill="#fff">+</text>`,
      `(+) overshoot beyond ${capText}, drawn to the dashed ring`,
    ],
    [`<rect width="22" height="14" fill="url(#${id}-nd)" stroke="#7b8287"/>`, 'no data'],
  ];
  const legendTop = c.cy + S + 76;
  const legend = items
    .map(([sw, label], i) => {
      const ly = legendTop + i * 20;
      return `<g transform="translate(24 ${n(ly)})">${sw}</g>${text(54, ly + 11, truncate(label, W - 70, 12), '')}`;
    })
    .join('');
  const H = legendTop + items.length * 20 + 8;

  const summary = [
    social.length ? `Social foundation: ${social.map((d) => `${d.label} ${d.status}`).join('; ')}.` : '',
    eco.length ? `Ecological ceiling: ${eco.map((d) => `${d.label} ${d.status}`).join('; ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return frame({
    title: s.title,
    description: `${s.description} ${summary}`,
    width: W,
    height: H,
    id,
    defs: defs.join(''),
    body: `<g class="cw-guides">${guides.join('')}</g>\n${ring}\n<g class="cw-wedges">${wedges.join('')}</g>\n${edges}\n<g class="cw-labels" fill="${INK}">${labels.join('')}</g>\n<g class="cw-legend">${legend}</g>`,
    standalone: s.standalone,
    showTitle: s.showTitle,
  });
}
