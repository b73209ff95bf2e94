import { formatIssue, type Issue } from '@commonweal/core/issues';
import type { CliIO } from './io';
import { UsageError, writeText } from './io';

/** Output formats a command may support. */
export type Format = 'table' | 'json' | 'csv' | 'md';

/** Reads and checks `--format` against what the command supports. */
export function chooseFormat(value: unknown, allowed: readonly Format[], fallback: Format = 'table'): Format {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--format must be one of ${allowed.join(', ')} (got '${String(value)}')`);
  }
  return value as Format;
}

/** Writes the result to `--out FILE` or stdout (`--out -` is stdout too, as in most CLIs). */
export function emit(io: CliIO, text: string, out: unknown, quiet: boolean): void {
  if (typeof out === 'string' && out !== '' && out !== '-') {
    const path = writeText(io, out, text);
    if (!quiet) io.stderr(`wrote ${path}\n`);
  } else io.stdout(text);
}

/** Prints issues on stderr, one located line each, with a summary. */
export function printIssues(io: CliIO, issues: readonly Issue[], quiet: boolean, limit = 50): void {
  if (quiet || issues.length === 0) return;
  for (const i of issues.slice(0, limit)) io.stderr(`${formatIssue(i)}\n`);
  if (issues.length > limit)
    io.stderr(`… and ${issues.length - limit} more issues (use --format json to see all)\n`);
}

/** Reads an optional numeric option (years). */
export function intOption(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const s = String(value);
  if (!/^-?\d+$/.test(s)) throw new UsageError(`--${name} must be a whole number (got '${s}')`);
  return Number(s);
}
