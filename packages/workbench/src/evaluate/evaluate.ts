import type { Issue } from '@commonweal/core/issues';
import { assessmentSummaries } from '@commonweal/core/procurement';
import {
  documentText,
  type EvaluateFlowInput,
  type EvaluateFlowResult,
  evaluateFlow,
  summaryNames,
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
      /** One Markdown assessment summary per bid, named as `--summaries` names them (`summaryNames`). */
      summaries: ExportedFile[];
      files: ExportedFile[];
    }
  | { ok: false; headline: string; issues: Issue[]; files: ExportedFile[] };

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
