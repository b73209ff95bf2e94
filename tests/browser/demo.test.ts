// `commonweal demo` end to end in a real browser: the demo writes its reports, and each HTML
// report must open in Debian's headless Chromium with no console error, nothing fetched, and
// every chart drawn at a visible size. Screenshots go to test-artifacts/screenshots/demo-*.png.
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../packages/cli/src/test/harness';

const CHROMIUM = '/usr/bin/chromium';
const exists = existsSync(CHROMIUM);
if (!exists) console.warn(`browser tests skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);
const SHOTS = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));

const REPORTS = [
  { file: 'tender.html', text: 'Northside Care Co-operative' },
  { file: 'valuation.html', text: 'Present value' },
  { file: 'doughnut.html', text: 'social foundations achieved' },
  { file: 'spend.html', text: 'Local share' },
  { file: 'carbon.html', text: 'Carbon' },
];

describe.skipIf(!exists)('commonweal demo reports in Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'cw-demo-browser-'));
    const r = await runCli(['demo', '--quiet'], dir);
    expect(r.code).toBe(0);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each(REPORTS)('$file renders with its charts and no errors', async ({ file, text }) => {
    const path = join(dir, 'commonweal-demo', file);
    expect(existsSync(path)).toBe(true);
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (req) => {
      if (!req.url().startsWith('file:')) requests.push(req.url());
    });
    await page.goto(pathToFileURL(path).href);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await expect(page.textContent('body')).resolves.toContain(text);
    const boxes = await page.$$eval('svg[role=img]', (svgs) =>
      svgs.map((s) => {
        const r = s.getBoundingClientRect();
        return {
          w: r.width,
          h: r.height,
          shapes: s.querySelectorAll('rect,path,circle,line,polyline').length,
        };
      }),
    );
    expect(boxes.length).toBeGreaterThan(0);
    for (const b of boxes) {
      expect(b.w).toBeGreaterThan(0);
      expect(b.h).toBeGreaterThan(0);
      expect(b.shapes).toBeGreaterThan(0);
    }
    await page.screenshot({ path: join(SHOTS, `demo-${file.replace('.html', '')}.png`), fullPage: true });
    await page.close();
  });
});
