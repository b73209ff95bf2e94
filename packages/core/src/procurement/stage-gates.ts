import { type Issue, issue } from '../issues/issues';
import type { Trace, TraceInput } from '../trace/trace';
import { at, type Cell, unscored, type Work } from './cells';
import { codepointCompare } from './price';
import type { Criterion, Gate } from './schema';

/**
 * The gates stage: a bid's pass/fail result on one gate, from its gate rows. A fail disqualifies
 * the bid with its reasons; no result, or both pass and fail, leaves the cell unscored (the bid
 * is incomplete) with an issue on the rows.
 *
 * @example
 * ```ts
 * const cell = gateCell(work, { id: 'cqc', title: 'CQC', type: 'pass-fail' }, gates, [0], issues);
 * cell.gate; // 'pass'
 * ```
 */
export function gateCell(
  w: Work,
  c: Criterion,
  gates: readonly Gate[],
  rowNumbers: readonly number[],
  issues: Issue[],
): Cell {
  const bidId = w.bid.bid;
  const rows = rowNumbers.map((index) => ({ row: gates[index] as Gate, index }));
  if (rows.length === 0) {
    issues.push(
      issue(
        'missing_gate',
        `bid "${bidId}" has no result for the pass/fail criterion "${c.id}" (${c.title}): record pass or fail, with the reason`,
        { path: ['gates'] },
      ),
    );
    return unscored('no pass/fail result recorded', `${c.title} (no pass/fail result)`);
  }
  const results = new Set(rows.map((r) => r.row.result));
  const reasons = [...new Set(rows.map((r) => r.row.reason).filter((r): r is string => !!r))].sort(
    codepointCompare,
  );
  if (results.size > 1) {
    for (const r of rows)
      issues.push(
        issue(
          'conflicting_gate',
          `bid "${bidId}" has both pass and fail on "${c.id}": agree one result`,
          at(['gates', r.index], r.row.line, 'result'),
        ),
      );
    return unscored('conflicting pass/fail results', `${c.title} (conflicting pass/fail results)`, {
      reasons,
    });
  }
  const result = (rows[0] as { row: Gate }).row.result;
  if (result === 'fail') {
    if (reasons.length === 0) {
      const r0 = rows[0] as { row: Gate; index: number };
      issues.push(
        issue(
          'gate_reason_missing',
          `bid "${bidId}" failed "${c.id}" without a reason: record why (it goes into the assessment summary)`,
          { ...at(['gates', r0.index], r0.row.line, 'reason'), severity: 'warning' },
        ),
      );
    }
    w.disqualify.push(`failed "${c.title}": ${reasons.length ? reasons.join('; ') : 'no reason recorded'}`);
  }
  const inputs: Record<string, TraceInput> = { result: { value: result } };
  if (reasons.length) inputs.reason = { value: reasons.join('; ') };
  const trace: Trace = {
    formula:
      result === 'pass' ? 'pass/fail gate: passed' : 'pass/fail gate: failed, so the bid is disqualified',
    inputs,
    result,
  };
  return {
    raw: null,
    normalised: null,
    exact: null,
    trace: () => trace,
    gate: result,
    scores: [],
    moderated: null,
    reasons,
    missing: null,
  };
}
