import { describe, expect, it } from 'vitest';
import type { Issue } from '../issues/issues';
import type { Cell, Work } from './cells';
import { type Bid, BidSchema, type Criterion, type Gate, GateSchema } from './schema';
import { gateCell } from './stage-gates';

// The gates stage on its own: one bid's result on one pass/fail criterion.
const criterion = { id: 'cqc', title: 'CQC registration', type: 'pass-fail' } as Criterion;
const work = (): Work => ({
  bid: BidSchema.parse({ bid: 'A', bidder: 'Acme', price: '100' }) as Bid,
  index: 0,
  cells: new Map<string, Cell>(),
  disqualify: [],
  flags: [],
  socialValue: null,
  svMissing: null,
});
const gates = (...rows: Record<string, unknown>[]): Gate[] =>
  rows.map((r) => GateSchema.parse({ bid: 'A', criterion: 'cqc', ...r }) as Gate);
function run(rows: Gate[]) {
  const w = work();
  const issues: Issue[] = [];
  const cell = gateCell(
    w,
    criterion,
    rows,
    rows.map((_, i) => i),
    issues,
  );
  return { w, cell, issues };
}

describe('gateCell (gates stage)', () => {
  it('a pass keeps the bid in, with no issue and a trace saying passed', () => {
    const { w, cell, issues } = run(gates({ result: 'pass' }));
    expect(cell.gate).toBe('pass');
    expect(cell.missing).toBeNull();
    expect(cell.trace().formula).toBe('pass/fail gate: passed');
    expect(w.disqualify).toEqual([]);
    expect(issues).toEqual([]);
  });

  it('a failed gate disqualifies the bid with its reasons, sorted and de-duplicated', () => {
    const { w, cell, issues } = run(
      gates(
        { result: 'fail', reason: 'Not registered' },
        { result: 'fail', reason: 'Lapsed 2024' },
        { result: 'fail', reason: 'Not registered' },
      ),
    );
    expect(cell.gate).toBe('fail');
    expect(cell.reasons).toEqual(['Lapsed 2024', 'Not registered']);
    expect(w.disqualify).toEqual(['failed "CQC registration": Lapsed 2024; Not registered']);
    expect(cell.trace().inputs.reason).toEqual({ value: 'Lapsed 2024; Not registered' });
    expect(issues).toEqual([]);
  });

  it('a fail without a reason still disqualifies, with a warning on the reason field', () => {
    const { w, issues } = run(gates({ result: 'fail', line: 7 }));
    expect(w.disqualify).toEqual(['failed "CQC registration": no reason recorded']);
    expect(issues.map((i) => [i.code, i.severity, i.path, i.line, i.field])).toEqual([
      ['gate_reason_missing', 'warning', ['gates', 0], 7, 'reason'],
    ]);
  });

  it('no result leaves the cell unscored (incomplete, not disqualified) with an error', () => {
    const { w, cell, issues } = run([]);
    expect(cell.gate).toBeNull();
    expect(cell.missing).toBe('CQC registration (no pass/fail result)');
    expect(w.disqualify).toEqual([]);
    expect(issues.map((i) => i.code)).toEqual(['missing_gate']);
  });

  it('pass and fail on the same gate is a conflict on every row, and neither result is taken', () => {
    const { w, cell, issues } = run(
      gates({ result: 'pass', line: 2 }, { result: 'fail', reason: 'x', line: 3 }),
    );
    expect(cell.gate).toBeNull();
    expect(cell.missing).toBe('CQC registration (conflicting pass/fail results)');
    expect(w.disqualify).toEqual([]);
    expect(issues.map((i) => [i.code, i.line, i.field])).toEqual([
      ['conflicting_gate', 2, 'result'],
      ['conflicting_gate', 3, 'result'],
    ]);
  });
});
