import { describe, expect, it } from 'vitest';
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
