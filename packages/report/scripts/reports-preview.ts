/**
 * Dev preview (not published): writes the reports (tender, valuation, doughnut, spend, carbon), built from the test fixtures (real
 * engine runs on small constructed inputs), as HTML and Markdown to /tmp/commonweal-reports/.
 * Run: `npx tsx packages/report/scripts/reports-preview.ts`. All values are illustrative.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  renderCarbonHtml,
  renderCarbonMarkdown,
  renderDoughnutHtml,
  renderDoughnutMarkdown,
  renderSpendHtml,
  renderSpendMarkdown,
  renderTenderHtml,
  renderTenderMarkdown,
  renderValuationHtml,
  renderValuationMarkdown,
} from '../src/index';
import {
  carbonFixture,
  doughnutFixture,
  HOSTILE_BIDDER,
  spendFixture,
  tenderFixture,
  testFramework,
  valuationFixture,
} from '../src/reports/test-fixtures';

const out = '/tmp/commonweal-reports';
mkdirSync(out, { recursive: true });
const tender = tenderFixture();
const valuation = valuationFixture();
const doughnut = doughnutFixture();
const spend = spendFixture();
const files: Record<string, string> = {
  'tender.html': renderTenderHtml(tender),
  'tender.md': renderTenderMarkdown(tender),
  'tender-hostile.html': renderTenderHtml(tenderFixture(HOSTILE_BIDDER)),
  'tender-hostile.md': renderTenderMarkdown(tenderFixture(HOSTILE_BIDDER)),
  'valuation.html': renderValuationHtml(valuation, { framework: testFramework }),
  'valuation.md': renderValuationMarkdown(valuation, { framework: testFramework }),
  'doughnut.html': renderDoughnutHtml(doughnut, { place: 'Exampleton' }),
  'doughnut.md': renderDoughnutMarkdown(doughnut, { place: 'Exampleton' }),
  'carbon.html': renderCarbonHtml(carbonFixture()),
  'carbon.md': renderCarbonMarkdown(carbonFixture()),
  'spend.html': renderSpendHtml(spend),
  'spend.md': renderSpendMarkdown(spend),
};
for (const [name, text] of Object.entries(files)) writeFileSync(`${out}/${name}`, text);
console.log(`wrote ${Object.keys(files).length} files to ${out}`);
