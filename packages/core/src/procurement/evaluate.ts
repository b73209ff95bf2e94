import { fail, hasErrors, type Issue, issue, ok, type Result } from '../issues/issues';
import { fromZodError } from '../issues/zod';
import { Dec, type Decimal, dec, sum, ZERO } from '../money/decimal';
import { Rational } from '../money/rational';
import { formatMoney, formatPercent, type RoundingPolicy, round, SCORE_ROUNDING } from '../money/round';
import { type Explained, explain, type Trace, type TraceInput } from '../trace/trace';
import type { Entry } from '../valuation/schema';
import { type CriterionNode, checkModel, flattenCriteria, isOnScale, scaleMax } from './model';
import {
  combineScores,
  DEFAULT_DIVERGENCE_THRESHOLD,
  type EvaluatorScore,
  type ModeratedScore,
  moderateScores,
} from './moderation';
import { codepointCompare, scorePrices } from './price';
import {
  type Bid,
  type Criterion,
  type EvaluationInput,
  EvaluationInputSchema,
  type Gate,
  type Moderation,
  type QuantitativeSocialValueCriterion,
  type Score,
} from './schema';
import { type WeightSensitivity, weightSensitivity } from './sensitivity';
import { scoreSocialValue, valueCommitments } from './social-value';
import type { BidEvaluation, BidFlag, CriterionResult, RankedBid, TenderEvaluation } from './types';

const HUNDRED = dec(100);
const MODERATED = 'moderated';

type Where = Omit<Issue, 'code' | 'message'>;

// Messages are for people: money as money, shares as percentages, scores to 2 places. The
// figures at full precision stay in the traces.
const SCORE_FLOOR: RoundingPolicy = { ...SCORE_ROUNDING, name: 'score-floor-2dp', mode: Dec.ROUND_FLOOR };

/** A score for a message: 2 places half-up, trailing zeros dropped (3.00 → 3). */
function shownScore(v: Decimal): string {
  return dec(round(v, SCORE_ROUNDING)).toString();
}

/** A share (fraction) as a percentage with as few places as it needs, at most 2 (0.85 → 85%). */
function shownShare(fraction: Decimal): string {
  return formatPercent(fraction, Math.min(2, fraction.times(100).decimalPlaces()));
}

/**
 * A score below a limit, for a message: rounded as usual unless that would reach the limit
 * (3.996 against 4), then cut down to 2 places (3.99), so the message never contradicts itself.
 */
function shownScoreBelow(v: Decimal, limit: Decimal): string {
  const s = shownScore(v);
  return dec(s).lt(limit) ? s : dec(round(v, SCORE_FLOOR)).toString();
}

/** Money below a limit, for a message: to the penny, cut down (not up) when rounding would reach the limit. */
function moneyBelow(v: Decimal, limit: Decimal, currency: string): string {
  return v.toDecimalPlaces(2, Dec.ROUND_HALF_UP).lt(limit)
    ? formatMoney(v, currency)
    : formatMoney(v.toDecimalPlaces(2, Dec.ROUND_FLOOR), currency);
}

/** Two different amounts for a message: to the penny, or in full when the pennies would hide the difference. */
function moneyPair(a: Decimal, b: Decimal, currency: string): [string, string] {
  const fa = formatMoney(a, currency);
  const fb = formatMoney(b, currency);
  return fa !== fb ? [fa, fb] : [`${a.toString()} ${currency}`, `${b.toString()} ${currency}`];
}

function at(path: (string | number)[], line: number | undefined, field?: string): Where {
  const w: Where = { path };
  if (line !== undefined) w.line = line;
  if (field !== undefined) w.field = field;
  return w;
}

/** A bid's result on a leaf criterion before weighting. */
interface Cell {
  raw: Decimal | null;
  normalised: Decimal | null;
  /** The normalised score as an exact fraction (ranking and totals use it). */
  exact: Rational | null;
  rawTrace: Trace;
  gate: 'pass' | 'fail' | null;
  scores: EvaluatorScore[];
  moderated: ModeratedScore | null;
  reasons: string[];
  /** Why the cell has no score (for the incomplete flag). */
  missing: string | null;
}

function scoredCell(raw: Decimal, normalised: Decimal, exact: Rational, rawTrace: Trace): Cell {
  return {
    raw,
    normalised,
    exact,
    rawTrace,
    gate: null,
    scores: [],
    moderated: null,
    reasons: [],
    missing: null,
  };
}

/** Locates a price issue (from scorePrices / scoreSocialValue, which know no positions) on its bid. */
function locate(i: Issue, bidIndex: ReadonlyMap<string, number>): Issue {
  const m = /bid "([^"]*)"/.exec(i.message);
  const idx = m ? bidIndex.get(m[1] as string) : undefined;
  return idx === undefined || i.path ? i : { ...i, path: ['bids', idx, 'price'] };
}

function unscored(reason: string, missing: string | null, extra: Partial<Cell> = {}): Cell {
  return {
    raw: null,
    normalised: null,
    exact: null,
    rawTrace: { formula: `not scored: ${reason}`, inputs: {}, result: 'not scored' },
    gate: null,
    scores: [],
    moderated: null,
    reasons: [],
    missing,
    ...extra,
  };
}

interface Work {
  bid: Bid;
  index: number;
  cells: Map<string, Cell>;
  disqualify: string[];
  flags: BidFlag[];
  socialValue: Explained | null;
  svMissing: string | null;
}

const key = (bid: string, criterion: string) => `${bid}\u0000${criterion}`;

const prefixes = new Map<string, string>();
/** `E1: ` once per evaluator, not once per score (bounded for long-lived processes). */
function reasonPrefix(evaluator: string): string {
  const p = prefixes.get(evaluator);
  if (p !== undefined) return p;
  const made = `${evaluator}: `;
  if (prefixes.size < 10_000) prefixes.set(evaluator, made);
  return made;
}

function groupRows<T extends { bid: string; criterion: string }>(
  rows: readonly T[],
): Map<string, { row: T; index: number }[]> {
  const m = new Map<string, { row: T; index: number }[]>();
  rows.forEach((row, index) => {
    const k = key(row.bid, row.criterion);
    const list = m.get(k);
    if (list) list.push({ row, index });
    else m.set(k, [{ row, index }]);
  });
  return m;
}

function isEvaluatorScored(c: Criterion): c is Extract<Criterion, { scale: unknown }> {
  return c.type === 'quality' || (c.type === 'social-value' && c.mode === 'qualitative');
}

/** Checks score, moderation and gate rows refer to known bids and suitable criteria. */
function checkReferences(
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

function scoreByEvaluators(
  w: Work,
  c: Extract<Criterion, { scale: unknown }>,
  scoreRows: { row: Score; index: number }[],
  modRows: { row: Moderation; index: number }[],
  input: EvaluationInput,
  issues: Issue[],
): Cell {
  const bidId = w.bid.bid;
  const evaluatorRows = scoreRows.filter((s) => s.row.evaluator !== MODERATED);
  const moderatedRows: {
    score: Decimal;
    reason: string | null;
    moderator: string | null;
    at: string | null;
    where: Where;
  }[] = [
    ...scoreRows
      .filter((s) => s.row.evaluator === MODERATED)
      .map((s) => ({
        score: s.row.score,
        reason: s.row.comment ?? null,
        moderator: null,
        at: null,
        where: at(['scores', s.index], s.row.line),
      })),
    ...modRows.map((m) => ({
      score: m.row.score,
      reason: m.row.reason,
      moderator: m.row.moderator ?? null,
      at: m.row.at ?? null,
      where: at(['moderation', m.index], m.row.line),
    })),
  ];
  const max = scaleMax(c.scale);
  let problem: string | null = null;
  const seen = new Set<string>();
  for (const s of evaluatorRows) {
    const where = () => at(['scores', s.index], s.row.line, 'score');
    if (seen.has(s.row.evaluator)) {
      issues.push(
        issue(
          'duplicate_score',
          `evaluator "${s.row.evaluator}" scored bid "${bidId}" on "${c.id}" more than once: keep one score (or record the agreed one as a moderated score)`,
          where(),
        ),
      );
      problem = 'duplicate evaluator scores';
    }
    seen.add(s.row.evaluator);
    if (!isOnScale(c.scale, s.row.score)) {
      issues.push(
        issue(
          'score_off_scale',
          `evaluator "${s.row.evaluator}" gave bid "${bidId}" ${s.row.score.toString()} on "${c.id}", which is not on its scale (${'max' in c.scale ? `0 to ${max.toString()}` : `levels ${c.scale.levels.map((l) => l.score.toString()).join(', ')}`}): correct the score`,
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
    .map((s) => ({ evaluator: s.row.evaluator, score: s.row.score, comment: s.row.comment ?? null }))
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
  const reasons: string[] = [];
  if (moderated) reasons.push(`Moderated: ${moderated.reason ?? 'no reason recorded'}`);
  for (const s of scores) if (s.comment) reasons.push(reasonPrefix(s.evaluator) + s.comment);
  if (problem) {
    return unscored(`bid "${bidId}" has ${problem} on "${c.id}"`, `${c.title} (${problem})`, {
      scores,
      moderated,
      reasons,
    });
  }
  if (moderated && moderated.reason === null && m0) {
    issues.push(
      issue(
        'moderation_reason_missing',
        `the moderated score for bid "${bidId}" on "${c.id}" has no reason: record why it was agreed (a comment)`,
        { ...m0.where, severity: 'warning' },
      ),
    );
  }
  const outcome = moderateScores({
    scores,
    moderated,
    method: input.model.moderation ?? 'mean',
    ...(input.model.divergenceThreshold ? { divergenceThreshold: input.model.divergenceThreshold } : {}),
    scaleMax: max,
  });
  if (outcome.divergent) {
    const spread = shownScore(outcome.spread as Decimal);
    const threshold = input.model.divergenceThreshold ?? DEFAULT_DIVERGENCE_THRESHOLD;
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
    rawTrace: outcome.trace,
    gate: null,
    scores,
    moderated,
    reasons,
    missing: null,
  };
}

function gateCell(w: Work, c: Criterion, rows: { row: Gate; index: number }[], issues: Issue[]): Cell {
  const bidId = w.bid.bid;
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
  return {
    raw: null,
    normalised: null,
    exact: null,
    rawTrace: {
      formula:
        result === 'pass' ? 'pass/fail gate: passed' : 'pass/fail gate: failed, so the bid is disqualified',
      inputs,
      result,
    },
    gate: result,
    scores: [],
    moderated: null,
    reasons,
    missing: null,
  };
}

/** Values each bid's quantitative social value once (precomputed or from its commitments). */
function socialValues(
  works: Work[],
  input: EvaluationInput,
  bidIndex: ReadonlyMap<string, number>,
  issues: Issue[],
): void {
  const grouped = new Map<string, { entry: Entry; index: number }[]>();
  (input.commitments ?? []).forEach((entry, index) => {
    const where = at(['commitments', index], entry.line, 'bid');
    if (entry.bid === undefined) {
      issues.push(
        issue(
          'commitment_without_bid',
          `commitment ${index + 1} (${entry.measure}) names no bid: add the bid id`,
          where,
        ),
      );
      return;
    }
    if (!bidIndex.has(entry.bid)) {
      issues.push(
        issue(
          'unknown_bid',
          `commitment ${index + 1} is for bid "${entry.bid}", which is not among the bids`,
          where,
        ),
      );
      return;
    }
    const list = grouped.get(entry.bid);
    if (list) list.push({ entry, index });
    else grouped.set(entry.bid, [{ entry, index }]);
  });
  let baseYear = input.valuation?.baseYear;
  if (baseYear === undefined) {
    for (const list of grouped.values())
      for (const { entry } of list)
        if (baseYear === undefined || entry.year < baseYear) baseYear = entry.year;
  }
  let warnedFramework = false;
  let warnedDiscounting = false;
  for (const w of works) {
    const id = w.bid.bid;
    const own = grouped.get(id) ?? [];
    if (w.bid.socialValue !== undefined) {
      if (own.length) {
        issues.push(
          issue(
            'social_value_twice',
            `bid "${id}" gives socialValue and also has commitments: give one or the other`,
            at(['bids', w.index, 'socialValue'], w.bid.line),
          ),
        );
        w.svMissing = 'social value given twice';
        continue;
      }
      w.socialValue = explain(
        w.bid.socialValue,
        'social value as given with the bid (valued before evaluation)',
        { socialValue: w.bid.socialValue },
      );
      continue;
    }
    if (input.commitments === undefined) {
      issues.push(
        issue(
          'missing_social_value',
          `bid "${id}" has no social value: give the bids' commitments (with framework and valuation) or a socialValue per bid`,
          at(['bids', w.index], w.bid.line),
        ),
      );
      w.svMissing = 'no social value given';
      continue;
    }
    if (own.length === 0) {
      w.socialValue = explain(ZERO, 'social value = 0 (the bid made no commitments)', {});
      continue;
    }
    if (!input.framework) {
      if (!warnedFramework)
        issues.push(
          issue(
            'framework_missing',
            'commitments are given but no framework to value them: add the tender’s framework',
            { path: ['framework'] },
          ),
        );
      warnedFramework = true;
      w.svMissing = 'no framework to value commitments';
      continue;
    }
    const discounting = input.valuation?.discounting;
    if (discounting === undefined) {
      if (!warnedDiscounting) {
        issues.push(
          issue(
            'discounting_missing',
            'say how to discount the commitments: valuation.discounting (a schedule, or null for none)',
            { path: ['valuation', 'discounting'] },
          ),
        );
      }
      warnedDiscounting = true;
      w.svMissing = 'no discounting chosen';
      continue;
    }
    const opts: Parameters<typeof valueCommitments>[2] = { baseYear: baseYear as number, discounting };
    if (input.valuation?.priceYear !== undefined) opts.priceYear = input.valuation.priceYear;
    if (input.valuation?.indexSeries !== undefined) opts.indexSeries = input.valuation.indexSeries;
    if (input.valuation?.firstPeriodDiscounted !== undefined)
      opts.firstPeriodDiscounted = input.valuation.firstPeriodDiscounted;
    const r = valueCommitments(
      input.framework,
      own.map((o) => o.entry),
      opts,
    );
    const remap = (i: Issue): Issue => {
      const out: Issue = { ...i, message: `bid "${id}": ${i.message}` };
      const p = i.path;
      if (p && p[0] === 'entries' && typeof p[1] === 'number') {
        const original = own[p[1]];
        if (original) out.path = ['commitments', original.index, ...p.slice(2)];
      }
      // The valuation's options are the evaluation's `valuation` (price year, index series…).
      if (p && p[0] === 'options') out.path = ['valuation', ...p.slice(1)];
      return out;
    };
    for (const x of r.issues.map(remap)) issues.push(x);
    if (!r.ok) {
      w.svMissing = 'its commitments could not all be valued';
      continue;
    }
    w.socialValue = r.value;
  }
}

const weightNotes = new WeakMap<CriterionNode, string>();
/** The effective weight in words, made once per criterion (every bid's trace shares it). */
function weightNote(node: CriterionNode): string {
  const n = weightNotes.get(node);
  if (n !== undefined) return n;
  const chain = node.weightChain.map((w) => `${w.toString()} %`).join(' × ');
  const made = `effective weight = ${chain} = ${node.effectiveWeight.toString()} points of 100`;
  weightNotes.set(node, made);
  return made;
}

function weightedTrace(
  node: CriterionNode,
  normalised: Decimal,
  exactWeighted: Rational,
  normTrace: Trace,
): { weighted: Decimal; trace: Trace } {
  const weighted = exactWeighted.toDecimal();
  const { trace } = explain(
    weighted,
    'weighted = normalised × effective weight (the product of the weights down the tree)',
    {
      normalised: { value: normalised.toString(), trace: normTrace },
      'effective weight': node.effectiveWeight,
    },
    [weightNote(node)],
  );
  return { weighted, trace };
}

/** A bid's exact figures: its total and weighted score per criterion (in model order). */
interface ExactFigures {
  total: Rational | null;
  normalised: (Rational | null)[];
  weighted: (Rational | null)[];
}

const R0 = Rational.of(0);

/** Orders bids on exact totals, then the tie-break criteria's exact weighted scores. */
function compareForRank(tieBreak: readonly number[], exact: ReadonlyMap<string, ExactFigures>) {
  return (a: BidEvaluation, b: BidEvaluation): number => {
    const ea = exact.get(a.bid) as ExactFigures;
    const eb = exact.get(b.bid) as ExactFigures;
    const t = (eb.total as Rational).compare(ea.total as Rational);
    if (t !== 0) return t;
    for (const i of tieBreak) {
      const d = (eb.weighted[i] ?? R0).compare(ea.weighted[i] ?? R0);
      if (d !== 0) return d;
    }
    return 0;
  };
}

/**
 * Reads a whole evaluation input from JSON-shaped data (model, bids, scores, gates, moderation,
 * commitments, framework, valuation) with located issues, then checks the model
 * ({@link checkModel}).
 *
 * @example
 * ```ts
 * const input = parseEvaluationInput(JSON.parse(text));
 * if (input.ok) { const r = evaluate(input.value); }
 * ```
 */
export function parseEvaluationInput(raw: unknown): Result<EvaluationInput> {
  const parsed = EvaluationInputSchema.safeParse(raw);
  if (!parsed.success) return fail(fromZodError(parsed.error));
  const issues = checkModel(parsed.data.model).map((i) => ({ ...i, path: ['model', ...(i.path ?? [])] }));
  return hasErrors(issues) ? fail(issues) : ok(parsed.data, issues);
}

/**
 * Evaluates a tender: gates and minimums (disqualification, with reasons), evaluators' scores
 * combined or moderated (off-scale scores and missing scores are issues; divergence is flagged),
 * price and quantitative social value scored over the compliant bids, weighted scores (normalised
 * × the product of the weights down the tree), totals (0–100), abnormally-low flags, the ranking
 * (full precision, then `tieBreak`, else equal rank; never dependent on input order) and weight
 * sensitivity.
 *
 * Fails only when the model is unsound or bid ids repeat. Otherwise the result is `ok` and bad
 * rows are answered with issues: a bid with a missing or invalid score, gate result or price is
 * `incomplete` and not ranked (never scored 0), and an error issue says what to fix. Incomplete
 * bids stay in the price set (they have not been found non-compliant); disqualified bids do not.
 *
 * @example
 * ```ts
 * const input = parseEvaluationInput({
 *   model: { id: 'T1', title: 'Cleaning', currency: 'GBP', criteria: [
 *     { id: 'price', title: 'Price', weight: 40, type: 'price', method: 'lowest-ratio' },
 *     { id: 'quality', title: 'Quality', weight: 60, type: 'quality', scale: { max: 10 } }] },
 *   bids: [{ bid: 'A', bidder: 'Acme', price: '100000' }, { bid: 'B', bidder: 'Brill', price: '125000' }],
 *   scores: [{ bid: 'A', criterion: 'quality', evaluator: 'E1', score: 6 },
 *            { bid: 'B', criterion: 'quality', evaluator: 'E1', score: 9 }],
 * });
 * const r = input.ok ? evaluate(input.value) : input;
 * // A: 40 + 36 = 76; B: 32 + 54 = 86 → B wins
 * if (r.ok) r.value.winner; // 'B'
 * ```
 */
export function evaluate(input: EvaluationInput): Result<TenderEvaluation> {
  const model = input.model;
  const modelIssues = checkModel(model).map((i) => ({ ...i, path: ['model', ...(i.path ?? [])] }));
  if (hasErrors(modelIssues)) return fail(modelIssues);
  const issues: Issue[] = [...modelIssues];

  const bidIndex = new Map<string, number>();
  const dupes: Issue[] = [];
  input.bids.forEach((b, i) => {
    if (bidIndex.has(b.bid)) {
      dupes.push(
        issue(
          'duplicate_bid',
          `bid id "${b.bid}" is used twice: give each bid its own id`,
          at(['bids', i, 'bid'], b.line),
        ),
      );
    } else bidIndex.set(b.bid, i);
  });
  if (dupes.length) return fail([...issues, ...dupes]);
  if (input.bids.length === 0)
    issues.push(issue('no_bids', 'there are no bids to evaluate', { path: ['bids'], severity: 'warning' }));

  const nodes = flattenCriteria(model);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const rows = checkReferences(input, new Set(bidIndex.keys()), byId, issues);
  const scoreCells = groupRows(rows.scores);
  const modCells = groupRows(rows.moderation);
  const gateCells = groupRows(rows.gates);

  const works: Work[] = [...input.bids]
    .sort((a, b) => codepointCompare(a.bid, b.bid))
    .map((bid) => ({
      bid,
      index: bidIndex.get(bid.bid) as number,
      cells: new Map<string, Cell>(),
      disqualify: [],
      flags: [],
      socialValue: null,
      svMissing: null,
    }));

  for (const w of works) {
    const lines = w.bid.lines;
    if (lines?.length) {
      const total = sum(lines.map((l) => l.amount));
      if (!total.eq(w.bid.price)) {
        const [lines, price] = moneyPair(total, w.bid.price, model.currency);
        const msg = `the price lines of bid "${w.bid.bid}" add up to ${lines}, not the price ${price}: the price is used; clarify with the bidder`;
        w.flags.push({ code: 'price-lines-mismatch', criterion: null, message: msg });
        issues.push(
          issue('price_lines_mismatch', msg, {
            ...at(['bids', w.index, 'lines'], w.bid.line),
            severity: 'warning',
          }),
        );
      }
    }
  }

  // Evaluator-scored criteria and gates: per bid, in model order.
  for (const w of works) {
    for (const node of nodes) {
      const c = node.criterion;
      const k = key(w.bid.bid, c.id);
      if (isEvaluatorScored(c)) {
        w.cells.set(
          node.id,
          scoreByEvaluators(w, c, scoreCells.get(k) ?? [], modCells.get(k) ?? [], input, issues),
        );
      } else if (c.type === 'pass-fail') {
        w.cells.set(node.id, gateCell(w, c, gateCells.get(k) ?? [], issues));
      }
    }
  }

  // Quantitative social value: value each bid once, then apply minimums (absolute amounts).
  const quantitative = nodes.filter(
    (n): n is CriterionNode & { criterion: QuantitativeSocialValueCriterion } =>
      n.criterion.type === 'social-value' && n.criterion.mode === 'quantitative',
  );
  if (quantitative.length) {
    socialValues(works, input, bidIndex, issues);
    for (const w of works) {
      if (!w.socialValue) continue;
      for (const n of quantitative) {
        const min = n.criterion.minimum;
        if (min && w.socialValue.value.lt(min)) {
          w.disqualify.push(
            `offered social value of ${moneyBelow(w.socialValue.value, min, model.currency)} on "${n.criterion.title}", below the minimum of ${formatMoney(min, model.currency)}`,
          );
        }
      }
    }
  }

  const compliant = works.filter((w) => w.disqualify.length === 0);
  const byBid = new Map(works.map((w) => [w.bid.bid, w]));
  const excluded = 'the bid is disqualified, and relative scores are taken over compliant bids only';

  // Price criteria over compliant bids.
  for (const node of nodes) {
    const c = node.criterion;
    if (c.type !== 'price') continue;
    const priced: { bid: string; price: Decimal }[] = [];
    for (const w of compliant) {
      if (c.line === undefined) {
        priced.push({ bid: w.bid.bid, price: w.bid.price });
        continue;
      }
      const line = w.bid.lines?.find((l) => l.id === c.line);
      if (line) priced.push({ bid: w.bid.bid, price: line.amount });
      else {
        issues.push(
          issue(
            'price_line_missing',
            `bid "${w.bid.bid}" has no price line "${c.line}", which "${c.id}" scores: add it`,
            at(['bids', w.index, 'lines'], w.bid.line),
          ),
        );
        w.cells.set(node.id, unscored(`no price line "${c.line}"`, `${c.title} (no price line "${c.line}")`));
      }
    }
    const rule: Parameters<typeof scorePrices>[0] = { method: c.method };
    if (c.max) rule.max = c.max;
    if (c.reference) rule.reference = c.reference;
    if (c.ceiling) rule.ceiling = c.ceiling;
    const r = scorePrices(rule, priced);
    const scored = new Map(r.ok ? r.value.scores.map((s) => [s.bid, s]) : []);
    for (const i of r.issues) issues.push(locate(i, bidIndex));
    for (const p of priced) {
      const w = byBid.get(p.bid) as Work;
      const s = scored.get(p.bid);
      w.cells.set(
        node.id,
        s
          ? scoredCell(s.raw, s.normalised, s.exact, s.trace)
          : unscored(
              `price ${formatMoney(p.price, model.currency)} cannot be scored by "${c.method}"`,
              `${c.title} (price cannot be scored)`,
            ),
      );
    }
    for (const w of works) if (w.disqualify.length) w.cells.set(node.id, unscored(excluded, null));
  }

  // Quantitative social value criteria over compliant bids.
  for (const node of quantitative) {
    const c = node.criterion;
    const valued = compliant.filter((w) => w.socialValue !== null);
    for (const w of compliant) {
      if (!w.socialValue)
        w.cells.set(
          node.id,
          unscored(w.svMissing ?? 'no social value', `${c.title} (${w.svMissing ?? 'no social value'})`),
        );
    }
    const rule: Parameters<typeof scoreSocialValue>[0] = { method: c.method };
    if (c.max) rule.max = c.max;
    if (c.cap) rule.cap = c.cap;
    if (c.fullMarksAt) rule.fullMarksAt = c.fullMarksAt;
    const r = scoreSocialValue(
      rule,
      valued.map((w) => {
        const sv = w.socialValue as Explained;
        return { bid: w.bid.bid, value: sv.value, price: w.bid.price, trace: sv.trace };
      }),
    );
    for (const i of r.issues) issues.push(locate(i, bidIndex));
    const scored = new Map(r.ok ? r.value.map((s) => [s.bid, s]) : []);
    for (const w of valued) {
      const s = scored.get(w.bid.bid);
      w.cells.set(
        node.id,
        s
          ? scoredCell(s.raw, s.normalised, s.exact, s.trace)
          : unscored(
              'social value as a share of a price that is not above 0',
              `${c.title} (price not above 0)`,
            ),
      );
    }
    for (const w of works) if (w.disqualify.length) w.cells.set(node.id, unscored(excluded, null));
  }

  // Abnormally low prices: a flag only (PA 2023 s19(4)–(5): the supplier must be asked first).
  const low = model.abnormallyLow;
  if (low && compliant.length) {
    const basisName = low.basis ?? 'mean';
    const basis = combineScores(
      compliant.map((w) => w.bid.price),
      basisName,
    );
    const threshold = low.share.times(basis);
    for (const w of compliant) {
      if (w.bid.price.lt(threshold)) {
        w.flags.push({
          code: 'abnormally-low',
          criterion: null,
          message: `price ${moneyBelow(w.bid.price, threshold, model.currency)} is below ${shownShare(low.share)} of the ${basisName} compliant price (${formatMoney(basis, model.currency)}): ask the supplier to show it can perform at this price before deciding (Procurement Act 2023 s19(4)–(5)); this is a flag, not a disqualification`,
        });
      }
    }
  }

  // Weighted scores, groups (children first) and totals, in exact fractions.
  const topLevel = nodes.filter((n) => n.parent === null);
  const nodeIndex = new Map(nodes.map((n, i) => [n.id, i]));
  const childrenOf = new Map<string, number[]>();
  nodes.forEach((n, i) => {
    if (n.parent === null || n.criterion.type === 'pass-fail') return;
    const list = childrenOf.get(n.parent);
    if (list) list.push(i);
    else childrenOf.set(n.parent, [i]);
  });
  // Effective weight = Π weights ÷ 100^(depth): exact from the chain, not from its rounded product.
  const exactEffective = nodes.map((n) =>
    n.weightChain.reduce((acc, w) => acc.times(w).div(HUNDRED), Rational.of(HUNDRED)),
  );
  const results = new Map<string, CriterionResult[]>();
  const exactOf = new Map<string, ExactFigures>();
  for (const w of works) {
    const out: CriterionResult[] = new Array(nodes.length);
    const exactNorm: (Rational | null)[] = new Array(nodes.length).fill(null);
    const exactWeighted: (Rational | null)[] = new Array(nodes.length).fill(null);
    for (let i = nodes.length - 1; i >= 0; i--) {
      const node = nodes[i] as CriterionNode;
      const c = node.criterion;
      const base = {
        criterion: c.id,
        title: c.title,
        type: c.type,
        parent: node.parent,
        depth: node.depth,
        weight: node.weight,
        effectiveWeight: node.effectiveWeight,
      };
      if (c.type === 'group') {
        const children = childrenOf.get(c.id) ?? [];
        if (children.some((j) => exactNorm[j] === null)) {
          out[i] = {
            ...base,
            raw: null,
            normalised: null,
            weighted: null,
            gate: null,
            scores: [],
            moderated: null,
            reasons: [],
            trace: {
              formula: 'not scored: a criterion in the group is not scored',
              inputs: {},
              result: 'not scored',
            },
          };
          continue;
        }
        const inputs: Record<string, TraceInput> = {};
        let exactRaw = R0;
        for (const j of children) {
          const n = nodes[j] as CriterionNode;
          const r = out[j] as CriterionResult;
          const part = (exactNorm[j] as Rational).times(n.weight);
          exactRaw = exactRaw.plus(part);
          inputs[
            `${n.id} (normalised ${(r.normalised as Decimal).toString()} × weight ${n.weight.toString()} %)`
          ] = { value: part.toDecimal().toString() };
        }
        const raw = exactRaw.toDecimal();
        const rawEx = explain(
          raw,
          'raw = Σ normalised × weight over the group’s criteria (points out of 100)',
          inputs,
        );
        const norm = exactRaw.div(HUNDRED);
        exactNorm[i] = norm;
        exactWeighted[i] = norm.times(exactEffective[i] as Rational);
        const normalised = norm.toDecimal();
        const normEx = explain(normalised, 'normalised = raw ÷ 100', { raw: rawEx });
        const { weighted, trace } = weightedTrace(
          node,
          normalised,
          exactWeighted[i] as Rational,
          normEx.trace,
        );
        out[i] = {
          ...base,
          raw,
          normalised,
          weighted,
          gate: null,
          scores: [],
          moderated: null,
          reasons: [],
          trace,
        };
        continue;
      }
      const cell = w.cells.get(c.id) as Cell;
      if (c.type === 'pass-fail' || cell.normalised === null || cell.raw === null || cell.exact === null) {
        out[i] = {
          ...base,
          raw: cell.raw,
          normalised: null,
          weighted: null,
          gate: cell.gate,
          scores: cell.scores,
          moderated: cell.moderated,
          reasons: cell.reasons,
          trace: cell.rawTrace,
        };
        continue;
      }
      exactNorm[i] = cell.exact;
      exactWeighted[i] = cell.exact.times(exactEffective[i] as Rational);
      const normEx = explain(cell.normalised, 'normalised = raw ÷ scale maximum', {
        raw: { value: cell.raw.toString(), trace: cell.rawTrace },
        'scale maximum': leafMax(c),
      });
      const { weighted, trace } = weightedTrace(
        node,
        cell.normalised,
        exactWeighted[i] as Rational,
        normEx.trace,
      );
      out[i] = {
        ...base,
        raw: cell.raw,
        normalised: cell.normalised,
        weighted,
        gate: null,
        scores: cell.scores,
        moderated: cell.moderated,
        reasons: cell.reasons,
        trace,
      };
    }
    results.set(w.bid.bid, out);
    let total: Rational | null = R0;
    for (const n of topLevel) {
      if (n.criterion.type === 'pass-fail') continue;
      const x = exactWeighted[nodeIndex.get(n.id) as number];
      total = x === null || x === undefined || total === null ? null : total.plus(x);
    }
    exactOf.set(w.bid.bid, { total, normalised: exactNorm, weighted: exactWeighted });
  }

  const evaluations: BidEvaluation[] = works.map((w) => {
    const out = results.get(w.bid.bid) as CriterionResult[];
    const missing = [...w.cells.values()].map((c) => c.missing).filter((m): m is string => m !== null);
    const scoredTop = topLevel
      .filter((n) => n.criterion.type !== 'pass-fail')
      .map((n) => out[nodeIndex.get(n.id) as number] as CriterionResult);
    let total: Decimal | null = null;
    let totalTrace: Trace | null = null;
    if (w.disqualify.length === 0 && missing.length === 0 && scoredTop.every((r) => r.weighted !== null)) {
      const inputs: Record<string, TraceInput> = {};
      for (const r of scoredTop)
        inputs[r.criterion] = { value: (r.weighted as Decimal).toString(), trace: r.trace };
      const ex = explain(
        ((exactOf.get(w.bid.bid) as ExactFigures).total as Rational).toDecimal(),
        'total = Σ weighted scores of the top-level criteria (0–100)',
        inputs,
      );
      total = ex.value;
      totalTrace = ex.trace;
    }
    const status = w.disqualify.length ? 'disqualified' : total === null ? 'incomplete' : 'ranked';
    const flags = [...w.flags];
    if (status === 'incomplete') {
      flags.push({
        code: 'incomplete',
        criterion: null,
        message: `not ranked: ${missing.join('; ')}. Resolve the issues and evaluate again`,
      });
    }
    return {
      bid: w.bid.bid,
      bidder: w.bid.bidder,
      supplierId: w.bid.supplierId ?? null,
      address: w.bid.address ?? null,
      price: w.bid.price,
      status,
      rank: null,
      total,
      totalTrace,
      disqualified: w.disqualify.length > 0,
      reasons: [...w.disqualify],
      flags,
      socialValue: w.socialValue,
      criteria: out,
    };
  });

  const tieBreak = model.tieBreak ?? [];
  const compare = compareForRank(
    tieBreak.map((id) => nodeIndex.get(id)).filter((i): i is number => i !== undefined),
    exactOf,
  );
  const ranked = evaluations
    .filter((e) => e.status === 'ranked')
    .sort((a, b) => compare(a, b) || codepointCompare(a.bid, b.bid));
  ranked.forEach((e, i) => {
    const prev = ranked[i - 1];
    e.rank = prev && compare(prev, e) === 0 ? (prev.rank as number) : i + 1;
  });
  const ranking: RankedBid[] = ranked.map((e) => ({
    bid: e.bid,
    bidder: e.bidder,
    rank: e.rank as number,
    total: e.total as Decimal,
  }));
  const others = evaluations.filter((e) => e.status !== 'ranked');
  const first = ranking.filter((r) => r.rank === 1);
  let winner: string | null = first.length === 1 ? (first[0] as RankedBid).bid : null;
  if (first.length > 1) {
    issues.push(
      issue(
        'tie_for_first',
        `bids ${first.map((r) => `"${r.bid}"`).join(', ')} tie for first at full precision${tieBreak.length ? ' after the tie-breaks' : ''}: apply the tie-break published in the methodology`,
        { severity: 'warning' },
      ),
    );
    winner = null;
  }

  const topScored = topLevel.filter((n) => n.criterion.type !== 'pass-fail');
  const topWeighted = topScored.map((n) => ({ id: n.id, weight: n.weight }));
  let sensitivity: WeightSensitivity[];
  if (winner) {
    sensitivity = weightSensitivity({
      criteria: topWeighted,
      bids: ranked.map((e) => {
        const x = exactOf.get(e.bid) as ExactFigures;
        const scores: Record<string, Rational> = {};
        for (const n of topScored) scores[n.id] = x.normalised[nodeIndex.get(n.id) as number] ?? R0;
        return { bid: e.bid, scores };
      }),
      winner,
    });
  } else {
    const note =
      first.length > 1
        ? `no single winner: ${first.map((r) => r.bid).join(', ')} tie for first`
        : 'no bid is ranked';
    sensitivity = topWeighted.map((t) => ({
      criterion: t.id,
      weight: t.weight,
      flipsAt: null,
      newWinner: null,
      direction: null,
      note,
      trace: null,
    }));
  }

  return ok(
    {
      model,
      criteria: nodes,
      bids: [...ranked, ...others],
      ranking,
      winner,
      sensitivity,
      counts: {
        bids: evaluations.length,
        ranked: ranked.length,
        disqualified: evaluations.filter((e) => e.status === 'disqualified').length,
        incomplete: evaluations.filter((e) => e.status === 'incomplete').length,
      },
      issues,
    },
    issues,
  );
}

function leafMax(c: Criterion): Decimal {
  if (c.type === 'quality') return scaleMax(c.scale);
  if (c.type === 'social-value') return c.mode === 'qualitative' ? scaleMax(c.scale) : (c.max ?? HUNDRED);
  if (c.type === 'price') return c.max ?? HUNDRED;
  return ZERO;
}
