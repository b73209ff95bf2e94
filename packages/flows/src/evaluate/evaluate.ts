import type { Framework } from '@commonweal/core/framework';
import type { Issue } from '@commonweal/core/issues';
import {
  type EvaluationInput,
  type EvaluationJson,
  type EvaluationModel,
  evaluate,
  type TenderEvaluation,
  toEvaluationJson,
  validateModel,
} from '@commonweal/core/procurement';
import type { Entry } from '@commonweal/core/valuation';
import {
  attachPriceLines,
  type ReadAllResult,
  type ReadTableOptions,
  readBidsCsv,
  readCommitmentsCsv,
  readGatesCsv,
  readModerationCsv,
  readPriceLinesCsv,
  readScoresCsv,
} from '@commonweal/csv';
import { canonicalStringify, locateJsonPaths, safeParseJson } from '@commonweal/json';
import { discountingByName, hmtGdpDeflator } from '@commonweal/uk';
import {
  type FlowColumns,
  type FlowCounts,
  type FlowFailure,
  FlowFatal,
  type FlowText,
  readFrameworkInput,
  runFlow,
  textOf,
} from '../inputs/inputs';
import { bidChunks } from './bid-text';
import { hashTextInputs } from './hash';

/** The CSV inputs of an evaluation, by the name the command line's flags give them. */
export type EvaluateCsvRole =
  | 'bids'
  | 'scores'
  | 'gates'
  | 'moderation'
  | 'lines'
  | 'commitments'
  | 'framework';

/**
 * The inputs of {@link evaluateFlow}: the model (JSON), bids and scores are needed; gates,
 * moderation, priced lines, and commitments with the framework that values them, are optional.
 *
 * @example
 * ```ts
 * const input: EvaluateFlowInput = {
 *   model: { name: 'model.json', text: modelText },
 *   bids: { name: 'bids.csv', text: bidsText },
 *   scores: { name: 'scores.csv', text: scoresText },
 * };
 * ```
 */
export interface EvaluateFlowInput {
  model: FlowText;
  bids: FlowText;
  scores: FlowText;
  gates?: FlowText | undefined;
  moderation?: FlowText | undefined;
  lines?: FlowText | undefined;
  commitments?: FlowText | undefined;
  /**
   * The measures that value the commitments: a `.json` framework or a `.csv` measures table (told
   * by the name), or one already made (`framework`; its `text` is what the inputs hash takes).
   */
  framework?: (FlowText & { framework?: Framework | undefined }) | undefined;
  /** Which header each CSV input's columns read (the command line's `--columns`). */
  columns?: Partial<Record<EvaluateCsvRole, FlowColumns>> | undefined;
  /** Discounting of commitments by name (default `green-book`), see `discountingByName`. */
  discounting?: string | undefined;
  /** The price year of the commitments' values (default: the latest of the proxies' price years). */
  priceYear?: number | undefined;
  /** Year 0 of discounting (default: the earliest commitment year). */
  baseYear?: number | undefined;
}

/**
 * An evaluation made by {@link evaluateFlow}: the evaluation, its stable JSON document (built on
 * first use), every issue, the rows read per input and the inputs sha256.
 *
 * @example
 * ```ts
 * const r = await evaluateFlow(input);
 * if (r.ok) r.document.ranking[0]?.bid; // 'B1'
 * ```
 */
export interface EvaluateFlowResult {
  ok: true;
  evaluation: TenderEvaluation;
  /** The stable JSON contract (`commonweal evaluate --format json`), built on first use. */
  readonly document: EvaluationJson;
  sha256: string;
  /** Every issue: the inputs' (located), then the evaluation's (located where it names a row). */
  issues: Issue[];
  /** Rows read per input, by its name. */
  counts: Record<string, FlowCounts>;
  /** The price year commitments were valued in (when commitments were given). */
  priceYear: number | null;
  /** The discounting of commitments (when commitments were given). */
  discounting: string | null;
}

/** A CSV input as read: its rows, issues, text (for the inputs hash) and counts. */
interface LoadedCsv<T> {
  file: string;
  rows: T[];
  issues: Issue[];
  text: string;
  counts: FlowCounts;
  columns: ReadAllResult<T>['columns'];
}

const WHAT = {
  bids: 'bids (bid,bidder,price)',
  scores: 'scores (bid,criterion,evaluator,score,comment)',
  gates: 'gate results (bid,criterion,result,reason)',
  moderation: 'moderated scores (bid,criterion,score,reason)',
  lines: 'priced lines (bid,item,quantity,unit_price)',
  commitments: 'commitments (bid,measure,quantity,year)',
} as const;

/** Reads one CSV input; an input that cannot be read as the table at all is fatal. */
async function loadCsv<T>(
  input: FlowText,
  what: string,
  read: (text: string, options: ReadTableOptions) => Promise<ReadAllResult<T>>,
  columns: FlowColumns | undefined,
): Promise<LoadedCsv<T>> {
  const file = input.name;
  const text = textOf(input);
  const r = await read(text, { file, ...columns });
  if (
    r.counts.read === 0 &&
    r.issues.some((i) => i.severity !== 'warning' && (i.line === undefined || i.line === 1))
  ) {
    throw new FlowFatal(`${file} cannot be read as ${what}`, r.issues);
  }
  return { file, rows: r.rows, issues: r.issues, text, counts: r.counts, columns: r.columns };
}

/**
 * Puts the file, line and column of a JSON text on issues that name a path in it (after
 * dropping `prefix` from the path).
 */
function locateModelIssues(
  issues: readonly Issue[],
  text: string,
  file: string,
  prefix: readonly (string | number)[],
): Issue[] {
  const paths = issues.map((i) => (i.path ?? []).slice(prefix.length));
  const at = locateJsonPaths(text, paths);
  return issues.map((i, n) => {
    const hit = at.get(JSON.stringify(paths[n]));
    const out: Issue = { ...i, file };
    if (hit && i.line === undefined) {
      out.line = hit.line;
      out.column = hit.column;
    }
    return out;
  });
}

/** Reads and checks the evaluation model; an unsound model is fatal. */
function loadModel(input: FlowText): { model: EvaluationModel; issues: Issue[]; text: string } {
  const file = input.name;
  const text = textOf(input);
  const parsed = safeParseJson(text, { file });
  if (!parsed.ok) throw new FlowFatal(`${file} is not valid JSON`, parsed.issues);
  const r = validateModel(parsed.value);
  const located = locateModelIssues(r.issues, text, file, []);
  if (!r.ok) throw new FlowFatal(`the evaluation model ${file} cannot be used`, located);
  return { model: r.value, issues: located, text };
}

/**
 * The price year commitments are valued in when none is given: the latest of the framework's
 * proxy price years (the valuation engine rebases the others to it with the index series), or
 * `null` when no measure has a proxy.
 *
 * @example
 * ```ts
 * latestPriceYear(framework); // 2024 for proxies in 2019, 2022 and 2024 prices
 * ```
 */
export function latestPriceYear(fw: Framework): number | null {
  let latest: number | null = null;
  for (const m of fw.measures)
    if (m.proxy && (latest === null || m.proxy.priceYear > latest)) latest = m.proxy.priceYear;
  return latest;
}

/**
 * A function of its own, so the getter's closure holds the evaluation only, not the input texts
 * and rows (the document copies every trace; table output never needs it).
 */
function withLazyDocument(
  result: Omit<EvaluateFlowResult, 'document'>,
  evaluation: TenderEvaluation,
  sha256: string,
): EvaluateFlowResult {
  let document: EvaluationJson | undefined;
  return Object.defineProperty(result, 'document', {
    enumerable: true,
    get() {
      document ??= toEvaluationJson(evaluation, { sha256 });
      return document;
    },
  }) as EvaluateFlowResult;
}

type RowRole = 'bids' | 'scores' | 'gates' | 'moderation' | 'commitments';

/**
 * Evaluates a tender from the texts of its files, as `commonweal evaluate` does and the browser
 * scorer does: reads the model, bids (with priced lines), evaluators' scores, gate results,
 * moderation and commitments, runs core's `evaluate`, locates its issues on the inputs' lines
 * and hashes the inputs. No file system and no `node:` module, so it runs in a browser too.
 * Never throws for bad input: an input that cannot be used gives `{ ok: false, headline, issues }`.
 *
 * @example
 * ```ts
 * const r = await evaluateFlow({
 *   model: { name: 'model.json', text: modelText },
 *   bids: { name: 'bids.csv', text: bidsText },
 *   scores: { name: 'scores.csv', text: scoresText },
 *   gates: { name: 'gates.csv', text: gatesText },
 * });
 * if (r.ok) r.evaluation.winner; // 'B1'
 * else r.headline; // 'the evaluation model model.json cannot be used'
 * ```
 */
export function evaluateFlow(input: EvaluateFlowInput): Promise<EvaluateFlowResult | FlowFailure> {
  return runFlow(() => evaluateOrThrow(input));
}

async function evaluateOrThrow(input: EvaluateFlowInput): Promise<EvaluateFlowResult> {
  const cols = input.columns ?? {};
  const discountingName = input.discounting ?? 'green-book';
  const schedule = discountingByName(discountingName);
  if (!schedule.ok) throw new FlowFatal(`the discounting ${discountingName} cannot be used`, schedule.issues);
  const model = loadModel(input.model);
  let framework: { value: Framework; text: string; issues: Issue[] } | undefined;
  let priceYear: number | null = null;
  if (input.framework) {
    framework = await readFrameworkInput(input.framework, cols.framework);
    priceYear = input.priceYear ?? latestPriceYear(framework.value);
  }
  const fw = framework?.value;
  const text = (f: FlowText | undefined): FlowText | undefined => f && { name: f.name, text: textOf(f) };
  const texts = {
    bids: text(input.bids) as FlowText,
    scores: text(input.scores) as FlowText,
    gates: text(input.gates),
    moderation: text(input.moderation),
    lines: text(input.lines),
    commitments: fw ? text(input.commitments) : undefined,
  };
  // Hash the inputs before reading the rows: the canonical copy of a big text and its bytes
  // are let go before the rows and the evaluation's figures are made (the peak is one or the
  // other, not both).
  const sha256 = hashTextInputs({
    model: model.text,
    bids: texts.bids.text,
    scores: texts.scores.text,
    gates: texts.gates?.text ?? null,
    moderation: texts.moderation?.text ?? null,
    lines: texts.lines?.text ?? null,
    commitments: texts.commitments?.text ?? null,
    framework: framework?.text ?? null,
    options: texts.commitments
      ? { discounting: discountingName, priceYear, baseYear: input.baseYear ?? null }
      : null,
  });
  const bids = await loadCsv(texts.bids, WHAT.bids, readBidsCsv, cols.bids);
  const scores = await loadCsv(texts.scores, WHAT.scores, readScoresCsv, cols.scores);
  const gates = texts.gates ? await loadCsv(texts.gates, WHAT.gates, readGatesCsv, cols.gates) : undefined;
  const moderation = texts.moderation
    ? await loadCsv(texts.moderation, WHAT.moderation, readModerationCsv, cols.moderation)
    : undefined;
  const lines = texts.lines
    ? await loadCsv(texts.lines, WHAT.lines, readPriceLinesCsv, cols.lines)
    : undefined;
  const commitments: LoadedCsv<Entry> | undefined =
    texts.commitments && fw
      ? await loadCsv(
          texts.commitments,
          WHAT.commitments,
          (t, o) => readCommitmentsCsv(t, { ...o, framework: fw }),
          cols.commitments,
        )
      : undefined;

  const joined = lines
    ? attachPriceLines(bids.rows, lines.rows, { bidsFile: bids.file, linesFile: lines.file })
    : { bids: bids.rows, issues: [], rejected: 0 };
  const counts: Record<string, FlowCounts> = {};
  for (const l of [bids, scores, gates, moderation, lines, commitments])
    if (l) counts[l.file] = { ...l.counts };
  if (lines && joined.rejected) {
    const c = counts[lines.file] as FlowCounts;
    c.rejected += joined.rejected;
    c.accepted -= joined.rejected;
  }

  const evalInput: EvaluationInput = { model: model.model, bids: joined.bids, scores: scores.rows };
  if (gates) evalInput.gates = gates.rows;
  if (moderation) evalInput.moderation = moderation.rows;
  if (commitments && framework) {
    evalInput.commitments = commitments.rows;
    evalInput.framework = framework.value;
    // The valuation engine rebases proxies of other price years with the deflator, per line.
    evalInput.valuation = {
      discounting: schedule.value,
      indexSeries: hmtGdpDeflator,
      ...(priceYear !== null ? { priceYear } : {}),
      ...(input.baseYear !== undefined ? { baseYear: input.baseYear } : {}),
    };
  }
  // The rows are read: let the texts go before evaluating.
  for (const l of [bids, scores, gates, moderation, lines, commitments]) if (l) l.text = '';
  for (const t of Object.values(texts)) if (t) t.text = '';
  const r = evaluate(evalInput);
  const fileOf: Record<RowRole, LoadedCsv<unknown> | undefined> = {
    bids,
    scores,
    gates,
    moderation,
    commitments,
  };
  // Core names rows by their line and field; put the file and the field's column on them.
  const locate = (i: Issue): Issue => {
    const head = i.path?.[0];
    if (head === 'model') return locateModelIssues([i], model.text, input.model.name, ['model'])[0] as Issue;
    const src = typeof head === 'string' && Object.hasOwn(fileOf, head) ? fileOf[head as RowRole] : undefined;
    if (!src || i.line === undefined || i.file !== undefined) return i;
    const out: Issue = { ...i, file: src.file };
    const col = i.field === undefined ? undefined : src.columns.find((c) => c.key === i.field);
    if (col) {
      out.column = col.column;
      out.field = col.header;
    }
    return out;
  };
  if (!r.ok) throw new FlowFatal('the tender cannot be evaluated', r.issues.map(locate));
  // The price lines' mismatch is already reported, located in the bids file, by attachPriceLines.
  const evalIssues = r.value.issues.filter((i) => !(lines && i.code === 'price_lines_mismatch')).map(locate);
  const issues = [
    ...model.issues,
    ...bids.issues,
    ...(lines?.issues ?? []),
    ...joined.issues,
    ...scores.issues,
    ...(gates?.issues ?? []),
    ...(moderation?.issues ?? []),
    ...(framework?.issues ?? []),
    ...(commitments?.issues ?? []),
    ...evalIssues,
  ];
  const evaluation: TenderEvaluation = { ...r.value, issues };
  return withLazyDocument(
    {
      ok: true,
      evaluation,
      sha256,
      issues,
      counts,
      priceYear,
      discounting: commitments ? discountingName : null,
    },
    evaluation,
    sha256,
  );
}

/** Stands for the bids while the rest of the document is written (never a real value there). */
const BIDS_PLACE = 'commonweal:bids-written-one-by-one';

/**
 * The bytes of an evaluation's JSON document (`documentText(result.document)`, exactly) in
 * pieces: the head, then each bid written straight from its figures and traces (no JSON copy
 * of them) a few criteria at a time, then the rest. So a tender of 400 bids × 120 criteria × 10 evaluators is never held
 * as one document or string, and makes little garbage per bid.
 *
 * @example
 * ```ts
 * const r = await evaluateFlow(input);
 * if (r.ok) for (const piece of evaluationDocumentParts(r)) sink.write(piece);
 * ```
 */
export function* evaluationDocumentParts(
  result: Pick<EvaluateFlowResult, 'evaluation' | 'sha256'>,
): Generator<string> {
  const e = result.evaluation;
  const rest = toEvaluationJson({ ...e, bids: [] }, { sha256: result.sha256 }) as Record<string, unknown>;
  rest.bids = BIDS_PLACE;
  const text = canonicalStringify(rest, { indent: 2, finalNewline: true });
  // `bids` is a top-level key: the only one indented by two spaces with this value.
  const mark = `\n  "bids": ${JSON.stringify(BIDS_PLACE)}`;
  const at = text.indexOf(mark);
  yield `${text.slice(0, at)}\n  "bids": [`;
  let first = true;
  for (const b of e.bids) {
    yield first ? '\n    ' : ',\n    ';
    yield* bidChunks(b, '    ');
    first = false;
  }
  yield `${first ? ']' : '\n  ]'}${text.slice(at + mark.length)}`;
}
