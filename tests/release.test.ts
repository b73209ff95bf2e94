// The release procedure (docs/releasing.md) works without touching the repository: a dry run of
// `changeset version` in a temporary copy bumps exactly the packages the changesets name and
// writes their CHANGELOG.md entries; the tarballs `pnpm pack` would publish carry LICENSE and
// README, caret ranges for their dependencies and zod as a peer; typedoc documents every subpath.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHANGESET = join(ROOT, 'node_modules/@changesets/cli/bin.js');

type Bump = 'patch' | 'minor' | 'major';
interface Pkg {
  dir: string;
  name: string;
  version: string;
  private?: boolean;
  exports?: Record<string, unknown>;
  files?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const packages: Pkg[] = readdirSync(join(ROOT, 'packages'))
  .filter((d) => existsSync(join(ROOT, 'packages', d, 'package.json')))
  .sort()
  .map((d) => ({
    dir: `packages/${d}`,
    ...JSON.parse(readFileSync(join(ROOT, 'packages', d, 'package.json'), 'utf8')),
  }));
const published = packages.filter((p) => !p.private);

/** The changesets in .changeset/: the bump each names per package, and its summary. */
function changesets(dir: string): { file: string; bumps: Record<string, Bump>; summary: string }[] {
  return readdirSync(join(dir, '.changeset'))
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, '.changeset', file), 'utf8');
      // an empty frontmatter (`---` twice) is a changeset that releases nothing
      const m = /^---\r?\n((?:.*\r?\n)*?)---\r?\n([\s\S]*)$/.exec(text);
      if (!m) throw new Error(`.changeset/${file}: no frontmatter`);
      const bumps: Record<string, Bump> = {};
      for (const line of (m[1] as string).split(/\r?\n/).filter((l) => l.trim())) {
        const b = /^\s*['"]?([^'":]+)['"]?\s*:\s*(patch|minor|major)\s*$/.exec(line);
        if (!b) throw new Error(`.changeset/${file}: cannot read "${line}"`);
        bumps[b[1] as string] = b[2] as Bump;
      }
      return { file, bumps, summary: (m[2] as string).trim() };
    });
}

const ORDER: Bump[] = ['patch', 'minor', 'major'];
function bumped(version: string, bump: Bump): string {
  const [major, minor, patch] = version.split('.').map(Number) as [number, number, number];
  // below 1.0.0 changesets still bumps as written: minor 0.1.0 → 0.2.0, patch → 0.1.1
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** A hash of what a release run would change, to prove the test leaves the repository alone. */
function fingerprint(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(join(ROOT, '.changeset')).sort())
    h.update(f).update(readFileSync(join(ROOT, '.changeset', f)));
  for (const p of packages) {
    h.update(readFileSync(join(ROOT, p.dir, 'package.json')));
    const log = join(ROOT, p.dir, 'CHANGELOG.md');
    h.update(existsSync(log) ? readFileSync(log) : 'none');
  }
  return h.digest('hex');
}

describe('changeset version, dry run in a temporary copy', () => {
  let copy = '';
  let before = '';
  let output = '';
  const sets = changesets(ROOT);

  beforeAll(async () => {
    before = fingerprint();
    copy = mkdtempSync(join(tmpdir(), 'commonweal-release-'));
    for (const f of ['package.json', 'pnpm-workspace.yaml']) cpSync(join(ROOT, f), join(copy, f));
    cpSync(join(ROOT, '.changeset'), join(copy, '.changeset'), { recursive: true });
    for (const p of packages) {
      mkdirSync(join(copy, p.dir), { recursive: true });
      cpSync(join(ROOT, p.dir, 'package.json'), join(copy, p.dir, 'package.json'));
      if (existsSync(join(ROOT, p.dir, 'CHANGELOG.md')))
        cpSync(join(ROOT, p.dir, 'CHANGELOG.md'), join(copy, p.dir, 'CHANGELOG.md'));
    }
    // the changelog generator named in .changeset/config.json resolves from here
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
    output = await new Promise((resolve, reject) =>
      execFile(process.execPath, [CHANGESET, 'version'], { cwd: copy }, (e, stdout, stderr) =>
        e ? reject(new Error(`changeset version failed: ${stdout}${stderr}`)) : resolve(`${stdout}${stderr}`),
      ),
    );
  }, 120_000);
  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('has changesets to release, each naming only published packages', () => {
    expect(sets.length).toBeGreaterThan(0);
    const names = new Set(published.map((p) => p.name));
    for (const s of sets)
      for (const name of Object.keys(s.bumps)) expect(names.has(name), `${s.file} names ${name}`).toBe(true);
  });

  it('bumps every package a changeset names by its largest bump, and leaves private packages alone', () => {
    expect(output).toMatch(/All files have been updated/);
    for (const p of packages) {
      const after = JSON.parse(readFileSync(join(copy, p.dir, 'package.json'), 'utf8')) as Pkg;
      const named = sets.map((s) => s.bumps[p.name]).filter((b): b is Bump => b !== undefined);
      if (p.private) {
        expect(after.version, `${p.name} is private`).toBe(p.version);
        continue;
      }
      if (named.length === 0) continue; // may still get a patch as a dependent
      const largest = named.reduce((a, b) => (ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a));
      expect(after.version, p.name).toBe(bumped(p.version, largest));
    }
  });

  it('writes a CHANGELOG.md entry per bumped package with every changeset that names it', () => {
    for (const p of published) {
      const after = JSON.parse(readFileSync(join(copy, p.dir, 'package.json'), 'utf8')) as Pkg;
      if (after.version === p.version) continue;
      const log = readFileSync(join(copy, p.dir, 'CHANGELOG.md'), 'utf8');
      expect(log.startsWith(`# ${p.name}\n`), p.name).toBe(true);
      expect(log).toContain(`## ${after.version}\n`);
      for (const s of sets.filter((x) => x.bumps[p.name])) {
        const first = (s.summary.split(/\r?\n/)[0] as string).trim();
        expect(log, `${p.name} CHANGELOG lacks ${s.file}`).toContain(first);
      }
    }
  });

  it('consumes the changesets in the copy, and leaves the repository untouched', () => {
    expect(
      readdirSync(join(copy, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md'),
    ).toEqual([]);
    expect(fingerprint()).toBe(before);
  });
});

describe('what would be published', () => {
  it('uses caret ranges for runtime dependencies and zod ^4 as a peer where zod schemas are exposed', () => {
    for (const p of published) {
      for (const [dep, range] of Object.entries(p.dependencies ?? {}))
        expect(range, `${p.name} → ${dep}`).toMatch(/^(\^\d|workspace:\^$)/);
      const dts = readdirSync(join(ROOT, p.dir, 'src'), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .some((f) => /from 'zod'/.test(readFileSync(join(ROOT, p.dir, 'src', f), 'utf8')));
      if (dts) {
        expect(p.peerDependencies?.zod, `${p.name} peer zod`).toBe('^4');
        expect(p.dependencies?.zod, `${p.name} must not bundle its own zod`).toBeUndefined();
        expect(p.devDependencies?.zod, `${p.name} tests need zod`).toBeDefined();
      }
    }
  });

  const built = published.every((p) => existsSync(join(ROOT, p.dir, 'dist/index.js')));
  it.skipIf(!built)(
    'packs LICENSE, README.md and dist in every tarball, with workspace ranges turned into carets',
    { timeout: 120_000 },
    () => {
      const out = mkdtempSync(join(tmpdir(), 'commonweal-pack-'));
      try {
        const license = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
        expect(license).toContain('Apache License\n                           Version 2.0, January 2004');
        for (const p of published) {
          expect(p.files).toEqual(expect.arrayContaining(['dist', 'README.md', 'LICENSE']));
          expect(readFileSync(join(ROOT, p.dir, 'LICENSE'), 'utf8')).toBe(license);
          execFileSync('pnpm', ['pack', '--pack-destination', out], {
            cwd: join(ROOT, p.dir),
            stdio: 'pipe',
          });
          const tgz = readdirSync(out).find((f) => f.startsWith(p.name.slice(1).replace('/', '-')));
          expect(tgz, p.name).toBeDefined();
          const list = execFileSync('tar', ['-tzf', join(out, tgz as string)], { encoding: 'utf8' }).split(
            '\n',
          );
          for (const f of [
            'package/LICENSE',
            'package/README.md',
            'package/package.json',
            'package/dist/index.js',
          ])
            expect(list, `${p.name} tarball`).toContain(f);
          const manifest = JSON.parse(
            execFileSync('tar', ['-xzOf', join(out, tgz as string), 'package/package.json'], {
              encoding: 'utf8',
            }),
          ) as Pkg;
          for (const [dep, range] of Object.entries(manifest.dependencies ?? {}))
            expect(range, `${p.name} → ${dep} as published`).toMatch(/^\^\d/);
        }
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
  );

  it('documents every exports subpath of every package in the API reference', () => {
    const root = JSON.parse(readFileSync(join(ROOT, 'typedoc.json'), 'utf8'));
    for (const p of published) {
      expect(root.entryPoints, `typedoc.json lists ${p.dir}`).toContain(p.dir);
      const own = join(ROOT, p.dir, 'typedoc.json');
      const entries: string[] = existsSync(own)
        ? JSON.parse(readFileSync(own, 'utf8')).entryPoints
        : root.packageOptions.entryPoints;
      for (const sub of Object.keys(p.exports ?? {}).filter((k) => k !== './package.json')) {
        const src = sub === '.' ? 'src/index.ts' : `src/${sub.slice(2)}/index.ts`;
        expect(entries, `${p.name}${sub.slice(1)} in the API docs`).toContain(src);
      }
    }
  });
});
