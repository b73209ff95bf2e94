import type { Issue } from '@commonweal/core/issues';
import { assessmentSummaries } from '@commonweal/core/procurement';
import {
  documentText,
  type EvaluateFlowInput,
  type EvaluateFlowResult,
  evaluateFlow,
} from '@commonweal/flows';
import { renderAssessmentSummaryMarkdown, renderTenderHtml } from '@commonweal/report';
import { type ExportedFile, tenderFiles } from '../files/files';
import type { WorkbenchState } from '../state/state';

/** What scoring the tender gives the page: the flow's result, its JSON bytes, report and summaries. */
export type Scored =
  | {
      ok: true;
      result: EvaluateFlowResult;
      /** The bytes `commonweal evaluate --format json` prints for the exported files. */
      json: string;
      /** The HTML report (charts, moderation, weight sensitivity, summaries). */
      html: string;
      /** One Markdown assessment summary per bid, named as `--summaries` names them. */
      summaries: ExportedFile[];
      files: ExportedFile[];
    }
  | { ok: false; headline: string; issues: Issue[]; files: ExportedFile[] };

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * The summaries' file names from their bid ids, as `commonweal evaluate --summaries` names
 * them (the CLI's `summaryFileNames`, which is Node-side; a test keeps the two alike):
 * letters, digits, `.`, `_` and `-` only, no leading dot, at most 80 characters, never a
 * reserved device name, clashes numbered `-2`, `-3`, … in bid order.
 *
 * @example
 * ```ts
 * summaryNames(['B1', '../etc/passwd', 'CON']); // ['B1.md', 'etc-passwd.md', 'bid-CON.md']
 * ```
 */
export function summaryNames(bids: readonly string[]): string[] {
  const used = new Set<string>();
  return bids.map((id) => {
    let base = id
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[.-]+|[.-]+$/g, '')
      .slice(0, 80);
    if (base === '') base = 'bid';
    if (RESERVED.test(base)) base = `bid-${base}`;
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}-${n}`;
    used.add(name.toLowerCase());
    return `${name}.md`;
  });
}

/**
 * The flow input of the exported files: the very texts the CLI reads, under the same names.
 *
 * @example
 * ```ts
 * flowInput(tenderFiles(state)).model.name; // 'model.json'
 * ```
 */
export function flowInput(files: readonly ExportedFile[]): EvaluateFlowInput {
  const get = (name: string) => files.find((f) => f.name === name);
  const need = (name: string) => get(name) ?? { name, text: '' };
  const input: EvaluateFlowInput = {
    model: need('model.json'),
    bids: need('bids.csv'),
    scores: need('scores.csv'),
  };
  const gates = get('gates.csv');
  const moderation = get('moderation.csv');
  if (gates) input.gates = gates;
  if (moderation) input.moderation = moderation;
  return input;
}

/**
 * Scores the tender exactly as `commonweal evaluate` scores its exported files: the evaluate
 * flow of `@commonweal/flows` on the texts of {@link tenderFiles}, then the report renderers.
 *
 * @example
 * ```ts
 * const s = await scoreTender(state);
 * if (s.ok) s.result.evaluation.winner; // 'B1'
 * ```
 */
export async function scoreTender(state: WorkbenchState): Promise<Scored> {
  const files = tenderFiles(state);
  const r = await evaluateFlow(flowInput(files));
  if (!r.ok) return { ok: false, headline: r.headline, issues: r.issues, files };
  const list = assessmentSummaries(r.evaluation);
  const names = summaryNames(list.map((s) => s.bid));
  const summaries = list.map((s, i) => ({
    name: names[i] as string,
    text: renderAssessmentSummaryMarkdown(s),
  }));
  return {
    ok: true,
    result: r,
    json: documentText(r.document),
    html: renderTenderHtml(r.evaluation),
    summaries,
    files,
  };
}
