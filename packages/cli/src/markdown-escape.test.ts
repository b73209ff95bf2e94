import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './test/harness';

// Names built to break Markdown and let HTML through if anything is left unescaped. CSV-safe:
// no commas or quotes, so they can be put straight into the example files.
const NAME = '<script>alert(1)</script> | *Ltd* [x](javascript:alert(2))';
const COMMENT = '<img src=x onerror=alert(3)> good | plan';
const FILE = '<img src=x onerror=alert(4)> | q.csv';

/** Markup that would be live in rendered Markdown: a tag or an unescaped pipe-split cell. */
function expectInert(md: string): void {
  const tags = [...md.matchAll(/(?<!\\)<\/?([a-z]+)/gi)].map((m) => m[1]?.toLowerCase());
  expect(tags.filter((t) => t !== 'br')).toEqual([]);
  expect(md).not.toMatch(/(?<!\\)\[x\]\(javascript/);
  const lines = md.split('\n');
  let cols = -1;
  for (const line of lines) {
    if (!line.startsWith('|')) {
      cols = -1;
      continue;
    }
    const n = line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length;
    if (cols === -1) cols = n;
    expect(n, line).toBe(cols);
  }
}

let dir = '';
const copy = (from: string, to: string, swaps: [string, string][] = []) => {
  let text = readFileSync(join(ROOT, from), 'utf8');
  for (const [a, b] of swaps) {
    expect(text).toContain(a);
    text = text.split(a).join(b);
  }
  mkdirSync(join(dir, to, '..'), { recursive: true });
  writeFileSync(join(dir, to), text);
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cw-md-'));
  copy('examples/valuation/measures.csv', 'measures.csv', [
    ['Local people employed on the contract', NAME],
    ['More local people in good work', COMMENT],
  ]);
  copy('examples/valuation/commitments.csv', 'commitments.csv');
  copy('examples/tender/model.json', 'model.json', [['Home care services, Example Council', NAME]]);
  copy('examples/tender/bids.csv', 'bids.csv', [['Northside Care Co-operative Ltd', NAME]]);
  copy('examples/tender/scores.csv', 'scores.csv', [['Excellent: teams of four carers', COMMENT]]);
  copy('examples/tender/gates.csv', 'gates.csv');
  copy('examples/tender/commitments.csv', 'tender-commitments.csv');
  copy('examples/tender/outcomes.csv', 'outcomes.csv');
  copy('examples/spend/spend.csv', 'spend.csv', [['Exe Valley Bakers Ltd', NAME]]);
  copy('examples/spend/suppliers.csv', 'suppliers.csv', [['Exe Valley Bakers Ltd', NAME]]);
  copy('examples/spend/spend.csv', FILE);
  copy('examples/priorities/survey.csv', 'survey.csv', [
    ['local-jobs', NAME],
    ['residents', COMMENT],
  ]);
  copy('examples/doughnut/indicators.csv', 'indicators.csv', [
    ['households in fuel poverty', NAME],
    ['constructed example (not a statistic)', COMMENT],
  ]);
  copy('examples/carbon/emissions.csv', 'carbon.csv');
  copy('examples/carbon/emissions.csv', `carbon ${FILE}`);
});

const SPEND = ['--suppliers', 'suppliers.csv', '--local', 'EX1,EX2,EX4'];
const CASES: [string, string[]][] = [
  ['value', ['value', '--framework', 'measures.csv', '--entries', 'commitments.csv']],
  [
    'evaluate',
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
    ],
  ],
  [
    'monitor',
    [
      'monitor',
      '--commitments',
      'tender-commitments.csv',
      '--bid',
      'B1',
      '--outcomes',
      'outcomes.csv',
      '--start',
      '2026-04-01',
      '--end',
      '2028-03-31',
      '--as-of',
      '2027-03-31',
      '--framework',
      'measures.csv',
    ],
  ],
  ['doughnut', ['doughnut', '--indicators', 'indicators.csv']],
  ['carbon', ['carbon', '--emissions', `carbon ${FILE}`]],
  ['wellbeing', ['wellbeing', '--delta', '0.2', '--people', '50', '--years', '3', '--start-year', '2025']],
  ['spend', ['spend', '--spend', 'spend.csv', ...SPEND]],
  ['spend (hostile file name)', ['spend', '--spend', FILE, ...SPEND]],
  ['lm3', ['lm3', '--round1', '1000000', '--spend', FILE, ...SPEND, '--supplier-respend', '0.3']],
  ['priorities', ['priorities', '--survey', 'survey.csv']],
];

describe('every Markdown output escapes names, comments and file names from the inputs', () => {
  it.each(CASES)('%s --format md', async (label, argv) => {
    const r = await runCli([...argv, '--format', 'md', '-q'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBeLessThan(2);
    expectInert(r.stdout);
    // wellbeing reads no names; every other output shows at least one hostile text, escaped
    if (label !== 'wellbeing') expect(r.stdout).toMatch(/\\<(script|img)/);
  });

  it.each(CASES)('%s --report FILE.md', async (_label, argv) => {
    const r = await runCli([...argv, '--report', 'report.md', '-q'], dir);
    expect(r.code).toBeLessThan(2);
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    expectInert(md);
  });

  it('escapes the bidder name and evaluator comments in every assessment summary', async () => {
    const r = await runCli([...(CASES[1]?.[1] ?? []), '--summaries', 'summaries', '-q'], dir);
    expect(r.code).toBe(0);
    const b1 = readFileSync(join(dir, 'summaries', 'B1.md'), 'utf8');
    expect(b1).toContain('\\<script\\>alert(1)\\</script\\> \\| \\*Ltd\\* \\[x\\](javascript:alert(2))');
    expect(b1).toContain('\\<img src=x onerror=alert(3)\\> good \\| plan');
    for (const bid of ['B1', 'B2', 'B3', 'B4', 'B5'])
      expectInert(readFileSync(join(dir, 'summaries', `${bid}.md`), 'utf8'));
  });
});
