import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateModel } from '@commonweal/core/procurement';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../test/harness';

// The FTS 2021 trap (procurement.md §10): weights as text in description, type "cost".
const release = {
  ocid: 'ocds-h6vhtk-02911b',
  parties: [
    { id: 'GB-COH-01234567', name: 'Northside Care Co-operative Ltd', address: { locality: 'Exampletown' } },
  ],
  tender: {
    title: 'Home care services',
    value: { amount: 2400000, currency: 'GBP' },
    lots: [
      {
        id: '1',
        awardCriteria: {
          criteria: [
            { name: 'price', type: 'cost', description: '60' },
            { name: 'quality', type: 'quality', description: '40' },
          ],
        },
      },
    ],
  },
  bids: {
    details: [
      {
        id: 'bid-1',
        status: 'valid',
        tenderers: [{ id: 'GB-COH-01234567' }],
        value: { amount: 180000, currency: 'GBP' },
        relatedLots: ['1'],
      },
      {
        id: 'bid-2',
        status: 'valid',
        tenderers: [{ id: 'GB-COH-7', name: '=Brightway Ltd' }],
        value: { amount: 150000, currency: 'GBP' },
        relatedLots: ['1'],
      },
      {
        id: 'bid-3',
        status: 'withdrawn',
        tenderers: [{ id: 'GB-COH-8', name: 'Gone Ltd' }],
        value: { amount: 1, currency: 'GBP' },
        relatedLots: ['1'],
      },
    ],
  },
};

describe('commonweal ocds', () => {
  it('writes the model skeleton and the bids CSV; evaluate then reads them (end to end)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-ocds-'));
    writeFileSync(join(dir, 'release.json'), JSON.stringify(release, null, 2));
    const r = await runCli(
      ['ocds', '--release', 'release.json', '--out-model', 'model.json', '--out-bids', 'bids.csv'],
      dir,
    );
    expect(r.code).toBe(0); // every issue is a warning
    expect(r.stderr).toMatch(
      /release\.json:\d+:\d+ tender\.lots\.0\.awardCriteria\.criteria\.0\.description: warning: criterion "price": no numbers\[\] weight; the description "60" is read as a weight of 60 %/,
    );
    expect(r.stderr).toContain('left out: bid-3 withdrawn by the bidder');
    const model = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    expect(model.criteria.map((c: { id: string; weight: string }) => [c.id, c.weight])).toEqual([
      ['price', '60'],
      ['quality', '40'],
    ]);
    expect(validateModel(model).ok).toBe(true);
    // formula injection is neutralised by the CSV writer
    expect(readFileSync(join(dir, 'bids.csv'), 'utf8')).toBe(
      'bid,bidder,price,supplier_id,address\nbid-1,Northside Care Co-operative Ltd,180000,GB-COH-01234567,Exampletown\nbid-2,"\'=Brightway Ltd",150000,GB-COH-7,\n',
    );
    writeFileSync(
      join(dir, 'scores.csv'),
      'bid,criterion,evaluator,score,comment\nbid-1,quality,E1,80,Strong\nbid-2,quality,E1,50,Adequate\n',
    );
    const e = await runCli(
      [
        'evaluate',
        '--model',
        'model.json',
        '--bids',
        'bids.csv',
        '--scores',
        'scores.csv',
        '--format',
        'json',
      ],
      dir,
    );
    expect(e.code).toBe(0);
    const json = JSON.parse(e.stdout);
    // bid-1: 60 × 150,000/180,000 + 40 × 80/100 = 50 + 32 = 82; bid-2: 60 + 20 = 80
    expect(json.ranking.map((x: { bid: string; total: string }) => [x.bid, x.total])).toEqual([
      ['bid-1', '82'],
      ['bid-2', '80'],
    ]);
  });

  it('writes one file per lot when the tender has several', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-ocds-'));
    const two = structuredClone(release) as typeof release;
    two.tender.lots.push({
      id: '2',
      awardCriteria: { criteria: [{ name: 'price', type: 'price', description: '100' }] },
    });
    writeFileSync(join(dir, 'release.json'), JSON.stringify(two));
    const r = await runCli(
      ['ocds', '--release', 'release.json', '--out-model', 'model.json', '--out-bids', 'bids.csv', '-q'],
      dir,
    );
    expect(r.code).toBe(0);
    for (const f of ['model.lot-1.json', 'model.lot-2.json', 'bids.lot-1.csv', 'bids.lot-2.csv'])
      expect(existsSync(join(dir, f)), f).toBe(true);
    const one = await runCli(['ocds', '--release', 'release.json', '--lot', '2'], dir);
    expect(JSON.parse(one.stdout).lots.map((l: { lot: string }) => l.lot)).toEqual(['2']);
  });

  it('weights that do not sum to 100 exit 1; not OCDS, an unknown lot or no --release exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-ocds-'));
    const bad = structuredClone(release);
    bad.tender.lots[0]!.awardCriteria.criteria[1]!.description = '30';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    const r = await runCli(['ocds', '--release', 'bad.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the weights sum to 90, not 100');
    writeFileSync(join(dir, 'x.json'), '{"hello": "world"}');
    expect((await runCli(['ocds', '--release', 'x.json'], dir)).code).toBe(2);
    expect((await runCli(['ocds', '--release', 'bad.json', '--lot', '9'], dir)).code).toBe(2);
    expect((await runCli(['ocds'], dir)).code).toBe(2);
  });
});

describe('commonweal ocds on Contracts Finder and Find a Tender shaped releases', () => {
  const CF = join(ROOT, 'examples/ocds/contracts-finder-award.json');
  const FTS = join(ROOT, 'examples/ocds/find-a-tender-award.json');

  it('Contracts Finder: exit 0, a 12-supplier register, the contract value to the penny, and a clear note', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-ocds-'));
    const r = await runCli(['ocds', '--release', CF, '--out-dir', 'out'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'warning: no award criteria: imported 1 award, 12 suppliers, 1 contract (contract value 2437516.38 GBP from contracts; 2025-07-01 to 2028-06-30)',
    );
    expect(r.stdout).toBe(
      `imported from ${CF} (ocds-b5fd17-5e1f0c3a-7b2d-4c9e-9a41-2f6d8e0b7c15): 1 award, 12 suppliers, 1 contract (contract value 2437516.38 GBP from contracts; 2025-07-01 to 2028-06-30)\n`,
    );
    expect(r.stderr).toContain('no model written: no award criteria');
    expect(existsSync(join(dir, 'out/model.json'))).toBe(false);
    expect(existsSync(join(dir, 'out/bids.csv'))).toBe(false); // no header-only bids file
    const register = readFileSync(join(dir, 'out/suppliers.csv'), 'utf8').trimEnd().split('\n');
    expect(register[0]).toBe('supplier_id,supplier_name,postcode,sme,vcse,cooperative');
    expect(register).toHaveLength(13);
    expect(register).toContain('GB-COH-07654321,St Thomas Building Services Ltd,EX2 9RT,yes,no,');
    expect(register).toContain('GB-COH-01234567,National Facilities Group PLC,B1 1AA,no,no,');
    const contract = JSON.parse(readFileSync(join(dir, 'out/contract.json'), 'utf8'));
    expect(contract).toMatchObject({
      value: '2437516.38',
      currency: 'GBP',
      valueFrom: 'contracts',
      start: '2025-07-01',
      end: '2028-06-30',
      awardDates: ['2025-06-02'],
      buyer: 'Exe Vale District Council',
    });
    expect(readFileSync(join(dir, 'out/awards.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(13);
  });

  it('examples/ocds/contracts-finder-out holds exactly what ocds writes (byte for byte)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-ocds-'));
    const r = await runCli([
      'ocds',
      '--release',
      'examples/ocds/contracts-finder-award.json',
      '--out-dir',
      dir,
      '-q',
    ]);
    expect(r.code).toBe(0);
    for (const f of ['suppliers.csv', 'awards.csv', 'contract.json'])
      expect(readFileSync(join(dir, f), 'utf8'), f).toBe(
        readFileSync(join(ROOT, 'examples/ocds/contracts-finder-out', f), 'utf8'),
      );
  });

  it('the register feeds spend, the contract file feeds value (SV %) and monitor (period)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-ocds-'));
    expect((await runCli(['ocds', '--release', CF, '--out-dir', dir, '-q'], ROOT)).code).toBe(0);
    const spend = await runCli([
      'spend',
      '--spend',
      'examples/spend/spend.csv',
      '--suppliers',
      join(dir, 'suppliers.csv'),
      '--local',
      'EX1,EX2,EX4',
      '--vat-basis',
      'exc',
      '--format',
      'json',
    ]);
    expect(spend.code).toBe(0);
    expect(spend.stderr).not.toContain('suppliers.csv'); // the register is read without an issue
    const base = [
      'value',
      '-f',
      'examples/valuation/measures.csv',
      '-e',
      'examples/valuation/commitments.csv',
    ];
    const fromFile = await runCli([...base, '--contract', join(dir, 'contract.json'), '--format', 'json']);
    const given = await runCli([...base, '--contract-value', '2437516.38', '--format', 'json']);
    expect(fromFile.code).toBe(0);
    const pct = (t: string) => JSON.parse(t).socialValuePercent;
    expect(pct(fromFile.stdout)).toBe(pct(given.stdout));
    expect(pct(fromFile.stdout)).toMatch(/^\d+\.\d+$/);
    const monitor = await runCli([
      'monitor',
      '--commitments',
      'examples/tender/commitments.csv',
      '--bid',
      'B1',
      '--outcomes',
      'examples/tender/outcomes.csv',
      '--contract',
      join(dir, 'contract.json'),
      '--as-of',
      '2026-03-31',
      '--format',
      'json',
    ]);
    expect(JSON.parse(monitor.stdout).contract).toEqual({ start: '2025-07-01', end: '2028-06-30' });
    writeFileSync(join(dir, 'bad.json'), '{\n  "value": "abc"\n}\n');
    const bad = await runCli([...base, '--contract', join(dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.json:2:12 value: value "abc" is not a decimal');
  });

  it('Find a Tender: one model per lot with the published criteria; --lot gives that lot’s contract', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-ocds-'));
    const r = await runCli(['ocds', '--release', FTS, '--out-dir', dir], ROOT);
    expect(r.code).toBe(0);
    for (const [lot, ids] of [
      ['1', ['quality-of-service-delivery', 'social-value', 'price']],
      ['2', ['quality-of-service-delivery', 'price']],
    ] as const) {
      const model = JSON.parse(readFileSync(join(dir, `model.lot-${lot}.json`), 'utf8'));
      expect(model.criteria.map((c: { id: string }) => c.id)).toEqual(ids);
      expect(validateModel(model).ok).toBe(true);
    }
    const one = await runCli(
      ['ocds', '--release', FTS, '--lot', '2', '--out-contract', join(dir, 'c2.json')],
      ROOT,
    );
    expect(one.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'c2.json'), 'utf8'))).toMatchObject({
      value: '345678.90',
      start: '2025-10-01',
      end: '2027-09-30',
    });
  });

  it('-r is --report everywhere, so ocds takes no -r (it has no report)', async () => {
    const r = await runCli(['ocds', '-r', CF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '-r'");
  });
});
