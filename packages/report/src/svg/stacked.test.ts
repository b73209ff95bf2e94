import { CommonwealError } from '@commonweal/core/issues';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type StackedBarChartSpec, stackedBarChart } from './stacked';
import { expectAccessibleSvg, outsideTags, texts } from './svg-test-kit';

const series = [
  { id: 'price', label: 'Price (40%)' },
  { id: 'quality', label: 'Quality (60%)' },
];
// Two bids from the core weightSensitivity example: A (price 1, quality 0.5), B (price 0.6, quality 0.9),
// weights 40/60 → A = 40 + 30 = 70, B = 24 + 54 = 78.
const spec = {
  title: 'Weighted score by criterion',
  description: 'Bid B scores highest, mostly on quality.',
  series,
  categories: [
    {
      label: 'Bid A',
      segments: [
        { series: 'price', value: '40' },
        { series: 'quality', value: '30' },
      ],
    },
    {
      label: 'Bid B',
      segments: [
        { series: 'quality', value: '54' },
        { series: 'price', value: '24' },
      ],
    },
  ],
  max: 100,
};

const segs = (svg: string) =>
  [
    ...svg.matchAll(/<rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="22" fill="url\(#([^)]+)\)"/g),
  ].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    w: Number(m[3]),
    fill: m[4]!,
  }));

describe('stackedBarChart', () => {
  it('is accessible, with a legend naming every series and a pattern per series', () => {
    const svg = stackedBarChart(spec);
    const { id } = expectAccessibleSvg(svg);
    expect(texts(svg)).toEqual(expect.arrayContaining(['Price (40%)', 'Quality (60%)']));
    expect([...svg.matchAll(/<pattern id="/g)]).toHaveLength(2);
    // The second series has white stripes over its colour, so it differs without colour.
    expect(svg).toMatch(new RegExp(`<pattern id="${id}-f1"[^>]*><rect[^>]*/><path`));
  });

  it('stacks segments in series order whatever the input order, with decimal totals', () => {
    const svg = stackedBarChart(spec);
    const s = segs(svg);
    expect(s).toHaveLength(4);
    // Bid B's price (24) comes first although its input lists quality first.
    expect(s[2]!.fill).toMatch(/-f0$/);
    expect(s[3]!.x).toBeCloseTo(s[2]!.x + s[2]!.w, 1);
    expect(s[2]!.w / s[3]!.w).toBeCloseTo(24 / 54, 3);
    expect(texts(svg)).toEqual(expect.arrayContaining(['70', '78', '40', '30', '24', '54']));
    const reordered = {
      ...spec,
      id: 'x',
      categories: spec.categories.map((c) => ({ ...c, segments: [...c.segments].reverse() })),
    };
    expect(stackedBarChart(reordered)).toBe(stackedBarChart({ ...spec, id: 'x' }));
  });

  it('adds totals as decimals, not binary floats', () => {
    const svg = stackedBarChart({
      ...spec,
      categories: [
        {
          label: 'A',
          segments: [
            { series: 'price', value: 0.1 },
            { series: 'quality', value: 0.2 },
          ],
        },
      ],
      max: 1,
    });
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(texts(svg)).toContain('0.30');
  });

  it('marks the maximum and stacks negative segments left of zero', () => {
    const svg = stackedBarChart(spec);
    expect(svg).toContain('stroke-dasharray="4 3"');
    const neg = stackedBarChart({
      ...spec,
      categories: [
        {
          label: 'A',
          segments: [
            { series: 'price', value: '10' },
            { series: 'quality', value: '-5' },
          ],
        },
      ],
    });
    expectAccessibleSvg(neg);
    const [p, q] = segs(neg);
    expect(q!.x + q!.w).toBeCloseTo(p!.x, 1);
    expect(texts(neg)).toContain('5');
    expect(texts(neg)).toContain('-5');
  });

  it('rejects unknown, repeated and duplicate series', () => {
    const bad =
      (categories: StackedBarChartSpec['categories'], s = series) =>
      () =>
        stackedBarChart({ ...spec, series: s, categories });
    expect(bad([{ label: 'A', segments: [{ series: 'carbon', value: 1 }] }])).toThrow(
      /unknown series "carbon"/,
    );
    expect(
      bad([
        {
          label: 'A',
          segments: [
            { series: 'price', value: 1 },
            { series: 'price', value: 2 },
          ],
        },
      ]),
    ).toThrow(/appears twice/);
    expect(bad(spec.categories, [...series, { id: 'price', label: 'again' }])).toThrow(CommonwealError);
  });

  it('is deterministic and escapes labels', () => {
    expect(stackedBarChart(spec)).toBe(stackedBarChart(structuredClone(spec)));
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 30 }),
        fc.string({ unit: 'binary', maxLength: 30 }),
        (a, b) => {
          const svg = stackedBarChart({
            ...spec,
            series: [
              { id: 'price', label: a },
              { id: 'quality', label: b },
            ],
            categories: [
              {
                label: b,
                segments: [
                  { series: 'price', value: 3 },
                  { series: 'quality', value: 1 },
                ],
              },
            ],
          });
          expectAccessibleSvg(svg);
          expect(outsideTags(svg)).not.toContain('<');
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});
