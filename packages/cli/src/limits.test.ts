import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from './commands/index';
import { ROOT, runCli } from './test/harness';
import { isInputOption } from './util/encoding';
import { checkLimits, envLimits, INPUT_LIMITS } from './util/io';

// Every file a command reads, read whole or streamed, as docs/cli.md "Sizes and limits" says.
// A command or file option missing here fails the coverage test below.

const ex = (p: string) => join(ROOT, 'examples', p);
const T = (f: string) => ex(`tender/${f}`);

/** A file one byte over LIMIT: refused before it is parsed, so its content does not matter. */
const LIMIT = 200_000;

interface Case {
  /** Arguments that reach the read of every input (the big file is put in place of one). */
  base: string[];
  /** Options (or `<positional>`) read whole, with the extension each must have. */
  whole: Record<string, string>;
  /** Options streamed: no size limit. */
  streamed?: string[];
  /** Options that are not files the command reads (output, or the name of a bundled table). */
  extra?: Record<string, string[]>;
}

const SPEND = ['--spend', ex('spend/spend.csv'), '--suppliers', ex('spend/suppliers.csv'), '--local', 'EX1'];
const COLUMNS = { 'columns-file': 'json' };

const CASES: Record<string, Case> = {
  value: {
    base: ['--framework', ex('valuation/measures.csv'), '--entries', ex('valuation/commitments.csv')],
    whole: { framework: 'csv', entries: 'json', contract: 'json', ...COLUMNS },
    streamed: ['entries'],
  },
  evaluate: {
    base: ['--model', T('model.json'), '--bids', T('bids.csv'), '--scores', T('scores.csv')],
    whole: {
      model: 'json',
      bids: 'csv',
      scores: 'csv',
      gates: 'csv',
      moderation: 'csv',
      lines: 'csv',
      commitments: 'csv',
      framework: 'csv',
      ...COLUMNS,
    },
    extra: {
      commitments: ['--framework', ex('valuation/measures.csv')],
      framework: ['--commitments', T('commitments.csv')],
    },
  },
  monitor: {
    base: [
      '--commitments',
      T('commitments.csv'),
      '--bid',
      'B1',
      '--outcomes',
      T('returns.csv'),
      '--start',
      '2026-04-01',
      '--end',
      '2028-03-31',
      '--as-of',
      '2027-03-31',
    ],
    whole: {
      commitments: 'csv',
      outcomes: 'csv',
      milestones: 'csv',
      contract: 'json',
      framework: 'csv',
      ...COLUMNS,
    },
  },
  portfolio: {
    base: ['--manifest', ex('portfolio/manifest.csv'), '--as-of', '2027-03-31'],
    whole: { manifest: 'csv', framework: 'csv' },
  },
  ocds: { base: ['--release', ex('ocds/find-a-tender-award.json')], whole: { release: 'json' } },
  doughnut: {
    base: ['--indicators', ex('doughnut/indicators.csv')],
    whole: { indicators: 'csv', ...COLUMNS },
  },
  downscale: {
    base: [
      '--boundaries',
      ex('doughnut/boundaries.csv'),
      '--population',
      '250000',
      '--population-year',
      '2023',
      '--population-source',
      'constructed example',
    ],
    whole: { boundaries: 'csv', ...COLUMNS },
  },
  carbon: {
    base: ['--emissions', ex('carbon/emissions.csv')],
    whole: { emissions: 'csv', 'carbon-values': 'json', ...COLUMNS },
  },
  'carbon-budget': {
    base: ['--budget', ex('carbon/place-budget.json'), '--emissions', ex('carbon/place-emissions.csv')],
    whole: { budget: 'json', emissions: 'csv', ...COLUMNS },
  },
  spend: { base: SPEND, whole: COLUMNS, streamed: ['spend', 'suppliers'] },
  lm3: {
    base: [...SPEND, '--round1', '250000', '--supplier-respend', '0.4'],
    whole: COLUMNS,
    streamed: ['spend', 'suppliers'],
  },
  priorities: {
    base: ['--survey', ex('priorities/survey.csv')],
    whole: { survey: 'csv', 'apply-to': 'json', valuation: 'json', framework: 'csv', ...COLUMNS },
    extra: { 'apply-to': ['--criterion', 'social-value', '--out', 'weighted.json'] },
  },
  plan: {
    base: [ex('plan/plan.json'), '--as-of', '2027-03-31'],
    whole: { '<PLAN.json>': 'json', from: 'json' },
  },
  validate: {
    base: [ex('tender/model.json')],
    whole: { '<file>': 'json', ...COLUMNS },
    // the mapping is read for a CSV file
    extra: { 'columns-file': [ex('spend/spend.csv')] },
  },
};

/** Commands that read no file named on the command line (`serve` answers a file over the per-file limit with a 413; see docs/cli.md). */
const NO_INPUT = ['demo', 'wellbeing', 'init', 'schema', 'serve'];

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'cw-limits-'));
}

/** The arguments with `big` in place of option `name` (or of the first positional). */
function withFile(c: Case, name: string, big: string): string[] {
  const extra = c.extra?.[name] ?? [];
  if (name.startsWith('<')) return [big, ...c.base.slice(1), ...extra];
  const args = [...c.base];
  const at = args.indexOf(`--${name}`);
  if (at === -1) args.push(`--${name}`, big);
  else args[at + 1] = big;
  return [...args, ...extra];
}

const STACK = /\n\s+at |node:internal|FATAL ERROR|RangeError|heap/;

describe('every command at its limits', () => {
  it('lists every command and every file option it reads', () => {
    for (const cmd of commands) {
      if (NO_INPUT.includes(cmd.name)) {
        expect(
          Object.entries(cmd.options).filter(([n, s]) => isInputOption(n, s)),
          cmd.name,
        ).toEqual([]);
        continue;
      }
      const c = CASES[cmd.name];
      expect(c, `${cmd.name} has no case`).toBeDefined();
      const listed = new Set([...Object.keys(c!.whole), ...(c!.streamed ?? [])]);
      for (const [name, spec] of Object.entries(cmd.options))
        if (isInputOption(name, spec)) expect(listed.has(name), `${cmd.name} --${name}`).toBe(true);
    }
    expect(Object.keys(CASES).every((n) => commands.some((c) => c.name === n))).toBe(true);
  });

  const whole = Object.entries(CASES).flatMap(([cmd, c]) =>
    Object.entries(c.whole).map(([name, ext]) => ({ cmd, c, name, ext })),
  );
  it.each(whole)(
    '$cmd $name: one byte over the limit is file_too_large (exit 2), named, no stack trace',
    async ({ cmd, c, name, ext }) => {
      const dir = scratch();
      const big = `big.${ext}`;
      writeFileSync(join(dir, big), ' '.repeat(LIMIT + 1));
      const r = await runCli([cmd, ...withFile(c, name, big)], dir, { limits: { maxTextBytes: LIMIT } });
      expect(r.stderr).toContain(
        `${big}: the input is ${LIMIT + 1} bytes, more than the ${LIMIT} bytes a command reads whole: split it into smaller files, or raise COMMONWEAL_MAX_BYTES if it is trusted`,
      );
      expect(r.stderr).toMatch(/\[file_too_large\]$/m);
      expect(r.stderr).not.toMatch(STACK);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
    },
  );

  const streamed = Object.entries(CASES).flatMap(([cmd, c]) =>
    (c.streamed ?? []).map((name) => ({ cmd, c, name })),
  );
  it.each(streamed)('$cmd $name is streamed: read whatever its size', async ({ cmd, c, name }) => {
    // its rows repeated until it is bigger than every other input, and the limit set below it
    const dir = scratch();
    const file = c.base[c.base.indexOf(`--${name}`) + 1]!;
    const others = c.base.filter((a) => a !== file && a.startsWith('/')).map((a) => statSync(a).size);
    const [head, ...rows] = readFileSync(file, 'utf8').trimEnd().split('\n');
    let text = `${head}\n`;
    while (text.length <= Math.max(...others) + 1) text += `${rows.join('\n')}\n`; // bounded: 2 files
    writeFileSync(join(dir, 'big.csv'), text);
    const limit = text.length - 1;
    const args = withFile(c, name, 'big.csv');
    const r = await runCli([cmd, ...args, '--format', 'json'], dir, { limits: { maxTextBytes: limit } });
    expect(r.stderr).not.toContain('file_too_large');
    expect(r.code).toBeLessThan(2);
    expect(JSON.parse(r.stdout)).toBeTypeOf('object');
    // from standard input it is read whole, so the limit holds there
    const stdin = readFileSync(join(dir, 'big.csv'));
    const piped = await runCli([cmd, ...withFile(c, name, '-')], dir, {
      stdin,
      limits: { maxTextBytes: limit },
    });
    expect(piped.stderr).toMatch(
      /^-: the input is more than the .* bytes a command reads whole.*\[file_too_large\]$/m,
    );
    expect(piped.code).toBe(2);
  });

  it('refuses the file that takes a run over the total it reads whole, naming it', async () => {
    const dir = scratch();
    for (const f of ['a', 'b', 'c']) copyFileSync(T('model.json'), join(dir, `${f}.json`));
    const size = statSync(T('model.json')).size;
    const r = await runCli(['validate', 'a.json', 'b.json', 'c.json'], dir, {
      limits: { maxTotalBytes: 2 * size + 1 },
    });
    expect(r.stderr).toContain(
      `c.json: with this file the inputs read whole come to ${3 * size} bytes, more than the ${2 * size + 1} bytes one command reads in all: give fewer or smaller files, or raise COMMONWEAL_MAX_TOTAL_BYTES`,
    );
    expect(r.code).toBe(2);
    const two = await runCli(['validate', 'a.json', 'b.json'], dir, { limits: { maxTotalBytes: 2 * size } });
    expect(two.code).toBe(0);
  });

  it('limits a contract file a portfolio manifest names, and the contracts together', async () => {
    const dir = scratch();
    for (const f of readdirSync(ex('portfolio'))) copyFileSync(ex(`portfolio/${f}`), join(dir, f));
    const ok = await runCli(
      ['portfolio', '--manifest', 'manifest.csv', '--as-of', '2027-03-31', '--format', 'json'],
      dir,
    );
    expect(ok.code).toBeLessThan(2);
    writeFileSync(join(dir, 'meals-outcomes.csv'), ' '.repeat(LIMIT + 1));
    const r = await runCli(['portfolio', '--manifest', 'manifest.csv', '--as-of', '2027-03-31'], dir, {
      limits: { maxTextBytes: LIMIT },
    });
    expect(`${r.stdout}${r.stderr}`).toMatch(/meals-outcomes\.csv.*200001 bytes, more than the 200000 bytes/);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('reads a pipe or device only up to the limit', async () => {
    const r = await runCli(['validate', '/dev/zero'], ROOT, { limits: { maxTextBytes: 1000 } });
    expect(r.stderr).toContain('/dev/zero: the input is 1001 bytes, more than the 1000 bytes');
    expect(r.code).toBe(2);
  });
});

describe('limits from the environment', () => {
  it('reads COMMONWEAL_MAX_BYTES and COMMONWEAL_MAX_TOTAL_BYTES as whole bytes', () => {
    expect(envLimits({ COMMONWEAL_MAX_BYTES: '1048576' })).toEqual({ maxTextBytes: 1048576 });
    expect(envLimits({ COMMONWEAL_MAX_TOTAL_BYTES: ' 300 ' })).toEqual({ maxTotalBytes: 300 });
    expect(envLimits({})).toEqual({});
    expect(envLimits({ COMMONWEAL_MAX_BYTES: '64M' }).maxTextBytes).toBeNaN();
    expect(checkLimits({})).toEqual(INPUT_LIMITS);
    expect(INPUT_LIMITS).toEqual({ maxTextBytes: 67_108_864, maxTotalBytes: 134_217_728 });
    expect(() => checkLimits({ maxTextBytes: Number.NaN })).toThrow(
      /^COMMONWEAL_MAX_BYTES must be a whole number/,
    );
    expect(() => checkLimits({ maxTotalBytes: 0 })).toThrow(/^COMMONWEAL_MAX_TOTAL_BYTES must be/);
  });

  it('a bad value is a usage error (exit 2), before any file is read', async () => {
    const r = await runCli(['ocds', '--release', ex('ocds/find-a-tender-award.json')], ROOT, {
      limits: { maxTextBytes: Number.NaN },
    });
    expect(r.stderr).toMatch(
      /^commonweal ocds: COMMONWEAL_MAX_BYTES must be a whole number of bytes above 0/,
    );
    expect(r.code).toBe(2);
  });

  it('the command line process obeys COMMONWEAL_MAX_BYTES: file_too_large, exit 2, no stack trace', () => {
    const p = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'packages/cli/src/bin.ts',
        'ocds',
        '--release',
        'examples/ocds/find-a-tender-award.json',
      ],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, COMMONWEAL_MAX_BYTES: '1000' } },
    );
    const size = statSync(ex('ocds/find-a-tender-award.json')).size;
    expect(p.stderr).toContain(
      `examples/ocds/find-a-tender-award.json: the input is ${size} bytes, more than the 1000 bytes a command reads whole`,
    );
    expect(p.stderr).not.toMatch(STACK);
    expect(p.status).toBe(2);
  });
});

describe('a reader that stops early', () => {
  it('`commonweal value … | head`: the closed pipe ends the command quietly (exit 0), never a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'commonweal-epipe-'));
    const [head, ...rows] = readFileSync(ex('valuation/commitments.csv'), 'utf8').trim().split('\n');
    // far more than a pipe holds, so the writes after the reader has gone fail
    writeFileSync(
      join(dir, 'many.csv'),
      `${[head, ...Array.from({ length: 3000 }, () => rows).flat()].join('\n')}\n`,
    );
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'packages/cli/src/bin.ts',
        'value',
        '-f',
        'examples/valuation/measures.csv',
        '-e',
        join(dir, 'many.csv'),
        '--format',
        'csv',
        '--quiet',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    let first = '';
    child.stdout.once('data', (d) => {
      first = String(d);
      child.stdout.destroy();
    });
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(first.startsWith('line,measure,theme')).toBe(true);
    expect(stderr).not.toMatch(STACK);
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });
});

/** Source files of every package (not tests), relative to the repository root. */
function sources(dir = join(ROOT, 'packages')): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'dist' && !e.name.startsWith('.')) out.push(...sources(p));
    } else if (/\.(ts|tsx|mts)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && p.includes('/src/'))
      out.push(p);
  }
  return out;
}

// A spread into a call puts every element on the stack: past ~100,000 it is a RangeError.
const SPREAD_CALL =
  /(Math\.(?:max|min)|Dec(?:imal)?\.(?:max|min|sum)|\.push|\.unshift|String\.from(?:CharCode|CodePoint)|\.apply)\(\s*\.\.\./g;

/** Spreads whose size is bounded, in files this change does not own (say why). */
const KNOWN_BOUNDED: Record<string, string> = {
  // one price-index rebase answers at most a few issues
  'packages/core/src/procurement/monitoring.ts': 'factor.issues',
};

describe('no command spreads an unbounded array into a call', () => {
  it('every spread into Math.max/min, push, unshift, fromCharCode or apply in packages/*/src says why it is bounded', () => {
    const found: string[] = [];
    for (const file of sources()) {
      const text = readFileSync(file, 'utf8');
      const rel = file.slice(ROOT.length);
      for (const m of text.matchAll(SPREAD_CALL)) {
        const lineStart = text.lastIndexOf('\n', m.index) + 1;
        const line = text.slice(0, m.index).split('\n').length;
        const near = text
          .slice(lineStart, m.index + 200)
          .split('\n')
          .slice(0, 3)
          .join('\n');
        if (/\/\/ bounded:/.test(near)) continue;
        const known = KNOWN_BOUNDED[rel];
        if (known !== undefined && near.includes(known)) continue;
        found.push(`${rel}:${line}: ${near.split('\n')[0]!.trim()}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('finds a spread of an unbounded array (the check can fail)', () => {
    const bad = 'const top = Math.max(...rows.map((r) => r.amount));\nout.push(\n  ...issues);';
    expect([...bad.matchAll(SPREAD_CALL)].length).toBe(2);
  });
});
