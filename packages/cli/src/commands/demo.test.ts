import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_FILES } from '../demo/data';
import { ROOT, runCli } from '../test/harness';
import { demoSteps } from './demo';

describe('commonweal demo', () => {
  it('embeds the current examples (run scripts/gen-demo-data.mjs after changing them)', () => {
    for (const [path, text] of Object.entries(DEMO_FILES)) {
      expect(readFileSync(join(ROOT, 'examples', path), 'utf8'), path).toBe(text);
    }
    // the generator's own check: no example added, removed or changed since the last embedding
    const run = spawnSync('node', ['scripts/gen-demo-data.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('runs every step on the built-in data and writes the results', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-demo-'));
    const r = await runCli(['demo'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const step of demoSteps()) {
      const out = step.argv[step.argv.indexOf('--out') + 1] as string;
      expect(existsSync(join(dir, 'commonweal-demo', out)), out).toBe(true);
      expect(r.stdout).toContain(out);
    }
    expect(existsSync(join(dir, 'commonweal-demo', 'inputs', 'valuation', 'measures.csv'))).toBe(true);
  });
});
