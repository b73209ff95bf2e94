import type { CliIO } from './util/io';

/** One option of a command, as `node:util` parseArgs takes it, plus help text. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** May be given more than once (values gathered in order); otherwise a repeat is a usage error. */
  multiple?: boolean;
  /** The values a string option accepts: help lists them and the parser refuses any other. */
  choices?: readonly string[];
  /** Placeholder shown in help, e.g. `FILE`. */
  value?: string;
  description: string;
}

/** Parsed option values of a command. */
export type OptionValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

/**
 * A `commonweal` sub-command: its help (summary, usage, options, examples) and its action.
 * The action returns the exit code: 0 all well, 1 input rows had issues, 2 usage error.
 *
 * @example
 * ```ts
 * const hello: Command = {
 *   name: 'hello', summary: 'Say hello', usage: 'commonweal hello', options: {}, examples: ['commonweal hello'],
 *   run: async (_args, io) => { io.stdout('hello\n'); return 0; },
 * };
 * ```
 */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  examples: string[];
  /** Positional arguments allowed (e.g. `schema <name>`). */
  positionals?: { name: string; required: boolean; description: string }[];
  /** The last positional may repeat (e.g. `validate FILE…`). */
  variadic?: boolean;
  run(args: { values: OptionValues; positionals: string[] }, io: CliIO): Promise<number>;
}

/** Options every command takes. */
export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
  quiet: {
    type: 'boolean',
    short: 'q',
    description: 'Print nothing but the result (no issues or notes on stderr)',
  },
  debug: { type: 'boolean', description: 'Show stack traces for unexpected errors' },
};

/**
 * An option's help line text: its description, with the values it accepts added when the
 * description does not already name them all, and "(repeatable)" for a `multiple` option.
 *
 * @example
 * ```ts
 * optionDescription({ type: 'string', choices: ['quarter', 'month'], description: 'Reporting periods' });
 * // 'Reporting periods (one of: quarter, month)'
 * ```
 */
export function optionDescription(o: OptionSpec): string {
  let d = o.description;
  const words = new Set(d.split(/[^A-Za-z0-9:_.-]+/));
  if (o.choices?.length && !o.choices.every((c) => words.has(c))) d += ` (one of: ${o.choices.join(', ')})`;
  if (o.multiple && !/repeatable/.test(d)) d += ' (repeatable)';
  return d;
}

/**
 * Renders a command's help text: summary, usage, arguments, options (with the values each
 * enumerated option accepts) and examples.
 *
 * @example
 * ```ts
 * process.stdout.write(commandHelp(valueCommand));
 * ```
 */
export function commandHelp(cmd: Command): string {
  const all = { ...cmd.options, ...COMMON_OPTIONS };
  const rows = Object.entries(all).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
    return [flag, optionDescription(o)] as const;
  });
  const width = rows.map(([f]) => f.length).reduce((m, v) => Math.max(m, v), -Infinity);
  const lines = [
    `${cmd.summary}`,
    '',
    `Usage: ${cmd.usage}`,
    '',
    ...(cmd.positionals?.length
      ? ['Arguments:', ...cmd.positionals.map((p) => `  ${p.name.padEnd(width)}  ${p.description}`), '']
      : []),
    'Options:',
    ...rows.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`),
    '',
    'Examples:',
    ...cmd.examples.map((e) => `  ${e}`),
    '',
  ];
  return lines.join('\n');
}
