import { fail, hasErrors, type Issue, issue, ok, type Result } from '../issues/issues';
import { fromZodError } from '../issues/zod';
import { at, type Cell, isEvaluatorScored, type Work } from './cells';
import { checkModel, flattenCriteria } from './model';
import { codepointCompare } from './price';
import { type EvaluationInput, EvaluationInputSchema } from './schema';
import { flagAbnormallyLow, flagPriceLines } from './stage-flags';
import { gateCell } from './stage-gates';
import { scorePriceCriteria } from './stage-price';
import { rankBids } from './stage-ranking';
import { checkReferences, checkScores, consensusCell, groupRows, rowsOf } from './stage-scores';
import { sensitivityOf } from './stage-sensitivity';
import {
  applySocialValueMinimums,
  type QuantitativeNode,
  scoreSocialValueCriteria,
  valueSocialValues,
} from './stage-social-value';
import { bidEvaluation, type ExactFigures, weighBid, weighingPlan } from './stage-totals';
import type { BidEvaluation, TenderEvaluation } from './types';

// The conductor: the method in order, each step a stage of its own (stage-*.ts, moderation.ts).

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

  // Bids: one id each.
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

  // References: rows for known bids and criteria that take them.
  const nodes = flattenCriteria(model);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const rows = checkReferences(input, new Set(bidIndex.keys()), byId, issues);
  const scoreRows = groupRows(rows.scores);
  const modRows = groupRows(rows.moderation);
  const gateRows = groupRows(rows.gates);
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
  flagPriceLines(works, model, issues);

  // Gates, evaluators' scores and their consensus: per bid, in model order.
  const checkedInput = { ...input, scores: rows.scores, moderation: rows.moderation };
  for (const w of works) {
    const id = w.bid.bid;
    for (const node of nodes) {
      const c = node.criterion;
      if (isEvaluatorScored(c)) {
        const checked = checkScores(
          id,
          c,
          checkedInput,
          rowsOf(scoreRows, id, c.id),
          rowsOf(modRows, id, c.id),
          issues,
        );
        w.cells.set(node.id, consensusCell(w, c, checked, model, issues));
      } else if (c.type === 'pass-fail') {
        w.cells.set(node.id, gateCell(w, c, rows.gates, rowsOf(gateRows, id, c.id), issues));
      }
    }
  }

  // Quantitative social value: valued once per bid, then its minimums (absolute amounts).
  const quantitative = nodes.filter(
    (n): n is QuantitativeNode => n.criterion.type === 'social-value' && n.criterion.mode === 'quantitative',
  );
  if (quantitative.length) {
    valueSocialValues(works, input, bidIndex, issues);
    applySocialValueMinimums(works, quantitative, model);
  }

  // Price and quantitative social value, relative over the compliant bids; abnormally low flags.
  const compliant = works.filter((w) => w.disqualify.length === 0);
  scorePriceCriteria(works, compliant, nodes, model, bidIndex, issues);
  scoreSocialValueCriteria(works, compliant, quantitative, bidIndex, issues);
  flagAbnormallyLow(compliant, model);

  // Totals: weighted scores, groups and totals in exact fractions, and each bid's status.
  const plan = weighingPlan(nodes);
  const exactOf = new Map<string, ExactFigures>();
  const evaluations: BidEvaluation[] = works.map((w) => {
    const { criteria, exact } = weighBid(w, plan);
    exactOf.set(w.bid.bid, exact);
    return bidEvaluation(w, criteria, exact, plan);
  });

  // Ranking (ties at full precision, then the published tie-breaks) and weight sensitivity.
  const tieBreak = (model.tieBreak ?? [])
    .map((id) => plan.index.get(id))
    .filter((i): i is number => i !== undefined);
  const ranked = rankBids(evaluations, exactOf, tieBreak, issues);
  const sensitivity = sensitivityOf(ranked, exactOf, plan);

  const others = evaluations.filter((e) => e.status !== 'ranked');
  return ok(
    {
      model,
      criteria: nodes,
      bids: [...ranked.ranked, ...others],
      ranking: ranked.ranking,
      winner: ranked.winner,
      sensitivity,
      counts: {
        bids: evaluations.length,
        ranked: ranked.ranked.length,
        disqualified: evaluations.filter((e) => e.status === 'disqualified').length,
        incomplete: evaluations.filter((e) => e.status === 'incomplete').length,
      },
      issues,
    },
    issues,
  );
}
