// The commissioner's workbench (packages/workbench) in Debian's headless Chromium, served by
// `commonweal serve`'s server: a whole tender from an empty browser to the assessment summaries,
// driven through the page as a commissioner would — the template, the community priorities
// survey, publication, a weight change, bids, a failed gate, two evaluators scoring blind (one
// by keyboard only), a disagreement and its moderation — then the files the page exports are
// scored by the CLI, which must print the very JSON bytes the page shows and the same summaries.
// The state must survive a reload; no console error, no request off 127.0.0.1. Every view's
// rendered text must reach WCAG AA contrast (4.5:1) as laid out, and no state be told by colour
// alone: every status-coloured element says it in a symbol and words.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import { type Browser, chromium, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaticServer, startStaticServer } from '../../packages/cli/src/commands/serve';
import { runCli } from '../../packages/cli/src/test/harness';
import { AA, contrast } from '../../packages/report/src/a11y/contrast';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SITE = join(ROOT, 'packages/workbench/dist');
const SHOTS = join(ROOT, 'test-artifacts/screenshots');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`workbench browser test skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);

describe.skipIf(!hasChromium)('the workbench in Chromium: a tender from empty to summaries', () => {
  let browser: Browser;
  let server: StaticServer;
  let page: Page;
  const errors: string[] = [];
  const offsite: string[] = [];
  const out = mkdtempSync(join(tmpdir(), 'cw-workbench-'));

  beforeAll(async () => {
    // `pnpm test` builds the site once (pnpm build); a bare `vitest run` builds it here if missing.
    if (!existsSync(join(SITE, 'index.html')))
      execFileSync('pnpm', ['--filter', '@commonweal/workbench', 'build'], { cwd: ROOT, stdio: 'ignore' });
    mkdirSync(SHOTS, { recursive: true });
    server = await startStaticServer(SITE);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
    page.setDefaultTimeout(10_000);
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(server.url) && !/^(data|blob|about):/.test(url)) offsite.push(url);
    });
    await page.goto(server.url);
    await page.getByRole('heading', { name: "Commissioner's workbench" }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Each text run in the frame: its colour and the background it is seen on (ancestors composed). */
  async function textColours(frame: Page | Frame) {
    return frame.evaluate(() => {
      type C = [number, number, number, number];
      const parse = (s: string): C => {
        const m = s.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
        return [m[0] ?? 0, m[1] ?? 0, m[2] ?? 0, m[3] ?? 1];
      };
      // source-over, top first, down to the page's white canvas
      const ground = (el: Element | null): C => {
        const layers: C[] = [];
        for (let e = el; e; e = e.parentElement) {
          const c = parse(getComputedStyle(e).backgroundColor);
          if (c[3] > 0) layers.push(c);
          if (c[3] >= 1) break;
        }
        let out: C = [255, 255, 255, 1];
        for (const [r, g, b, a] of layers.reverse())
          out = [r * a + out[0] * (1 - a), g * a + out[1] * (1 - a), b * a + out[2] * (1 - a), 1];
        return out;
      };
      const seen: { text: string; fg: string; bg: string; px: number; weight: number; where: string }[] = [];
      const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const el = n.parentElement;
        const text = n.textContent?.trim() ?? '';
        if (!el || !text || el.closest('script,style,noscript,option')) continue;
        const st = getComputedStyle(el);
        if (st.visibility === 'hidden' || !el.getClientRects().length) continue;
        const [r, g, b] = ground(el);
        const where = `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).replace(/ /g, '.')}` : ''}`;
        seen.push({
          text: text.slice(0, 60),
          fg: st.color,
          bg: `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`,
          px: Number.parseFloat(st.fontSize),
          weight: Number(st.fontWeight),
          where,
        });
      }
      return seen;
    });
  }
  /** The view's text under 4.5:1, and its status-coloured elements that carry no symbol. */
  async function accessibility(view: string) {
    const runs = await textColours(page);
    expect(runs.length, `${view}: text found`).toBeGreaterThan(5);
    const low = runs
      .map((t) => ({ ...t, ratio: contrast(t.fg, t.bg) }))
      .filter((t) => t.ratio < AA.text)
      .map((t) => `${view}: "${t.text}" (${t.where}) ${t.fg} on ${t.bg} ${t.ratio.toFixed(2)}`);
    expect(low).toEqual([]);
    // a status colour always comes with a symbol and words: ✓ ok, ✗ bad, ⚠ warning or disagreement
    const unmarked = await page
      .locator('.ok, .bad, .warn, .divergent')
      .evaluateAll((els) =>
        els
          .filter((e) =>
            e.classList.contains('divergent')
              ? !/⚠ evaluators disagree/.test(e.textContent ?? '')
              : !/^\s*[✓✗⚠]\s+\p{L}/u.test(e.textContent ?? ''),
          )
          .map((e) => `${e.className}: ${(e.textContent ?? '').trim().slice(0, 60)}`),
      );
    expect(unmarked, `${view}: colour is not the only sign`).toEqual([]);
    return { runs: runs.length, status: await page.locator('.ok, .bad, .warn, .divergent').count() };
  }

  const step = (name: string | RegExp) =>
    page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name });
  async function save(button: string, name: string): Promise<string> {
    const [d] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: button, exact: true }).click(),
    ]);
    expect(d.suggestedFilename()).toBe(name);
    await d.saveAs(join(out, name));
    return readFileSync(join(out, name), 'utf8');
  }

  it('sets up the tender: template, community priorities, publication, a weight change with the fix shown', async () => {
    await page.getByRole('button', { name: 'Start from the home care template' }).click();
    await page.getByText('Started from the home care template').waitFor();

    await step(/Community priorities/).click();
    for (const [id, title] of [
      ['sv-jobs', 'Local jobs and skills'],
      ['sv-climate', 'Cutting emissions'],
    ]) {
      await page.getByLabel('Theme id').fill(id as string);
      await page.getByLabel('Theme title').fill(title as string);
      await page.getByRole('button', { name: 'Add the theme' }).click();
    }
    // residents 60/40 and 20/80 (mean 40/60); businesses 80/20; each group equally → 60 / 40
    for (const [who, group, jobs, climate] of [
      ['R1', 'residents', '60', '40'],
      ['R2', 'residents', '20', '80'],
      ['R3', 'businesses', '8', '2'],
    ]) {
      await page.getByLabel('Respondent').fill(who as string);
      await page.getByLabel('Stakeholder group').fill(group as string);
      await page.getByLabel('Points for Local jobs and skills').fill(jobs as string);
      await page.getByLabel('Points for Cutting emissions').fill(climate as string);
      await page.getByRole('button', { name: 'Add the answer' }).click();
    }
    await expect.poll(() => page.getByTestId('agreement').textContent()).toContain("Agreement (Kendall's W");
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the text as laid out (cells apart)
    const weights = await page.getByRole('table', { name: 'Weights from the survey (%)' }).innerText();
    expect(weights).toMatch(/Local jobs and skills\s+60\s+80\s+40/);
    await page.getByRole('button', { name: 'Apply these weights to the social value criteria' }).click();

    await step(/Criteria/).click();
    await expect.poll(() => page.getByLabel('Weight of Local jobs and skills (%)').inputValue()).toBe('60');
    await page.getByRole('button', { name: 'Publish the method (record the weights)' }).click();
    await page.getByText('The weights are as published.').waitFor();
    await page.getByLabel('Weight of Price (%)').fill('30');
    const top = page.getByTestId('sum-top');
    await expect
      .poll(() => top.textContent())
      .toBe('✗ Weights here sum to 90, not 100: add 10 to one of them.');
    await accessibility('Criteria, weights off');
    await page
      .locator('main')
      .getByText(/top level of .* sum to 90, not 100: adjust them/)
      .waitFor();
    await page.getByLabel('Weight of Quality (%)').fill('60');
    await expect.poll(() => top.textContent()).toBe('✓ Weights here sum to 100.');
    await page
      .getByText('Weights changed since: price 40 → 30, quality 50 → 60.', { exact: false })
      .waitFor();
  });

  it('adds bids and records gate results, one a failure', async () => {
    await step(/Bids/).click();
    for (const [bid, bidder, price] of [
      ['B1', 'Northside Care Co-operative Ltd', '£2,310,000'],
      ['B2', 'Brightway Homecare Ltd', '2180000'],
      ['B3', 'Harbour Home Care Ltd', '2050000'],
    ]) {
      await page.getByLabel('Bid id').fill(bid as string);
      await page.getByLabel('Bidder').fill(bidder as string);
      await page.getByLabel('Total price').fill(price as string);
      await page.getByRole('button', { name: 'Add the bid' }).click();
    }
    await page.getByRole('table', { name: 'Bids received (3)' }).waitFor();
    await step(/Gates/).click();
    for (const bid of ['B1', 'B2', 'B3'])
      for (const [gate, title] of [
        ['cqc', 'CQC registration'],
        ['insurance', 'Insurance'],
      ]) {
        const fail = bid === 'B3' && gate === 'cqc';
        const form = page.getByRole('form', { name: `${title} for ${bid}` });
        await form.getByRole('radio', { name: fail ? 'Fail' : 'Pass' }).check();
        await form
          .getByLabel(`Reason for ${title}, ${bid}`)
          .fill(fail ? 'Not registered for personal care in the contract area' : 'Evidence seen');
        await form.getByRole('button', { name: 'Record the gate result' }).click();
        await form.getByText(`recorded ${fail ? 'FAIL' : 'PASS'}`).waitFor();
      }
  });

  const CRITERIA = [
    'Q1 Continuity of care',
    'Q2 Workforce: recruitment, retention and pay',
    'Q3 Safeguarding and managing risk',
    'Local jobs and skills',
    'Cutting emissions',
  ];
  // E1 and E2 agree within a point except on B1 Q1 (4 against 1: a spread of 3 > 1.6).
  const SCORES: Record<string, Record<string, number[]>> = {
    E1: { B1: [4, 3, 3, 3, 2], B2: [2, 3, 2, 2, 2], B3: [3, 3, 3, 3, 3] },
    E2: { B1: [1, 3, 4, 3, 3], B2: [2, 2, 2, 3, 2], B3: [3, 2, 3, 3, 3] },
  };

  it('lets two evaluators score blind, each score justified, the first by keyboard only', async () => {
    await step(/Scoring/).click();
    // A score without a justification is refused, with the reason.
    const first = page.getByRole('form', { name: `${CRITERIA[0]} for B1` });
    await first.getByRole('radio', { name: '4 Excellent' }).check();
    await first.getByRole('button', { name: 'Save the score' }).click();
    await page.getByRole('alert').getByText('a score needs its justification').waitFor();
    for (const evaluator of ['E1', 'E2']) {
      await page.getByLabel('Scoring as').selectOption(evaluator);
      await page.getByTestId('progress').getByText(`${evaluator}: 0 of 15 scored.`).waitFor();
      // Blind: nothing of the other evaluator's scores or justifications is on the page.
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the text as laid out (cells apart)
      expect(await page.locator('main').innerText()).not.toContain('E1 justification');
      for (const bid of ['B1', 'B2', 'B3'])
        for (const [i, title] of CRITERIA.entries()) {
          const score = SCORES[evaluator]?.[bid]?.[i] as number;
          const form = page.getByRole('form', { name: `${title} for ${bid}` });
          const why = `${evaluator} justification: ${bid} ${title} earns ${score}`;
          if (evaluator === 'E1' && bid === 'B1' && i === 0) {
            // Keyboard only: Space picks a level, the arrow keys move along the scale, Tab walks on.
            await form.getByRole('radio').first().focus();
            await page.keyboard.press('Space');
            for (let k = 0; k < score; k++) await page.keyboard.press('ArrowRight');
            await page.keyboard.press('Tab');
            await page.keyboard.type(why);
            await page.keyboard.press('Tab');
            await page.keyboard.press('Enter');
          } else {
            await form.getByRole('radio', { name: new RegExp(`^${score} `) }).check();
            await form.getByLabel(`Justification for ${title}, ${bid}`).fill(why);
            await form.getByRole('button', { name: 'Save the score' }).click();
          }
          await form.getByText(`scored ${score}`).waitFor();
        }
      await page.getByTestId('progress').getByText(`${evaluator}: 15 of 15 scored.`).waitFor();
    }
  });

  it('shows where evaluators disagree and records the moderated score with its reason', async () => {
    await step(/Moderation/).click();
    await page.getByText('1 of 15 scored answers need moderation').waitFor();
    const form = page.getByRole('form', { name: `Moderation of ${CRITERIA[0]} for B1` });
    await form.getByText('⚠ evaluators disagree (spread 3 > 1.6)').waitFor();
    await form.getByLabel(`Consensus score for ${CRITERIA[0]}, B1`).selectOption('3');
    await form
      .getByLabel(`Reason agreed for ${CRITERIA[0]}, B1`)
      .fill('Panel agreed Good: the rota evidence is strong, cover for holidays is not');
    await form.getByRole('button', { name: 'Record the moderated score' }).click();
    await form.getByText('moderated to 3').waitFor();
    expect((await accessibility('Moderation')).status).toBeGreaterThanOrEqual(1);
  });

  it('ranks the bids, with the failed gate, and the exported files scored by the CLI give the same JSON bytes', async () => {
    await step(/Results/).click();
    await page.locator('#ranking').waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the text as laid out (cells apart)
    const ranking = await page.locator('#ranking tbody').innerText();
    expect(ranking).toContain('Disqualified');
    expect(ranking).toMatch(/B3\tHarbour Home Care Ltd\t–\tDisqualified/);
    const shown = (await page.locator('#result-json').textContent()) as string;
    // The report is drawn in its frame, its method text from the model scored.
    await page
      .frameLocator('iframe.report')
      .getByText('The weights were changed after publication')
      .first()
      .waitFor();
    await page.screenshot({ path: join(SHOTS, 'workbench-results.png'), fullPage: true });

    await step(/Export/).click();
    for (const f of ['model.json', 'bids.csv', 'scores.csv', 'gates.csv', 'moderation.csv'])
      await save(`Save ${f}`, f);
    const json = await save('Save evaluation.json', 'evaluation.json');
    const report = await save('Save report.html', 'report.html');
    const summaries: Record<string, string> = {};
    for (const b of ['B1', 'B2', 'B3']) summaries[b] = await save(`Save ${b}.md`, `${b}.md`);
    expect(json).toBe(shown);

    const cli = await runCli(
      [
        'evaluate',
        '--model',
        'model.json',
        '--bids',
        'bids.csv',
        '--scores',
        'scores.csv',
        '--gates',
        'gates.csv',
        '--moderation',
        'moderation.csv',
        '--format',
        'json',
        '--summaries',
        'cli-summaries',
      ],
      out,
    );
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toBe(json);
    const doc = JSON.parse(json) as { bids: { bid: string; disqualified: boolean }[] };
    expect(doc.bids.find((b) => b.bid === 'B3')?.disqualified).toBe(true);
    expect(readdirSync(join(out, 'cli-summaries')).sort()).toEqual(['B1.md', 'B2.md', 'B3.md']);
    for (const b of ['B1', 'B2', 'B3'])
      expect(summaries[b], `${b}.md`).toBe(readFileSync(join(out, 'cli-summaries', `${b}.md`), 'utf8'));
    // The method text comes from the model scored: the weight change after publication is said.
    expect(report).toContain('The weights were changed after publication on');
    expect(report).toContain('“Price” 40% published, 30% scored'.replace(/[“”]/g, '&quot;'));
  });

  it('keeps the tender across a reload, and saves it as one file that its JSON Schema accepts', async () => {
    await page.reload();
    await step(/Scoring/).click();
    await page.getByLabel('Scoring as').selectOption('E2');
    await page.getByTestId('progress').getByText('E2: 15 of 15 scored.').waitFor();
    await step(/Tender/).click();
    const state = JSON.parse(await save('Save the workbench (JSON)', 'workbench.json')) as {
      scores: unknown[];
      moderation: unknown[];
    };
    const schema = JSON.parse(await save('Save its JSON Schema', 'workbench.schema.json')) as object;
    expect(state.scores).toHaveLength(30);
    expect(state.moderation).toHaveLength(1);
    expect(new Ajv2020({ strict: false }).compile(schema)(state)).toBe(true);
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
  });

  it('shows every view in text of AA contrast, and no state by colour alone', async () => {
    for (const view of [
      'Tender',
      'Community priorities',
      'Criteria',
      'Bids',
      'Gates',
      'Scoring',
      'Moderation',
      'Results',
      'Export',
    ]) {
      await step(new RegExp(`^\\d+\\. ${view}$`)).click();
      await expect.poll(() => step(new RegExp(`${view}$`)).getAttribute('aria-current')).toBe('step');
      await accessibility(view);
    }
    // the report drawn in the Results frame, as the commissioner sees it
    await step(/Results$/).click();
    const report = page.frame({ url: 'about:srcdoc' }) ?? page.frames()[1];
    const inReport = await textColours(report as Frame);
    expect(inReport.length).toBeGreaterThan(50);
    expect(
      inReport.filter((t) => contrast(t.fg, t.bg) < AA.text).map((t) => `${t.text} ${t.fg} on ${t.bg}`),
    ).toEqual([]);
    // the check can fail: light grey text is caught, then taken away
    const grey = await page.addStyleTag({ content: '.muted, .hint { color: #999 !important }' });
    const caught = (await textColours(page)).filter((t) => contrast(t.fg, t.bg) < AA.text);
    expect(caught.length).toBeGreaterThan(0);
    expect(caught.every((t) => t.fg === 'rgb(153, 153, 153)')).toBe(true);
    await grey.evaluate((e) => (e as Element).remove());
    // the step shown is marked by underline and aria-current as well as its dark fill
    const current = step(/Results$/);
    expect(await current.evaluate((e) => getComputedStyle(e).textDecorationLine)).toBe('underline');
    expect(errors).toEqual([]);
  });
});
