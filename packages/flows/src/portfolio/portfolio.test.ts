import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dec } from '@commonweal/core/money';
import { describe, expect, it } from 'vitest';
import { portfolioFlow } from './portfolio';

const dir = (p: string) => fileURLToPath(new URL(`../../../../examples/${p}`, import.meta.url));
const files = Object.fromEntries(
  readdirSync(dir('portfolio'))
    .filter((f) => f.endsWith('.csv') && f !== 'manifest.csv')
    .map((f) => [f, { name: `portfolio/${f}`, text: readFileSync(dir(`portfolio/${f}`), 'utf8') }]),
);
const input = (periodicity: 'quarter' | 'month') => ({
  manifest: { name: 'manifest.csv', text: readFileSync(dir('portfolio/manifest.csv'), 'utf8') },
  files,
  asOf: '2027-03-31',
  periodicity,
  framework: { name: 'measures.csv', text: readFileSync(dir('valuation/measures.csv'), 'utf8') },
});

describe('portfolioFlow by period (examples/portfolio)', () => {
  it('lays the profiles onto months as onto quarters: the same due at the same dates', async () => {
    const q = await portfolioFlow(input('quarter'));
    const m = await portfolioFlow(input('month'));
    if (!q.ok || !m.ok) throw new Error('not rolled up');
    const months = m.document.periods;
    expect(months[0]?.period).toBe('2025-07');
    expect(months.at(-1)?.period).toBe('2028-06');
    // July 2025 is PK-2025-07's alone: 31 of 365 days of year 1 (4 FTE-years × £21,000 and
    // 20 tCO2e × £288.352) = £7,134.25 + £489.80
    expect(dec(months[0]?.dueValue ?? '0').toFixed(2)).toBe('7624.05');
    // The quarter ends carry the same cumulative due, to the penny
    expect(months.length).toBe(36);
    for (const qp of q.document.periods) {
      const mp = months.find((x) => x.end === qp.end);
      expect(dec(mp?.cumulative.dueValue ?? '0').toFixed(2), qp.period).toBe(
        dec(qp.cumulative.dueValue).toFixed(2),
      );
    }
    // And over the whole contract, exactly what is committed
    expect(months.at(-1)?.cumulative.dueValue).toBe(m.document.total.committedValue);
    expect(m.sha256).not.toBe(q.sha256);
    // The example's returns are quarterly: monthly monitoring refuses them, each with its line
    const coarse = m.issues.filter((i) => i.code === 'period_too_coarse');
    expect(coarse.length).toBeGreaterThan(0);
    expect(coarse.every((i) => i.file !== undefined && i.line !== undefined)).toBe(true);
    expect(months.every((p) => dec(p.deliveredValue).isZero())).toBe(true);
  });
});
