// Proves every published package is well formed: publint --strict and attw --pack must report nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const dirs = readdirSync('packages')
  .map((d) => `packages/${d}`)
  .filter(
    (d) => existsSync(`${d}/package.json`) && !JSON.parse(readFileSync(`${d}/package.json`, 'utf8')).private,
  );

let failed = 0;
for (const dir of dirs) {
  for (const [cmd, args] of [
    ['publint', ['--strict', dir]],
    ['attw', ['--pack', dir, '--format', 'table-flipped']],
  ]) {
    try {
      const out = execFileSync('pnpm', ['exec', cmd, ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const noisy = cmd === 'publint' ? !/All good!/.test(out) : /❌|🐛|⚠️|🥴|💀|🎭|❗/.test(out);
      if (noisy) {
        failed++;
        console.error(`✗ ${cmd} ${dir}\n${out}`);
      } else console.log(`✓ ${cmd} ${dir}`);
    } catch (e) {
      failed++;
      console.error(`✗ ${cmd} ${dir}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
  }
}
if (failed) {
  console.error(`check-packages: ${failed} problem(s)`);
  process.exit(1);
}
console.log(`check-packages: ${dirs.length} packages clean`);
