// Every colour the HTML reports can show, held to WCAG 2.1 AA: text 4.5:1, non-text UI and
// chart marks 3:1 (1.4.11). The stylesheet is parsed and every hex colour in the chart sources
// must be classed below, so a new colour cannot slip past.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPORT_CSS } from '../html/style';
import { contrast } from './contrast';
import { cssPairs, cssRules } from './css';

const fails = (pairs: ReturnType<typeof cssPairs>) =>
  pairs
    .filter((p) => p.ratio < p.need)
    .map((p) => `${p.where}: ${p.fg} on ${p.bg} ${p.ratio.toFixed(2)} < ${p.need}`);

describe('the report stylesheet', () => {
  const pairs = cssPairs(REPORT_CSS, 'style.ts', { decorative: ['#b1b4b6'] });

  it('finds the pairs it declares, callout backgrounds and zebra rows among the surfaces', () => {
    const on = new Set(pairs.map((p) => p.bg));
    for (const bg of ['#fff', '#f3f2f1', '#eef5fb', '#fff7e6', '#fdeeee']) expect(on).toContain(bg);
    expect(
      pairs.some((p) => p.where.includes('.cw-callout-danger border-left-color') && p.fg === '#b0281a'),
    ).toBe(true);
    expect(pairs.filter((p) => p.kind === 'text').length).toBeGreaterThanOrEqual(20);
    // print rules are left out: they drop every background
    expect(cssRules(REPORT_CSS).some((r) => r.decls.background?.includes('transparent'))).toBe(false);
  });

  it('meets AA for every text and non-text pair', () => {
    expect(fails(pairs)).toEqual([]);
  });

  it('would catch a light grey', () => {
    const light = `${REPORT_CSS}\n.cw-x{color:#999}`;
    expect(fails(cssPairs(light, 'x', { decorative: [] })).some((f) => f.includes('.cw-x color: #999'))).toBe(
      true,
    );
  });
});

// Each hex colour in the chart sources, with what it draws. text: on the white chart ground;
// mark: a chart mark or its edge on the white chart ground (or the grey guides); on: white
// marks drawn on it; decorative: why 1.4.11 does not apply.
const SVG_COLOURS: Record<string, { text?: true; mark?: true; on?: true; decorative?: string }> = {
  '#1b1b1b': { text: true },
  '#505a5f': { text: true },
  '#9b1c0c': { text: true },
  '#0b2e13': { text: true },
  '#fff': { decorative: 'the chart ground, halos and separators' },
  '#d5d8da': { decorative: 'grid lines; every value is also written as text' },
  '#eceeef': { decorative: 'row separators of the sensitivity chart' },
  '#0072b2': { mark: true, on: true },
  '#d55e00': { mark: true },
  '#009e73': { mark: true },
  '#cc79a7': { mark: true },
  '#000000': { mark: true },
  '#8c6d00': { mark: true },
  '#6a3d9a': { mark: true },
  '#1e6b32': { mark: true },
  '#c81e1e': { mark: true, on: true },
  '#8e4500': { mark: true, on: true },
  '#7b8287': { mark: true },
  '#8fcf95': { decorative: 'the safe and just space band, bounded by its #1e6b32 edges' },
  '#f3c89a': { decorative: 'hatching inside the overshoot wedge (the wedge is #8e4500)' },
  '#eceff1': { decorative: 'guides behind the doughnut wedges (the wedges contrast with them)' },
  '#e3e5e7': { decorative: 'ground of the no-data pattern, edged with #7b8287' },
};

describe('the chart colours', () => {
  const dir = new URL('../svg/', import.meta.url);
  const found = new Map<string, string>();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.includes('test')))
    for (const m of readFileSync(new URL(f, dir), 'utf8').matchAll(/#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b/g))
      found.set(m[0].toLowerCase(), f);

  it('are each classed', () => {
    expect([...found.keys()].filter((c) => !SVG_COLOURS[c]).map((c) => `${c} in ${found.get(c)}`)).toEqual(
      [],
    );
    expect(found.size).toBeGreaterThanOrEqual(20);
  });

  it('meet AA: text 4.5:1 on white, marks 3:1 on white and the guides, white marks 4.5:1 on theirs', () => {
    const bad: string[] = [];
    for (const [c, k] of Object.entries(SVG_COLOURS)) {
      if (k.text && contrast(c, '#fff') < 4.5) bad.push(`${c} text ${contrast(c, '#fff').toFixed(2)}`);
      if (k.mark && contrast(c, '#fff') < 3) bad.push(`${c} on white ${contrast(c, '#fff').toFixed(2)}`);
      if (k.on && contrast('#fff', c) < 4.5) bad.push(`white on ${c} ${contrast('#fff', c).toFixed(2)}`);
    }
    // the doughnut: wedges against their grey guides, shortfall against the green band it cuts into
    for (const c of ['#c81e1e', '#8e4500', '#7b8287'])
      if (contrast(c, '#eceff1') < 3) bad.push(`${c} on the guides`);
    if (contrast('#c81e1e', '#8fcf95') < 3) bad.push('shortfall on the green band');
    expect(bad).toEqual([]);
  });
});
