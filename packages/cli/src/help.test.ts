import { describe, expect, it } from 'vitest';
import { COMMON_OPTIONS, commandHelp, type OptionSpec } from './command';
import { commands } from './commands/index';
import { runCli } from './test/harness';

describe('help', () => {
  it('lists every command', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of commands) expect(r.stdout).toContain(`  ${c.name}`);
  });

  it.each(commands.map((c) => c.name))(
    '%s --help has usage, options and runnable-looking examples',
    async (name) => {
      const r = await runCli([name, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Usage: commonweal');
      expect(r.stdout).toContain('--quiet');
      const examples = r.stdout.split('Examples:')[1] ?? '';
      expect(examples.trim().split('\n').length).toBeGreaterThan(0);
      expect(examples).toContain(`commonweal ${name}`);
    },
  );

  it('a short flag means the same long option in every command (-r is --report everywhere)', () => {
    const meaning = new Map<string, Set<string>>();
    for (const c of commands)
      for (const [long, o] of Object.entries({ ...c.options, ...COMMON_OPTIONS }))
        if (o.short) meaning.set(o.short, (meaning.get(o.short) ?? new Set()).add(`--${long}`));
    const clashes = [...meaning]
      .filter(([, longs]) => longs.size > 1)
      .map(([s, l]) => `-${s}: ${[...l].join(', ')}`);
    expect(clashes).toEqual([]);
    expect([...(meaning.get('r') ?? [])]).toEqual(['--report']);
  });

  it('answers an unknown command and an unknown option with one line and exit 2', async () => {
    const a = await runCli(['evalute']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain("did you mean 'evaluate'");
    const b = await runCli(['value', '--nope']);
    expect(b.code).toBe(2);
    expect(b.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('rejects a report file that is neither .html nor .md before doing any work', async () => {
    const r = await runCli([
      'doughnut',
      '--indicators',
      'examples/doughnut/indicators.csv',
      '--report',
      'x.pdf',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.html or .md');
  });
});

describe('version flags', () => {
  it('prints the version for -V, --version and -v', async () => {
    for (const flag of ['-V', '--version', '-v']) {
      const r = await runCli([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    }
  });
});

/** Options whose value is one of a fixed list: each must declare its `choices`. */
const ENUM_OPTIONS = [
  'format',
  'period',
  'scenario',
  'dimensions',
  'method',
  'groups',
  'kind',
  'vat-basis',
  'date-format',
];

const enumOptions = commands.flatMap((c) =>
  Object.entries(c.options as Record<string, OptionSpec>)
    .filter(([long]) => ENUM_OPTIONS.includes(long))
    .map(([long, o]) => [c.name, long, o] as const),
);

describe('enumerated options', () => {
  it('every enumerated option declares the values it accepts', () => {
    const undeclared = enumOptions.filter(([, , o]) => !o.choices?.length).map(([c, l]) => `${c} --${l}`);
    expect(undeclared).toEqual([]);
    expect(enumOptions.length).toBeGreaterThan(15);
  });

  it.each(enumOptions.map(([c, l, o]) => [`${c} --${l}`, c, l, o] as const))(
    '%s: help lists every accepted value and the parser refuses any other',
    async (_label, name, long, o) => {
      const cmd = commands.find((c) => c.name === name)!;
      const line = commandHelp(cmd)
        .split('\n')
        .find((l) => new RegExp(`^  (-[a-zA-Z], |    )--${long} `).test(l));
      expect(line).toBeDefined();
      for (const v of o.choices ?? []) expect(line).toMatch(new RegExp(`(^|[^a-z-])${v}([^a-z-]|$)`));
      const r = await runCli([name, `--${long}`, 'not-a-choice']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `--${long} must be one of ${(o.choices ?? []).join(', ')} (got 'not-a-choice')`,
      );
    },
  );
});

describe('repeated options', () => {
  it('refuses a single-value option given twice, naming it, before doing any work', async () => {
    const r = await runCli(['spend', '--spend', 'a.csv', '--suppliers', 'a.csv', '--suppliers', 'b.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "commonweal spend: --suppliers was given 2 times ('a.csv', 'b.csv'); it takes one value: give it once. Run 'commonweal spend --help' for usage.\n",
    );
    const short = await runCli(['value', '-f', 'a.json', '--framework', 'b.json']);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('--framework was given 2 times');
  });

  it('gathers an option the spec marks multiple, in order', async () => {
    const r = await runCli([
      'spend',
      '--spend',
      'examples/spend/spend.csv',
      '--suppliers',
      'examples/spend/suppliers.csv',
      '--local',
      'EX1,EX2,EX4',
      '--exclude-supplier',
      'Devon County Council',
      '--exclude-supplier',
      'Exeter City Council',
      '--format',
      'json',
      '--quiet',
    ]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).definition.exclusions).toEqual([
      'suppliers: Devon County Council, Exeter City Council',
    ]);
  });

  it('help marks repeatable options', () => {
    const spend = commands.find((c) => c.name === 'spend')!;
    expect(commandHelp(spend)).toMatch(/--exclude-supplier NAME +.*\(repeatable\)/);
  });
});
