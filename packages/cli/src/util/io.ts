import {
  closeSync,
  createReadStream,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatIssue, type Issue } from '@commonweal/core/issues';
import { decodeBytes } from '@commonweal/csv';

/**
 * Where a command reads and writes: injectable so tests and embedding tools can run the CLI
 * in-process and capture its output.
 *
 * @example
 * ```ts
 * const io = nodeIO();
 * io.stdout('hello\n');
 * ```
 */
export interface CliIO {
  stdout(text: string): void;
  /**
   * Standard output as bytes (UTF-8), for results written in pieces; used instead of `stdout`
   * when given. The bytes may be reused once it returns: copy them if they are kept.
   */
  stdoutBytes?: (bytes: Uint8Array) => void;
  stderr(text: string): void;
  cwd: string;
  /** True when stderr is a terminal (progress is shown only then). */
  isTTY: boolean;
  /** Standard input, read when a file option is `-` (none: `-` is a usage error). */
  stdin?: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;
  /** Input limits (defaults {@link INPUT_LIMITS}); tests and embedding tools may lower them. */
  limits?: Partial<InputLimits>;
}

/**
 * What one command may read, so no input dies with a V8 or native stack trace whatever its
 * size: each file read whole (JSON, and the CSV files a command reads whole) and standard input
 * are read up to `maxTextBytes`, and all the files one run reads whole together up to
 * `maxTotalBytes` (`portfolio`, `plan --from`, `validate FILE…` read many). Streamed CSV inputs
 * (`value --entries`, `spend --spend` and `--suppliers`, `lm3 --spend`) have no size limit, their
 * fields being bounded by the CSV reader instead. Above a limit the command stops before parsing
 * with a `file_too_large` issue naming the file (exit 2). `COMMONWEAL_MAX_BYTES` and
 * `COMMONWEAL_MAX_TOTAL_BYTES` (whole bytes) set them from the environment.
 *
 * @example
 * ```ts
 * const io: CliIO = { ...nodeIO(), limits: { maxTextBytes: 1024 } };
 * ```
 */
export interface InputLimits {
  /** Largest file read whole, in bytes (default 64 MiB). */
  maxTextBytes: number;
  /** Most bytes one run reads whole over all its files (default 128 MiB). */
  maxTotalBytes: number;
}

/**
 * The default {@link InputLimits}.
 *
 * @example
 * ```ts
 * INPUT_LIMITS.maxTextBytes; // 67108864 (64 MiB)
 * INPUT_LIMITS.maxTotalBytes; // 134217728 (128 MiB)
 * ```
 */
export const INPUT_LIMITS: InputLimits = { maxTextBytes: 64 * 1024 * 1024, maxTotalBytes: 128 * 1024 * 1024 };

/** The environment variable that sets each of {@link InputLimits}. */
export const LIMIT_VARIABLES: Readonly<Record<keyof InputLimits, string>> = {
  maxTextBytes: 'COMMONWEAL_MAX_BYTES',
  maxTotalBytes: 'COMMONWEAL_MAX_TOTAL_BYTES',
};

/**
 * The input limits set in the environment (`COMMONWEAL_MAX_BYTES`, `COMMONWEAL_MAX_TOTAL_BYTES`),
 * as given: a value that is not a whole number of bytes is kept as `NaN`, for the command to
 * refuse with the variable named (see {@link checkLimits}).
 *
 * @example
 * ```ts
 * envLimits({ COMMONWEAL_MAX_BYTES: '1048576' }); // { maxTextBytes: 1048576 }
 * ```
 */
export function envLimits(env: Readonly<Record<string, string | undefined>>): Partial<InputLimits> {
  const out: Partial<InputLimits> = {};
  for (const [key, name] of Object.entries(LIMIT_VARIABLES) as [keyof InputLimits, string][]) {
    const v = env[name];
    if (v === undefined || v === '') continue;
    out[key] = /^\d+$/.test(v.trim()) ? Number(v.trim()) : Number.NaN;
  }
  return out;
}

/**
 * The limits a run reads with: the defaults, overridden by `io.limits`; a limit that is not a
 * whole number of bytes above 0 is a usage error naming its environment variable.
 *
 * @example
 * ```ts
 * checkLimits({ maxTextBytes: 1024 }).maxTotalBytes; // 134217728
 * ```
 */
export function checkLimits(given: Partial<InputLimits> = {}): InputLimits {
  const limits = { ...INPUT_LIMITS, ...given };
  for (const [key, name] of Object.entries(LIMIT_VARIABLES) as [keyof InputLimits, string][]) {
    const n = limits[key];
    if (!Number.isSafeInteger(n) || n < 1)
      throw new UsageError(`${name} must be a whole number of bytes above 0, such as 67108864 (64 MiB)`);
  }
  return limits;
}

/** How a command reads its inputs, set from its options before it runs (see `prepareInput`). */
export interface InputContext {
  /** `--encoding` (default `auto`). */
  encoding: string;
  /** `--input-format`, for `-`. */
  inputFormat?: 'csv' | 'json';
  /** No notes on stderr. */
  quiet: boolean;
  /** Standard input's bytes, when a file option is `-`. */
  stdin?: Uint8Array;
  limits: InputLimits;
  /** Bytes read whole so far in this run (against `limits.maxTotalBytes`). */
  readWhole?: number;
}

const contexts = new WeakMap<CliIO, InputContext>();

/** Sets how a command run with `io` reads its inputs. */
export function setInputContext(io: CliIO, ctx: InputContext): void {
  contexts.set(io, ctx);
}

/** How a command run with `io` reads its inputs (defaults when none was set). */
export function inputContext(io: CliIO): InputContext {
  let ctx = contexts.get(io);
  if (ctx === undefined) {
    ctx = { encoding: 'auto', quiet: false, limits: { ...INPUT_LIMITS, ...(io.limits ?? {}) } };
    contexts.set(io, ctx);
  }
  return ctx;
}

/**
 * The real process streams.
 *
 * @example
 * ```ts
 * await run(['value', '--help'], nodeIO());
 * ```
 */
export function nodeIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    // a copy, as a write to a pipe may finish after it returns
    stdoutBytes: (b) => process.stdout.write(Buffer.from(b)),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY),
    stdin: process.stdin,
    limits: envLimits(process.env),
  };
}

/** A usage error: printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An input the command cannot use at all (missing file, unreadable): exit code 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** An input that cannot be read, with located issues (printed before the message; exit code 2). */
export class UnreadableInput extends InputError {
  readonly issues: Issue[];
  constructor(message: string, issues: Issue[]) {
    super(message);
    this.issues = issues;
  }
}

/** The name `-` stands for in messages. */
export const STDIN = '-';

/** A size in words: exact bytes, with MiB beside them from 1 MiB (so one byte over shows). */
function megabytes(n: number): string {
  const MiB = 1024 * 1024;
  if (n < MiB) return `${n} bytes`;
  const mib = `${(n / MiB).toFixed(1).replace(/\.0$/, '')} MiB`;
  return n % MiB === 0 ? mib : `${n} bytes (${mib})`;
}

/**
 * The issue for an input over the whole-file limit (or, with `total`, one that takes the files
 * a run reads whole over `maxTotalBytes`).
 *
 * @example
 * ```ts
 * tooLargeIssue('bids.csv', 70_000_000, 67_108_864).code; // 'file_too_large'
 * ```
 */
export function tooLargeIssue(file: string, size: number | undefined, limit: number, total = false): Issue {
  const what = size === undefined ? 'more than' : `${megabytes(size)}, more than`;
  const stdin = file === STDIN ? ', or give a file path instead of -' : '';
  const streamed = '(CSV entries for value and spend files are streamed at any size)';
  return {
    code: 'file_too_large',
    file,
    message: total
      ? `with this file the inputs read whole come to ${what} the ${megabytes(limit)} one command reads in all: give fewer or smaller files, or raise ${LIMIT_VARIABLES.maxTotalBytes} if they are trusted${stdin} ${streamed}`
      : `the input is ${what} the ${megabytes(limit)} a command reads whole: split it into smaller files, or raise ${LIMIT_VARIABLES.maxTextBytes} if it is trusted${stdin} ${streamed}`,
  };
}

/** Counts `size` more bytes read whole in this run, refusing the file that passes the total. */
function countWhole(io: CliIO, file: string, size: number): void {
  const ctx = inputContext(io);
  const total = (ctx.readWhole ?? 0) + size;
  if (total > ctx.limits.maxTotalBytes)
    throw new UnreadableInput(`${file} is too large to read with the other inputs`, [
      tooLargeIssue(file, total, ctx.limits.maxTotalBytes, true),
    ]);
  ctx.readWhole = total;
}

/** Reads what is not a regular file (a pipe, a device) up to one byte past `limit`. */
function readBounded(path: string, limit: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const parts: Uint8Array[] = [];
    let size = 0;
    while (size <= limit) {
      const buf = new Uint8Array(Math.min(1 << 20, limit + 1 - size));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      parts.push(buf.subarray(0, n));
      size += n;
    }
    return joinBytes(parts, size);
  } finally {
    closeSync(fd);
  }
}

/** One array of `parts` (`size` bytes in all). */
export function joinBytes(parts: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function fileBytes(io: CliIO, file: string, limit: number): Uint8Array {
  const path = resolve(io.cwd, file);
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError(`${file} is a directory — give a file`);
    if (st.size > limit)
      throw new UnreadableInput(`${file} is too large to read`, [tooLargeIssue(file, st.size, limit)]);
    const bytes = st.isFile() ? readFileSync(path) : readBounded(path, limit);
    countWhole(io, file, bytes.length);
    // a file that grew after stat (or a device) is checked again
    if (bytes.length > limit)
      throw new UnreadableInput(`${file} is too large to read`, [tooLargeIssue(file, bytes.length, limit)]);
    return bytes;
  } catch (e) {
    if (e instanceof InputError || e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new InputError(`${file}: no such file — check the path (working directory ${io.cwd})`);
    if (code === 'EISDIR') throw new InputError(`${file} is a directory — give a file`);
    throw new InputError(`${file}: cannot read (${code ?? String(e)})`);
  }
}

function stdinBytes(io: CliIO): Uint8Array {
  const bytes = inputContext(io).stdin;
  if (bytes === undefined) throw new UsageError('- (standard input) can be given to one file option only');
  return bytes;
}

/**
 * Reads a text file relative to the working directory (or standard input for `-`) whole, in
 * the `--encoding` of the command (default `auto`: UTF-8, UTF-16 with a BOM, or Windows-1252
 * with a note on stderr). Bytes that are not text, a file over the size limit, or a missing
 * file are one clear error with located issues, never a silent U+FFFD.
 */
export function readText(io: CliIO, file: string): string {
  const ctx = inputContext(io);
  const bytes = file === STDIN ? stdinBytes(io) : fileBytes(io, file, ctx.limits.maxTextBytes);
  const d = decodeBytes(bytes, ctx.encoding);
  if (d.invalid.length) {
    const issues: Issue[] = d.invalid.map((p) => ({
      code: 'invalid_encoding',
      message: p.message,
      file,
      line: p.line,
      column: p.column,
    }));
    throw new UnreadableInput(`${file} cannot be read as ${d.encoding} text`, issues);
  }
  if (!ctx.quiet) {
    for (const n of d.notes) {
      const note: Issue = {
        code: 'encoding_inferred',
        message: n.message,
        file,
        line: n.line,
        column: n.column,
        severity: 'warning',
      };
      io.stderr(`${formatIssue(note)}\n`);
    }
  }
  return d.text.charCodeAt(0) === 0xfeff ? d.text.slice(1) : d.text;
}

/**
 * A file (or standard input, for `-`) read whole as bytes, under the same limits as
 * {@link readText}, for flows that decode the bytes themselves (with `--encoding`).
 *
 * @example
 * ```ts
 * const survey = readBytes(io, 'survey.csv'); // over 64 MiB: file_too_large, exit 2
 * ```
 */
export function readBytes(io: CliIO, file: string): Uint8Array {
  return file === STDIN ? stdinBytes(io) : fileBytes(io, file, inputContext(io).limits.maxTextBytes);
}

/**
 * A file (or standard input, for `-`) as byte chunks for the streaming CSV readers, checked
 * first: a missing file or a folder is an `InputError` (exit 2).
 *
 * @example
 * ```ts
 * const source = byteSource(io, 'spend.csv');
 * ```
 */
export function byteSource(io: CliIO, file: string): AsyncIterable<Uint8Array> {
  if (file === STDIN) {
    const bytes = stdinBytes(io);
    return {
      async *[Symbol.asyncIterator]() {
        for (let i = 0; i < bytes.length; i += 64 * 1024) yield bytes.subarray(i, i + 64 * 1024);
      },
    };
  }
  const path = resolve(io.cwd, file);
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new InputError(`${file}: no such file — check the path (working directory ${io.cwd})`);
  }
  if (!isFile) throw new InputError(`${file} is not a file — give a file`);
  return {
    [Symbol.asyncIterator]: () =>
      createReadStream(path, { highWaterMark: 64 * 1024 })[Symbol.asyncIterator](),
  };
}

/** The options the CSV readers take from the command line (`--encoding`). */
export function csvReadOptions(io: CliIO): { encoding: string } {
  return { encoding: inputContext(io).encoding };
}

/** Writes a text file (creating folders), relative to the working directory. */
export function writeText(io: CliIO, file: string, text: string): string {
  const path = resolve(io.cwd, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/**
 * The lower-case extension of a file name, without the dot. For `-` (standard input, with `io`)
 * it is `--input-format`, or else `json` when the input starts with `{` or `[` and `csv` if not.
 */
export function extension(file: string, io?: CliIO): string {
  if (file === STDIN && io !== undefined) {
    const ctx = inputContext(io);
    if (ctx.inputFormat) return ctx.inputFormat;
    const head = decodeBytes(stdinBytes(io).subarray(0, 256), ctx.encoding).text.replace(/^[\s\uFEFF]+/, '');
    return head.startsWith('{') || head.startsWith('[') ? 'json' : 'csv';
  }
  const m = /\.([a-z0-9]+)$/i.exec(file);
  return m ? (m[1] as string).toLowerCase() : '';
}
