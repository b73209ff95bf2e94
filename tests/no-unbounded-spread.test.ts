import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// A spread passes every element as an argument: past ~100k elements V8 throws "Maximum call
// stack size exceeded" (a million-row table died this way). Loops and reduce have no limit.
const SPREAD = /Math\.(max|min)\([^)]*\.\.\.|\.push\(\.\.\./;

function sources(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'dist') sources(p, out);
    } else if (/\.(ts|tsx|mts)$/.test(e.name) && !/\.test\.|\.d\.ts$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('no command spreads an unbounded array into a call', () => {
  it('has no Math.max(...x), Math.min(...x) or push(...x) in package sources (unless marked bounded)', () => {
    const root = join(__dirname, '..', 'packages');
    const found: string[] = [];
    for (const pkg of readdirSync(root)) {
      let files: string[] = [];
      try {
        files = sources(join(root, pkg, 'src'));
      } catch {
        continue;
      }
      for (const f of files) {
        readFileSync(f, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            // a line may say why its spread is bounded: `// bounded: …`
            if (SPREAD.test(line) && !/\/\/ bounded: /.test(line))
              found.push(`${f.slice(root.length + 1)}:${i + 1}`);
          });
      }
    }
    expect(found).toEqual([]);
  });

  it('catches the patterns it is meant to', () => {
    expect(SPREAD.test('const w = Math.max(...rows.map((r) => r.length));')).toBe(true);
    expect(SPREAD.test('issues.push(...more);')).toBe(true);
    expect(SPREAD.test('const w = rows.reduce((m, r) => Math.max(m, r.length), 0);')).toBe(false);
  });
});
