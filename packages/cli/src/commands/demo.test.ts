import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_FILES } from '../demo/data';
import { ROOT, runCli } from '../test/harness';
import { demoSteps } from './demo';

// Lists the example files the generator would embed, without writing anything.
const GEN_CHECK = `
const fs = require('node:fs');
const out = [];
for (const f of ['valuation', 'tender', 'doughnut', 'carbon', 'spend']) {
  const dir = 'examples/' + f;
  if (!fs.existsSync(dir)) continue;
  for (const file of fs.readdirSync(dir).sort()) if (/\\.(csv|json)$/.test(file)) out.push(f + '/' + file);
}
console.log(JSON.stringify(out.sort()));
`;

describe('commonweal demo', () => {
  it('embeds the current examples (run scripts/gen-demo-data.mjs after changing them)', () => {
    for (const [path, text] of Object.entries(DEMO_FILES)) {
      expect(readFileSync(join(ROOT, 'examples', path), 'utf8'), path).toBe(text);
    }
    const fresh = execFileSync('node', ['-e', GEN_CHECK], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(fresh)).toEqual(Object.keys(DEMO_FILES).sort());
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
