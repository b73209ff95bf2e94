import { parseArgs } from 'node:util';
import type { Issue } from '@commonweal/core/issues';
import { COMMON_OPTIONS, type Command, commandHelp, type OptionSpec, type OptionValues } from './command';
import { commands } from './commands/index';
import { prepareInput } from './util/encoding';
import { type CliIO, InputError, nodeIO, UsageError } from './util/io';
import { printIssues } from './util/output';

/** The CLI's version, kept in step with the package. */
export const VERSION = '0.1.0';

function globalHelp(): string {
  const width = commands.map((c) => c.name.length).reduce((m, v) => Math.max(m, v), -Infinity);
  return [
    'commonweal — measure social value and wellbeing within environmental limits, and score bids.',
    '',
    'Usage: commonweal <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'commonweal <command> --help' for a command's options and examples.",
    '',
    'Examples:',
    '  commonweal demo',
    '  commonweal value --framework measures.csv --entries commitments.csv --format table',
    '  commonweal schema valuation-output',
    '',
  ].join('\n');
}

/**
 * Checks parsed option values against their specs: a single-value option given more than once
 * is a usage error naming it (never "the last one wins"), and an option with `choices` takes
 * only those values.
 */
function checkValues(parsed: Record<string, unknown>, specs: Record<string, OptionSpec>): OptionValues {
  const out: OptionValues = {};
  for (const [name, raw] of Object.entries(parsed)) {
    const spec = specs[name];
    if (!spec || raw === undefined) continue;
    if (spec.type === 'boolean') {
      out[name] = raw as boolean;
      continue;
    }
    const given = raw as string[];
    if (!spec.multiple && given.length > 1) {
      throw new UsageError(
        `--${name} was given ${given.length} times (${given.map((g) => `'${g}'`).join(', ')}); it takes one value: give it once`,
      );
    }
    if (spec.choices) {
      const bad = given.find((g) => !spec.choices?.includes(g));
      if (bad !== undefined)
        throw new UsageError(`--${name} must be one of ${spec.choices.join(', ')} (got '${bad}')`);
    }
    out[name] = spec.multiple ? given : given[0];
  }
  return out;
}

/**
 * Runs the `commonweal` command line in-process and resolves to its exit code: 0 all well,
 * 1 input rows had issues (or any issue with `--strict`), 2 usage or unusable input, 3 an
 * unexpected internal error. Never throws.
 *
 * @example
 * ```ts
 * const code = await run(['value', '--framework', 'f.json', '--entries', 'e.csv', '--format', 'json']);
 * ```
 */
export async function run(argv: string[], io: CliIO = nodeIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    const cmd = topic ? commands.find((c) => c.name === topic) : undefined;
    io.stdout(cmd ? commandHelp(cmd) : globalHelp());
    return 0;
  }
  if (name === '--version' || name === '-V' || name === '-v') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const cmd: Command | undefined = commands.find((c) => c.name === name);
  if (!cmd) {
    const near = commands.find((c) => c.name.startsWith(name.slice(0, 3)));
    io.stderr(
      `commonweal: unknown command '${name}'${near ? ` — did you mean '${near.name}'?` : ''} Run 'commonweal --help' for the list.\n`,
    );
    return 2;
  }
  const debug = rest.includes('--debug');
  try {
    const specs: Record<string, OptionSpec> = { ...cmd.options, ...COMMON_OPTIONS };
    let parsed: ReturnType<typeof parseArgs>;
    try {
      // Every string option is parsed as repeatable so a repeat can be refused by name below,
      // not silently resolved to the last value.
      const options = Object.fromEntries(
        Object.entries(specs).map(([k, o]) => [
          k,
          {
            type: o.type,
            ...(o.short ? { short: o.short } : {}),
            ...(o.type === 'string' ? { multiple: true } : {}),
          },
        ]),
      );
      parsed = parseArgs({ args: rest, options, strict: true, allowPositionals: true });
    } catch (e) {
      throw new UsageError((e as Error).message.replace(/\. To specify a positional.*$/s, ''));
    }
    const values = checkValues(parsed.values, specs);
    if (values.help) {
      io.stdout(commandHelp(cmd));
      return 0;
    }
    const allowed = cmd.variadic ? Number.POSITIVE_INFINITY : (cmd.positionals?.length ?? 0);
    if (parsed.positionals.length > allowed) {
      throw new UsageError(`unexpected argument '${parsed.positionals[allowed]}'`);
    }
    const missing =
      cmd.positionals?.filter((p, i) => p.required && parsed.positionals[i] === undefined) ?? [];
    if (missing.length) throw new UsageError(`missing ${missing.map((m) => `<${m.name}>`).join(' ')}`);
    await prepareInput(io, cmd, values, parsed.positionals);
    return await cmd.run({ values, positionals: parsed.positionals }, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`commonweal ${cmd.name}: ${e.message}. Run 'commonweal ${cmd.name} --help' for usage.\n`);
      return 2;
    }
    if (e instanceof InputError) {
      const issues = (e as InputError & { issues?: Issue[] }).issues ?? [];
      printIssues(io, issues, false);
      io.stderr(`commonweal ${cmd.name}: ${e.message}\n`);
      return 2;
    }
    const err = e as Error;
    io.stderr(
      `commonweal ${cmd.name}: unexpected error: ${err?.message ?? String(e)}${debug ? `\n${err?.stack ?? ''}` : ' (run again with --debug for details, and please report it)'}\n`,
    );
    return 3;
  }
}
