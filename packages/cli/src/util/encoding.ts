import { CommonwealError } from '@commonweal/core/issues';
import { ENCODING_CHOICES, encodingName } from '@commonweal/csv';
import type { Command, OptionSpec, OptionValues } from '../command';
import {
  type CliIO,
  checkLimits,
  type InputContext,
  joinBytes,
  STDIN,
  setInputContext,
  tooLargeIssue,
  UnreadableInput,
  UsageError,
} from './io';

/**
 * The options of every command that reads a file: `--encoding` and, for `-` (standard input),
 * `--input-format`. Spread them into a command's options.
 *
 * @example
 * ```ts
 * options: { entries: { type: 'string', value: 'FILE', description: 'Entries' }, ...INPUT_OPTIONS }
 * ```
 */
export const INPUT_OPTIONS: Record<string, OptionSpec> = {
  encoding: {
    type: 'string',
    value: 'NAME',
    description: `Text encoding of the input files: ${ENCODING_CHOICES.join(', ')} (default auto: UTF-8, UTF-16 with a byte order mark, or Windows-1252 when the bytes are not UTF-8, with a note)`,
  },
  'input-format': {
    type: 'string',
    value: 'FORMAT',
    description:
      'Format of the input given as - (standard input): csv or json (default: json if it starts with { or [)',
  },
};

/** True for an option naming a file the command reads (not one it writes). */
export function isInputOption(name: string, spec: OptionSpec): boolean {
  return spec.type === 'string' && spec.value === 'FILE' && !/^(out|report)(-|$)/.test(name);
}

/** Reads standard input whole, stopping past `limit` bytes. */
async function readStdin(
  stdin: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  limit: number,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    size += bytes.length;
    if (size > limit)
      throw new UnreadableInput('- is too large to read', [tooLargeIssue(STDIN, undefined, limit)]);
    parts.push(bytes);
  }
  return joinBytes(parts, size);
}

/**
 * Checks `--encoding` and `--input-format`, and reads standard input when one file option (or
 * positional) is `-` — at most one may be: there is one standard input. Called by `run` before
 * a command runs; the command's readers then find it all through `inputContext(io)`.
 *
 * @example
 * ```ts
 * await prepareInput(io, valueCommand, { entries: '-', encoding: 'windows-1252' }, []);
 * ```
 */
export async function prepareInput(
  io: CliIO,
  cmd: Command,
  values: OptionValues,
  positionals: readonly string[],
): Promise<void> {
  const limits = checkLimits(io.limits);
  let encoding = 'auto';
  if (values.encoding !== undefined) {
    try {
      encoding = encodingName(String(values.encoding));
    } catch (e) {
      if (!(e instanceof CommonwealError)) throw e;
      throw new UsageError(
        `--encoding must be one of ${ENCODING_CHOICES.join(', ')} (got '${String(values.encoding)}')`,
      );
    }
  }
  const ctx: InputContext = { encoding, quiet: Boolean(values.quiet), limits };
  const format = values['input-format'];
  if (format !== undefined) {
    if (format !== 'csv' && format !== 'json')
      throw new UsageError(`--input-format must be csv or json (got '${String(format)}')`);
    ctx.inputFormat = format;
  }
  const fromStdin = Object.entries(cmd.options)
    .filter(([name, spec]) => {
      const v = values[name];
      return isInputOption(name, spec) && (Array.isArray(v) ? (v as unknown[]).includes(STDIN) : v === STDIN);
    })
    .map(([name]) => `--${name}`);
  // the files of `validate FILE…`; other positionals (names, folders) are not inputs
  if (cmd.variadic) for (const p of positionals) if (p === STDIN) fromStdin.push(STDIN);
  if (fromStdin.length > 1)
    throw new UsageError(
      `only one input can be read from standard input (-), but ${fromStdin.join(' and ')} are -`,
    );
  if (fromStdin.length === 1) {
    if (io.stdin === undefined)
      throw new UsageError('- (standard input) is not available here: give a file path');
    ctx.stdin = await readStdin(io.stdin, Math.min(limits.maxTextBytes, limits.maxTotalBytes));
    ctx.readWhole = ctx.stdin.length;
  }
  setInputContext(io, ctx);
}
