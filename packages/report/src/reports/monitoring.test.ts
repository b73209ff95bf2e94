import { dec } from '@commonweal/core/money';
import { DeliveryInputSchema, type DeliveryReport, monitorDelivery } from '@commonweal/core/procurement';
import { describe, expect, it } from 'vitest';
import { renderMonitoringHtml, renderMonitoringMarkdown, trajectoryPoints } from './monitoring';
import {
  expectHeadingOrder,
  expectMdTablesConsistent,
  expectSelfContained,
  htmlHeadings,
  htmlTable,
  mdHeadings,
  visibleText,
} from './report-test-kit';

// Two commitments on a two-year contract from 1 April 2026, at 31 March 2027 (end of year 1):
// J1 12 a year for 2 years (12 due by now, 9 delivered → pace 0.75, amber); N1 4 with
// milestones 1 by 30 Sep 2026 and 3 by 31 Mar 2027 (4 due, 1 delivered → 0.25, red).
function fixture(accrual: 'pro-rata' | 'at-end' = 'pro-rata'): DeliveryReport {
  const r = monitorDelivery(
    DeliveryInputSchema.parse({
      commitments: [
        { measure: 'J1', quantity: '12', year: 2026, duration: 2 },
        { measure: 'N1', quantity: '4', year: 2026, duration: 1 },
      ],
      outcomes: [
        { measure: 'J1', quantity: '4', period: '2026-Q3', evidence: 'payroll Sep', line: 2 },
        { measure: 'J1', quantity: '5', period: '2027-Q1', evidence: 'payroll Mar', line: 3 },
        { measure: 'N1', quantity: '1', period: '2026-Q4', line: 4 },
      ],
      milestones: [
        { measure: 'N1', quantity: '1', date: '2026-09-30' },
        { measure: 'N1', quantity: '3', date: '2027-03-31' },
      ],
      contract: { start: '2026-04-01', end: '2028-03-31' },
      reportDate: '2027-03-31',
      profile: { granularity: 'year', accrual },
    }),
  );
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.value;
}

const options = { sha256: 'ab'.repeat(32), bid: 'B1', issues: [] };
const report = fixture();
const html = renderMonitoringHtml(report, options);
const md = renderMonitoringMarkdown(report, options);
const pts = (list: { x: { toString(): string }; y: { toString(): string } }[]) =>
  list.map((p) => [p.x.toString(), p.y.toString()]);

describe('trajectoryPoints', () => {
  it('expected is the cumulative due at each window end (in years from the start); delivered per period', () => {
    const j1 = report.measures.find((m) => m.measure === 'J1');
    if (!j1) throw new Error('no J1');
    const t = trajectoryPoints(report, j1);
    // year 1 ends after 365 days (365 ÷ 365.25 = 0.999), year 2 after 731 (2.001)
    expect(pts(t.expected)).toEqual([
      ['0', '0'],
      ['0.999', '12'],
      ['2.001', '24'],
    ]);
    // quarter ends 30 Jun (91 days), 30 Sep (183), 31 Dec (275), 31 Mar (365)
    expect(pts(t.delivered)).toEqual([
      ['0', '0'],
      ['0.249', '0'],
      ['0.501', '4'],
      ['0.753', '4'],
      ['0.999', '9'],
    ]);
  });

  it('steps up at each window end under at-end accrual', () => {
    const r = fixture('at-end');
    const n1 = r.measures.find((m) => m.measure === 'N1');
    if (!n1) throw new Error('no N1');
    expect(pts(trajectoryPoints(r, n1).expected)).toEqual([
      ['0', '0'],
      ['0.5', '0'],
      ['0.501', '1'],
      ['0.998', '1'],
      ['0.999', '4'],
    ]);
  });
});

describe('renderMonitoringHtml / renderMonitoringMarkdown', () => {
  it('is one well-formed, self-contained, deterministic page with a trajectory chart per commitment', () => {
    expectSelfContained(html);
    expect(html).not.toContain('<script');
    expect(renderMonitoringHtml(fixture(), options)).toBe(html);
    expect(renderMonitoringMarkdown(fixture(), options)).toBe(md);
    const h = htmlHeadings(html);
    expectHeadingOrder(h.map((x) => Number(x[0])));
    expect(mdHeadings(md)).toEqual(h);
    expect((html.match(/<svg role="img"/g) ?? []).length).toBe(2);
    expectMdTablesConsistent(md);
  });

  it('states each status in words (not by colour alone) and the rule behind it', () => {
    const rows = htmlTable(html, 'Delivery by measure');
    expect(rows.slice(1).map((r) => [r[0], r[4], r[5], r[6]])).toEqual([
      ['J1', '12.00', '0.75', 'AMBER (behind)'],
      ['N1', '4.00', '0.25', 'RED (well behind)'],
    ]);
    const t = visibleText(html);
    expect(t).toContain('pace = delivered ÷ expected; green at pace ≥ 0.9, amber ≥ 0.7, else red');
    expect(t).toContain('N1: RED (well behind) — expected (profile) against delivered, cumulative.');
  });

  it('lists each commitment’s profile and its returns with their evidence references', () => {
    expect(htmlTable(html, 'N1: delivery profile (milestones)').slice(1)).toEqual([
      ['by 2026-09-30', '2026-04-01', '2026-09-30', '1', '1', '0', '0'],
      ['by 2027-03-31', '2026-10-01', '2027-03-31', '3', '4', '1', '1'],
    ]);
    expect(htmlTable(html, 'J1: supplier returns and their evidence').slice(1)).toEqual([
      ['2026-Q3', 'period', '4', '4', 'payroll Sep', '2'],
      ['2027-Q1', 'period', '5', '5', 'payroll Mar', '3'],
    ]);
    expect(htmlTable(html, 'N1: supplier returns and their evidence')[1]?.[4]).toBe('(none given)');
    expect(report.measures[0]?.committed.eq(dec(24))).toBe(true);
  });
});
