// WCAG 2.1 contrast, for the tests of the report's and the workbench's colours. Not exported from
// the package: the workbench tests import it by relative path so there is one copy.

/** An sRGB colour, channels 0–255, alpha 0–1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** WCAG 2.1 AA thresholds: 1.4.3 text (normal, large) and 1.4.11 non-text UI and graphics. */
export const AA = { text: 4.5, largeText: 3, nonText: 3 } as const;

const NAMED: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  transparent: '#00000000',
};

/**
 * Parses `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb()`/`rgba()` (as getComputedStyle gives
 * them) and black/white/transparent; `undefined` for anything else (a `url()`, `currentColor`).
 *
 * @example
 * ```ts
 * parseColour('#777'); // { r: 119, g: 119, b: 119, a: 1 }
 * ```
 */
export function parseColour(text: string): Rgba | undefined {
  const s = (NAMED[text.trim().toLowerCase()] ?? text).trim().toLowerCase();
  let m = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(s);
  if (m?.[1]) {
    let h = m[1];
    if (h.length <= 4) h = [...h].map((c) => c + c).join('');
    const v = (i: number) => Number.parseInt(h.slice(i, i + 2), 16);
    return { r: v(0), g: v(2), b: v(4), a: h.length === 8 ? v(6) / 255 : 1 };
  }
  m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/.exec(s);
  if (m) {
    const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? Number.parseFloat(m[4]) / 100 : Number(m[4]);
    return { r: Number(m[1]), g: Number(m[2]), b: Number(m[3]), a: alpha };
  }
  return undefined;
}

/** A colour over another (source-over), so a translucent colour is judged as it is seen. */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top.a + bottom.a * (1 - top.a);
  if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
  const mix = (t: number, b: number) => (t * top.a + b * bottom.a * (1 - top.a)) / a;
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
}

/**
 * WCAG 2.1 relative luminance of an opaque sRGB colour (0 black … 1 white).
 *
 * @example
 * ```ts
 * luminance(parseColour('#fff')!); // 1
 * ```
 */
export function luminance(c: Rgba): number {
  // 0.04045 as in sRGB (IEC 61966-2-1); WCAG 2.1's 0.03928 gives the same result for 8-bit values.
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

/**
 * Contrast ratio (L1 + 0.05) / (L2 + 0.05), 1 … 21, of two colours given as CSS text or parsed;
 * a translucent foreground is laid over the background first.
 *
 * @example
 * ```ts
 * contrast('#000', '#fff'); // 21
 * contrast('#777', '#fff').toFixed(2); // '4.48'
 * ```
 */
export function contrast(fg: string | Rgba, bg: string | Rgba): number {
  const b = typeof bg === 'string' ? parseColour(bg) : bg;
  const f = typeof fg === 'string' ? parseColour(fg) : fg;
  if (!b || !f) throw new Error(`not a colour: ${JSON.stringify(b ? fg : bg)}`);
  const back = b.a < 1 ? over(b, { r: 255, g: 255, b: 255, a: 1 }) : b;
  const front = f.a < 1 ? over(f, back) : f;
  const [hi, lo] = [luminance(front), luminance(back)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * WCAG's large text: at least 18pt (24px), or 14pt (18.67px) bold (weight ≥ 700).
 *
 * @example
 * ```ts
 * isLargeText(24, 400); // true
 * isLargeText(18, 700); // false (18px is 13.5pt)
 * ```
 */
export function isLargeText(px: number, weight: number): boolean {
  return px >= 24 || (px >= (14 * 4) / 3 && weight >= 700);
}
