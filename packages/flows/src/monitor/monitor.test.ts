import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { issue } from '@commonweal/core/issues';
import { dec } from '@commonweal/core/money';
import type { Entry } from '@commonweal/core/valuation';
import { hashInputs } from '@commonweal/json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentText } from '../document/document';
import { chooseBid, locateDeliveryIssues, type MonitorFlowInput, monitorFlow } from './monitor';

const EXAMPLES = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const text = (path: string) => readFileSync(join(EXAMPLES, path), 'utf8');
const input = (path: string) => ({ name: path, text: text(path) });
const base = (): MonitorFlowInput => ({
  commitments: input('tender/commitments.csv'),
  outcomes: input('tender/returns.csv'),
  milestones: input('tender/milestones.csv'),
  framework: input('valuation/measures.csv'),
  contract: { start: '2026-04-01', end: '2028-03-31' },
  asOf: '2027-03-31',
  bid: 'B1',
});

describe('monitorFlow on the example contract (examples/tender, bid B1)', () => {
  it('monitors EX-NEET against its milestones and the rest against their commitments (hand-checked)', async () => {
    const r = await monitorFlow(base());
    if (!r.ok) throw new Error(r.headline);
    const neet = r.document.measures.find((m) => m.measure === 'EX-NEET');
    // milestones 1 by 2026-09-30, 1 by 2026-12-31, 2 by 2027-03-31: all 4 due at the report date; 2 delivered
    expect(neet?.profileBasis).toBe('milestones');
    expect(
      neet?.profile.map((w) => [w.end, w.due, w.cumulativeDue, w.delivered, w.cumulativeDelivered]),
    ).toEqual([
      ['2026-09-30', '1', '1', '1', '1'],
      ['2026-12-31', '1', '2', '1', '2'],
      ['2027-03-31', '2', '4', '0', '2'],
    ]);
    expect([neet?.expected, neet?.delivered, neet?.pace, neet?.status]).toEqual(['4', '2', '0.5', 'red']);
    expect(neet?.trace.formula).toContain('green ≥ 0.9, amber ≥ 0.7, else red');
    // EX-JOB: 12.5 FTE-years due in contract year 1 (ending on the report date), 11 delivered → 0.88, amber
    const job = r.document.measures.find((m) => m.measure === 'EX-JOB');
    expect([job?.profileBasis, job?.expected, job?.delivered, job?.pace, job?.status]).toEqual([
      'commitments',
      '12.5',
      '11',
      '0.88',
      'amber',
    ]);
    expect(r.document.milestones).toEqual({ read: 3, accepted: 3, rejected: 0 });
    expect(r.document.bid).toBe('B1');
  });

  it('keeps each return with its evidence reference and line; a blank reference is counted', async () => {
    const r = await monitorFlow(base());
    if (!r.ok) throw new Error(r.headline);
    const neet = r.document.measures.find((m) => m.measure === 'EX-NEET');
    expect(neet?.returns).toEqual([
      {
        when: '2026-Q3',
        basis: 'period',
        reported: '1',
        counted: '1',
        evidence: 'programme register PR-0142',
        line: 6,
      },
      {
        when: '2026-Q4',
        basis: 'period',
        reported: '1',
        counted: '1',
        evidence: 'programme register PR-0157',
        line: 7,
      },
      { when: '2027-Q1', basis: 'period', reported: '0', counted: '0', evidence: null, line: 8 },
    ]);
    expect(neet?.withoutEvidence).toBe(1);
    expect(r.counts['tender/returns.csv']).toEqual({ read: 13, accepted: 13, rejected: 0, blank: 0 });
  });

  it('hashes the input texts with the options; milestones only when given, so older hashes stand', async () => {
    const r = await monitorFlow(base());
    if (!r.ok) throw new Error(r.headline);
    expect(r.sha256).toBe(
      hashInputs({
        commitments: text('tender/commitments.csv'),
        outcomes: text('tender/returns.csv'),
        framework: text('valuation/measures.csv'),
        milestones: text('tender/milestones.csv'),
        options: {
          bid: 'B1',
          start: '2026-04-01',
          end: '2028-03-31',
          asOf: '2027-03-31',
          periodicity: 'quarter',
        },
      }),
    );
    const { milestones: _, ...without } = base();
    const w = await monitorFlow({ ...without, outcomes: input('tender/outcomes.csv') });
    if (!w.ok) throw new Error(w.headline);
    expect(w.sha256).toBe(
      hashInputs({
        commitments: text('tender/commitments.csv'),
        outcomes: text('tender/outcomes.csv'),
        framework: text('valuation/measures.csv'),
        options: {
          bid: 'B1',
          start: '2026-04-01',
          end: '2028-03-31',
          asOf: '2027-03-31',
          periodicity: 'quarter',
        },
      }),
    );
  });

  it('gives the same bytes for text and for bytes of the same files', async () => {
    const a = await monitorFlow(base());
    const enc = (t: { name: string; text: string | Uint8Array }) => ({
      name: t.name,
      text: new TextEncoder().encode(t.text as string),
    });
    const b0 = base();
    const b = await monitorFlow({
      ...b0,
      commitments: enc(b0.commitments),
      outcomes: enc(b0.outcomes),
      milestones: enc(b0.milestones as { name: string; text: string }),
    });
    if (!a.ok || !b.ok) throw new Error('not ok');
    expect(documentText(b.document)).toBe(documentText(a.document));
  });

  it('locates milestone issues on the milestones file and fails without a bid to choose', async () => {
    const r = await monitorFlow({
      ...base(),
      milestones: { name: 'm.csv', text: 'measure,quantity,date\nEX-NEET,4,2027-03-31\nNOPE,1,2026-06-30\n' },
    });
    if (!r.ok) throw new Error(r.headline);
    expect(r.issues.map((i) => [i.code, i.file, i.line])).toEqual([['milestone_not_committed', 'm.csv', 3]]);
    const { bid: _, ...noBid } = base();
    const f = await monitorFlow(noBid);
    expect(f.ok).toBe(false);
    if (!f.ok) expect(f.issues.map((i) => i.code)).toEqual(['bid_required']);
  });
});

describe('chooseBid', () => {
  const rows = (bids: string[]): Entry[] =>
    bids.map((bid) => ({ bid, measure: 'M', quantity: dec(1), year: 2026 }) as Entry);

  it('keeps exactly the rows of the bid chosen, in order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('B1', 'B2', 'B3'), { minLength: 1, maxLength: 30 }), (bids) => {
        const wanted = bids[0] as string;
        const r = chooseBid(rows(bids), wanted, 'c.csv');
        expect(r.bid).toBe(wanted);
        expect(r.commitments.length).toBe(bids.filter((b) => b === wanted).length);
        expect(r.commitments.every((e) => e.bid === wanted)).toBe(true);
      }),
    );
  });

  it('throws a located fatal for a bid the file lacks', () => {
    expect(() => chooseBid(rows(['B1']), 'B9', 'c.csv')).toThrow(
      '--bid B9: c.csv has no commitments for it (bids: B1)',
    );
  });
});

describe('locateDeliveryIssues', () => {
  it('puts the file and line of the row an issue names; other issues pass unchanged', () => {
    const out = locateDeliveryIssues(
      [
        issue('outcome_after_end', 'x', { path: ['outcomes', 1] }),
        issue('milestone_negative', 'y', { path: ['milestones', 0] }),
        issue('price_year_required', 'z', { path: ['priceYear'] }),
      ],
      {
        outcomes: { file: 'o.csv', rows: [{ line: 2 }, { line: 5 }] },
        milestones: { file: 'm.csv', rows: [{ line: 3 }] },
      },
    );
    expect(out.map((i) => [i.code, i.file, i.line])).toEqual([
      ['outcome_after_end', 'o.csv', 5],
      ['milestone_negative', 'm.csv', 3],
      ['price_year_required', undefined, undefined],
    ]);
  });
});
