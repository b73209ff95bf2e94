import { CommonwealError } from '@commonweal/core/issues';
import { dec } from '@commonweal/core/money';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fmtMoney } from '../format/format';
import { barChart } from './bar';
import { expectAccessibleSvg, outsideTags, texts } from './svg-test-kit';

const spec = {
  title: 'Net social value by theme',
  description: 'Jobs add the most; carbon is a cost.',
  bars: [
    { label: 'Jobs', value: dec('1200.50') },
    { label: 'Carbon', value: '-300', note: 'estimated' },
    { label: 'Volunteering', value: 0 },
  ],
};

const rects = (svg: string) =>
  [...svg.matchAll(/<rect x="([\d.-]+)" y="[\d.-]+" width="([\d.]+)" height="18"/g)].map((m) => ({
    x: Number(m[1]),
    w: Number(m[2]),
  }));
const zeroX = (svg: string) =>
  Number(/<line x1="([\d.]+)"[^>]*stroke="#1b1b1b" stroke-width="1.5"/.exec(svg)?.[1]);

describe('barChart', () => {
  it('is an accessible, well-formed SVG with explicit size', () => {
    const svg = barChart(spec);
    const { width } = expectAccessibleSvg(svg);
    expect(width).toBe(640);
    expect(svg).toContain('<title id="cw-bar-');
    expect(svg).not.toContain('xmlns');
    expect(barChart({ ...spec, standalone: true })).toContain('xmlns="http://www.w3.org/2000/svg"');
  });

  it('draws positive bars right of the zero axis and negative bars left of it, with signed labels', () => {
    const svg = barChart(spec);
    const [jobs, carbon] = rects(svg);
    const zero = zeroX(svg);
    expect(jobs!.x).toBeCloseTo(zero, 1);
    expect(carbon!.x + carbon!.w).toBeCloseTo(zero, 1);
    // 1200.50 is 4.0017 times 300: bar lengths keep the ratio.
    expect(jobs!.w / carbon!.w).toBeCloseTo(1200.5 / 300, 2);
    // Default labels: 2 decimals because one value is not whole; sign in words, not colour alone.
    const t = texts(svg);
    expect(t).toContain('1,200.50');
    expect(t).toContain('-300.00 (estimated)');
    expect(svg).toMatch(/fill="url\(#cw-bar-[a-z0-9]+-neg\)"/);
  });

  it('draws no bar for a zero value but still labels it', () => {
    const svg = barChart(spec);
    expect(rects(svg)).toHaveLength(2);
    expect(texts(svg)).toContain('0.00');
  });

  it('handles all-zero and all-negative data', () => {
    const zero = barChart({ title: 't', description: 'd', bars: [{ label: 'a', value: 0 }] });
    expectAccessibleSvg(zero);
    expect(texts(zero)).toContain('0');
    const neg = barChart({
      title: 't',
      description: 'd',
      bars: [
        { label: 'a', value: -5 },
        { label: 'b', value: '-2.5' },
      ],
    });
    expectAccessibleSvg(neg);
    const [a, b] = rects(neg);
    expect(a!.x + a!.w).toBeCloseTo(zeroX(neg), 1);
    expect(a!.w / b!.w).toBeCloseTo(2, 2);
  });

  it('uses a formatter and a unit', () => {
    const money = barChart({ ...spec, format: (v) => fmtMoney(v) });
    expect(texts(money)).toContain('-£300.00 (estimated)');
    const unit = barChart({ ...spec, unit: 'tCO2e' });
    expect(texts(unit)).toContain('1,200.50 tCO2e');
    expect(texts(barChart({ ...spec, unit: '%' }))).toContain('1,200.50%');
  });

  it('is deterministic: same input, same bytes; ids come from content', () => {
    expect(barChart(spec)).toBe(barChart({ ...spec, bars: [...spec.bars] }));
    const other = barChart({ ...spec, title: 'Other' });
    expect(/id="([^"]+)-t"/.exec(other)?.[1]).not.toBe(/id="([^"]+)-t"/.exec(barChart(spec))?.[1]);
    expect(barChart({ ...spec, id: 'fig1' })).toContain('aria-labelledby="fig1-t fig1-d"');
  });

  it('escapes an injected script in labels, notes and titles', () => {
    const svg = barChart({
      title: '<script>alert(1)</script>',
      description: '"quoted" & \'single\'',
      bars: [{ label: '<script>alert("x")</script>', value: 1, note: '</text><script>' }],
    });
    expectAccessibleSvg(svg);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(svg).toContain('&quot;quoted&quot; &amp; &#39;single&#39;');
  });

  it('rejects bad input as a programmer error, saying where', () => {
    expect(() => barChart({ ...spec, bars: [] })).toThrow(CommonwealError);
    expect(() => barChart({ ...spec, bars: [{ label: 'a', value: Number.NaN }] })).toThrow(/bars\.0\.value/);
    expect(() => barChart({ ...spec, bars: [{ label: 'a', value: '12abc' }] })).toThrow(/decimal string/);
    expect(() => barChart({ ...spec, title: '' })).toThrow(/title/);
  });

  it('property: arbitrary labels and values never break the markup', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            label: fc.string({ unit: 'binary', maxLength: 40 }),
            value: fc.oneof(
              fc.integer({ min: -1e9, max: 1e9 }),
              fc.double({ min: -1e6, max: 1e6, noNaN: true }),
            ),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (bars) => {
          const svg = barChart({ title: 'T', description: 'D', bars });
          expectAccessibleSvg(svg);
          expect(outsideTags(svg)).not.toContain('<');
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});
