import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PKG = fileURLToPath(new URL('../', import.meta.url));

function files(dir: string, test: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p, test);
    return test(name) ? [p] : [];
  });
}

const NODE = /\bfrom\s*['"]node:|\bimport\s*\(\s*['"]node:|\brequire\s*\(\s*['"]node:/;

describe('@commonweal/flows runs in a browser', () => {
  it('imports no node: module in its sources (tests aside)', () => {
    const src = files(join(PKG, 'src'), (n) => n.endsWith('.ts') && !n.endsWith('.test.ts'));
    expect(src.length).toBeGreaterThan(3);
    for (const f of src) expect(NODE.test(readFileSync(f, 'utf8')), f).toBe(false);
  });

  it.skipIf(!existsSync(join(PKG, 'dist')))('imports no node: module in its build', () => {
    const dist = files(join(PKG, 'dist'), (n) => /\.(c?js|d\.c?ts)$/.test(n));
    expect(dist.length).toBeGreaterThan(0);
    for (const f of dist) expect(readFileSync(f, 'utf8'), f).not.toMatch(/['"]node:/);
  });
});
