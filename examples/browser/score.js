// Scores a tender from the texts of its files, composed exactly as `commonweal evaluate` composes
// it (packages/cli/src/commands/evaluate.ts, without priced lines and commitments), so the page
// and the CLI give the same ranking, the same JSON and the same inputs sha256. No DOM here.
import { hasErrors } from '@commonweal/core/issues';
import { evaluate, toEvaluationJson, validateModel } from '@commonweal/core/procurement';
import {
  BID_COLUMNS,
  GATE_COLUMNS,
  MODERATION_COLUMNS,
  normalizeName,
  peekHeader,
  readBidsCsv,
  readGatesCsv,
  readModerationCsv,
  readScoresCsv,
  SCORE_COLUMNS,
} from '@commonweal/csv';
import { canonicalStringify, hashInputs, locateJsonPaths, safeParseJson } from '@commonweal/json';

/** The inputs the page takes, in the order the CLI reads them. */
export const ROLES = ['model', 'bids', 'scores', 'gates', 'moderation'];

/** What each CSV role holds, in the CLI's words (used in messages). */
const WHAT = {
  bids: 'bids (bid,bidder,price)',
  scores: 'scores (bid,criterion,evaluator,score,comment)',
  gates: 'gate results (bid,criterion,result,reason)',
  moderation: 'moderated scores (bid,criterion,score,reason)',
};

const READERS = {
  bids: readBidsCsv,
  scores: readScoresCsv,
  gates: readGatesCsv,
  moderation: readModerationCsv,
};

const COLUMNS = {
  bids: BID_COLUMNS,
  scores: SCORE_COLUMNS,
  gates: GATE_COLUMNS,
  moderation: MODERATION_COLUMNS,
};

/**
 * Reads a file's bytes as Node's `readFileSync(path, 'utf8')` does (a byte-order mark is kept,
 * bad bytes become U+FFFD), so the inputs hash matches the CLI's for the same file.
 *
 * @param {ArrayBuffer} bytes
 * @returns {string}
 */
export function decodeText(bytes) {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

/** The header cells of a CSV text (read by the CSV tokenizer), normalised as the readers match them. */
async function headerNames(text) {
  const { header } = await peekHeader(text);
  return new Set((header?.fields ?? []).map((h) => normalizeName(h)));
}

/**
 * Which input a file is, for files dropped on the page: `.json` is the model; a CSV is told by
 * its header (the role whose required columns all appear, the most specific first), then by its
 * name. Returns null when it cannot tell.
 *
 * @param {string} name the file name
 * @param {string} text the file's text
 * @returns {Promise<string | null>} one of ROLES, or null
 */
export async function classifyFile(name, text) {
  if (/\.json$/i.test(name)) return 'model';
  const have = await headerNames(text);
  let best = null;
  let bestCount = 0;
  for (const [role, columns] of Object.entries(COLUMNS)) {
    const required = Object.values(columns).filter((c) => c.required);
    const found = required.every((c) =>
      [c.header, ...(c.aliases ?? [])].some((h) => have.has(normalizeName(h))),
    );
    if (found && required.length > bestCount) {
      best = role;
      bestCount = required.length;
    }
  }
  if (best) return best;
  const lower = name.toLowerCase();
  if (lower.includes('moderat')) return 'moderation';
  if (lower.includes('gate')) return 'gates';
  if (lower.includes('score')) return 'scores';
  if (lower.includes('bid')) return 'bids';
  return null;
}

/** An input that cannot be used at all (the CLI's exit 2): a headline and located issues. */
class Fatal extends Error {
  constructor(message, issues) {
    super(message);
    this.issues = issues;
  }
}

function locateModelIssues(issues, text, file, prefix) {
  const paths = issues.map((i) => (i.path ?? []).slice(prefix.length));
  const at = locateJsonPaths(text, paths);
  return issues.map((i, n) => {
    const hit = at.get(JSON.stringify(paths[n]));
    const out = { ...i, file };
    if (hit && i.line === undefined) {
      out.line = hit.line;
      out.column = hit.column;
    }
    return out;
  });
}

function loadModel({ name, text }) {
  const parsed = safeParseJson(text, { file: name });
  if (!parsed.ok) throw new Fatal(`${name} is not valid JSON`, parsed.issues);
  const r = validateModel(parsed.value);
  const located = locateModelIssues(r.issues, text, name, []);
  if (!r.ok) throw new Fatal(`the evaluation model ${name} cannot be used`, located);
  return { model: r.value, issues: located, text, file: name };
}

async function loadCsv(role, { name, text }) {
  const r = await READERS[role](text, { file: name });
  if (
    r.counts.read === 0 &&
    r.issues.some((i) => i.severity !== 'warning' && (i.line === undefined || i.line === 1))
  ) {
    throw new Fatal(`${name} cannot be read as ${WHAT[role]}`, r.issues);
  }
  return { file: name, rows: r.rows, issues: r.issues, text, counts: r.counts, columns: r.columns };
}

/**
 * Scores a tender. `files` maps a role to `{ name, text }`; model, bids and scores are needed,
 * gates and moderation are optional. Never throws for bad files: an input that cannot be used
 * gives `{ ok: false, headline, issues }`; otherwise `{ ok: true, evaluation, json, jsonText,
 * sha256, issues, counts }`, where `jsonText` is byte for byte what
 * `commonweal evaluate --format json` prints for the same files.
 *
 * @param {Record<string, { name: string, text: string }>} files
 */
export async function scoreTender(files) {
  const missing = ['model', 'bids', 'scores'].filter((r) => !files[r]);
  if (missing.length) {
    return {
      ok: false,
      headline: `Choose the ${missing.join(', ')} file${missing.length > 1 ? 's' : ''} to score the tender.`,
      issues: [],
    };
  }
  try {
    const model = loadModel(files.model);
    const bids = await loadCsv('bids', files.bids);
    const scores = await loadCsv('scores', files.scores);
    const gates = files.gates ? await loadCsv('gates', files.gates) : undefined;
    const moderation = files.moderation ? await loadCsv('moderation', files.moderation) : undefined;
    const counts = {};
    for (const l of [bids, scores, gates, moderation]) if (l) counts[l.file] = { ...l.counts };

    const input = { model: model.model, bids: bids.rows, scores: scores.rows };
    if (gates) input.gates = gates.rows;
    if (moderation) input.moderation = moderation.rows;
    const r = evaluate(input);
    const fileOf = { bids, scores, gates, moderation };
    // Core names rows by their line and field; put the file and the field's column on them.
    const locate = (i) => {
      const head = i.path?.[0];
      if (head === 'model') return locateModelIssues([i], model.text, model.file, ['model'])[0];
      const src = typeof head === 'string' && Object.hasOwn(fileOf, head) ? fileOf[head] : undefined;
      if (!src || i.line === undefined || i.file !== undefined) return i;
      const out = { ...i, file: src.file };
      const col = i.field === undefined ? undefined : src.columns.find((c) => c.key === i.field);
      if (col) {
        out.column = col.column;
        out.field = col.header;
      }
      return out;
    };
    if (!r.ok) throw new Fatal('the tender cannot be evaluated', r.issues.map(locate));
    const issues = [
      ...model.issues,
      ...bids.issues,
      ...scores.issues,
      ...(gates?.issues ?? []),
      ...(moderation?.issues ?? []),
      ...r.value.issues.map(locate),
    ];
    const sha256 = hashInputs({
      model: model.text,
      bids: bids.text,
      scores: scores.text,
      gates: gates?.text ?? null,
      moderation: moderation?.text ?? null,
      lines: null,
      commitments: null,
      framework: null,
      options: null,
    });
    const evaluation = { ...r.value, issues };
    const json = toEvaluationJson(evaluation, { sha256 });
    const jsonText = canonicalStringify(json, { indent: 2, finalNewline: true });
    return { ok: true, evaluation, json, jsonText, sha256, issues, counts, errors: hasErrors(issues) };
  } catch (e) {
    if (e instanceof Fatal)
      return {
        ok: false,
        headline: `${e.message[0]?.toUpperCase()}${e.message.slice(1)}.`,
        issues: e.issues,
      };
    throw e;
  }
}
