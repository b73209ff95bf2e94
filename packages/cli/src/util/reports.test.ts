import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wellFormedProblems } from '@commonweal/report';
import { describe, expect, it } from 'vitest';
import { commands } from '../commands/index';
import { ROOT, runCli } from '../test/harness';

// the JSON contract as parsed: any shape, read only in the expectations
// biome-ignore lint/suspicious/noExplicitAny: test data read by path
type Json = Record<string, any>;
const ex = (p: string) => join(ROOT, p);
const SPEND = [
  '--spend',
  ex('examples/spend/spend.csv'),
  '--suppliers',
  ex('examples/spend/suppliers.csv'),
  '--local',
  'EX1,EX2,EX4',
];
const CASES: [string, string[], (json: Json) => string[]][] = [
  [
    'monitor',
    [
      'monitor',
      '--commitments',
      ex('examples/tender/commitments.csv'),
      '--bid',
      'B1',
      '--outcomes',
      ex('examples/tender/outcomes.csv'),
      '--start',
      '2026-04-01',
      '--end',
      '2028-03-31',
      '--as-of',
      '2027-03-31',
      '--framework',
      ex('examples/valuation/measures.csv'),
    ],
    (j) => [
      j.overall.status.toUpperCase(),
      `${j.overall.counts.red} red`,
      ...j.measures.map((m: { measure: string }) => m.measure),
      j.sha256,
    ],
  ],
  [
    'wellbeing',
    ['wellbeing', '--delta', '0.2', '--people', '50', '--years', '3', '--start-year', '2025'],
    () => ['£384,264.85', '£295,588.34', '£472,941.35', '30'],
  ],
  [
    'lm3',
    ['lm3', '--round1', '1000000', ...SPEND, '--supplier-respend', '0.3'],
    (j) => [j.lm3Rounded, '£197,343.36', '£59,203.01'],
  ],
  [
    'priorities',
    ['priorities', '--survey', ex('examples/priorities/survey.csv')],
    (j) => [j.overall.ranking[0].item, String(j.overall.ranking[0].weight), ...Object.keys(j.groups)],
  ],
];

describe('--report on monitor, wellbeing, lm3 and priorities', () => {
  it('every command that produces a result takes --report (-r)', () => {
    const without = commands
      .filter((c) => !['demo', 'init', 'validate', 'schema', 'ocds', 'serve'].includes(c.name))
      .filter((c) => c.options.report?.short !== 'r')
      .map((c) => c.name);
    expect(without).toEqual([]);
  });

  it.each(CASES)(
    '%s writes a self-contained HTML report and a Markdown one with the JSON’s figures',
    async (_name, argv, figures) => {
      const dir = mkdtempSync(join(tmpdir(), 'cw-report-'));
      const json = JSON.parse((await runCli([...argv, '--format', 'json', '-q'])).stdout);
      const r = await runCli([...argv, '-q', '--report', join(dir, 'r.html')]);
      expect(r.code).toBe(0);
      const html = readFileSync(join(dir, 'r.html'), 'utf8');
      expect(wellFormedProblems(html)).toEqual([]);
      expect(html).not.toMatch(/<script|\shref="https?:|\ssrc=/i);
      expect(html).not.toMatch(/undefined|NaN|\[object Object\]/);
      expect(html).toContain('<svg');
      const text = html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&');
      for (const f of figures(json)) expect(text).toContain(f);
      await runCli([...argv, '-q', '-r', join(dir, 'r.md')]);
      const md = readFileSync(join(dir, 'r.md'), 'utf8');
      for (const f of figures(json)) expect(md.replace(/\\/g, '')).toContain(f);
      // same inputs, same bytes
      await runCli([...argv, '-q', '-r', join(dir, 'again.html')]);
      expect(readFileSync(join(dir, 'again.html'), 'utf8')).toBe(html);
    },
  );
});
