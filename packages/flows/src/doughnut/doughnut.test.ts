import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentText } from '../document/document';
import { doughnutFlow } from './doughnut';

const EXAMPLE = 'examples/doughnut/indicators.csv';
const OVER_TIME = 'examples/doughnut/indicators-over-time.csv';
const text = (f: string) => readFileSync(f, 'utf8');

describe('doughnutFlow', () => {
  it('one value per indicator: the portrait (3 of 4 ecological indicators with data transgressed)', async () => {
    const r = await doughnutFlow({ indicators: { name: EXAMPLE, text: text(EXAMPLE) } });
    if (!r.ok) throw new Error(r.headline);
    expect(r.trend).toBeNull();
    expect(r.portrait.summary.ecologicalTransgressed).toBe(3);
    expect(r.counts).toEqual({ read: 10, accepted: 10, rejected: 0 });
  });

  it('bytes in give the same result as text in', async () => {
    const a = await doughnutFlow({ indicators: { name: OVER_TIME, text: text(OVER_TIME) } });
    const b = await doughnutFlow({
      indicators: { name: OVER_TIME, text: new TextEncoder().encode(text(OVER_TIME)) },
    });
    if (!a.ok || !b.ok) throw new Error('expected ok');
    expect(documentText(b.document)).toBe(documentText(a.document));
  });

  it('several years per indicator: the trend, and the latest year of each indicator as the portrait', async () => {
    const r = await doughnutFlow({ indicators: { name: OVER_TIME, text: text(OVER_TIME) } });
    if (!r.ok || !r.trend) throw new Error('expected a trend');
    expect(r.trend.years).toEqual([2021, 2022, 2023]);
    expect(r.trend.dimensions.map((d) => [d.id, d.direction])).toEqual([
      ['energy', 'towards'],
      ['food', 'no-data'],
      ['housing', 'away'],
      ['income-and-work', 'towards'],
      ['air-pollution', 'unchanged'],
      ['climate-change', 'towards'],
      ['land-conversion', 'away'],
    ]);
    // latest: 2023 for all but food insecurity, whose 2023 value is missing (still its latest row)
    expect(r.portrait.indicators.map((i) => i.year)).toEqual(Array(7).fill(2023));
    expect(r.portrait.summary.ecologicalTransgressed).toBe(2);
  });

  it('an unknown dimension set or unreadable file is a failure with a headline, not a throw', async () => {
    const a = await doughnutFlow({ indicators: { name: EXAMPLE, text: text(EXAMPLE) }, dimensions: 'nope' });
    expect(a.ok).toBe(false);
    const b = await doughnutFlow({ indicators: { name: 'x.json', text: '{"a":1}' } });
    expect(b.ok ? '' : b.headline).toBe('x.json cannot be read as indicators');
  });

  it('property: the trend document does not depend on row order', async () => {
    const [head, ...rows] = text(OVER_TIME).trimEnd().split('\n');
    const base = await doughnutFlow({ indicators: { name: 'f.csv', text: text(OVER_TIME) } });
    if (!base.ok) throw new Error('expected ok');
    const { inputs: _, ...want } = base.document;
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(rows, { minLength: rows.length }), async (order) => {
        const r = await doughnutFlow({
          indicators: { name: 'f.csv', text: `${[head, ...order].join('\n')}\n` },
        });
        if (!r.ok) return false;
        const { inputs: __, ...got } = r.document;
        expect(JSON.stringify(got)).toBe(JSON.stringify(want));
        return true;
      }),
      { numRuns: 15 },
    );
  });
});
