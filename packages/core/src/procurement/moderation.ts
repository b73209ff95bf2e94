import { CommonwealError } from '../issues/issues';
import { type Decimal, dec, sum } from '../money/decimal';
import { Rational, sumRational } from '../money/rational';
import { explain, type Trace, type TraceInput } from '../trace/trace';

// A tender repeats the same few texts on every cell (400 bids × 120 criteria × 10 evaluators):
// one string or input object per distinct text keeps the traces small. Bounded, so a long-lived
// process never grows them without limit.
const SHARED_LIMIT = 10_000;
/** Scores below this with at most 10 places sum exactly in 40 digits (up to a million of them). */
const BIG = dec('1e20');
const sharedText = new Map<string, string>();
const keys = new Map<string, string>();
const inputs = new Map<string, TraceInput>();

function shared(text: string): string {
  const s = sharedText.get(text);
  if (s !== undefined) return s;
  if (sharedText.size < SHARED_LIMIT) sharedText.set(text, text);
  return text;
}

function evaluatorKey(evaluator: string): string {
  const k = keys.get(evaluator);
  if (k !== undefined) return k;
  const made = `evaluator ${evaluator}`;
  if (keys.size < SHARED_LIMIT) keys.set(evaluator, made);
  return made;
}

/** The trace input of a score (frozen: it is shared by every trace with that score). */
function scoreInput(score: Decimal): TraceInput {
  const v = score.toString();
  const i = inputs.get(v);
  if (i !== undefined) return i;
  const made = Object.freeze({ value: v });
  if (inputs.size < SHARED_LIMIT) inputs.set(v, made);
  return made;
}

/** How evaluators' scores are combined when no moderated score is given. */
export type ModerationMethod = 'mean' | 'median';

/**
 * The default divergence threshold: evaluators whose scores differ by more than 40 % of the
 * scale are flagged for moderation (Unimarket's default, procurement.md §6).
 *
 * @example
 * ```ts
 * DEFAULT_DIVERGENCE_THRESHOLD.toString(); // '0.4'
 * ```
 */
export const DEFAULT_DIVERGENCE_THRESHOLD: Decimal = dec('0.4');

/**
 * One evaluator's score with the comment that justifies it.
 *
 * @example
 * ```ts
 * const s: EvaluatorScore = { evaluator: 'E1', score: dec(7), comment: 'Clear plan' };
 * ```
 */
export interface EvaluatorScore {
  evaluator: string;
  score: Decimal;
  comment: string | null;
}

/**
 * A moderated score agreed for a bid and criterion, with the reason recorded.
 *
 * @example
 * ```ts
 * const m: ModeratedScore = { score: dec(6), reason: 'Agreed at moderation', moderator: null, at: null };
 * ```
 */
export interface ModeratedScore {
  score: Decimal;
  reason: string | null;
  moderator: string | null;
  at: string | null;
}

/**
 * A combined score: the raw score used, its trace, the evaluators' spread (max − min, null with
 * fewer than two) and whether the spread exceeds the divergence threshold.
 *
 * @example
 * ```ts
 * const r: ModerationOutcome = moderateScores({ scores, scaleMax: dec(10) });
 * r.divergent; // true when evaluators disagree beyond 40 % of the scale
 * ```
 */
export interface ModerationOutcome {
  raw: Decimal;
  /** The raw score as an exact fraction (a mean of three scores is exact here, not in `raw`). */
  exact: Rational;
  trace: Trace;
  spread: Decimal | null;
  divergent: boolean;
  moderated: boolean;
}

/**
 * Combines scores by mean or median (median of an even count: the mean of the middle two).
 * Throws {@link CommonwealError} for an empty list (a programmer error).
 *
 * @example
 * ```ts
 * combineScores([dec(2), dec(3), dec(10)], 'mean').toString(); // '5'
 * combineScores([dec(2), dec(3), dec(10)], 'median').toString(); // '3'
 * ```
 */
export function combineScores(scores: readonly Decimal[], method: ModerationMethod): Decimal {
  if (scores.length === 0) throw new CommonwealError('no_scores', 'cannot combine an empty list of scores');
  if (method === 'mean') return sum(scores).dividedBy(scores.length);
  const sorted = [...scores].sort((a, b) => a.comparedTo(b));
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] as Decimal;
  return sorted.length % 2 === 1 ? hi : (sorted[mid - 1] as Decimal).plus(hi).dividedBy(2);
}

/** The options of {@link consensus} and {@link moderateScores}. */
export interface ConsensusOptions {
  scores: readonly EvaluatorScore[];
  moderated?: ModeratedScore | null;
  method?: ModerationMethod;
  divergenceThreshold?: Decimal;
  scaleMax: Decimal;
}

/**
 * The figures of a combined score without its trace: what an evaluation keeps per cell (the
 * trace is made again from the same options when asked, by {@link consensusTrace}).
 *
 * @example
 * ```ts
 * const c: Consensus = consensus({ scores, scaleMax: dec(4) });
 * c.raw.toString(); // '2.5'
 * ```
 */
export type Consensus = Omit<ModerationOutcome, 'trace'>;

function byEvaluator(scores: readonly EvaluatorScore[]): EvaluatorScore[] {
  return [...scores].sort((a, b) => (a.evaluator < b.evaluator ? -1 : a.evaluator > b.evaluator ? 1 : 0));
}

function spreadOf(values: readonly Decimal[], threshold: Decimal, scaleMax: Decimal) {
  if (values.length < 2) return { spread: null, divergent: false };
  const max = values.reduce((m, v) => (v.gt(m) ? v : m));
  const min = values.reduce((m, v) => (v.lt(m) ? v : m));
  const spread = max.minus(min);
  return { spread, divergent: spread.gt(threshold.times(scaleMax)) };
}

/**
 * The consensus stage: the raw score of a bid on a criterion — the moderated score when there
 * is one, otherwise the mean (default) or median of the evaluators' scores — with the
 * evaluators' spread and whether it exceeds `divergenceThreshold` × the scale maximum. The same
 * figures as {@link moderateScores}, without building the trace. Throws {@link CommonwealError}
 * when there is no score at all.
 *
 * @example
 * ```ts
 * const c = consensus({
 *   scores: [{ evaluator: 'E1', score: dec(2), comment: null }, { evaluator: 'E2', score: dec(3), comment: null }],
 *   scaleMax: dec(4),
 * });
 * c.raw.toString(); // '2.5'
 * c.divergent; // false: spread 1 is within 0.4 × 4
 * ```
 */
export function consensus(options: ConsensusOptions): Consensus {
  const method = options.method ?? 'mean';
  const threshold = options.divergenceThreshold ?? DEFAULT_DIVERGENCE_THRESHOLD;
  const values = options.scores.map((s) => s.score);
  const { spread, divergent } = spreadOf(values, threshold, options.scaleMax);
  const m = options.moderated;
  if (m) return { raw: m.score, exact: Rational.of(m.score), spread, divergent, moderated: true };
  if (values.length === 0)
    throw new CommonwealError('no_scores', 'no evaluator score and no moderated score');
  // A sum of scores is exact in decimals unless it needs more than the 40 digits (never on a
  // real scale); only then add them as fractions.
  const exact =
    method === 'mean'
      ? (values.every((v) => v.decimalPlaces() <= 10 && v.abs().lt(BIG))
          ? Rational.of(sum(values))
          : sumRational(values.map((v) => Rational.of(v)))
        ).div(values.length)
      : Rational.of(combineScores(values, method));
  return { raw: exact.toDecimal(), exact, spread, divergent, moderated: false };
}

/**
 * The trace of a {@link consensus}: the evaluators' scores (by evaluator), the moderated score
 * and its reason, and the spread against the divergence threshold. Made from the same options,
 * it is the trace {@link moderateScores} gives.
 *
 * @example
 * ```ts
 * const options = { scores, scaleMax: dec(4) };
 * traceToText(consensusTrace(options, consensus(options)));
 * ```
 */
export function consensusTrace(options: ConsensusOptions, outcome: Consensus): Trace {
  const method = options.method ?? 'mean';
  const threshold = options.divergenceThreshold ?? DEFAULT_DIVERGENCE_THRESHOLD;
  const scores = byEvaluator(options.scores);
  const { spread, divergent } = outcome;
  const inputs: Record<string, TraceInput> = {};
  for (const s of scores) inputs[evaluatorKey(s.evaluator)] = scoreInput(s.score);
  const notes: string[] = [];
  if (spread) {
    notes.push(
      shared(
        `evaluators' spread ${spread.toString()} ${divergent ? 'exceeds' : 'is within'} the divergence threshold ${threshold.times(options.scaleMax).toString()} (${threshold.toString()} of the scale maximum ${options.scaleMax.toString()})`,
      ),
    );
  }
  const m = options.moderated;
  if (m) {
    inputs['moderated score'] = { value: m.score.toString() };
    notes.unshift(
      `moderated${m.moderator ? ` by ${m.moderator}` : ''}${m.at ? ` on ${m.at}` : ''}: ${m.reason ?? 'no reason recorded'}`,
    );
    return explain(m.score, 'raw = the moderated score (it replaces the evaluators’ scores)', inputs, notes)
      .trace;
  }
  const formula =
    scores.length === 1
      ? 'raw = the single evaluator’s score'
      : shared(`raw = ${method} of ${scores.length} evaluators’ scores (no moderated score given)`);
  return explain(outcome.raw, formula, inputs, notes).trace;
}

/**
 * Resolves the raw score of a bid on a criterion: the moderated score when there is one,
 * otherwise the mean (default) or median of the evaluators' scores. Flags divergence when the
 * evaluators' spread exceeds `divergenceThreshold` × the scale maximum. Scores are assumed on
 * the scale (check with `isOnScale` first). Throws when there is no score at all.
 * {@link consensus} and {@link consensusTrace} are its two halves.
 *
 * @example
 * ```ts
 * const r = moderateScores({
 *   scores: [{ evaluator: 'E1', score: dec(2), comment: null }, { evaluator: 'E2', score: dec(8), comment: null }],
 *   scaleMax: dec(10),
 * });
 * r.raw.toString(); // '5'
 * r.divergent; // true: spread 6 > 0.4 × 10
 * ```
 */
export function moderateScores(options: ConsensusOptions): ModerationOutcome {
  const outcome = consensus(options);
  return { ...outcome, trace: consensusTrace(options, outcome) };
}
