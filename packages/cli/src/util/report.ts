import type { OptionSpec } from '../command';
import { type CliIO, extension, UsageError, writeText } from './io';

/** The `--report FILE.html|FILE.md` option every command takes. */
export const REPORT_OPTION: Record<string, OptionSpec> = {
  report: {
    type: 'string',
    short: 'r',
    value: 'FILE',
    description: 'Also write a report: FILE.html (self-contained, with charts) or FILE.md',
  },
};

/** Checks `--report` before any work is done, so a bad name fails fast. */
export function reportKind(value: unknown): 'html' | 'md' | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new UsageError('--report needs a file name');
  const ext = extension(value);
  if (ext === 'html' || ext === 'htm') return 'html';
  if (ext === 'md' || ext === 'markdown') return 'md';
  throw new UsageError(`--report ${value}: the file name must end in .html or .md`);
}

/**
 * Writes the report chosen by `--report`'s extension; the renderers are called only for the
 * kind asked for.
 *
 * @example
 * ```ts
 * writeReport(io, values.report, { html: () => renderValuationHtml(r), md: () => renderValuationMarkdown(r) }, quiet);
 * ```
 */
export function writeReport(
  io: CliIO,
  file: unknown,
  render: { html: () => string; md: () => string },
  quiet: boolean,
): void {
  const kind = reportKind(file);
  if (!kind) return;
  const path = writeText(io, file as string, kind === 'html' ? render.html() : render.md());
  if (!quiet) io.stderr(`report written to ${path}\n`);
}
