import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineChart } from './line';
import { expectAccessibleSvg, outsideTags, texts } from './svg-test-kit';

const spec = {
  title: 'Present value by year',
  description: 'Discounted value falls each year.',
  xLabel: 'Year',
  yLabel: 'Present value (£)',
  series: [
    // 1000 discounted at 3.5%: 1000, 966.18, 933.51 (Green Book standard rate, years 0–2).
    {
      label: 'Central',
      points: [
        { x: 2025, y: '1000' },
        { x: 2026, y: '966.18' },
        { x: 2027, y: '933.51' },
      ],
    },
    {
      label: 'Low',
      points: [
        { x: 2025, y: '800' },
        { x: 2027, y: '700' },
      ],
    },
  ],
};

describe('lineChart', () => {
  it('is accessible, with axis titles, year ticks without separators and a legend', () => {
    const svg = lineChart(spec);
    expectAccessibleSvg(svg);
    const t = texts(svg);
    expect(t).toEqual(
      expect.arrayContaining(['Year', 'Present value (£)', '2025', '2026', '2027', 'Central', 'Low']),
    );
    expect(t).not.toContain('2,025');
    // y axis starts at zero by default and uses thousands separators.
    expect(t).toEqual(expect.arrayContaining(['0', '1,000']));
  });

  it('gives each series its own dash pattern and marker shape', () => {
    const svg = lineChart(spec);
    const paths = [
      ...svg.matchAll(
        /<path d="M[^"]*" fill="none" stroke="([^"]+)" stroke-width="2.5"( stroke-dasharray="[^"]+")?/g,
      ),
    ];
    expect(paths).toHaveLength(2);
    expect(paths[0]![2]).toBeUndefined();
    expect(paths[1]![2]).toBe(' stroke-dasharray="7 4"');
    expect(svg).toContain('<circle');
    expect(svg).toMatch(/<rect x="[\d.]+" y="[\d.]+" width="8" height="8"/);
  });

  it('draws points in x order whatever the input order', () => {
    const shuffled = {
      ...spec,
      id: 'l',
      series: [{ ...spec.series[0]!, points: [...spec.series[0]!.points].reverse() }, spec.series[1]!],
    };
    expect(lineChart(shuffled)).toBe(lineChart({ ...spec, id: 'l' }));
  });

  it('handles negative values, a single point and includeZero: false', () => {
    const svg = lineChart({
      ...spec,
      series: [
        {
          label: 'Net',
          points: [
            { x: 1, y: -5 },
            { x: 2, y: 3 },
          ],
        },
        { label: 'One', points: [{ x: 2, y: 0 }] },
      ],
    });
    expectAccessibleSvg(svg);
    expect(texts(svg)).toEqual(expect.arrayContaining(['-6', '0']));
    const tight = lineChart({ ...spec, includeZero: false });
    expect(texts(tight)).not.toContain('0');
  });

  it('rejects an x repeated within a series', () => {
    expect(() =>
      lineChart({
        ...spec,
        series: [
          {
            label: 'a',
            points: [
              { x: 1, y: 1 },
              { x: '1.0', y: 2 },
            ],
          },
        ],
      }),
    ).toThrow(/series\.0\.points\.1\.x: x = 1 appears twice/);
  });

  it('is deterministic and escapes labels', () => {
    expect(lineChart(spec)).toBe(lineChart(structuredClone(spec)));
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 30 }),
        fc.string({ unit: 'binary', maxLength: 30 }),
        (a, b) => {
          const svg = lineChart({
            ...spec,
            xLabel: a,
            yLabel: b,
            series: [{ label: a, points: [{ x: 1, y: 2 }] }],
          });
          expectAccessibleSvg(svg);
          expect(outsideTags(svg)).not.toContain('<');
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});
