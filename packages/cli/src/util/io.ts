import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

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

/** Reads a text file relative to the working directory, as one clear error when it fails. */
export function readText(io: CliIO, file: string): string {
  const path = resolve(io.cwd, file);
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new InputError(`${file}: no such file — check the path (working directory ${io.cwd})`);
    if (code === 'EISDIR') throw new InputError(`${file} is a directory — give a file`);
    throw new InputError(`${file}: cannot read (${code ?? String(e)})`);
  }
}

/** Writes a text file (creating folders), relative to the working directory. */
export function writeText(io: CliIO, file: string, text: string): string {
  const path = resolve(io.cwd, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** The lower-case extension of a file name, without the dot. */
export function extension(file: string): string {
  const m = /\.([a-z0-9]+)$/i.exec(file);
  return m ? (m[1] as string).toLowerCase() : '';
}
