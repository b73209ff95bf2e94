import { describe, expect, it } from 'vitest';
import { COMMON_OPTIONS } from './command';
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
