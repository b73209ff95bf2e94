import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test/harness';

describe('commonweal init tender', () => {
  it('writes a tender that validates and evaluates as written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-init-'));
    const r = await runCli(['init', 'tender', 'my-tender'], dir);
    expect(r.code).toBe(0);
    for (const f of ['model.json', 'bids.csv', 'scores.csv', 'gates.csv', 'README.md']) {
      expect(existsSync(join(dir, 'my-tender', f)), f).toBe(true);
    }
    expect(readFileSync(join(dir, 'my-tender', 'README.md'), 'utf8')).toContain('s23(3)');
    const v = await runCli(
      [
        'validate',
        'my-tender/model.json',
        'my-tender/bids.csv',
        'my-tender/scores.csv',
        'my-tender/gates.csv',
      ],
      dir,
    );
    expect(v.code).toBe(0);
    const e = await runCli(
      [
        'evaluate',
        '--model',
        'my-tender/model.json',
        '--bids',
        'my-tender/bids.csv',
        '--scores',
        'my-tender/scores.csv',
        '--gates',
        'my-tender/gates.csv',
        '--format',
        'json',
      ],
      dir,
    );
    expect(e.code).toBe(0);
    expect(JSON.parse(e.stdout).ranking[0].bid).toBe('B1');
  });

  it('refuses to overwrite without --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-init-'));
    expect((await runCli(['init', 'tender', 't'], dir)).code).toBe(0);
    const again = await runCli(['init', 'tender', 't'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect((await runCli(['init', 'tender', 't', '--force'], dir)).code).toBe(0);
    expect((await runCli(['init', 'bakery', 't'], dir)).code).toBe(2);
  });
});
