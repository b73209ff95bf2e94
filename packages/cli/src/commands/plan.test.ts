import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonSchema } from '@commonweal/json';
import { wellFormedProblems } from '@commonweal/report';
import Ajv2020 from 'ajv/dist/2020';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../test/harness';

let dir = '';
const PLAN = join(ROOT, 'examples/plan/plan.json');
const FROM = ['valuation', 'spend', 'lm3', 'doughnut', 'carbon', 'priorities', 'portfolio'].flatMap((n) => [
  '--from',
  `${n}.json`,
]);
const example = () => ['plan', PLAN, '--as-of', '2027-03-31', ...FROM];

interface Ind {
  id: string;
  status: string;
  latest: string | null;
  expected: string | null;
  targetMet: boolean;
}

beforeAll(async () => {
  // The demo writes every command's JSON result the example plan reads.
  const root = mkdtempSync(join(tmpdir(), 'cw-plan-'));
  const r = await runCli(['demo', '--dir', 'd', '--quiet'], root);
  expect(r.code).toBe(0);
  dir = join(root, 'd');
}, 120_000);

describe('commonweal plan', () => {
  it('gives every indicator of the example plan against its target', async () => {
    const r = await runCli([...example(), '--format', 'json'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('indicator I9: doughnut.json has no figure for it');
    const doc = JSON.parse(r.stdout);
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(
      jsonSchema('plan-output'),
    );
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.counts).toEqual({ 'on-track': 4, 'off-track': 4, 'no-data': 1 });
    const by = Object.fromEntries((doc.indicators as Ind[]).map((i) => [i.id, i]));
    // I1: 0.38 + 0.17 × 1094 ÷ 2190 days; latest local share 197343.36 ÷ 437272.92
    expect(by.I1?.latest).toBe('0.4513047823771021539591338059534992471064');
    expect(by.I1?.expected).toBe('0.4649223744292237442922374429223744292237');
    expect(by.I1?.status).toBe('off-track');
    // I4: £1,100,000 × 364 ÷ 730 days; latest the portfolio's delivered value
    expect(by.I4?.expected?.slice(0, 16)).toBe('548493.150684931');
    expect(by.I4?.status).toBe('on-track');
    expect(by.I5?.targetMet).toBe(true);
    expect(by.I9?.status).toBe('no-data');
    expect(doc.priorities.matched).toBe(true);
    expect(doc.objectives.map((o: { weight: string }) => o.weight)).toEqual([
      '22.5',
      '24.17',
      '18.75',
      '22.64',
      '11.94',
    ]);
    expect(doc.actionCounts).toEqual({ total: 6, done: 1, overdue: 2, communityLed: 5 });
    expect((await runCli([...example(), '--format', 'json'], dir)).stdout).toBe(r.stdout);
  });

  it('writes a committee report (HTML) and Markdown', async () => {
    const r = await runCli([...example(), '--report', 'plan-test.html', '--format', 'md', '--quiet'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '| O1 | Local share of council spend | 38.0% | 45.1% | 46.5% | 55.0% by 2030-03-31 | OFF TRACK |',
    );
    const html = readFileSync(join(dir, 'plan-test.html'), 'utf8');
    expect(wellFormedProblems(html)).toEqual([]);
    expect(html).toContain('Exe Vale Community Economy Forum');
    expect(html).toContain('<svg');
  });

  it('says when the priorities output is not the survey the plan cites', async () => {
    const other = await runCli([
      'priorities',
      '--survey',
      join(ROOT, 'examples/priorities/themes-survey.csv'),
      '--format',
      'json',
      '--out',
      join(dir, 'other-priorities.json'),
      '--quiet',
    ]);
    expect(other.code).toBe(0);
    const r = await runCli(['plan', PLAN, '--as-of', '2027-03-31', '--from', 'other-priorities.json'], dir);
    expect(r.stderr).toContain('[priorities_mismatch]');
    expect(r.stderr).toMatch(/plan\.json:\d+:\d+ priorities\.sha256/);
    expect(r.stderr).toContain('[unknown_priority]');
  });

  it('refuses a bad plan, an unknown result and two results of one kind, located (exit 2)', async () => {
    const bad = join(dir, 'bad-plan.json');
    const plan = JSON.parse(readFileSync(PLAN, 'utf8'));
    plan.objectives[0].indicators[0].baseline.date = '2024-02-30';
    writeFileSync(bad, JSON.stringify(plan, null, 2));
    const r = await runCli(['plan', bad, '--as-of', '2027-03-31'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /bad-plan\.json:\d+:\d+ objectives\.0\.indicators\.0\.baseline\.date.*not a real calendar date/,
    );
    const unknown = await runCli(['plan', PLAN, '--as-of', '2027-03-31', '--from', 'tender.json'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('tender.json is not a result the plan can read');
    writeFileSync(join(dir, 'spend2.json'), readFileSync(join(dir, 'spend.json')));
    const twice = await runCli(
      ['plan', PLAN, '--as-of', '2027-03-31', '--from', 'spend.json', '--from', 'spend2.json'],
      dir,
    );
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('spend.json and spend2.json are both spend results');
    expect((await runCli(['plan', PLAN], dir)).code).toBe(2);
  });
});
