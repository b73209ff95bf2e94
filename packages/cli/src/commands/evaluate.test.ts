import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EvaluationJsonSchema } from '@commonweal/core/procurement';
import { jsonSchema } from '@commonweal/json';
import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../test/harness';
import { summaryFileNames } from './evaluate';

const T = 'examples/tender';
const example = [
  'evaluate',
  '--model',
  `${T}/model.json`,
  '--bids',
  `${T}/bids.csv`,
  '--scores',
  `${T}/scores.csv`,
  '--gates',
  `${T}/gates.csv`,
];
const tmp = () => mkdtempSync(join(tmpdir(), 'cw-evaluate-'));
const abs = (p: string) => join(ROOT, p);

interface Json {
  sha256: string;
  winner: string;
  ranking: { bid: string; rank: number; total: string }[];
  bids: {
    bid: string;
    total: string | null;
    disqualified: boolean;
    reasons: string[];
    flags: { code: string; message: string }[];
    criteria: { id: string; raw: string | null; weighted: string | null }[];
  }[];
  sensitivity: { criterion: string; weight: string; flipsAt: string | null; newWinner: string | null }[];
  issues: { code: string; file?: string; line?: number; severity?: string }[];
}

describe('commonweal evaluate on the example tender', () => {
  it('runs with exit 0 and writes one assessment summary per bid, named by bid id', async () => {
    const dir = tmp();
    const out = await runCli(
      [
        'evaluate',
        '--model',
        abs(`${T}/model.json`),
        '--bids',
        abs(`${T}/bids.csv`),
        '--scores',
        abs(`${T}/scores.csv`),
        '--gates',
        abs(`${T}/gates.csv`),
        '--summaries',
        'summaries',
        '--quiet',
      ],
      dir,
    );
    expect(out.code).toBe(0);
    expect(out.stderr).toBe('');
    const files = readdirSync(join(dir, 'summaries')).sort();
    expect(files).toEqual(['B1.md', 'B2.md', 'B3.md', 'B4.md', 'B5.md']);
    const b1 = readFileSync(join(dir, 'summaries', 'B1.md'), 'utf8');
    expect(b1).toContain('**Result:** successful: ranked 1 of 4.');
    expect(b1).toContain('identifier GB-MPR-RS007845');
    const b4 = readFileSync(join(dir, 'summaries', 'B4.md'), 'utf8');
    expect(b4).toContain('**Result:** disqualified.');
    expect(b4).toContain('Not registered for personal care');
  });

  it('prints the ranking, the breakdown, flags, moderation and sensitivity in words', async () => {
    const r = await runCli(example);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Winner: B1 Northside Care Co-operative Ltd, 79.86 out of 100.');
    expect(r.stdout).toMatch(/1 {2}B1 {3}Northside Care Co-operative Ltd {2}£2,310,000\.00 {2}79\.86/);
    expect(r.stdout).toMatch(/disqualified {2}B4/);
    expect(r.stdout).toContain('Q1 Continuity of care (40%)');
    expect(r.stdout).toContain('18.33 (3.67)');
    expect(r.stdout).toContain(
      'abnormally-low: price £1,640,000.00 is below 85% of the median compliant price (£2,245,000.00)',
    );
    expect(r.stdout).toContain(
      'evaluators E1 4, E2 2, E3 2 → moderated 2: Moderation meeting 12 February 2026',
    );
    expect(r.stdout).toContain(
      'Price weight 40%: the winner changes at 63.61% → bid B5 (QuickCare Staffing Ltd) if it rises above that',
    );
    expect(r.stdout).toContain('examples/tender/scores.csv 61 read, 61 accepted, 0 rejected');
  });

  it('writes JSON that validates against core EvaluationJsonSchema and the registered JSON Schema', async () => {
    const r = await runCli([...example, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(EvaluationJsonSchema.safeParse(json).success).toBe(true);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(jsonSchema('evaluation-output'));
    validate(json);
    expect(validate.errors ?? []).toEqual([]);
    expect(json.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ranks the example as hand-checked', async () => {
    const json: Json = JSON.parse((await runCli([...example, '--format', 'json'])).stdout);
    expect(json.ranking.map((x) => [x.rank, x.bid])).toEqual([
      [1, 'B1'],
      [2, 'B3'],
      [3, 'B2'],
      [4, 'B5'],
    ]);
    // B1 (hand-checked). Compliant prices: B5 1,640,000 (lowest), B2 2,180,000, B1 2,310,000, B3 2,450,000
    // (B4 fails the CQC gate, so it is out of the price set).
    //   price    = 40 × 1,640,000 ÷ 2,310,000                 = 40 × 164/231 = 6560/231   = 28.39827
    //   quality  = 50 × (40 × (11/3)/4 + 35 × (10/3)/4 + 25 × 3/4) ÷ 100
    //            = 50 × (36.6667 + 29.1667 + 18.75) ÷ 100       = 1015/24                  = 42.29167
    //            (Q1 mean of 4, 3, 4 = 11/3; Q2 mean of 3, 3, 4 = 10/3; Q3 mean of 3, 3, 3 = 3)
    //   social value = 10 × (11/3)/4 (mean of 4, 4, 3)          = 55/6                     =  9.16667
    //   total    = 6560/231 + 1015/24 + 55/6 = (52480 + 78155 + 16940)/1848 = 147575/1848 = 79.8566017316…
    expect(json.ranking[0]?.total.startsWith('79.8566017316')).toBe(true);
    // B3: 40 × 164/245 + 50 × (40 × 4/4 + 35 × (10/3)/4 + 25 × (10/3)/4)/100 + 10 × (8/3)/4
    //   = 1312/49 + 45 + 20/3 = 11531/147 = 78.4421768707…
    expect(json.ranking[1]?.total.startsWith('78.4421768707')).toBe(true);
    const b1 = json.bids.find((b) => b.bid === 'B1');
    expect(b1?.criteria.find((c) => c.id === 'price')?.weighted?.startsWith('28.3982683982')).toBe(true);
    const b4 = json.bids.find((b) => b.bid === 'B4');
    expect(b4?.disqualified).toBe(true);
    expect(b4?.total).toBeNull();
    expect(b4?.reasons[0]).toContain('failed "CQC registration"');
    // B5: 1,640,000 < 0.85 × median(1,640,000, 2,180,000, 2,310,000, 2,450,000) = 0.85 × 2,245,000 = 1,908,250
    expect(json.bids.find((b) => b.bid === 'B5')?.flags.map((f) => f.code)).toEqual(['abnormally-low']);
    expect(json.bids.find((b) => b.bid === 'B2')?.flags.map((f) => f.code)).toEqual(['divergent-scores']);
    // Price weight flip to B5, with the other weights rescaled: (100 − w) × 73/144 = 67w/231
    //   → w = 1,686,300 / 26,511 = 63.6075…
    const price = json.sensitivity.find((s) => s.criterion === 'price');
    expect(price?.flipsAt?.startsWith('63.6075')).toBe(true);
    expect(price?.newWinner).toBe('B5');
    expect(json.issues).toEqual([]);
  });

  it('gives the same bytes twice', async () => {
    const a = await runCli([...example, '--format', 'json']);
    const b = await runCli([...example, '--format', 'json']);
    expect(a.stdout).toBe(b.stdout);
  });

  it('gives the same JSON for shuffled input rows (only the inputs hash, of the exact bytes, differs)', async () => {
    const dir = tmp();
    const base = JSON.parse((await runCli([...example, '--format', 'json'])).stdout);
    const files = ['bids.csv', 'scores.csv', 'gates.csv'].map((f) => {
      const [header, ...rows] = readFileSync(abs(`${T}/${f}`), 'utf8')
        .trimEnd()
        .split('\n');
      return { f, header: header as string, rows };
    });
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(
          ...files.map((x) =>
            fc.shuffledSubarray(x.rows, { minLength: x.rows.length, maxLength: x.rows.length }),
          ),
        ),
        async (shuffled) => {
          files.forEach((x, i) => {
            writeFileSync(join(dir, x.f), `${[x.header, ...(shuffled[i] as string[])].join('\n')}\n`);
          });
          const r = await runCli(
            [
              'evaluate',
              '--model',
              abs(`${T}/model.json`),
              '--bids',
              'bids.csv',
              '--scores',
              'scores.csv',
              '--gates',
              'gates.csv',
              '--format',
              'json',
            ],
            dir,
          );
          expect(r.code).toBe(0);
          const json = JSON.parse(r.stdout);
          expect({ ...json, sha256: null }).toEqual({ ...base, sha256: null });
        },
      ),
      { seed: 42, numRuns: 8 },
    );
  });

  it('writes Markdown', async () => {
    const r = await runCli([...example, '--format', 'md']);
    expect(r.stdout).toContain('# Tender evaluation: Home care services, Example Council');
    expect(r.stdout).toContain('| criterion (weight) | B1 | B3 | B2 | B5 | B4 |');
    expect(r.stdout).toContain('## Weight sensitivity');
  });

  it('has help with examples', async () => {
    const r = await runCli(['evaluate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('--summaries DIR');
  });
});

describe('commonweal evaluate: other inputs', () => {
  const quantitative = [
    'evaluate',
    '--model',
    `${T}/model-quantitative.json`,
    '--bids',
    `${T}/bids.csv`,
    '--scores',
    `${T}/scores.csv`,
    '--gates',
    `${T}/gates.csv`,
    '--commitments',
    `${T}/commitments.csv`,
    '--framework',
    'examples/valuation/measures.csv',
  ];
  interface TraceJson {
    formula: string;
    inputs: Record<string, { value: string; trace?: TraceJson }>;
    result: string;
    notes?: string[];
  }
  type CriterionJson = Json['bids'][number]['criteria'][number] & { trace?: TraceJson };
  const svCriterion = (json: Json, bid: string) =>
    json.bids.find((b) => b.bid === bid)?.criteria.find((c) => c.id === 'sv-commitments') as
      | CriterionJson
      | undefined;
  // weighted ← normalised ← raw ← SV_i: the social value with its valuation trace
  const svTrace = (json: Json, bid: string) =>
    svCriterion(json, bid)?.trace?.inputs.normalised?.trace?.inputs.raw?.trace?.inputs.SV_i?.trace;
  const pennies = (v: string | undefined) => Number(v).toFixed(2);
  // The totals before the valuation engine did the rebasing (the CLI rebased each proxy first):
  // the ranking must not move by a digit. The ratio of social values does not depend on the
  // price year (every proxy is rebased by the same deflator ratio), so 2022 prices rank alike.
  // Totals are exact fractions rounded once to 40 digits (B2's and B5's last digits were
  // rounding noise of the step-by-step decimals before).
  const RANKING_BEFORE = [
    ['B1', '80.2732683982683982683982683982683982684'],
    ['B3', '79.22432629027930279792842985569885442885'],
    ['B2', '67.56499024754047183516970321990403154735'],
    ['B5', '60.46685831124480444087422487756247619326'],
  ];

  it('values commitments for the quantitative variant (end to end, exit 0), totals as before', async () => {
    const r = await runCli([...quantitative, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json: Json = JSON.parse(r.stdout);
    expect(EvaluationJsonSchema.safeParse(json).success).toBe(true);
    // B1 commits the most social value, so it gets full marks (highest-ratio: 100 × SV ÷ SV_max)
    expect(svCriterion(json, 'B1')?.raw).toBe('100');
    expect(Number(svCriterion(json, 'B3')?.raw)).toBeLessThan(100);
    expect(json.winner).toBe('B1');
    expect(json.ranking.map((x) => [x.bid, x.total])).toEqual(RANKING_BEFORE);
    // present values in 2024 prices, as before (B1's is the carbon demo's --social-value-pv)
    expect(['B1', 'B2', 'B3', 'B5'].map((b) => pennies(svTrace(json, b)?.result))).toEqual([
      '548302.92',
      '271217.72',
      '451306.24',
      '28350.00',
    ]);
    // B5: 2 FTE × £21,000 (2024 prices, no rebasing) × (1 − 0.25 deadweight) × (1 − 0.1
    // displacement), one year, year 0 undiscounted = £28,350 exactly
    expect(svTrace(json, 'B5')?.result).toBe('28350');
  });

  it('rebasing happens in the valuation engine and is recorded in each commitment’s trace', async () => {
    const json: Json = JSON.parse((await runCli([...quantitative, '--format', 'json'])).stdout);
    const t = svTrace(json, 'B1');
    expect(t?.inputs['price year']?.value).toBe('2024');
    expect(t?.inputs['index series']?.value).toContain('hmt-gdp-deflator-2025-12-qna');
    const wb1 = t?.inputs['commitment B1 WB1 2026']?.trace;
    // WELLBY proxy £13,000 in 2019 prices → 2024: factor 100 ÷ 81.1085 (HMT GDP deflator)
    expect(wb1?.inputs['proxy price year']?.value).toBe('2019');
    expect(wb1?.inputs['rebasing factor']?.value.startsWith('1.23291640210335538198')).toBe(true);
    expect(wb1?.inputs['proxy in 2024 prices']?.value.startsWith('16027.913227343619965')).toBe(true);
    expect(wb1?.notes?.some((n) => n.startsWith('prices: proxy rebased from 2019 to 2024 prices'))).toBe(
      true,
    );
    // EX-JOB is already in 2024 prices: factor 1
    const job = t?.inputs['commitment B1 EX-JOB 2026']?.trace;
    expect(job?.inputs['rebasing factor']?.value).toBe('1');
    // the commitments' present values add up to the bid's social value (to the 40-digit factor)
    const lines = Object.entries(t?.inputs ?? {})
      .filter(([k]) => k.startsWith('commitment '))
      .reduce((acc, [, v]) => acc + Number(v.value), 0);
    expect(lines).toBeCloseTo(Number(t?.result), 6);
  });

  it('--price-year 2022 values every proxy in 2022 prices; the ranking is unchanged', async () => {
    const r = await runCli([...quantitative, '--price-year', '2022', '--format', 'json']);
    expect(r.code).toBe(0);
    const json: Json = JSON.parse(r.stdout);
    expect(json.ranking.map((x) => [x.bid, x.total])).toEqual(RANKING_BEFORE);
    // B5's £28,350 in 2024 prices × 90.5005 ÷ 100 = £25,656.89175 in 2022 prices
    expect(svTrace(json, 'B5')?.result).toBe('25656.89175');
    expect(pennies(svTrace(json, 'B1')?.result)).toBe('496216.88');
    const table = await runCli([...quantitative, '--price-year', '2022']);
    expect(table.stdout).toContain('Commitments valued in 2022 prices');
  });

  it('a price year the deflator does not cover is answered per commitment, located, never fatal', async () => {
    const r = await runCli([...quantitative, '--price-year', '2014', '--format', 'json']);
    expect(r.code).toBe(1);
    const json: Json = JSON.parse(r.stdout);
    const missing = json.issues.filter((i) => i.code === 'index_year_missing');
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((i) => i.file?.endsWith('commitments.csv') && i.line !== undefined)).toBe(true);
    expect(json.winner).toBeNull();
  });

  it('reads moderation and priced lines: a lines total that differs from the price is a located warning and a flag', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'moderation.csv'),
      'bid,criterion,score,reason,moderator,date\nB5,q1-continuity,2,"Agreed at moderation: late-call alerts meet the minimum",Head of Commissioning,12/02/2026\n',
    );
    writeFileSync(
      join(dir, 'lines.csv'),
      // B1: 2 × 52,000 hours × £22.21 = 2,309,840, not the price 2,310,000
      'bid,item,quantity,unit_price\nB1,HOURS,104000,22.21\nB9,HOURS,1,1\n',
    );
    const r = await runCli(
      [
        ...example.map((a) => (a.startsWith(T) ? abs(a) : a)),
        '--moderation',
        'moderation.csv',
        '--lines',
        'lines.csv',
        '--format',
        'json',
      ],
      dir,
    );
    expect(r.code).toBe(1); // the line for an unknown bid is an error
    const json: Json = JSON.parse(r.stdout);
    const at = json.issues.map((i) => [i.code, i.file?.split('/').pop(), i.line, i.severity]);
    expect(at).toContainEqual(['price_lines_mismatch', 'bids.csv', 2, 'warning']);
    expect(at).toContainEqual(['unknown_bid', 'lines.csv', 3, undefined]);
    expect(json.issues.filter((i) => i.code === 'price_lines_mismatch')).toHaveLength(1);
    const b1 = json.bids.find((b) => b.bid === 'B1');
    expect(b1?.flags.map((f) => f.code)).toContain('price-lines-mismatch');
    const q1 = json.bids.find((b) => b.bid === 'B5')?.criteria.find((c) => c.id === 'q1-continuity');
    expect(q1?.raw).toBe('2'); // the moderated 2 replaces the evaluators' mean 5/3
    expect(r.stderr).toMatch(/lines\.csv:3:?\d* bid: price line for bid "B9"/);
  });

  it('reports broken rows with their file and line, leaves them out and exits 1', async () => {
    const dir = tmp();
    const scores = readFileSync(abs(`${T}/scores.csv`), 'utf8').replace(
      'B5,q1-continuity,E2,1,',
      'B5,q1-continuity,E2,7,',
    );
    writeFileSync(join(dir, 'scores.csv'), `${scores}B5,q1-continuity,E4,three,a word\n`);
    const r = await runCli(
      [
        'evaluate',
        '--model',
        abs(`${T}/model.json`),
        '--bids',
        abs(`${T}/bids.csv`),
        '--scores',
        'scores.csv',
        '--gates',
        abs(`${T}/gates.csv`),
      ],
      dir,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/scores\.csv:63:4 score: "three" is not a number/);
    expect(r.stderr).toMatch(
      /scores\.csv:52:4 score: evaluator "E2" gave bid "B5" 7 on "q1-continuity", which is not on its scale/,
    );
    // B5 cannot be scored on Q1, so it is not ranked (never scored 0)
    expect(r.stdout).toMatch(/not ranked {2}B5/);
    expect(r.stdout).toContain('scores.csv 62 read, 61 accepted, 1 rejected');
  });

  it('usage errors exit 2', async () => {
    const missing = await runCli(['evaluate', '--bids', 'b.csv', '--scores', 's.csv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--model is required');
    expect((await runCli([...example, '--format', 'csv'])).code).toBe(2);
    expect((await runCli([...example, '--frobnicate'])).code).toBe(2);
    const noFramework = await runCli([...example, '--commitments', `${T}/commitments.csv`]);
    expect(noFramework.code).toBe(2);
    expect(noFramework.stderr).toContain('--commitments needs --framework');
    expect((await runCli([...example.slice(0, 2), 'nope.json', ...example.slice(3)])).code).toBe(2);
    expect((await runCli([...example, '--discounting', 'none'])).stderr).toContain(
      '--discounting is used only with --commitments',
    );
    const q = ['--commitments', `${T}/commitments.csv`, '--framework', 'examples/valuation/measures.csv'];
    expect((await runCli([...example, ...q, '--discounting', 'constant:abc'])).code).toBe(2);
  });

  it('an unsound model is fatal (exit 2), its issues located in the model file', async () => {
    const dir = tmp();
    const model = JSON.parse(readFileSync(abs(`${T}/model.json`), 'utf8'));
    model.criteria[2].weight = '45';
    writeFileSync(join(dir, 'model.json'), JSON.stringify(model, null, 2));
    const r = await runCli(
      [
        'evaluate',
        '--model',
        'model.json',
        '--bids',
        abs(`${T}/bids.csv`),
        '--scores',
        abs(`${T}/scores.csv`),
      ],
      dir,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /model\.json:\d+:\d+ criteria: the weights in the top level of "Home care services, Example Council" sum to 105/,
    );
  });
});

describe('summaryFileNames', () => {
  it('makes safe, unique file names from bid ids', () => {
    expect(summaryFileNames(['B1', '../etc/passwd', 'CON', 'a b', 'a/b', '', '.hidden'])).toEqual([
      'B1.md',
      'etc-passwd.md',
      'bid-CON.md',
      'a-b.md',
      'a-b-2.md',
      'bid.md',
      'hidden.md',
    ]);
  });
});

describe('commonweal evaluate --columns', () => {
  it('reads bids and scores whose columns are named differently, each to its own file, with the same result', async () => {
    const d = tmp();
    const bids = readFileSync(abs(`${T}/bids.csv`), 'utf8').replace(
      /^bid,bidder,price/,
      'Tender Ref,Bidder,Tender Price',
    );
    const scores = readFileSync(abs(`${T}/scores.csv`), 'utf8').replace(
      /^bid,criterion,evaluator,score,comment/,
      'Tender Ref,criterion,evaluator,Mark,comment',
    );
    writeFileSync(join(d, 'bids.csv'), bids);
    writeFileSync(join(d, 'scores.csv'), scores);
    const args = [
      'evaluate',
      '--model',
      abs(`${T}/model.json`),
      '--bids',
      'bids.csv',
      '--scores',
      'scores.csv',
      '--gates',
      abs(`${T}/gates.csv`),
      '--format',
      'json',
    ];
    const want = JSON.parse((await runCli([...example, '--format', 'json'])).stdout) as Json;
    const refused = await runCli(args, d);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--columns bid="<header>"');
    const r = await runCli(
      [...args, '--columns', 'bid=Tender Ref,price=Tender Price,scores.bid=Tender Ref,score=Mark'],
      d,
    );
    expect(r.code).toBe(0);
    const got = JSON.parse(r.stdout) as Json;
    expect(got.ranking).toEqual(want.ranking);
    expect(got.winner).toBe(want.winner);
  });
});
