import { type Issue, issue } from '../issues/issues';
import type { Decimal } from '../money/decimal';
import {
  at,
  type Cell,
  type EvaluatorScored,
  isEvaluatorScored,
  shownScore,
  shownScoreBelow,
  shownShare,
  unscored,
  type Where,
  type Work,
} from './cells';
import { type CriterionNode, isOnScale, scaleMax } from './model';
import {
  type ConsensusOptions,
  consensus,
  DEFAULT_DIVERGENCE_THRESHOLD,
  type EvaluatorScore,
  type ModeratedScore,
  moderateScores,
} from './moderation';
import { codepointCompare } from './price';
import type { Criterion, EvaluationInput, EvaluationModel, Gate, Moderation, Score } from './schema';

/** The evaluator named on a scores row that records the agreed (moderated) score. */
export const MODERATED = 'moderated';

/**
 * Row numbers by bid, then criterion (a bid's rows for one criterion are found without scanning
 * and without a key string or wrapper object per row).
 */
export type RowIndex = Map<string, Map<string, number[]>>;

/**
 * Groups rows by bid and criterion, keeping their row numbers in input order.
 *
 * @example
 * ```ts
 * groupRows([{ bid: 'A', criterion: 'q' }, { bid: 'A', criterion: 'q' }]).get('A')?.get('q'); // [0, 1]
 * ```
 */
export function groupRows(rows: readonly { bid: string; criterion: string }[]): RowIndex {
  const m: RowIndex = new Map();
  rows.forEach((row, index) => {
    let byCriterion = m.get(row.bid);
    if (!byCriterion) {
      byCriterion = new Map();
      m.set(row.bid, byCriterion);
    }
    const list = byCriterion.get(row.criterion);
    if (list) list.push(index);
    else byCriterion.set(row.criterion, [index]);
  });
  return m;
}

const NONE: number[] = [];

/** The row numbers of one bid on one criterion. */
export function rowsOf(index: RowIndex, bid: string, criterion: string): number[] {
  return index.get(bid)?.get(criterion) ?? NONE;
}

/**
 * The references stage: keeps score, moderation and gate rows that name a known bid and a
 * criterion that takes them; every other row is an issue on its line (never dropped silently).
 *
 * @example
 * ```ts
 * const issues: Issue[] = [];
 * const rows = checkReferences(input, new Set(['A', 'B']), byId, issues);
 * rows.scores.length; // the rows that can be used
 * ```
 */
export function checkReferences(
  input: EvaluationInput,
  bidIds: ReadonlySet<string>,
  byId: ReadonlyMap<string, CriterionNode>,
  issues: Issue[],
): { scores: Score[]; moderation: Moderation[]; gates: Gate[] } {
  const keep = <T extends { bid: string; criterion: string; line?: number | undefined }>(
    rows: readonly T[],
    name: string,
    accepts: (c: Criterion) => boolean,
    what: string,
  ): T[] =>
    rows.filter((r, i) => {
      // Made only for a row with an issue: a big scores file has hundreds of thousands of rows.
      const where = () => at([name, i], r.line);
      if (!bidIds.has(r.bid)) {
        issues.push(
          issue(
            'unknown_bid',
            `${name} row ${i + 1} is for bid "${r.bid}", which is not among the bids: correct the bid id`,
            { ...where(), field: 'bid' },
          ),
        );
        return false;
      }
      const node = byId.get(r.criterion);
      if (!node) {
        issues.push(
          issue(
            'unknown_criterion',
            `${name} row ${i + 1} is for criterion "${r.criterion}", which is not in the model: correct the criterion id`,
            { ...where(), field: 'criterion' },
          ),
        );
        return false;
      }
      if (!accepts(node.criterion)) {
        issues.push(
          issue(
            'criterion_not_scorable',
            `${name} row ${i + 1} is for criterion "${r.criterion}" (${node.criterion.type}), which ${what}`,
            { ...where(), field: 'criterion' },
          ),
        );
        return false;
      }
      return true;
    });
  const evaluatorScored =
    'is not scored by evaluators (only quality and qualitative social value criteria are)';
  const scores = keep(input.scores, 'scores', isEvaluatorScored, evaluatorScored);
  const moderation = keep(input.moderation ?? [], 'moderation', isEvaluatorScored, evaluatorScored);
  const gates = keep(input.gates ?? [], 'gates', (c) => c.type === 'pass-fail', 'is not a pass/fail gate');
  return { scores, moderation, gates };
}

const prefixes = new Map<string, string>();
/** `E1: ` once per evaluator, not once per score (bounded for long-lived processes). */
function reasonPrefix(evaluator: string): string {
  const p = prefixes.get(evaluator);
  if (p !== undefined) return p;
  const made = `${evaluator}: `;
  if (prefixes.size < 10_000) prefixes.set(evaluator, made);
  return made;
}

/**
 * The recorded reasons of a cell: the moderated score's reason first, then each evaluator's
 * comment as `E1: comment`. Made when asked, from the scores the cell keeps.
 *
 * @example
 * ```ts
 * reasonsOf([{ evaluator: 'E1', score: dec(3), comment: 'Clear plan' }], null); // ['E1: Clear plan']
 * ```
 */
export function reasonsOf(scores: readonly EvaluatorScore[], moderated: ModeratedScore | null): string[] {
  const reasons: string[] = [];
  if (moderated) reasons.push(`Moderated: ${moderated.reason ?? 'no reason recorded'}`);
  for (const s of scores) if (s.comment) reasons.push(reasonPrefix(s.evaluator) + s.comment);
  return reasons;
}

/** A bid's scores on one criterion, checked: the evaluators' (by evaluator), the moderated one. */
export interface CheckedScores {
  scores: EvaluatorScore[];
  moderated: ModeratedScore | null;
  /** Where the moderated score came from (for its issues). */
  moderatedAt: Where | null;
  /** What is wrong, when the cell cannot be scored. */
  problem: string | null;
}

/**
 * The scores stage (per evaluator): a bid's score and moderation rows on one criterion, checked
 * — one score per evaluator, on the scale; at most one moderated score, on the scale; some
 * score at all. Each problem is an issue on its row.
 *
 * @example
 * ```ts
 * const checked = checkScores('A', criterion, input, scoreRows, [], issues);
 * checked.problem; // null, or e.g. 'a score off the scale'
 * ```
 */
export function checkScores(
  bidId: string,
  c: EvaluatorScored,
  input: EvaluationInput,
  scoreRows: readonly number[],
  modRows: readonly number[],
  issues: Issue[],
): CheckedScores {
  const rows = input.scores;
  const evaluatorRows = scoreRows.filter((i) => (rows[i] as Score).evaluator !== MODERATED);
  const moderatedRows: {
    score: Decimal;
    reason: string | null;
    moderator: string | null;
    at: string | null;
    where: Where;
  }[] = [
    ...scoreRows
      .filter((i) => (rows[i] as Score).evaluator === MODERATED)
      .map((i) => {
        const r = rows[i] as Score;
        return {
          score: r.score,
          reason: r.comment ?? null,
          moderator: null,
          at: null,
          where: at(['scores', i], r.line),
        };
      }),
    ...modRows.map((i) => {
      const m = (input.moderation ?? [])[i] as Moderation;
      return {
        score: m.score,
        reason: m.reason,
        moderator: m.moderator ?? null,
        at: m.at ?? null,
        where: at(['moderation', i], m.line),
      };
    }),
  ];
  const max = scaleMax(c.scale);
  let problem: string | null = null;
  const seen = new Set<string>();
  for (const i of evaluatorRows) {
    const s = rows[i] as Score;
    const where = () => at(['scores', i], s.line, 'score');
    if (seen.has(s.evaluator)) {
      issues.push(
        issue(
          'duplicate_score',
          `evaluator "${s.evaluator}" scored bid "${bidId}" on "${c.id}" more than once: keep one score (or record the agreed one as a moderated score)`,
          where(),
        ),
      );
      problem = 'duplicate evaluator scores';
    }
    seen.add(s.evaluator);
    if (!isOnScale(c.scale, s.score)) {
      issues.push(
        issue(
          'score_off_scale',
          `evaluator "${s.evaluator}" gave bid "${bidId}" ${s.score.toString()} on "${c.id}", which is not on its scale (${'max' in c.scale ? `0 to ${max.toString()}` : `levels ${c.scale.levels.map((l) => l.score.toString()).join(', ')}`}): correct the score`,
          where(),
        ),
      );
      problem = 'a score off the scale';
    }
  }
  if (moderatedRows.length > 1) {
    for (const m of moderatedRows.slice(1)) {
      issues.push(
        issue(
          'duplicate_moderation',
          `bid "${bidId}" has more than one moderated score on "${c.id}": keep the agreed one`,
          m.where,
        ),
      );
    }
    problem = 'more than one moderated score';
  }
  for (const m of moderatedRows) {
    if (!isOnScale(c.scale, m.score)) {
      issues.push(
        issue(
          'score_off_scale',
          `the moderated score ${m.score.toString()} for bid "${bidId}" on "${c.id}" is not on its scale: correct it`,
          { ...m.where, field: 'score' },
        ),
      );
      problem = 'a moderated score off the scale';
    }
  }
  const scores: EvaluatorScore[] = evaluatorRows
    .map((i) => {
      const s = rows[i] as Score;
      return { evaluator: s.evaluator, score: s.score, comment: s.comment ?? null };
    })
    .sort((a, b) => codepointCompare(a.evaluator, b.evaluator));
  const m0 = moderatedRows[0];
  const moderated: ModeratedScore | null = m0
    ? { score: m0.score, reason: m0.reason, moderator: m0.moderator, at: m0.at }
    : null;
  if (!problem && scores.length === 0 && !moderated) {
    issues.push(
      issue(
        'missing_score',
        `bid "${bidId}" has no score on "${c.id}" (${c.title}): add the evaluators' scores or a moderated score`,
        at(['scores'], undefined),
      ),
    );
    problem = 'no score';
  }
  return { scores, moderated, moderatedAt: m0?.where ?? null, problem };
}

/**
 * The consensus stage: the checked scores of a bid on one criterion made into its raw and
 * normalised score — the moderated score, else the mean or median — with the divergence flag
 * (and a warning when nobody moderated), the criterion's minimum (disqualification) and the
 * trace made on demand from the same scores.
 *
 * @example
 * ```ts
 * const cell = consensusCell(work, criterion, checkScores('A', criterion, input, rows, [], issues), model, issues);
 * cell.raw?.toString(); // '2.5'
 * ```
 */
export function consensusCell(
  w: Work,
  c: EvaluatorScored,
  checked: CheckedScores,
  model: EvaluationModel,
  issues: Issue[],
): Cell {
  const bidId = w.bid.bid;
  const { scores, moderated, problem } = checked;
  if (problem) {
    return unscored(`bid "${bidId}" has ${problem} on "${c.id}"`, `${c.title} (${problem})`, {
      scores,
      moderated,
      reasons: null,
    });
  }
  if (moderated && moderated.reason === null && checked.moderatedAt) {
    issues.push(
      issue(
        'moderation_reason_missing',
        `the moderated score for bid "${bidId}" on "${c.id}" has no reason: record why it was agreed (a comment)`,
        { ...checked.moderatedAt, severity: 'warning' },
      ),
    );
  }
  const max = scaleMax(c.scale);
  const options: ConsensusOptions = {
    scores,
    moderated,
    method: model.moderation ?? 'mean',
    ...(model.divergenceThreshold ? { divergenceThreshold: model.divergenceThreshold } : {}),
    scaleMax: max,
  };
  const outcome = consensus(options);
  if (outcome.divergent) {
    const spread = shownScore(outcome.spread as Decimal);
    const threshold = model.divergenceThreshold ?? DEFAULT_DIVERGENCE_THRESHOLD;
    w.flags.push({
      code: 'divergent-scores',
      criterion: c.id,
      message: `evaluators' scores on "${c.title}" differ by ${spread} (more than ${shownShare(threshold)} of the scale maximum ${max.toString()})${outcome.moderated ? '; a moderated score is recorded' : ': moderate them'}`,
    });
    if (!outcome.moderated) {
      issues.push(
        issue(
          'scores_diverge',
          `evaluators' scores for bid "${bidId}" on "${c.id}" differ by ${spread}: moderate them and record the agreed score with its reason`,
          { path: ['scores'], severity: 'warning' },
        ),
      );
    }
  }
  if (c.minimum && outcome.raw.lt(c.minimum)) {
    w.disqualify.push(
      `scored ${shownScoreBelow(outcome.raw, c.minimum)} on "${c.title}", below the minimum of ${c.minimum.toString()}`,
    );
  }
  const exact = outcome.exact.div(max);
  return {
    raw: outcome.raw,
    normalised: exact.toDecimal(),
    exact,
    // The same options give the same trace (moderateScores is consensus + its trace).
    trace: () => moderateScores(options).trace,
    gate: null,
    scores,
    moderated,
    reasons: null,
    missing: null,
  };
}
