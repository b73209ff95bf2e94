// No meaning by colour alone (WCAG 1.4.1; issue 12: the doughnut legend once drew shortfall and
// overshoot in the same red). Each chart legend is read back with every colour taken out: the
// entries must still differ in their swatch (pattern, dash, marker) and in their words. Callout
// kinds differ by word, icon and border style; the doughnut's status wedges each say their status.
import { describe, expect, it } from 'vitest';
import { callout } from '../html/blocks';
import { REPORT_CSS } from '../html/style';
import { doughnutChart } from '../svg/doughnut';
import { lineChart } from '../svg/line';
import { stackedBarChart } from '../svg/stacked';
import { cssRules } from './css';

const HEX = /#[0-9a-fA-F]{3,8}\b/g;

/** A swatch as seen without colour: positions and colours gone, patterns inlined. */
function colourless(markup: string, svg: string): string {
  const inline = markup.replace(/url\(#([\w-]+)\)/g, (_, id: string) => {
    const def = new RegExp(`<pattern id="${id}"[^>]*>(.*?)</pattern>`, 's').exec(svg)?.[1] ?? `missing ${id}`;
    return `pattern(${def})`;
  });
  return inline
    .replace(HEX, 'C')
    .replace(/\b(x|y|x1|y1|x2|y2|cx|cy)="[^"]*"/g, '')
    .replace(/transform="translate\([^)]*\)"/g, '')
    .replace(/\bd="([^"]*)"/g, (_, d: string) => `d="${d.replace(/[\d.-]+/g, '')}"`)
    .replace(/\s+/g, ' ');
}

/** Legend entries of a chart: each run of swatch markup followed by its label text. */
function legend(svg: string): { swatch: string; label: string }[] {
  const g = /<g class="cw-legend">(.*?)<\/g>\n/s.exec(svg)?.[1] ?? '';
  // a swatch may hold its own text (the doughnut's +) inside its <g>
  return [...g.matchAll(/((?:<g[^>]*>.*?<\/g>|[^<]+|<(?!text)[^>]*>)*?)<text[^>]*>(.*?)<\/text>/gs)].map(
    (m) => ({
      swatch: colourless(m[1] ?? '', svg),
      label: m[2] ?? '',
    }),
  );
}

function expectDistinct(entries: { swatch: string; label: string }[], n: number) {
  expect(entries).toHaveLength(n);
  expect(new Set(entries.map((e) => e.label)).size).toBe(n);
  // without colour, each entry's swatch is still its own
  expect(new Set(entries.map((e) => e.swatch)).size).toBe(n);
  for (const e of entries) expect(e.label).toMatch(/\p{L}/u);
}

const SOCIAL = ['Water', 'Food', 'Health', 'Energy'];
const ECO = ['Climate change', 'Land conversion', 'Air pollution'];
const doughnut = doughnutChart({
  title: 'Doughnut',
  description: 'Made-up values for the test.',
  social: SOCIAL.map((label, i) => ({ id: `s${i}`, label, shortfall: i === 3 ? null : String(i / 5) })),
  ecological: ECO.map((label, i) => ({ id: `e${i}`, label, overshoot: i === 0 ? '3.5' : String(i / 4) })),
});

describe('no meaning by colour alone', () => {
  it('the doughnut legend: safe space, shortfall, overshoot, capped overshoot and no data differ without colour', () => {
    const entries = legend(doughnut);
    expectDistinct(entries, 5);
    const [, shortfall, overshoot, capped] = entries;
    expect(shortfall?.label).toMatch(/^shortfall \(solid red\)/);
    expect(overshoot?.label).toMatch(/^overshoot \(hatched orange\)/);
    expect(overshoot?.swatch).toContain('pattern(');
    expect(shortfall?.swatch).not.toContain('pattern(');
    expect(capped?.swatch).toContain('>+</text>');
  });

  it('every shortfall or overshoot wedge of the doughnut says its status in its title', () => {
    const wedges = [...doughnut.matchAll(/<g><title>([^<]*)<\/title><path d="[^"]+" fill="([^"]+)"/g)];
    const coloured = wedges.filter((w) => w[2] === '#c81e1e' || w[2]?.endsWith('-os)'));
    expect(coloured.length).toBe(5); // shortfalls of Food and Health; overshoots of all three
    for (const [, title, fill] of coloured)
      expect(title).toMatch(fill === '#c81e1e' ? /shortfall/ : /overshoot/);
  });

  it('the stacked bars and the lines tell series apart without colour', () => {
    const series = ['Price', 'Quality', 'Social value', 'Carbon', 'Local spend'];
    const stacked = stackedBarChart({
      title: 'Weighted scores',
      description: 'Made up.',
      series: series.map((label, i) => ({ id: `s${i}`, label })),
      categories: [{ label: 'Bid A', segments: series.map((_, i) => ({ series: `s${i}`, value: '10' })) }],
      max: 100,
    });
    expectDistinct(legend(stacked), 5);
    const lines = lineChart({
      title: 'Value by year',
      description: 'Made up.',
      xLabel: 'Year',
      yLabel: 'Value',
      series: series.map((label, i) => ({
        label,
        points: [
          { x: 2025, y: String(100 + i) },
          { x: 2026, y: String(90 + i) },
        ],
      })),
    });
    expectDistinct(legend(lines), 5);
  });

  it('callouts differ by word, icon and border style as well as colour', () => {
    const kinds = ['info', 'warning', 'danger'] as const;
    const words = kinds.map((k) => /<span>(\w+):/.exec(callout(k, '<p>x</p>'))?.[1]);
    expect(words).toEqual(['Note', 'Warning', 'Danger']);
    const icons = kinds.map((k) => /<svg[^>]*>(.*?)<\/svg>/.exec(callout(k, '<p>x</p>'))?.[1]);
    expect(new Set(icons).size).toBe(3);
    const rules = cssRules(REPORT_CSS);
    const styles = kinds.map(
      (k) => rules.find((r) => r.selector === `.cw-callout-${k}`)?.decls['border-left-style'],
    );
    expect(styles).toEqual(['solid', 'dashed', 'double']);
  });
});
