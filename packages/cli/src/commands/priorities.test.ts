import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateModel } from '@commonweal/core/procurement';
import { jsonSchema, sha256Hex } from '@commonweal/json';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../test/harness';

const ajv = new Ajv2020({ strict: false, validateFormats: false });
const validateOutput = ajv.compile(jsonSchema('priorities-output'));
const SURVEY = ['--survey', 'examples/priorities/survey.csv'];
const APPLY = ['--apply-to', 'examples/priorities/model.json', '--criterion', 'social-value'];
const ROOT_SURVEY = join(ROOT, 'examples/priorities/themes-survey.csv');

function tmp(files: Record<string, string> = {}): string {
  const d = mkdtempSync(join(tmpdir(), 'cw-prio-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

describe('commonweal priorities', () => {
  it('weighs the example survey, each group counting equally (hand-checked)', async () => {
    const r = await runCli(['priorities', ...SURVEY, '--groups', 'equal', '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(validateOutput(out), JSON.stringify(validateOutput.errors)).toBe(true);
    // local-jobs: residents 180/600 = 30%, businesses 110/400 = 27.5%, community groups 45/300 = 15%;
    // equal groups: (30 + 27.5 + 15) ÷ 3 = 24.1666… → 24.17.
    expect(out.groups.residents.weights['local-jobs']).toBe('30');
    expect(out.groups.businesses.weights['local-jobs']).toBe('27.5');
    expect(out.groups['community groups'].weights['local-jobs']).toBe('15');
    expect(out.overall.weights).toEqual({
      climate: '18.75',
      'community-wellbeing': '22.64',
      'fair-work': '11.94',
      'local-jobs': '24.17',
      'local-supply-chain': '22.5',
    });
    expect(out.rows).toEqual({ read: 65, accepted: 65, rejected: 0 });
    expect(out.method).toBe('points');
    expect(out.survey.name).toBe('survey.csv');
    expect(out.overall.agreement.method).toBe('kendall-w');
  });

  it('gives every respondent the same say by default: local-jobs 3.35 ÷ 13 shares', async () => {
    const r = await runCli(['priorities', ...SURVEY, '--format', 'json']);
    const out = JSON.parse(r.stdout);
    expect(out.groupWeighting).toBe('proportional');
    // (1.8 + 1.1 + 0.45) ÷ 13 = 0.2576923…
    expect(out.overall.exact['local-jobs']).toMatch(/^25\.769230769230769/);
    expect(out.groupShares.residents).toMatch(/^0\.461538/);
  });

  it('weighs ranks by Borda count with Kendall’s W = 7/9 (three raters, four items)', async () => {
    const rows = ['respondent,group,item,rank'];
    const ranks = [
      ['a', 1, 'b', 2, 'c', 3, 'd', 4],
      ['a', 1, 'b', 3, 'c', 2, 'd', 4],
      ['a', 2, 'b', 1, 'c', 3, 'd', 4],
    ];
    ranks.forEach((r, k) => {
      for (let i = 0; i < r.length; i += 2) rows.push(`R${k + 1},residents,${r[i]},${r[i + 1]}`);
    });
    const d = tmp({ 'ranks.csv': `${rows.join('\n')}\n` });
    const r = await runCli(
      ['priorities', '--survey', 'ranks.csv', '--method', 'borda', '--format', 'json'],
      d,
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // Borda n − r: a 3+3+2, b 2+1+3, c 1+2+1, d 0 → ÷ 18: 44.44…, 33.33…, 22.22…, 0; largest remainder gives a 44.45.
    expect(out.overall.weights).toEqual({ a: '44.45', b: '33.33', c: '22.22', d: '0' });
    // Rank sums 4, 6, 8, 12 → S = 35, W = 12·35 ÷ (9·60) = 7/9.
    expect(Number(out.overall.agreement.w).toFixed(4)).toBe('0.7778');
    expect(out.method).toBe('ranks');
    // Detected from the header too.
    const detected = await runCli(['priorities', '--survey', 'ranks.csv', '--format', 'json'], d);
    expect(JSON.parse(detected.stdout).overall.weights).toEqual(out.overall.weights);
  });

  it('writes a weighted evaluation model (canonical, validated, traced to the survey)', async () => {
    const d = tmp();
    const out = join(d, 'weighted.json');
    const r = await runCli([
      'priorities',
      ...SURVEY,
      '--groups',
      'equal',
      ...APPLY,
      '--out',
      out,
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`wrote ${out}`);
    const text = readFileSync(out, 'utf8');
    const model = JSON.parse(text);
    const checked = validateModel(model);
    expect(checked.ok).toBe(true);
    const sv = model.criteria.find((c: { id: string }) => c.id === 'social-value');
    expect(
      Object.fromEntries(sv.criteria.map((c: { id: string; weight: string }) => [c.id, c.weight])),
    ).toEqual({
      'local-jobs': '24.17',
      'local-supply-chain': '22.5',
      climate: '18.75',
      'community-wellbeing': '22.64',
      'fair-work': '11.94',
    });
    const json = JSON.parse(r.stdout);
    expect(sv.description).toContain(json.survey.hash);
    expect(json.applied).toMatchObject({
      criterion: 'social-value',
      model: { id: 'EVC-2025-07', sha256: sha256Hex(text) },
    });
    expect(validateOutput(json), JSON.stringify(validateOutput.errors)).toBe(true);
    // Untouched criteria keep their weights; the same inputs give the same bytes.
    expect(model.criteria[0].weight).toBe(40);
    const again = join(d, 'again.json');
    await runCli(['priorities', ...SURVEY, '--groups', 'equal', ...APPLY, '--out', again, '-q']);
    expect(readFileSync(again, 'utf8')).toBe(text);
  });

  it('shows the table by default and Markdown on request', async () => {
    const t = await runCli(['priorities', ...SURVEY, '--groups', 'equal']);
    expect(t.stdout).toContain('Community priorities — weights (%)');
    expect(t.stdout).toMatch(/1\. local-jobs\s+24\.17/);
    expect(t.stdout).toContain("Kendall's W");
    const md = await runCli(['priorities', ...SURVEY, '--format', 'md']);
    expect(md.stdout).toContain('# Community priorities');
  });

  const refused: [string, string[], string][] = [
    ['no --survey', ['priorities'], '--survey is required'],
    [
      'a bad --method',
      ['priorities', ...SURVEY, '--method', 'vote'],
      '--method must be one of points, borda, ranks',
    ],
    [
      'a bad --groups',
      ['priorities', ...SURVEY, '--groups', 'some'],
      '--groups must be one of equal, proportional',
    ],
    [
      '--apply-to without --criterion',
      ['priorities', ...SURVEY, '--apply-to', 'examples/priorities/model.json', '--out', 'x.json'],
      '--criterion is required',
    ],
    ['--apply-to without --out', ['priorities', ...SURVEY, ...APPLY], '--out is required'],
    [
      '--criterion without --apply-to',
      ['priorities', ...SURVEY, '--criterion', 'social-value'],
      'go with --apply-to',
    ],
    [
      'a criterion the model lacks',
      [
        'priorities',
        ...SURVEY,
        '--apply-to',
        'examples/priorities/model.json',
        '--criterion',
        'nope',
        '--out',
        '/tmp/never.json',
      ],
      'criterion_not_found',
    ],
    ['a missing survey', ['priorities', '--survey', 'nope.csv'], 'no such file'],
    [
      '--items and --framework together',
      ['priorities', ...SURVEY, '--items', 'climate', '--framework', 'examples/valuation/measures.csv'],
      'give --items or --framework',
    ],
    [
      'an item listed twice',
      ['priorities', ...SURVEY, '--items', 'climate,climate'],
      'priority_items_invalid',
    ],
    [
      'a framework that is not .json or .csv',
      ['priorities', ...SURVEY, '--framework', 'f.txt'],
      'f.txt: expected a .json or .csv file',
    ],
  ];
  for (const [name, argv, message] of refused) {
    it(`exits 2 for ${name}`, async () => {
      const r = await runCli(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stdout).toBe('');
    });
  }

  it('exits 2 for a survey with both points and ranks, and 1 for bad rows', async () => {
    const d = tmp({
      'both.csv': 'respondent,group,item,points,rank\nR1,residents,jobs,10,1\n',
      'bad.csv':
        'respondent,group,item,points\nR1,residents,jobs,60\nR1,residents,climate,40\nR2,residents,jobs,ten\n',
    });
    const both = await runCli(['priorities', '--survey', 'both.csv'], d);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('survey_method_ambiguous');
    const bad = await runCli(['priorities', '--survey', 'bad.csv', '--format', 'json'], d);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad.csv:4:4 points');
    expect(JSON.parse(bad.stdout).rows).toEqual({ read: 3, accepted: 2, rejected: 1 });
  });

  it("--framework weighs the framework's themes: growth, on no ballot, gets 0 and a warning", async () => {
    const THEMES = ['--survey', 'examples/priorities/themes-survey.csv', '--format', 'json'];
    const r = await runCli(['priorities', ...THEMES, '--framework', 'examples/valuation/measures.csv']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(validateOutput(out), JSON.stringify(validateOutput.errors)).toBe(true);
    expect(out.items).toEqual(['environment', 'growth', 'jobs', 'wellbeing']);
    expect(out.overall.weights).toEqual({ environment: '28.5', growth: '0', jobs: '38.5', wellbeing: '33' });
    expect(r.stderr).toContain(
      'warning: "growth" (from the themes of examples/valuation/measures.csv) was given no weight by any respondent of themes-survey.csv, so its weight is 0 [priority_item_unanswered]',
    );
    const plain = JSON.parse((await runCli(['priorities', ...THEMES])).stdout);
    expect(plain.overall.weights).toEqual({ environment: '28.5', jobs: '38.5', wellbeing: '33' });
    expect(plain.inputs.sha256).not.toBe(out.inputs.sha256);
    // The same list as --items gives the same document.
    const listed = await runCli(['priorities', ...THEMES, '--items', 'jobs,environment,wellbeing,growth']);
    expect(JSON.parse(listed.stdout).overall).toEqual(out.overall);
  });

  it('--items rejects answers naming another item, located (exit 1)', async () => {
    const r = await runCli([
      'priorities',
      '--survey',
      'examples/priorities/themes-survey.csv',
      '--items',
      'jobs,wellbeing',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'examples/priorities/themes-survey.csv:2 item: "environment" is not one of the survey items (jobs, wellbeing): correct it [priority_item_unknown]',
    );
  });

  describe('--valuation: a priority-weighted view of a valuation by theme', () => {
    const THEMES = ['--survey', 'examples/priorities/themes-survey.csv'];
    const valuation = async (): Promise<string> => {
      const d = tmp();
      const file = join(d, 'valuation.json');
      const r = await runCli([
        'value',
        '-f',
        'examples/valuation/measures.csv',
        '-e',
        'examples/valuation/commitments.csv',
        '--price-year',
        '2024',
        '--format',
        'json',
        '--out',
        file,
        '-q',
      ]);
      expect(r.code).toBe(0);
      return file;
    };

    it('weighs the valuation example’s present value by theme (jobs hand-checked)', async () => {
      const file = await valuation();
      const r = await runCli(['priorities', ...THEMES, '--valuation', file, '--format', 'json']);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      const { valuation: view, ...rest } = JSON.parse(r.stdout);
      // the rest is the published priorities-output contract, unchanged
      expect(validateOutput(rest), JSON.stringify(validateOutput.errors)).toBe(true);
      // 10 respondents, each counting equally: jobs (40+50+30+40 + 60+50+55 + 20+20+20) ÷ 10 = 38.5
      expect(rest.overall.weights).toEqual({ environment: '28.5', jobs: '38.5', wellbeing: '33' });
      expect(view.themes.map((t: { theme: string }) => t.theme)).toEqual([
        'environment',
        'jobs',
        'wellbeing',
      ]);
      const jobs = view.themes.find((t: { theme: string }) => t.theme === 'jobs');
      // jobs PV: 12.5 FTE × £21,000 × (1 − 0.25) × (1 − 0.1) = £177,187.50 in 2026 and ÷ 1.035 in
      // 2027 = £348,383.152173913…; weighted × 38.5 ÷ (100 ÷ 3) = × 1.155 = £402,382.540760869…
      expect(jobs.value.startsWith('348383.15217391304347826086956521739130')).toBe(true);
      expect(jobs.weight).toBe('38.5');
      expect(jobs.multiplier).toBe('1.155');
      expect(jobs.weighted.startsWith('402382.54076086956521739130434782608695')).toBe(true);
      expect(view.basis).toBe('presentValue');
      expect(view.currency).toBe('GBP');
      expect(view.note).toContain('not a published method');
      expect(view.file).toBe('valuation.json');
      expect(view.sha256).toBe(sha256Hex(readFileSync(file, 'utf8')));
      expect(view.inputs.sha256).toBe(JSON.parse(readFileSync(file, 'utf8')).inputs.sha256);
      expect(view.trace.inputs.jobs.value).toMatch(/ × 1\.155$/);
      // the view's themes add up to the valuation's total present value
      expect(view.total).toBe(
        JSON.parse(readFileSync(file, 'utf8')).totals.presentValue.slice(0, view.total.length),
      );
      // without --valuation the inputs hash differs (the valuation is an input)
      const plain = JSON.parse((await runCli(['priorities', ...THEMES, '--format', 'json'])).stdout);
      expect(plain.valuation).toBeUndefined();
      expect(plain.inputs.sha256).not.toBe(rest.inputs.sha256);
    });

    it('shows the view in the table and in Markdown, said to be for discussion', async () => {
      const file = await valuation();
      const t = await runCli(['priorities', ...THEMES, '--valuation', file]);
      expect(t.code).toBe(0);
      expect(t.stdout).toContain('Priority-weighted view of the valuation by theme (for discussion)');
      expect(t.stdout).toMatch(/jobs\s+£348,383\.15\s+38\.5\s+1\.155\s+£402,382\.54/);
      expect(t.stdout).toContain('A view for discussion, not a published method');
      const md = await runCli(['priorities', ...THEMES, '--valuation', file, '--format', 'md']);
      expect(md.stdout).toContain('## Priority-weighted view of the valuation by theme');
      expect(md.stdout).toMatch(/\| jobs \|\s*£348,383\.15 \|\s*38\.5 \|\s*1\.155 \|\s*£402,382\.54 \|/);
    });

    it('exits 2 naming unmatched items and themes, listing the valuation’s theme ids', async () => {
      const file = await valuation();
      const d = tmp({
        'mixed.csv':
          'respondent,group,item,points\nR1,residents,jobs,50\nR1,residents,climate,30\nR1,residents,wellbeing,20\n',
      });
      const r = await runCli(['priorities', '--survey', 'mixed.csv', '--valuation', file], d);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('mixed.csv item: survey item "climate" is not a theme of the valuation');
      expect(r.stderr).toContain('(its themes: environment, jobs, wellbeing)');
      expect(r.stderr).toContain('[priority_item_not_theme]');
      expect(r.stderr).toContain('theme "environment" of the valuation has no survey item');
      expect(r.stderr).toContain('totals.byTheme.environment');
      expect(r.stderr).toContain('[theme_unweighted]');
    });

    it('exits 2 for a file that is not a valuation, with issues located by path, line and column', async () => {
      const file = await valuation();
      const json = JSON.parse(readFileSync(file, 'utf8'));
      json.totals.byTheme.jobs.presentValue = 'about £348k';
      const d = tmp({ 'bad.json': JSON.stringify(json, null, 2), 'survey.json': '{}' });
      const r = await runCli(['priorities', '--survey', ROOT_SURVEY, '--valuation', 'bad.json'], d);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('bad.json is not the JSON of `commonweal value --format json`');
      const line = JSON.stringify(json, null, 2)
        .split('\n')
        .findIndex((l) => l.includes('about £348k'));
      expect(r.stderr).toMatch(
        new RegExp(
          `bad\\.json:${line + 1}:\\d+ totals\\.byTheme\\.jobs\\.presentValue: .*\\[schema_invalid_format\\]`,
        ),
      );
      const other = await runCli(['priorities', '--survey', ROOT_SURVEY, '--valuation', 'survey.json'], d);
      expect(other.code).toBe(2);
      expect(other.stderr).toContain(
        'survey.json:1:1 format: Invalid input: expected "commonweal.valuation.v2"',
      );
      const csv = await runCli(['priorities', ...THEMES, '--valuation', 'examples/valuation/measures.csv']);
      expect(csv.code).toBe(2);
      expect(csv.stderr).toContain('expected the JSON of `commonweal value --format json`');
    });
  });

  it('shows help with examples', async () => {
    const r = await runCli(['priorities', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--apply-to');
    expect(r.stdout).toContain('Examples:');
  });
});
