import { dec } from '@commonweal/core/money';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sensitivityChart } from './sensitivity';
import { expectAccessibleSvg, outsideTags, texts } from './svg-test-kit';

// Core weightSensitivity example: price weight 40 → the winner changes at 50 (A leads above it).
const spec = {
  title: 'Weight sensitivity',
  description: 'Price would have to rise from 40% to 50% for Bid A to win.',
  rows: [
    { label: 'Price', current: 40, flipsAt: dec(50), note: 'Bid A leads above it' },
    { label: 'Social value', current: '10', flipsAt: null },
  ],
};

const markers = (svg: string) => ({
  current: [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="6.5"/g)]
    .map((m) => Number(m[1]))
    .slice(1),
  flip: [...svg.matchAll(/<path d="M([\d.]+) ([\d.]+)L[^"]*" fill="#fff" stroke="#D55E00"/g)]
    .map((m) => Number(m[1]))
    .slice(1),
  tracks: [
    ...svg.matchAll(
      /<line x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="\2" stroke="#505a5f" stroke-width="2"/g,
    ),
  ].map((m) => [Number(m[1]), Number(m[3])]),
});

describe('sensitivityChart', () => {
  it('is accessible and labels both markers in words, with a legend', () => {
    const svg = sensitivityChart(spec);
    expectAccessibleSvg(svg);
    const t = texts(svg);
    expect(t).toEqual(
      expect.arrayContaining([
        'current weight',
        'weight at which the winner changes',
        'current 40%',
        'flips at 50%: Bid A leads above it',
        'current 10%',
        'no flip in 0–100%',
      ]),
    );
  });

  it('places markers on a 0–100 track in proportion', () => {
    const svg = sensitivityChart(spec);
    const m = markers(svg);
    const [x0, x1] = m.tracks[0]!;
    expect(m.current[0]).toBeCloseTo(x0! + 0.4 * (x1! - x0!), 1);
    expect(m.flip[0]).toBeCloseTo(x0! + 0.5 * (x1! - x0!), 1);
    expect(m.flip).toHaveLength(1); // no flip marker on the social value row
  });

  it('takes another range, clamps a flip outside it and says so', () => {
    const svg = sensitivityChart({
      ...spec,
      rows: [{ label: 'Quality', current: 20, flipsAt: 75, range: [0, 50] }],
    });
    expectAccessibleSvg(svg);
    const m = markers(svg);
    expect(m.flip[0]).toBeCloseTo(m.tracks[0]![1]!, 1);
    expect(texts(svg)).toContain('flips at 75% (outside 0–50%)');
    expect(() =>
      sensitivityChart({ ...spec, rows: [{ label: 'x', current: 1, flipsAt: null, range: [100, 0] }] }),
    ).toThrow(/range must run from a lower to a higher weight/);
  });

  it('shows decimals consistently and no unit when asked', () => {
    const svg = sensitivityChart({
      ...spec,
      unit: '',
      rows: [{ label: 'Price', current: 40, flipsAt: '57.14' }],
    });
    expect(texts(svg)).toEqual(expect.arrayContaining(['current 40.00', 'flips at 57.14']));
  });

  it('is deterministic and escapes labels', () => {
    expect(sensitivityChart(spec)).toBe(sensitivityChart({ ...spec, rows: [...spec.rows] }));
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 30 }),
        fc.string({ unit: 'binary', maxLength: 30 }),
        (a, b) => {
          const svg = sensitivityChart({ ...spec, rows: [{ label: a, current: 0, flipsAt: 100, note: b }] });
          expectAccessibleSvg(svg);
          expect(outsideTags(svg)).not.toContain('<');
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});
