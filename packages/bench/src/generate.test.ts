import { Dec as Decimal } from '@commonweal/core/money';
import { parseEvaluationInput } from '@commonweal/core/procurement';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registerCsv, sizedLines, supplierRecords, tender, tenderFiles, weights } from './generate';

describe('weights', () => {
  it('sums to the total exactly, in hundredths', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.constantFrom(100, 60, 30), (n, total) => {
        const w = weights(n, total);
        expect(w).toHaveLength(n);
        expect(w.reduce((a, x) => a.plus(x), new Decimal(0)).toFixed(2)).toBe(total.toFixed(2));
        for (const x of w) expect(x).toMatch(/^\d+\.\d\d$/);
      }),
    );
  });
});

describe('tender', () => {
  const t = tender({ bids: 4, criteria: 62, evaluators: 3 }, 1);
  const criteria = t.model.criteria as {
    id: string;
    type: string;
    weight: string;
    criteria?: { id: string }[];
  }[];

  it('has as many top-level criteria as asked, some of them groups of sub-criteria', () => {
    expect(criteria).toHaveLength(62);
    const groups = criteria.filter((c) => c.type === 'group');
    expect(groups).toHaveLength(15);
    for (const g of groups) expect(g.criteria).toHaveLength(3);
    expect(criteria.reduce((a, c) => a.plus(c.weight), new Decimal(0)).toFixed(2)).toBe('100.00');
  });

  it('is a valid evaluation input with every leaf scored by every evaluator on every bid', () => {
    const parsed = parseEvaluationInput(t);
    expect(parsed.ok).toBe(true);
    // 60 quality top-levels: 45 plain + 15 groups × 3 = 90 leaves, and social value
    expect(t.scores).toHaveLength(4 * 3 * 91);
  });

  it('is the same for the same seed', () => {
    expect(tender({ bids: 4, criteria: 62, evaluators: 3 }, 1)).toEqual(t);
  });

  it('writes the files commonweal evaluate reads, one line a bid and a score', () => {
    const f = tenderFiles(t);
    expect(f.bids.split('\n')[0]).toBe('bid,bidder,price');
    expect(f.bids.trimEnd().split('\n')).toHaveLength(5);
    expect(f.scores.split('\n')[0]).toBe('bid,criterion,evaluator,score,comment');
    expect(f.scores.trimEnd().split('\n')).toHaveLength(1 + 4 * 3 * 91);
    expect(JSON.parse(f.model)).toEqual(t.model);
  });
});

describe('registerCsv', () => {
  it('writes the register header and one row a supplier', () => {
    const lines = registerCsv(supplierRecords(7)).trimEnd().split('\n');
    expect(lines[0]).toBe('supplier_id,supplier_name,postcode,sme,vcse,cooperative');
    expect(lines).toHaveLength(3001);
    expect(lines[1]).toMatch(/^100000,Supplier 1 Ltd,/);
  });
});

describe('sizedLines', () => {
  it('makes files of exactly the size asked, as JSON and CSV', () => {
    for (const n of [11, 12, 100, 101, 1000, 70_001])
      for (const kind of ['json', 'csv'] as const) {
        const text = [...sizedLines(n, kind)].join('');
        expect(Buffer.byteLength(text), `${kind} ${n}`).toBe(n);
        if (kind === 'json') expect(JSON.parse(text).pad.length).toBe(n - 11);
        else expect(text.startsWith('pad\n') && text.endsWith('\n')).toBe(true);
      }
  });
});
