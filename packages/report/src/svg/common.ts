import { CommonwealError } from '@commonweal/core/issues';
import { Dec, type Decimal, type DecimalLike, dec } from '@commonweal/core/money';
import { escapeHtml } from '../html/escape';

/** Font stack for chart text: system fonts only, nothing fetched. */
export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
/** Text colour and muted text colour (contrast ≥ 7:1 and ≥ 4.5:1 on white). */
export const INK = '#1b1b1b';
export const MUTED = '#505a5f';
export const GRID = '#d5d8da';

/**
 * Colour-blind-safe series colours: Okabe & Ito's (2008) blue, vermillion, bluish green and
 * reddish purple, then black, dark ochre and violet in place of their sky blue, orange and yellow,
 * which fall below 3:1 contrast on white. Colour is never the only cue: every series also has a
 * pattern, dash or marker.
 */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#000000', '#8C6D00', '#6A3D9A'] as const;

/**
 * Formats a coordinate with at most 2 decimals, no trailing zeros and never `-0`. toFixed is
 * exactly specified by ECMAScript, so the same geometry gives the same bytes in every engine.
 */
export function n(x: number): string {
  if (!Number.isFinite(x)) throw new CommonwealError('invalid_geometry', `non-finite coordinate ${x}`);
  const s = x.toFixed(2).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

/** FNV-1a (32-bit) of a string, base 36: a short id derived from content, never random. */
export function contentId(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** Stable key of a chart input for {@link contentId}. */
export function specKey(value: unknown): string {
  // decimal.js values serialise through their own toJSON (a decimal string); functions drop out.
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'function' ? undefined : v));
}

const NARROW = new Set([...'iljtfrI.,:;!|\'"()[]{} ']);
const WIDE = new Set([...'mwMWOQGD@%&']);

/**
 * Estimated width of text in pixels at a font size. Deterministic: layout never depends on the
 * fonts of the machine that renders it. The widths are those of a wide sans-serif (DejaVu Sans,
 * the Linux default), so narrower fonts (Arial, Segoe UI, San Francisco) always fit; `bold` adds 8%.
 */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const c of text) {
    if (NARROW.has(c)) em += 0.34;
    else if (WIDE.has(c)) em += 0.92;
    else if (c >= 'A' && c <= 'Z') em += 0.72;
    else if (c >= '0' && c <= '9') em += 0.64;
    else em += 0.6;
  }
  return em * size * (bold ? 1.08 : 1);
}

/** Shortens text with an ellipsis to fit a width. */
export function truncate(text: string, width: number, size: number): string {
  if (textWidth(text, size) <= width) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, size) > width) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/**
 * Wraps text into at most `maxLines` lines that fit a width (breaking at spaces, or inside a long
 * word), the last shortened with an ellipsis when the text does not fit. `cut` is true then.
 */
export function wrap(
  text: string,
  width: number,
  size: number,
  maxLines: number,
): { lines: string[]; cut: boolean } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line === '' ? word : `${line} ${word}`;
    if (textWidth(next, size) <= width) {
      line = next;
      continue;
    }
    if (line !== '') lines.push(line);
    line = word;
    while (textWidth(line, size) > width && [...line].length > 1) {
      const chars = [...line];
      let k = chars.length - 1;
      while (k > 1 && textWidth(chars.slice(0, k).join(''), size) > width) k--;
      lines.push(chars.slice(0, k).join(''));
      line = chars.slice(k).join('');
    }
  }
  if (line !== '') lines.push(line);
  if (lines.length <= maxLines) return { lines: lines.length ? lines : [''], cut: false };
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = truncate(`${kept[maxLines - 1]} ${lines[maxLines]}`, width, size);
  if (!kept[maxLines - 1]!.endsWith('…')) kept[maxLines - 1] = `${kept[maxLines - 1]}…`;
  return { lines: kept, cut: true };
}

/** `<text>` with escaped content; extra attributes are trusted. */
export function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${n(x)}" y="${n(y)}"${attrs ? ` ${attrs}` : ''}>${escapeHtml(content)}</text>`;
}

/** Multi-line `<text>` with one `<tspan>` a line. */
export function lines(
  x: number,
  y: number,
  content: readonly string[],
  lineHeight: number,
  attrs = '',
): string {
  const spans = content
    .map((l, i) => `<tspan x="${n(x)}"${i === 0 ? '' : ` dy="${n(lineHeight)}"`}>${escapeHtml(l)}</tspan>`)
    .join('');
  return `<text x="${n(x)}" y="${n(y)}"${attrs ? ` ${attrs}` : ''}>${spans}</text>`;
}

/** A tooltip (`<title>`) child, escaped. */
export function tip(content: string): string {
  return `<title>${escapeHtml(content)}</title>`;
}

/** Options every chart accepts. */
export interface FrameOptions {
  title: string;
  description: string;
  width: number;
  height: number;
  id: string;
  defs?: string;
  body: string;
  standalone?: boolean | undefined;
  showTitle?: boolean | undefined;
}

/** Height taken by the visible title line when shown. */
export const TITLE_BAND = 30;

/**
 * Wraps chart content in an accessible `<svg role="img">` named by its `<title>` and `<desc>`,
 * with explicit width, height and viewBox and a white background.
 */
export function frame(o: FrameOptions): string {
  if (!(o.width > 0 && o.height > 0))
    throw new CommonwealError('invalid_geometry', 'chart width and height must be positive');
  const ns = o.standalone ? ' xmlns="http://www.w3.org/2000/svg"' : '';
  const title =
    o.showTitle === false
      ? ''
      : `\n${text(12, 20, o.title, `font-size="15" font-weight="700" fill="${INK}"`)}`;
  const defs = o.defs ? `\n<defs>${o.defs}</defs>` : '';
  return `<svg${ns} role="img" aria-labelledby="${o.id}-t ${o.id}-d" width="${n(o.width)}" height="${n(o.height)}" viewBox="0 0 ${n(o.width)} ${n(o.height)}" font-family="${FONT}" font-size="12" fill="${INK}" class="cw-chart">
<title id="${o.id}-t">${escapeHtml(o.title)}</title>
<desc id="${o.id}-d">${escapeHtml(o.description)}</desc>${defs}
<rect width="${n(o.width)}" height="${n(o.height)}" fill="#fff"/>${title}
${o.body}
</svg>`;
}

/** Converts a chart value to a Decimal (for labels) and a number (for geometry only). */
export function val(v: DecimalLike): { d: Decimal; x: number } {
  const d = dec(v);
  return { d, x: d.toNumber() };
}

/** Nice axis ticks covering [lo, hi]: steps of 1, 2, 2.5 or 5 × 10^k. */
export interface Ticks {
  lo: number;
  hi: number;
  step: number;
  values: number[];
  decimals: number;
}

/** Computes nice ticks covering [min, max] with about `count` intervals. */
export function niceTicks(min: number, max: number, count = 5, integer = false): Ticks {
  let a = min;
  let b = max;
  if (a === b) {
    if (a === 0) b = 1;
    else if (a > 0) a = 0;
    else b = 0;
  }
  const raw = (b - a) / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  let step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
  if (integer && step < 1) step = 1;
  step = Number(step.toPrecision(6));
  const decimals = Math.max(0, (String(step).split('.')[1] ?? '').length);
  const i0 = Math.floor(a / step + 1e-9);
  const i1 = Math.ceil(b / step - 1e-9);
  const values: number[] = [];
  for (let i = i0; i <= i1; i++) values.push(Number((i * step).toFixed(decimals)));
  return { lo: values[0] ?? a, hi: values[values.length - 1] ?? b, step, values, decimals };
}

/** A linear scale from a domain to a pixel range. */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/**
 * Default label formatting for a set of chart values: thousands separators, no decimals when
 * every value is whole, otherwise 2 decimal places half-up.
 */
export function defaultFormatter(values: readonly Decimal[]): (v: Decimal) => string {
  const places = values.every((v) => v.isInteger()) ? 0 : 2;
  return (v) => groupFixed(v.toFixed(places, Dec.ROUND_HALF_UP));
}

/** Adds thousands separators to a fixed-point string and removes a negative zero. */
export function groupFixed(fixed: string): string {
  const negative = fixed.startsWith('-') && !/^-0(\.0*)?$/.test(fixed);
  const [whole = '0', frac] = fixed.replace(/^-/, '').split('.');
  return `${negative ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac === undefined ? '' : `.${frac}`}`;
}

/** Appends a unit: `%` and symbols attach, words follow a space. */
export function withUnit(label: string, unit: string | undefined): string {
  if (!unit) return label;
  return /^[%°‰′″]/.test(unit) ? `${label}${unit}` : `${label} ${unit}`;
}

/** Pattern kinds, so series differ without colour. */
const PATTERNS = [
  '',
  '<path d="M-2 2l4-4M0 8l8-8M6 10l4-4" stroke="#fff" stroke-width="1.6"/>',
  '<circle cx="2" cy="2" r="1.3" fill="#fff"/><circle cx="6" cy="6" r="1.3" fill="#fff"/>',
  '<path d="M0 2h8M0 6h8" stroke="#fff" stroke-width="1.4"/>',
  '<path d="M-2 6l4 4M0 0l8 8M6 -2l4 4" stroke="#fff" stroke-width="1.6"/>',
  '<path d="M0 0l8 8M8 0l-8 8" stroke="#fff" stroke-width="1.2"/>',
  '<path d="M2 0v8M6 0v8" stroke="#fff" stroke-width="1.4"/>',
  '<path d="M0 4h8M4 0v8" stroke="#fff" stroke-width="1.2"/>',
] as const;

/** Number of distinct fill styles (colour × pattern) before they repeat. */
export const STYLE_COUNT = PALETTE.length * PATTERNS.length;

/** The fill for series `i`: a colour and a pattern, defined in `<defs>` under an id. */
export function seriesFill(prefix: string, i: number): { def: string; fill: string; colour: string } {
  const colour = PALETTE[i % PALETTE.length]!;
  const pattern = PATTERNS[i % PATTERNS.length]!;
  const id = `${prefix}-f${i}`;
  const def = `<pattern id="${id}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${colour}"/>${pattern}</pattern>`;
  return { def, fill: `url(#${id})`, colour };
}

/** Text with a white halo, readable over any fill. */
export const HALO = 'stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"';

/**
 * Places a horizontal value axis between `left` and `right` so every bar end keeps room for its
 * outside label: a positive value `v` needs `w` pixels right of `x(v)`, a negative one left of it.
 * Finds the largest scale that fits (bisection, fixed iterations: deterministic).
 */
export function fitScale(
  lo: number,
  hi: number,
  left: number,
  right: number,
  labels: readonly { v: number; w: number }[],
): (v: number) => number {
  const span = hi - lo || 1;
  const offset = (k: number): number | null => {
    let aMin = left;
    let aMax = right - span * k;
    for (const { v, w } of labels) {
      if (v < 0) aMin = Math.max(aMin, left + w - (v - lo) * k);
      else aMax = Math.min(aMax, right - w - (v - lo) * k);
    }
    return aMin <= aMax ? aMin : null;
  };
  let kLo = 0;
  let kHi = (right - left) / span;
  for (let i = 0; i < 50; i++) {
    const mid = (kLo + kHi) / 2;
    if (offset(mid) === null) kHi = mid;
    else kLo = mid;
  }
  const k = Math.max(kLo, ((right - left) / span) * 0.2);
  const a = offset(k) ?? left;
  return (v) => a + (v - lo) * k;
}

/**
 * Which tick labels to print so neighbours never overlap: every k-th tick counted from zero (or
 * from the first tick when zero is not a tick), k as small as fits.
 */
export function tickLabelShown(
  ticks: Ticks,
  pixelsPerUnit: number,
  size: number,
): (index: number) => boolean {
  const widest = ticks.values
    .map((t) => textWidth(groupFixed(t.toFixed(ticks.decimals)), size))
    .reduce((m, v) => Math.max(m, v), -Infinity);
  const gap = Math.abs(ticks.step * pixelsPerUnit);
  let k = 1;
  while (k < ticks.values.length && gap * k < widest + 8) k++;
  const zero = ticks.values.indexOf(0);
  const origin = Math.max(zero, 0);
  return (i) => (i - origin) % k === 0;
}

/** Centre of an axis tick label, moved inward so the label never runs past the chart's edges. */
export function tickLabelX(x: number, label: string, width: number, size = 11): number {
  const half = textWidth(label, size) / 2;
  return Math.min(Math.max(x, half + 2), width - half - 2);
}
