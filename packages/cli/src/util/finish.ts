import { hasErrors, type Issue } from '@commonweal/core/issues';
import type { OptionValues } from '../command';
import type { CliIO } from './io';
import { emit, type OutputSink, openOutput, printIssues } from './output';
import { writeReport } from './report';

/**
 * What a command computed, handed to {@link finish}: its issues, its result (a text, or a writer
 * for a result too large to hold), the report renderers and any extra files it writes.
 */
export interface Ending {
  /** Every issue, the inputs' and the computation's; any error makes the exit code 1. */
  issues: readonly Issue[];
  /** The result in the chosen format, built only when called. */
  output?: (() => string) | undefined;
  /** A result written in pieces (value's lines, spend's suppliers) instead of `output`. */
  stream?: ((sink: OutputSink) => void | Promise<void>) | undefined;
  /** A result already written to this sink while it was computed (value's lines CSV): ended here. */
  written?: OutputSink | undefined;
  /** `--report FILE.html|FILE.md`: only the kind asked for is rendered. */
  report?: { html: () => string; md: () => string } | undefined;
  /** Files besides the result (assessment summaries, converted inputs), written last. */
  after?: (() => void) | undefined;
}

/**
 * The one ending of every command: print the issues (unless `--quiet`), write the result to
 * `--out` or stdout, write `--report`, then any other files, and return the exit code — 1 when
 * any issue is an error, else 0.
 *
 * @example
 * ```ts
 * return finish(io, values, {
 *   issues: o.issues,
 *   output: () => (format === 'json' ? documentText(o.document) : table(o)),
 *   report: { html: () => renderTenderHtml(o.evaluation), md: () => renderTenderMarkdown(o.evaluation) },
 * });
 * ```
 */
export async function finish(io: CliIO, values: OptionValues, ending: Ending): Promise<number> {
  const quiet = Boolean(values.quiet);
  printIssues(io, ending.issues, quiet);
  if (ending.written) ending.written.end();
  else if (ending.stream) {
    const sink = openOutput(io, values.out, quiet);
    await ending.stream(sink);
    sink.end();
  } else if (ending.output) emit(io, ending.output(), values.out, quiet);
  if (ending.report) writeReport(io, values.report, ending.report, quiet);
  ending.after?.();
  return hasErrors(ending.issues) ? 1 : 0;
}
