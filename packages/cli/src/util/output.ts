import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatIssue, type Issue } from '@commonweal/core/issues';
import type { OptionSpec } from '../command';
import type { CliIO } from './io';
import { InputError, UsageError, writeText } from './io';

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

/** `--format` of the commands that write a table, their stable JSON contract or Markdown. */
export const FORMAT_OPTION: Record<string, OptionSpec> = {
  format: {
    type: 'string',
    value: 'FORMAT',
    choices: ['table', 'json', 'md'],
    description: 'table (default), json (stable contract) or md',
  },
};

/**
 * `--out FILE` of every command that writes one result (`-` is stdout).
 *
 * @example
 * ```ts
 * const options = { ...FORMAT_OPTION, ...REPORT_OPTION, ...OUT_OPTION };
 * ```
 */
export const OUT_OPTION: Record<string, OptionSpec> = {
  out: {
    type: 'string',
    short: 'o',
    value: 'FILE',
    description: 'Write the result to FILE instead of stdout',
  },
};

/** Writes the result to `--out FILE` or stdout (`--out -` is stdout too, as in most CLIs). */
export function emit(io: CliIO, text: string, out: unknown, quiet: boolean): void {
  if (typeof out === 'string' && out !== '' && out !== '-') {
    const path = writeText(io, out, text);
    if (!quiet) io.stderr(`wrote ${path}\n`);
  } else io.stdout(text);
}

/** Where a streamed result goes: text in pieces, then `end()`. */
export interface OutputSink {
  write(text: string): void;
  end(): void;
}

const SINK_BUFFER = 1 << 20;

/**
 * Opens `--out FILE` (or stdout, for none or `-`) for a result written in pieces, so a result of
 * any size is never held whole. Pieces are gathered into ~1 MiB writes.
 *
 * @example
 * ```ts
 * const sink = openOutput(io, values.out, quiet);
 * sink.write('line,measure\n');
 * sink.end();
 * ```
 */
export function openOutput(io: CliIO, out: unknown, quiet: boolean): OutputSink {
  const toFile = typeof out === 'string' && out !== '' && out !== '-';
  let fd: number | undefined;
  let path = '';
  if (toFile) {
    path = resolve(io.cwd, out);
    try {
      mkdirSync(dirname(path), { recursive: true });
      fd = openSync(path, 'w');
    } catch (e) {
      throw new InputError(`${out}: cannot write (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
  }
  const file = fd;
  const bytes =
    file !== undefined
      ? (b: Uint8Array) => {
          let at = 0;
          while (at < b.length) at += writeSync(file, b, at, b.length - at);
        }
      : io.stdoutBytes;
  const done = () => {
    if (file === undefined) return;
    closeSync(file);
    if (!quiet) io.stderr(`wrote ${path}\n`);
  };
  if (bytes) return byteSink(bytes, done);
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    if (!pending.length) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    io.stdout(text);
  };
  return {
    write(text) {
      pending.push(text);
      size += text.length;
      if (size >= SINK_BUFFER) flush();
    },
    end() {
      flush();
    },
  };
}

/**
 * {@link openOutput} opened at the first write, not before: a result written while it is
 * computed leaves no file behind when the command fails first. Ending it unwritten opens it then
 * (an empty result is still a result).
 *
 * @example
 * ```ts
 * const sink = lazyOutput(io, values.out, quiet);
 * await valueFlow({ ...input, linesCsv: (t) => sink.write(t) });
 * sink.end();
 * ```
 */
export function lazyOutput(io: CliIO, out: unknown, quiet: boolean): OutputSink {
  let sink: OutputSink | undefined;
  return {
    write(text) {
      sink ??= openOutput(io, out, quiet);
      sink.write(text);
    },
    end() {
      sink ??= openOutput(io, out, quiet);
      sink.end();
    },
  };
}

/**
 * Pieces encoded into one reused buffer as they come and handed on ~1 MiB at a time: no piece
 * outlives its write (held strings were most of a big output's garbage collection).
 */
function byteSink(emit: (bytes: Uint8Array) => void, done: () => void): OutputSink {
  const buffer = Buffer.allocUnsafe(SINK_BUFFER);
  let used = 0;
  // a surrogate pair cut between two pieces is joined before it is encoded
  let high = '';
  const flush = () => {
    if (used) emit(buffer.subarray(0, used));
    used = 0;
  };
  return {
    write(piece) {
      let text = high ? high + piece : piece;
      high = '';
      const last = text.charCodeAt(text.length - 1);
      if (last >= 0xd800 && last <= 0xdbff) {
        high = text.slice(-1);
        text = text.slice(0, -1);
      }
      // UTF-8 takes at most three bytes per UTF-16 unit
      if (used + text.length * 3 > SINK_BUFFER) {
        flush();
        if (text.length * 3 > SINK_BUFFER) {
          emit(Buffer.from(text, 'utf8'));
          return;
        }
      }
      used += buffer.write(text, used);
    },
    end() {
      if (high) {
        if (used + 3 > SINK_BUFFER) flush();
        used += buffer.write(high, used);
      }
      flush();
      done();
    },
  };
}

/**
 * Issues in the order they are printed: file-level issues (no line), errors before warnings, so
 * a reason the whole file failed is never hidden behind the first 50 row issues; then row
 * issues by file (in the order the files came), line and column. Ties keep their order.
 *
 * @example
 * ```ts
 * printOrder([{ code: 'w', message: '', line: 9 }, { code: 'file_too_large', message: '' }]);
 * // [file_too_large, w]
 * ```
 */
export function printOrder(issues: readonly Issue[]): Issue[] {
  const files = new Map<string | undefined, number>();
  for (const i of issues) if (!files.has(i.file)) files.set(i.file, files.size);
  const tier = (i: Issue) => (i.line !== undefined ? 2 : i.severity === 'warning' ? 1 : 0);
  return issues
    .map((issue, at) => ({ issue, at, tier: tier(issue), file: files.get(issue.file) ?? 0 }))
    .sort(
      (a, b) =>
        a.tier - b.tier ||
        (a.tier === 2
          ? a.file - b.file ||
            (a.issue.line ?? 0) - (b.issue.line ?? 0) ||
            (a.issue.column ?? 0) - (b.issue.column ?? 0)
          : 0) ||
        a.at - b.at,
    )
    .map((x) => x.issue);
}

/** Prints issues on stderr in {@link printOrder}, one located line each, then how many were left out. */
export function printIssues(io: CliIO, issues: readonly Issue[], quiet: boolean, limit = 50): void {
  if (quiet || issues.length === 0) return;
  const ordered = issues.length > 1 ? printOrder(issues) : issues;
  for (const i of ordered.slice(0, limit)) io.stderr(`${formatIssue(i)}\n`);
  if (issues.length > limit) io.stderr(`… and ${issues.length - limit} more (use --format json for all)\n`);
}

/** Reads an optional numeric option (years). */
export function intOption(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const s = String(value);
  if (!/^-?\d+$/.test(s)) throw new UsageError(`--${name} must be a whole number (got '${s}')`);
  return Number(s);
}
