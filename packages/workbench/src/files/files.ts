import type { Issue } from '@commonweal/core/issues';
import { csvStringify } from '@commonweal/csv';
import { canonicalStringify, ocdsSkeleton } from '@commonweal/json';
import { emptyState, type WorkbenchState } from '../state/state';

/** One file the workbench exports: its name and text. */
export interface ExportedFile {
  name: string;
  text: string;
}

/**
 * The model as the CLI reads it: the model's JSON, two-space indented, with a final newline.
 *
 * @example
 * ```ts
 * modelText(state.model).startsWith('{\n  "id"'); // true
 * ```
 */
export function modelText(model: WorkbenchState['model']): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}

/**
 * The tender as the files `commonweal evaluate` reads: `model.json`, `bids.csv`, `scores.csv`,
 * and `gates.csv` and `moderation.csv` when there are any, rows in a stable order (bid,
 * criterion, evaluator) so the same tender gives the same bytes.
 *
 * @example
 * ```ts
 * tenderFiles(state).map((f) => f.name); // ['model.json', 'bids.csv', 'scores.csv', 'gates.csv', 'moderation.csv']
 * ```
 */
export function tenderFiles(state: WorkbenchState): ExportedFile[] {
  const order = new Map(state.bids.map((b, i) => [b.bid, i]));
  const crit = new Map<string, number>();
  const walk = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const c of list as { id: string; criteria?: unknown }[]) {
      crit.set(c.id, crit.size);
      walk(c.criteria);
    }
  };
  walk(state.model.criteria);
  const byCell = <T extends { bid: string; criterion: string }>(a: T, b: T) =>
    (order.get(a.bid) ?? 0) - (order.get(b.bid) ?? 0) ||
    (crit.get(a.criterion) ?? 0) - (crit.get(b.criterion) ?? 0);
  const files: ExportedFile[] = [
    { name: 'model.json', text: modelText(state.model) },
    {
      name: 'bids.csv',
      text: csvStringify([['bid', 'bidder', 'price'], ...state.bids.map((b) => [b.bid, b.bidder, b.price])]),
    },
    {
      name: 'scores.csv',
      text: csvStringify([
        ['bid', 'criterion', 'evaluator', 'score', 'comment'],
        ...[...state.scores]
          .sort(
            (a, b) => byCell(a, b) || (a.evaluator < b.evaluator ? -1 : a.evaluator > b.evaluator ? 1 : 0),
          )
          .map((s) => [s.bid, s.criterion, s.evaluator, s.score, s.comment]),
      ]),
    },
  ];
  if (state.gates.length)
    files.push({
      name: 'gates.csv',
      text: csvStringify([
        ['bid', 'criterion', 'result', 'reason'],
        ...[...state.gates].sort(byCell).map((g) => [g.bid, g.criterion, g.result, g.reason]),
      ]),
    });
  if (state.moderation.length)
    files.push({
      name: 'moderation.csv',
      text: csvStringify([
        ['bid', 'criterion', 'score', 'reason'],
        ...[...state.moderation].sort(byCell).map((m) => [m.bid, m.criterion, m.score, m.reason]),
      ]),
    });
  return files;
}

/**
 * The whole workbench as one JSON file (canonical: sorted keys, so the same state gives the
 * same bytes).
 *
 * @example
 * ```ts
 * stateText(emptyState()).includes('"format":"commonweal.workbench.v1"'); // true
 * ```
 */
export function stateText(state: WorkbenchState): string {
  return `${canonicalStringify(state)}\n`;
}

/**
 * A workbench started from an OCDS release (or package): the first lot's model skeleton and its
 * evaluated bids, with the importer's issues (each with its JSON path). Bids without a price get
 * an issue and are left for the commissioner to add.
 *
 * @example
 * ```ts
 * const r = fromOcds(text, 'release.json');
 * if (r.ok) r.state.model.criteria; // the award criteria as a model
 * ```
 */
export function fromOcds(
  text: string,
  file = 'release.json',
): { ok: true; state: WorkbenchState; issues: Issue[] } | { ok: false; issues: Issue[] } {
  const r = ocdsSkeleton(text, { file });
  if (!r.ok) return { ok: false, issues: r.issues };
  const lot = r.value.lots[0];
  const issues = [...r.issues];
  if (!lot)
    return {
      ok: false,
      issues: [...issues, { code: 'no_lot', message: `${file} has no tender to evaluate`, file }],
    };
  const state = emptyState();
  state.model = structuredClone(lot.model) as unknown as WorkbenchState['model'];
  for (const b of lot.bids) {
    if (b.price === null) {
      issues.push({
        code: 'bid_without_price',
        message: `bid "${b.bid}" (${b.bidder}) has no price in ${file}: add it on the Bids step`,
        file,
        severity: 'warning',
      });
    }
    state.bids.push({ bid: b.bid, bidder: b.bidder, price: b.price ?? '0' });
  }
  return { ok: true, state, issues };
}
