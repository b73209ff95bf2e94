// Browser tests of the report renderers (tender, valuation, doughnut, spend, carbon): each page is loaded in Debian's headless Chromium
// (playwright-core drives it; no browser is downloaded), must raise no console or page error,
// must fetch nothing, and must draw every chart with a visible size. A full-page screenshot of
// each goes to test-artifacts/screenshots/<name>.png (git-ignored) for a human to look at.
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  renderCarbonHtml,
  renderDoughnutHtml,
  renderSpendHtml,
  renderTenderHtml,
  renderValuationHtml,
} from '@commonweal/report';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  carbonFixture,
  doughnutFixture,
  HOSTILE_BIDDER,
  spendFixture,
  tenderFixture,
  testFramework,
  valuationFixture,
} from '../../packages/report/src/reports/test-fixtures';

const CHROMIUM = '/usr/bin/chromium';
const exists = existsSync(CHROMIUM);
if (!exists) console.warn(`browser tests skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);

const SHOTS = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));

const reports: { name: string; html: () => string; expectText: string[] }[] = [
  {
    name: 'tender',
    html: () => renderTenderHtml(tenderFixture()),
    // A wins with 80 out of 100, 11.5 ahead of B (hand-checked in test-fixtures.ts)
    expectText: ['Northern Care Co-operative (A) wins with 80.00 out of 100', '11.50 points ahead'],
  },
  {
    name: 'tender-hostile',
    html: () => renderTenderHtml(tenderFixture(HOSTILE_BIDDER)),
    expectText: [HOSTILE_BIDDER],
  },
  {
    name: 'valuation',
    html: () => renderValuationHtml(valuationFixture(), { framework: testFramework }),
    expectText: ['Present value (central)', 'Provenance of proxies'],
  },
  {
    name: 'doughnut',
    html: () => renderDoughnutHtml(doughnutFixture(), { place: 'Exampleton' }),
    // food and housing short, education achieved; climate and nitrogen overshoot, land and air within
    expectText: ['1 of 3 social foundations achieved; 2 of 4 ecological ceilings transgressed'],
  },
  {
    name: 'carbon',
    html: () => renderCarbonHtml(carbonFixture()),
    // 10,000 + 8,800 ÷ 1.035 − 2,400 ÷ 1.035² (hand-checked in test-fixtures.ts)
    expectText: ['£16,261.99'],
  },
  {
    name: 'spend',
    html: () => renderSpendHtml(spendFixture()),
    expectText: ['£4,500.00', 'Local share'],
  },
];

describe.skipIf(!exists)('reports in a real browser (Chromium)', () => {
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const report of reports) {
    it(`${report.name}: no errors, no requests, every chart drawn with a size; screenshot saved`, async () => {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
      page.on('request', (r) => {
        if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url());
      });
      try {
        await page.setContent(report.html(), { waitUntil: 'load' });
        const charts = page.locator('svg[role="img"]');
        const count = await charts.count();
        expect(count).toBeGreaterThan(0);
        for (let i = 0; i < count; i++) {
          const chart = charts.nth(i);
          const box = await chart.boundingBox();
          expect(box, `chart ${i} has a box`).not.toBeNull();
          expect(box?.width ?? 0).toBeGreaterThan(100);
          expect(box?.height ?? 0).toBeGreaterThan(50);
          // Named by its own title and description (aria-labelledby resolves in the DOM).
          const name = await chart.evaluate((el) =>
            (el.getAttribute('aria-labelledby') ?? '')
              .split(' ')
              .map((id) => document.getElementById(id)?.textContent ?? '')
              .join(' | '),
          );
          expect(name.split(' | ').every((part) => part.trim().length > 0)).toBe(true);
          // Drawn: at least one shape inside has a non-zero box.
          const drawn = await chart.evaluate(
            (el) =>
              Array.from(el.querySelectorAll('rect, path, circle, line')).filter((s) => {
                const b = (s as SVGGraphicsElement).getBBox();
                return b.width > 0 || b.height > 0;
              }).length,
          );
          expect(drawn).toBeGreaterThan(3);
        }
        // Headings go down one level at a time (h1 → h2 → h3), never skipping.
        const levels = await page.$$eval('h1, h2, h3, h4, h5, h6', (hs) =>
          hs.map((h) => Number(h.tagName[1])),
        );
        expect(levels[0]).toBe(1);
        for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
        // Every table has a caption.
        const uncaptioned = await page.$$eval(
          'table',
          (ts) => ts.filter((t) => !t.querySelector('caption')).length,
        );
        expect(uncaptioned).toBe(0);
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
        const text = await page.evaluate(() => document.body.innerText);
        for (const t of report.expectText) expect(text).toContain(t);
        expect(await page.evaluate(() => document.querySelectorAll('script').length)).toBe(0);
        await page.screenshot({ path: `${SHOTS}${report.name}.png`, fullPage: true });
        expect(errors).toEqual([]);
        expect(requests).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});
