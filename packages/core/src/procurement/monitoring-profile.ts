import { addMonths } from 'date-fns/addMonths';
import { addYears } from 'date-fns/addYears';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import { subDays } from 'date-fns/subDays';
import type { Decimal } from '../money/decimal';
import { dec, ZERO } from '../money/decimal';

/**
 * One window of a delivery profile: what is due between two dates (both inclusive), and what
 * was delivered in it. `source` says whether it comes from the commitments (by the measure's
 * counting rule) or from agreed milestones.
 *
 * @example
 * ```ts
 * const w: ProfileWindow = report.measures[0].profile[0];
 * [w.label, w.due.toString(), w.delivered.toString()]; // ['year 1', '4', '2']
 * ```
 */
export interface ProfileWindow {
  label: string;
  start: string;
  end: string;
  due: Decimal;
  cumulativeDue: Decimal;
  delivered: Decimal;
  cumulativeDelivered: Decimal;
  source: 'commitment' | 'milestone';
}

/**
 * A profile window while it is built: dates parsed, quantities not yet cumulated.
 *
 * @example
 * ```ts
 * const w: DraftWindow = { label: 'year 1', start, end, due: dec(4), source: 'commitment' };
 * ```
 */
export interface DraftWindow {
  label: string;
  start: Date;
  end: Date;
  due: Decimal;
  source: 'commitment' | 'milestone';
}

/** How expected delivery builds up inside a profile window. */
export type Accrual = 'pro-rata' | 'at-end';

const day = (d: Date) => format(d, 'yyyy-MM-dd');

/**
 * The windows of one commitment's profile: counted year k (k = 0 … counted years − 1) is the
 * contract year that starts `year − start year + k` years after the contract start (so a 2025
 * commitment on a contract from 1 April 2025 is due in April 2025 – March 2026), cut at the
 * contract end; with quarters, each year's quantity is split equally into its four quarters.
 * Windows that would start after the contract end are due by its last day. Internal.
 */
export function commitmentWindows(
  quantity: Decimal,
  year: number,
  countedYears: number,
  contract: { start: Date; end: Date },
  granularity: 'year' | 'quarter',
): { windows: DraftWindow[]; notes: string[] } {
  const notes: string[] = [];
  const startYear = contract.start.getFullYear();
  let first = year - startYear;
  if (first < 0) {
    notes.push(
      `the commitment's year ${year} is before the contract starts (${day(contract.start)}): due from contract year 1`,
    );
    first = 0;
  }
  const windows: DraftWindow[] = [];
  let late = false;
  const push = (label: string, s: Date, e: Date, due: Decimal) => {
    if (s > contract.end) {
      // windows on the same dates are merged later
      late = true;
      windows.push({
        label: 'by the contract end',
        start: contract.end,
        end: contract.end,
        due,
        source: 'commitment',
      });
      return;
    }
    windows.push({
      label,
      start: s,
      end: e > contract.end ? contract.end : e,
      due,
      source: 'commitment',
    });
  };
  for (let k = first; k < first + countedYears; k++) {
    const ys = addYears(contract.start, k);
    if (granularity === 'year')
      push(`year ${k + 1}`, ys, subDays(addYears(contract.start, k + 1), 1), quantity);
    else {
      const quarter = quantity.dividedBy(4);
      for (let q = 0; q < 4; q++) {
        push(
          `year ${k + 1} quarter ${q + 1}`,
          addMonths(ys, 3 * q),
          subDays(addMonths(ys, 3 * q + 3), 1),
          quarter,
        );
      }
    }
  }
  if (late)
    notes.push(
      `part of the commitment falls after the contract ends (${day(contract.end)}): it is due by the contract end`,
    );
  return { windows, notes };
}

/**
 * Milestone windows: each milestone's quantity is due from the day after the previous milestone
 * (the contract start for the first) to its own date. Milestones on one date add up. Internal.
 */
export function milestoneWindows(
  milestones: { due: Date; quantity: Decimal; label: string }[],
  contractStart: Date,
): DraftWindow[] {
  const byDate = new Map<number, { due: Date; quantity: Decimal; label: string }>();
  for (const m of milestones) {
    const k = m.due.getTime();
    const had = byDate.get(k);
    if (had) had.quantity = had.quantity.plus(m.quantity);
    else byDate.set(k, { ...m });
  }
  const sorted = [...byDate.values()].sort((a, b) => a.due.getTime() - b.due.getTime());
  let from = contractStart;
  return sorted.map((m) => {
    const w: DraftWindow = { label: m.label, start: from, end: m.due, due: m.quantity, source: 'milestone' };
    from = addDaysSafe(m.due);
    return w;
  });
}

function addDaysSafe(d: Date): Date {
  const n = new Date(d);
  n.setDate(n.getDate() + 1);
  return n;
}

/**
 * Merges windows with the same dates (several commitments of one measure) and sorts them by end
 * date, then start date. Internal.
 */
export function mergeWindows(windows: DraftWindow[]): DraftWindow[] {
  const byKey = new Map<string, DraftWindow>();
  for (const w of windows) {
    const key = `${w.start.getTime()}|${w.end.getTime()}`;
    const had = byKey.get(key);
    if (had) had.due = had.due.plus(w.due);
    else byKey.set(key, { ...w });
  }
  return [...byKey.values()].sort(
    (a, b) => a.end.getTime() - b.end.getTime() || a.start.getTime() - b.start.getTime(),
  );
}

/**
 * The share of a window due at a date: 1 once it has ended, 0 before it starts; inside it, the
 * days elapsed (both ends inclusive) ÷ its days under `pro-rata`, 0 under `at-end`. Internal.
 */
export function dueShare(w: { start: Date; end: Date }, at: Date, accrual: Accrual): Decimal {
  if (at >= w.end) return dec(1);
  if (at < w.start || accrual === 'at-end') return ZERO;
  const days = differenceInCalendarDays(w.end, w.start) + 1;
  const gone = differenceInCalendarDays(at, w.start) + 1;
  return dec(gone).dividedBy(days);
}

/**
 * The index of the window a delivery on `when` counts towards: the first window not ended
 * before it (early delivery counts towards the first one still open), else the last. Internal.
 */
export function windowOf(windows: readonly { end: Date }[], when: Date): number {
  const i = windows.findIndex((w) => w.end >= when);
  return i === -1 ? windows.length - 1 : i;
}

/** The window's dates as `YYYY-MM-DD` strings. Internal. */
export function windowDates(w: DraftWindow): { start: string; end: string } {
  return { start: day(w.start), end: day(w.end) };
}

/** Parses an ISO date (already validated). Internal. */
export const isoDate = (s: string): Date => parseISO(s);
