// The browser scorer (examples/browser) in Debian's headless Chromium: the page is served by
// examples/browser/serve.mjs on 127.0.0.1, scores examples/tender from the file inputs, a drop
// and the "Load the example" button, and must give exactly what `commonweal evaluate` gives on the
// same files (run in-process): the same ranking, ranks and totals, the same JSON bytes and the
// same inputs sha256. No console error, no request off 127.0.0.1, the report's charts drawn.
// The page loads the packages' ESM builds (dist/), so the test is skipped when they are missing.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatIssue, type Issue } from '@commonweal/core/issues';
import { round, SCORE_ROUNDING } from '@commonweal/core/money';
import type { EvaluationJson } from '@commonweal/core/procurement';
import { decodeText, documentText, type EvaluateFlowInput, evaluateFlow } from '@commonweal/flows';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../examples/browser/serve.mjs';
import { runCli } from '../../packages/cli/src/test/harness';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGE_DIR = join(ROOT, 'examples/browser');
const TENDER = join(ROOT, 'examples/tender');
const SHOTS = join(ROOT, 'test-artifacts/screenshots');
const hasChromium = existsSync(CHROMIUM);
const DIST = [
  'core/dist/procurement/index.js',
  'csv/dist/index.js',
  'json/dist/index.js',
  'report/dist/index.js',
  'uk/dist/index.js',
  'flows/dist/index.js',
];
/** The packages the page loads (csv's Node entry, dist/node, is never loaded). */
const BROWSER_PACKAGES = ['core', 'csv', 'json', 'report', 'uk', 'flows'];
const built = DIST.every((p) => existsSync(join(ROOT, 'packages', p)));
if (!hasChromium)
  console.warn(`browser scorer test skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);
if (!built)
  console.warn(
    'browser scorer test skipped: the packages are not built (packages/*/dist missing) — run `pnpm build` first (`pnpm test` does)',
  );

const FILES = { model: 'model.json', bids: 'bids.csv', scores: 'scores.csv', gates: 'gates.csv' } as const;
const html = readFileSync(join(PAGE_DIR, 'index.html'), 'utf8');
const importMapText = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';

/** `commonweal evaluate --format json` in `dir` on the files named as the page names them. */
async function cliEvaluate(dir: string, extra: string[] = []) {
  const argv = ['evaluate', '--format', 'json'];
  for (const [role, name] of Object.entries(FILES)) argv.push(`--${role}`, name);
  return runCli([...argv, ...extra], dir);
}

describe('the browser scorer page (no browser needed)', () => {
  it('allows its import map by hash in the Content-Security-Policy (update the hash when the map changes)', () => {
    const hash = createHash('sha256').update(importMapText, 'utf8').digest('base64');
    expect(importMapText).toContain('"imports"');
    expect(html, `put 'sha256-${hash}' in the CSP of examples/browser/index.html`).toContain(
      `'sha256-${hash}'`,
    );
    // Nothing may be fetched from anywhere but this server.
    expect(html).toMatch(/default-src 'none'/);
    expect(html).toMatch(/connect-src 'self'/);
    expect(html).toContain('Your files stay on this computer');
  });

  it.skipIf(!built)('maps every bare specifier to a file that exists', () => {
    const map = JSON.parse(importMapText) as { imports: Record<string, string> };
    for (const [specifier, target] of Object.entries(map.imports)) {
      expect(existsSync(join(PAGE_DIR, target)), `${specifier} → ${target}`).toBe(true);
    }
    // …and the builds import nothing the map does not name.
    const bare = new Set<string>();
    for (const pkg of BROWSER_PACKAGES) {
      for (const f of readdirJs(join(ROOT, 'packages', pkg, 'dist')))
        for (const m of readFileSync(f, 'utf8').matchAll(IMPORTS)) {
          const spec = (m[1] ?? m[2]) as string;
          if (!spec.startsWith('.')) bare.add(spec);
        }
    }
    for (const s of bare) expect(Object.keys(map.imports), `import map lacks ${s}`).toContain(s);
  });

  it.skipIf(!built)(
    'maps each date-fns function the builds import to its own file, not all of date-fns',
    () => {
      const used = new Set<string>();
      for (const pkg of BROWSER_PACKAGES)
        for (const f of readdirJs(join(ROOT, 'packages', pkg, 'dist')))
          for (const m of readFileSync(f, 'utf8').matchAll(/from\s*['"](date-fns[^'"]*)['"]/g))
            used.add(m[1] as string);
      expect(used.size).toBeGreaterThan(0);
      // the package root would make the browser fetch ~300 modules
      expect([...used]).not.toContain('date-fns');
      const map = JSON.parse(importMapText) as { imports: Record<string, string> };
      for (const spec of used) {
        const target = map.imports[spec];
        expect(target, `map ${spec} in the import map of examples/browser/index.html`).toBe(
          `../../packages/core/node_modules/${spec}.js`,
        );
        expect(existsSync(join(PAGE_DIR, target as string)), target).toBe(true);
      }
    },
  );
});

describe('the page and the CLI run one evaluate flow (no browser needed)', () => {
  it('gives, from the bytes as the page reads them, the JSON bytes `commonweal evaluate` prints', async () => {
    // The page reads each file with decodeText and scores it with evaluateFlow, then shows
    // documentText(document): exactly this, in Node, from the same module the CLI calls.
    const input = Object.fromEntries(
      Object.entries(FILES).map(([role, name]) => [
        role,
        { name, text: decodeText(new Uint8Array(readFileSync(join(TENDER, name)))) },
      ]),
    ) as unknown as EvaluateFlowInput;
    const r = await evaluateFlow(input);
    const cli = await cliEvaluate(TENDER);
    expect(cli.code, cli.stderr).toBe(0);
    if (!r.ok) throw new Error(r.headline);
    expect(documentText(r.document)).toBe(cli.stdout);
    expect(r.sha256).toBe((JSON.parse(cli.stdout) as EvaluationJson).sha256);
  });

  it('has no copy of the CLI composition left in the page', () => {
    expect(existsSync(join(PAGE_DIR, 'score.js'))).toBe(false);
    const app = readFileSync(join(PAGE_DIR, 'app.js'), 'utf8');
    expect(app).toContain("import('@commonweal/flows')");
    expect(app).toContain('lib.evaluateFlow(files)');
    for (const copied of ['hashInputs', 'toEvaluationJson', 'validateModel', 'locateJsonPaths'])
      expect(app, `app.js must leave ${copied} to the flow`).not.toContain(copied);
  });
});

/** Static imports and re-exports at the top level of an ES module (tsup puts them at line starts). */
const IMPORTS = /^(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]|^import\s*['"]([^'"]+)['"]/gm;

function readdirJs(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'node' ? [] : readdirJs(p);
    return name.endsWith('.js') ? [p] : [];
  });
}

describe.skipIf(!hasChromium || !built)('the browser scorer in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let expected: EvaluationJson;
  let expectedText: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ port: 0 });
    const cli = await cliEvaluate(TENDER);
    expect(cli.code, cli.stderr).toBe(0);
    expectedText = cli.stdout;
    expected = JSON.parse(cli.stdout) as EvaluationJson;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens the page, recording console errors and every request that leaves 127.0.0.1. */
  async function open(): Promise<{ page: Page; errors: string[]; offsite: string[]; requests: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    const offsite: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
    page.on('request', (r) => {
      const url = r.url();
      requests.push(url);
      if (!url.startsWith(`${server.origin}/`) && !/^(data|blob|about):/.test(url)) offsite.push(url);
    });
    await page.goto(server.url, { waitUntil: 'load' });
    await page.waitForSelector('#status:has-text("Ready")');
    return { page, errors, offsite, requests };
  }

  async function scored(page: Page, inputs = 'model bids scores gates') {
    await page.waitForSelector(`#result[data-state="done"][data-inputs="${inputs}"]`);
  }

  async function ranking(page: Page) {
    return page.$$eval('#ranking tbody tr[data-bid]', (rows) =>
      rows.map((r) => ({
        bid: r.getAttribute('data-bid'),
        rank: Number(r.getAttribute('data-rank')),
        total: r.getAttribute('data-total'),
        shown: r.querySelector('.total')?.textContent,
      })),
    );
  }

  /** The CLI's ranking: bid order, ranks, totals at full precision and as shown (2 d.p. half-up). */
  function expectedRanking() {
    return expected.ranking.map((r) => ({
      bid: r.bid,
      rank: r.rank,
      total: r.total,
      shown: round(r.total, SCORE_ROUNDING),
    }));
  }

  it('scores the example from the file inputs exactly as `commonweal evaluate` does', async () => {
    const { page, errors, offsite } = await open();
    try {
      for (const [role, name] of Object.entries(FILES))
        await page.setInputFiles(`input[data-role="${role}"]`, join(TENDER, name));
      await scored(page);

      // Same ranking: bid order, ranks and totals as strings. The example's README gives
      // B1 79.86, B3 78.44, B2 68.01, B5 61.04, with B4 disqualified (fails the CQC gate).
      const got = await ranking(page);
      expect(got).toEqual(expectedRanking());
      expect(got.map((r) => `${r.bid} ${r.shown}`)).toEqual(['B1 79.86', 'B3 78.44', 'B2 68.01', 'B5 61.04']);
      expect(await page.textContent('#ranking tr.disqualified')).toContain('B4');
      await expect(page.textContent('#headline')).resolves.toBe(
        'Winner: B1 Northside Care Co-operative Ltd, 79.86 out of 100.',
      );
      // Same JSON, byte for byte, and the same inputs hash.
      expect(await page.textContent('#json')).toBe(expectedText);
      expect(await page.textContent('.sha')).toBe(expected.sha256);
      // The example is clean: the issue list says so.
      expect(await page.$$eval('#issues li[data-issue]', (li) => li.length)).toBe(0);
      await expect(page.textContent('#issues-title')).resolves.toBe('Issues: none');
      expect(await page.isHidden('#caveat')).toBe(true);

      // The report renders in its iframe with every chart at a visible size.
      const frame = await (await page.$('#report'))?.contentFrame();
      expect(frame).toBeTruthy();
      await frame?.waitForSelector('svg[role="img"]');
      const charts = await frame!.$$eval('svg[role="img"]', (svgs) =>
        svgs.map((s) => {
          const r = s.getBoundingClientRect();
          const drawn = Array.from(s.querySelectorAll('rect, path, circle, line')).filter((x) => {
            const b = (x as SVGGraphicsElement).getBBox();
            return b.width > 0 || b.height > 0;
          }).length;
          return { w: r.width, h: r.height, drawn };
        }),
      );
      expect(charts.length).toBeGreaterThan(0);
      for (const c of charts) {
        expect(c.w).toBeGreaterThan(100);
        expect(c.h).toBeGreaterThan(50);
        expect(c.drawn).toBeGreaterThan(3);
      }
      await expect(frame!.textContent('body')).resolves.toContain(
        'Northside Care Co-operative Ltd (B1) wins',
      );
      // The report has no scripts, and the iframe is sized to show all of it.
      expect(await frame!.$$eval('script', (s) => s.length)).toBe(0);
      const fit = await page.$eval('#report', (f) => {
        const doc = (f as HTMLIFrameElement).contentDocument;
        return { frame: f.getBoundingClientRect().height, content: doc?.documentElement.scrollHeight ?? 0 };
      });
      expect(fit.frame).toBeGreaterThanOrEqual(fit.content);

      await expect(page.textContent('body')).resolves.toContain('Your files stay on this computer');
      await page.screenshot({ path: join(SHOTS, 'browser-scorer.png'), fullPage: true });
      expect(errors).toEqual([]);
      expect(offsite).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('"Load the example" fetches examples/tender from the same server and gives the same ranking', async () => {
    const { page, errors, offsite, requests } = await open();
    try {
      await page.click('#example');
      await scored(page);
      expect(await ranking(page)).toEqual(expectedRanking());
      expect(await page.textContent('#json')).toBe(expectedText);
      for (const name of Object.values(FILES))
        expect(requests).toContain(`${server.origin}/examples/tender/${name}`);
      // The file inputs show what was loaded.
      expect(await page.$eval('#file-bids', (i) => (i as HTMLInputElement).files?.[0]?.name)).toBe(
        'bids.csv',
      );
      expect(errors).toEqual([]);
      expect(offsite).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('recognises dropped files by their columns, whatever their names', async () => {
    const { page, errors, offsite } = await open();
    try {
      const dropped = Object.values(FILES).map((name, i) => ({
        // Names that say nothing: the CSVs must be told apart by their headers.
        name: name.endsWith('.json') ? 'method.json' : `file-${i}.csv`,
        text: readFileSync(join(TENDER, name), 'utf8'),
      }));
      await page.evaluate((list) => {
        const dt = new DataTransfer();
        for (const f of list) dt.items.add(new File([f.text], f.name));
        document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, dropped.reverse());
      await scored(page);
      const got = await ranking(page);
      expect(got).toEqual(expectedRanking());
      expect(await page.$eval('#file-scores', (i) => (i as HTMLInputElement).files?.[0]?.name)).toBe(
        'file-2.csv',
      );
      // Same inputs, same hash: the hash is of the texts, not the names.
      expect(await page.textContent('.sha')).toBe(expected.sha256);
      expect(errors).toEqual([]);
      expect(offsite).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('takes moderated scores as `--moderation` does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-scorer-'));
    for (const name of Object.values(FILES)) writeFileSync(join(dir, name), readFileSync(join(TENDER, name)));
    // A moderated 1 for B3 on Q1 (its evaluators gave 4, 4, 4): 20 × 1/4 = 5 points instead of 20,
    // so B3 falls from 78.44 to 63.44, behind B2 (68.01).
    writeFileSync(
      join(dir, 'moderation.csv'),
      'bid,criterion,score,reason,moderator,date\nB3,q1-continuity,1,agreed at the moderation meeting,Head of Commissioning,2026-02-12\n',
    );
    const cli = await cliEvaluate(dir, ['--moderation', 'moderation.csv']);
    expect(cli.code, cli.stderr).toBe(0);
    const json = JSON.parse(cli.stdout) as EvaluationJson;
    expect(json.ranking.map((r) => `${r.bid} ${round(r.total, SCORE_ROUNDING)}`)).toEqual([
      'B1 79.86',
      'B2 68.01',
      'B3 63.44',
      'B5 61.04',
    ]);

    const { page, errors, offsite } = await open();
    try {
      for (const [role, name] of Object.entries({ ...FILES, moderation: 'moderation.csv' }))
        await page.setInputFiles(`input[data-role="${role}"]`, join(dir, name));
      await scored(page, 'model bids scores gates moderation');
      expect(await page.textContent('#json')).toBe(cli.stdout);
      expect((await ranking(page)).map((r) => [r.bid, r.rank, r.total])).toEqual(
        json.ranking.map((r) => [r.bid, r.rank, r.total]),
      );
      expect(errors).toEqual([]);
      expect(offsite).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('lists located issues as the CLI reports them, and refuses a model whose weights do not add up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-scorer-'));
    for (const name of Object.values(FILES)) writeFileSync(join(dir, name), readFileSync(join(TENDER, name)));
    // Line 3 of scores.csv (E2's score of B1 on Q1) made unreadable: the row is rejected, located.
    const scores = readFileSync(join(TENDER, 'scores.csv'), 'utf8').split('\n');
    scores[2] = (scores[2] as string).replace('B1,q1-continuity,E2,3,', 'B1,q1-continuity,E2,three,');
    writeFileSync(join(dir, 'scores.csv'), scores.join('\n'));
    const cli = await cliEvaluate(dir);
    expect(cli.code).toBe(1);
    const cliIssues = (JSON.parse(cli.stdout) as EvaluationJson).issues.map((i) => formatIssue(i as Issue));
    expect(cliIssues.some((i) => i.startsWith('scores.csv:3:4 score:'))).toBe(true);

    const { page, errors, offsite } = await open();
    try {
      for (const [role, name] of Object.entries(FILES))
        await page.setInputFiles(`input[data-role="${role}"]`, join(dir, name));
      await scored(page);
      const shown = await page.$$eval('#issues li[data-issue]', (li) =>
        li.map((l) => l.getAttribute('data-issue')),
      );
      expect(shown).toEqual(cliIssues);
      expect(await page.textContent('#json')).toBe(cli.stdout);
      await expect(page.textContent('#facts')).resolves.toContain(
        'scores.csv: 61 read, 60 accepted, 1 rejected',
      );
      await page.locator('#result').screenshot({ path: join(SHOTS, 'browser-scorer-row-issue.png') });

      // A model whose top-level weights add up to 90 cannot be used (the CLI exits 2).
      const model = JSON.parse(readFileSync(join(TENDER, 'model.json'), 'utf8')) as {
        criteria: { id: string; weight?: string }[];
      };
      const price = model.criteria.find((c) => c.id === 'price') as { weight: string };
      price.weight = '30';
      const modelText = `${JSON.stringify(model, null, 2)}\n`;
      writeFileSync(join(dir, 'model.json'), modelText);
      const bad = await cliEvaluate(dir);
      expect(bad.code).toBe(2);
      // Chromium fires no change for the same path chosen again, so the page is given a copy.
      mkdirSync(join(dir, 'edited'));
      writeFileSync(join(dir, 'edited', 'model.json'), modelText);
      await page.setInputFiles('input[data-role="model"]', join(dir, 'edited', 'model.json'));
      await page.waitForSelector('#result[data-state="failed"]');
      await expect(page.textContent('#headline')).resolves.toBe(
        'The evaluation model model.json cannot be used.',
      );
      const refused = await page.$$eval('#issues li[data-issue]', (li) =>
        li.map((l) => l.getAttribute('data-issue')),
      );
      expect(refused.length).toBeGreaterThan(0);
      for (const line of refused) expect(bad.stderr).toContain(line as string);
      expect(await page.isHidden('#ranking-box')).toBe(true);
      expect(await page.isHidden('#report-box')).toBe(true);
      await page.screenshot({ path: join(SHOTS, 'browser-scorer-issues.png'), fullPage: true });
      expect(errors).toEqual([]);
      expect(offsite).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
