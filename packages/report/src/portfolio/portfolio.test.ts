import type { FrameworkInput } from '@commonweal/core/framework';
import {
  DeliveryInputSchema,
  monitorDelivery,
  type PortfolioContract,
  rollUpPortfolio,
  toPortfolioJson,
} from '@commonweal/core/procurement';
import { describe, expect, it } from 'vitest';
import { wellFormedProblems } from '../check/wellformed';
import { expectMdTablesConsistent, expectSelfContained, htmlTable } from '../reports/report-test-kit';
import { renderPortfolioHtml, renderPortfolioMarkdown } from './portfolio';

// Constructed measures and proxies (not published values): hand-checked arithmetic only.
const framework: FrameworkInput = {
  id: 'demo',
  title: 'Demo measures',
  currency: 'GBP',
  themes: [{ id: 'jobs', title: 'Jobs' }],
  measures: [
    {
      code: 'J1',
      title: 'Local jobs',
      theme: 'jobs',
      unit: 'FTE',
      proxy: {
        value: '1000',
        currency: 'GBP',
        priceYear: 2025,
        basis: 'per FTE-year',
        source: { title: 'Constructed test proxy', licence: 'CC0-1.0' },
      },
    },
  ],
};

// One contract, calendar years 2025–2026: 4 FTE-years due a year, pro rata by days; 1.5 delivered
// in 2025-Q1 and 1 in 2025-Q2, reported at 30 June 2025.
function doc() {
  const input = DeliveryInputSchema.parse({
    commitments: [{ measure: 'J1', quantity: 4, year: 2025, duration: 2 }],
    outcomes: [
      { measure: 'J1', quantity: 1.5, period: '2025-Q1' },
      { measure: 'J1', quantity: 1, period: '2025-Q2' },
    ],
    framework,
    contract: { start: '2025-01-01', end: '2026-12-31' },
    reportDate: '2025-06-30',
  });
  const fw = input.framework;
  const r = monitorDelivery(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const c: PortfolioContract = { contract: 'C1', supplier: 'S', area: null, report: r.value, framework: fw };
  const p = rollUpPortfolio([c]);
  if (!p.ok) throw new Error(JSON.stringify(p.issues));
  return toPortfolioJson(p.value, {
    sha256: 'x',
    periodicity: 'quarter',
    currency: 'GBP',
    counts: { read: 1, accepted: 1, rejected: 0 },
    issues: [],
  });
}

describe('portfolio report: by period', () => {
  const d = doc();
  const html = renderPortfolioHtml(d);
  const md = renderPortfolioMarkdown(d);

  it('tables due, delivered, shortfall and RAG in words per period', () => {
    const rows = htmlTable(
      html,
      'Due and delivered by reporting period (money; cumulative to each period end)',
    );
    // Q1: 4 × 90/365 × £1,000 = £986.30 due, £1,500 delivered → ahead £513.70, pace 1.52, green
    // Q2: 4 × 91/365 × £1,000 = £997.26 more; Σ £1,983.56 due, £2,500 delivered → ahead £516.44
    expect(rows.slice(1, 3)).toEqual([
      [
        '2025-Q1',
        '£986.30',
        '£1,500.00',
        '£986.30',
        '£1,500.00',
        'ahead £513.70',
        '1.52',
        'GREEN (value)',
        '–',
      ],
      [
        '2025-Q2',
        '£997.26',
        '£1,000.00',
        '£1,983.56',
        '£2,500.00',
        'ahead £516.44',
        '1.26',
        'GREEN (value)',
        '–',
      ],
    ]);
    // After the report date: due only
    expect(rows[3]).toEqual([
      '2025-Q3',
      '£1,008.22',
      '–',
      '£2,991.78',
      '–',
      '–',
      '–',
      'forward (due only)',
      '–',
    ]);
    expect(rows.at(-1)?.[3]).toBe('£8,000.00'); // all committed: 8 FTE-years × £1,000
  });

  it('draws the trajectory and stays well-formed, self-contained and deterministic', () => {
    expect(wellFormedProblems(html)).toEqual([]);
    expectSelfContained(html);
    expect(html).toContain('Social value due and delivered, cumulative by period');
    expect(renderPortfolioHtml(doc())).toBe(html);
    expectMdTablesConsistent(md);
    expect(md).toContain('| 2025-Q1 |');
    expect(md).not.toContain('commitments are profiled by contract year, not by reporting period');
  });
});
