import { createReadStream, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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
 * size: whole-file inputs (JSON, and the CSV files a command reads whole) and standard input
 * are read up to `maxTextBytes`; streamed CSV inputs (`value --entries`, `spend --spend`) have
 * no size limit, their fields being bounded by the CSV reader instead.
 *
 * @example
 * ```ts
 * const io: CliIO = { ...nodeIO(), limits: { maxTextBytes: 1024 } };
 * ```
 */
export interface InputLimits {
  /** Largest file read whole, in bytes (default 64 MiB). */
  maxTextBytes: number;
}

/**
 * The default {@link InputLimits}.
 *
 * @example
 * ```ts
 * INPUT_LIMITS.maxTextBytes; // 67108864 (64 MiB)
 * ```
 */
export const INPUT_LIMITS: InputLimits = { maxTextBytes: 64 * 1024 * 1024 };

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
}

const contexts = new WeakMap<CliIO, InputContext>();

/** Sets how a command run with `io` reads its inputs. */
export function setInputContext(io: CliIO, ctx: InputContext): void {
  contexts.set(io, ctx);
}

/** How a command run with `io` reads its inputs (defaults when none was set). */
export function inputContext(io: CliIO): InputContext {
  return (
    contexts.get(io) ?? { encoding: 'auto', quiet: false, limits: { ...INPUT_LIMITS, ...(io.limits ?? {}) } }
  );
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
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY),
    stdin: process.stdin,
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

function megabytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB` : `${n} bytes`;
}

/** The issue for an input over the whole-file limit. */
export function tooLargeIssue(file: string, size: number | undefined, limit: number): Issue {
  const what = size === undefined ? 'more than' : `${megabytes(size)}, more than`;
  return {
    code: 'file_too_large',
    file,
    message: `the input is ${what} the ${megabytes(limit)} a command reads whole: split it into smaller files${file === STDIN ? ', or give a file path instead of -' : ''} (CSV entries for value and spend files are streamed at any size)`,
  };
}

function fileBytes(io: CliIO, file: string, limit: number): Uint8Array {
  const path = resolve(io.cwd, file);
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError(`${file} is a directory — give a file`);
    if (st.size > limit)
      throw new UnreadableInput(`${file} is too large to read`, [tooLargeIssue(file, st.size, limit)]);
    const bytes = readFileSync(path);
    if (bytes.length > limit)
      throw new UnreadableInput(`${file} is too large to read`, [tooLargeIssue(file, bytes.length, limit)]);
    return bytes;
  } catch (e) {
    if (e instanceof InputError) throw e;
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
