import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { doughnutChart } from './doughnut';
import { expectAccessibleSvg, outsideTags, texts } from './svg-test-kit';

// Dimension names of fanningRaworth2025 (limits.md §1, verified); the values are made up for the test.
const SOCIAL = [
  'Water',
  'Food',
  'Health',
  'Education',
  'Housing',
  'Energy',
  'Political voice',
  'Income and work',
  'Peace and justice',
  'Equality',
  'Connectivity',
  'Social cohesion',
];
const ECOLOGICAL = [
  'Climate change',
  'Ocean acidification',
  'Chemical pollution',
  'Nutrient pollution',
  'Freshwater disruption',
  'Land conversion',
  'Biodiversity breakdown',
  'Air pollution',
  'Ozone depletion',
];
const id = (s: string) => s.toLowerCase().replace(/ /g, '-');

const full = {
  title: 'Doughnut of social and planetary boundaries',
  description: 'Test portrait.',
  social: SOCIAL.map((label, i) => ({
    id: id(label),
    label,
    shortfall: label === 'Equality' ? null : String(i / 20),
  })),
  ecological: ECOLOGICAL.map((label, i) => ({
    id: id(label),
    label,
    overshoot:
      label === 'Chemical pollution'
        ? null
        : label === 'Biodiversity breakdown'
          ? '3.2'
          : String(i / 10 - 0.2),
  })),
};

/** Radii of the doughnut: foundation and ceiling (solid green edges), cap (dashed ring). */
function radii(svg: string) {
  const edges = [
    ...svg.matchAll(/<circle cx="[\d.]+" cy="[\d.]+" r="([\d.]+)" fill="none" stroke="#1e6b32"/g),
  ].map((m) => Number(m[1]));
  const cap = Number(/r="([\d.]+)" fill="none" stroke="#7b8287" stroke-dasharray/.exec(svg)?.[1]);
  const [Rf, Rc] = edges as [number, number];
  return { Rf, Rc, S: cap, L: cap - Rc };
}
/** Arc radii of the shortfall (solid red) and overshoot (hatched) wedges. */
const redArcs = (svg: string) =>
  [...svg.matchAll(/<path d="([^"]+)" fill="(?:#c81e1e|url\(#[\w-]+-os\))"/g)].map((m) =>
    [...m[1]!.matchAll(/A([\d.]+) /g)].map((a) => Number(a[1])),
  );

describe('doughnutChart', () => {
  it('is accessible and lists every dimension and status in its description', () => {
    const svg = doughnutChart(full);
    expectAccessibleSvg(svg);
    const desc = /<desc[^>]*>([^<]*)<\/desc>/.exec(svg)?.[1] ?? '';
    for (const name of [...SOCIAL, ...ECOLOGICAL]) expect(desc).toContain(name);
    expect(desc).toContain('Food shortfall 5%');
    expect(desc).toContain('Water achieved');
    expect(desc).toContain('Equality no data');
    expect(desc).toContain('Climate change within');
    expect(desc).toContain('Chemical pollution no data');
    expect(desc).toContain('Biodiversity breakdown overshoot 320% (+)');
  });

  it('labels ecological dimensions around the edge and social ones on the ring', () => {
    const svg = doughnutChart(full);
    const t = texts(svg);
    for (const name of ECOLOGICAL.filter((n) => !n.includes(' ') || n.length < 16))
      expect(t.join(' ')).toContain(name);
    expect(t).toEqual(
      expect.arrayContaining(['overshoot 320% (+)', 'no data', 'within', 'Food', 'shortfall 5%', 'achieved']),
    );
    expect([...svg.matchAll(/<textPath href="#/g)].length).toBeGreaterThanOrEqual(2 * SOCIAL.length);
  });

  it('draws a shortfall inward from the foundation and an overshoot outward from the ceiling, in proportion', () => {
    const svg = doughnutChart({
      title: 'T',
      description: 'D',
      social: [
        { id: 'food', label: 'Food', shortfall: '0.5' },
        { id: 'water', label: 'Water', shortfall: 0 },
      ],
      ecological: [
        { id: 'climate', label: 'Climate change', overshoot: '0.25' },
        { id: 'ozone', label: 'Ozone depletion', overshoot: -0.1 },
      ],
    });
    expectAccessibleSvg(svg);
    const { Rf, Rc, S, L } = radii(svg);
    expect(Rf).toBeLessThan(Rc);
    expect(Rc).toBeLessThan(S);
    const [shortfall, overshoot, ...rest] = redArcs(svg);
    expect(rest).toHaveLength(0); // nothing red for "achieved" and "within"
    // Shortfall 50%: from the foundation inward by half of L (100% reaches the centre hole).
    expect(Math.max(...shortfall!)).toBeCloseTo(Rf, 1);
    expect(Math.min(...shortfall!)).toBeCloseTo(Rf - 0.5 * L, 1);
    // Overshoot 25% of the 100% cap: from the ceiling outward by a quarter of L.
    expect(Math.min(...overshoot!)).toBeCloseTo(Rc, 1);
    expect(Math.max(...overshoot!)).toBeCloseTo(Rc + 0.25 * L, 1);
    expect(texts(svg)).toEqual(
      expect.arrayContaining(['shortfall 50%', 'achieved', 'overshoot 25%', 'within']),
    );
  });

  it('caps a large overshoot at the dashed ring and marks it +', () => {
    const svg = doughnutChart({
      title: 'T',
      description: 'D',
      social: [],
      ecological: [{ id: 'b', label: 'Biodiversity', overshoot: '3.2' }],
    });
    expectAccessibleSvg(svg);
    const { Rc, S } = radii(svg);
    const [arc] = redArcs(svg);
    expect(Math.min(...arc!)).toBeCloseTo(Rc, 1);
    expect(Math.max(...arc!)).toBeCloseTo(S, 1);
    expect(texts(svg)).toEqual(expect.arrayContaining(['+', 'overshoot 320% (+)']));
    // A cap of 400% draws the same overshoot to 80% of the length, unmarked.
    const wide = doughnutChart({
      title: 'T',
      description: 'D',
      social: [],
      ecological: [{ id: 'b', label: 'B', overshoot: '3.2' }],
      overshootCap: 4,
    });
    const r = radii(wide);
    expect(Math.max(...redArcs(wide)[0]!)).toBeCloseTo(r.Rc + 0.8 * r.L, 1);
    expect(texts(wide)).toContain('overshoot 320%');
  });

  it('draws missing data as a grey hatched wedge labelled "no data"', () => {
    const svg = doughnutChart({
      title: 'T',
      description: 'D',
      social: [{ id: 'eq', label: 'Equality', shortfall: null }],
      ecological: [{ id: 'chem', label: 'Chemical pollution', overshoot: null }],
    });
    const { id: svgId } = expectAccessibleSvg(svg);
    expect([...svg.matchAll(new RegExp(`fill="url\\(#${svgId}-nd\\)"`, 'g'))]).toHaveLength(3); // 2 wedges + legend
    expect(svg).toMatch(new RegExp(`<pattern id="${svgId}-nd"[^>]*patternTransform="rotate\\(45\\)"`));
    expect(texts(svg).filter((t) => t === 'no data')).toHaveLength(3); // 2 labels + legend
    expect(redArcs(svg)).toHaveLength(0);
  });

  it('has a legend that names the space, shortfall, overshoot, cap and no data', () => {
    const t = texts(doughnutChart(full)).join('\n');
    expect(t).toContain('safe and just space');
    expect(t).toContain('shortfall (solid red): drawn inward from the foundation');
    expect(t).toContain(
      'overshoot (hatched orange): drawn outward from the ceiling (100% reaches the dashed ring)',
    );
    expect(t).toContain('(+) overshoot beyond 100%');
  });

  it('tells shortfall from overshoot by colour and pattern, in the wedges and the legend alike', () => {
    const svg = doughnutChart(full);
    const { id } = expectAccessibleSvg(svg);
    const legend = /<g class="cw-legend">(.*)<\/g>/s.exec(svg)?.[1] ?? '';
    const swatches = [...legend.matchAll(/<rect width="22" height="14" fill="([^"]+)"/g)].map((m) => m[1]);
    // space, shortfall, overshoot, overshoot beyond the cap, no data
    expect(swatches).toEqual(['#8fcf95', '#c81e1e', `url(#${id}-os)`, `url(#${id}-os)`, `url(#${id}-nd)`]);
    expect(svg).toMatch(
      new RegExp(
        `<pattern id="${id}-os"[^>]*patternTransform="rotate\\(-45\\)"><rect width="7" height="7" fill="#8e4500"/>`,
      ),
    );
    // Food's shortfall is solid red; biodiversity's overshoot is hatched
    expect(svg).toMatch(/<title>Food: shortfall 5%<\/title><path d="[^"]+" fill="#c81e1e"/);
    expect(svg).toMatch(
      new RegExp(
        `<title>Biodiversity breakdown: overshoot 320% \\(\\+\\)</title><path d="[^"]+" fill="url\\(#${id}-os\\)"`,
      ),
    );
  });

  it('rejects duplicate ids, an empty doughnut and a non-positive cap', () => {
    expect(() => doughnutChart({ ...full, social: [full.social[0]!, full.social[0]!] })).toThrow(
      /duplicate id "water"/,
    );
    expect(() => doughnutChart({ title: 'T', description: 'D', social: [], ecological: [] })).toThrow(
      /at least one dimension/,
    );
    expect(() => doughnutChart({ ...full, overshootCap: 0 })).toThrow(/greater than 0/);
  });

  it('is deterministic', () => {
    expect(doughnutChart(full)).toBe(doughnutChart(structuredClone(full)));
  });

  it('property: any values and labels give a well-formed doughnut with one status per dimension', () => {
    const value = (lo: number, hi: number) =>
      fc.option(fc.double({ min: lo, max: hi, noNaN: true }), { nil: null });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ unit: 'binary', maxLength: 25 }), value(-0.5, 1.5)), {
          minLength: 1,
          maxLength: 14,
        }),
        fc.array(fc.tuple(fc.string({ unit: 'binary', maxLength: 25 }), value(-1, 20)), { maxLength: 12 }),
        (social, ecological) => {
          const svg = doughnutChart({
            title: 'T',
            description: 'D',
            social: social.map(([label, shortfall], i) => ({ id: `s${i}`, label, shortfall })),
            ecological: ecological.map(([label, overshoot], i) => ({ id: `e${i}`, label, overshoot })),
          });
          expectAccessibleSvg(svg);
          expect(outsideTags(svg)).not.toContain('<');
          expect([...svg.matchAll(/<g><title>/g)].length).toBe(
            social.filter(([, v]) => v === null || v > 0).length +
              ecological.filter(([, v]) => v === null || v > 0).length,
          );
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});
