import { readFileSync } from 'node:fs';
import {
  BidSchema,
  GateSchema,
  ModerationSchema,
  OutcomeRecordSchema,
  ScoreSchema,
} from '@commonweal/core/procurement';
import { EntrySchema } from '@commonweal/core/valuation';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  attachPriceLines,
  readBidsCsv,
  readCommitmentsCsv,
  readGatesCsv,
  readModerationCsv,
  readOutcomesCsv,
  readPriceLinesCsv,
  readScoresCsv,
} from './index';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const located = (issues: { line?: number; field?: string; code: string }[]) =>
  issues.map((i) => [i.line, i.field, i.code]);

describe('readBidsCsv on the broken-rows fixture', () => {
  it('gives one located issue per broken row (worked out by hand from fixtures/broken-bids.csv)', async () => {
    const r = await readBidsCsv(fixture('broken-bids.csv'), { file: 'broken-bids.csv' });
    expect(located(r.issues)).toEqual([
      [3, 'bidder', 'empty_cell'],
      [4, 'price', 'not_a_number'],
      [5, 'price', 'misplaced_thousands_separator'],
      [6, 'bid', 'duplicate_bid'],
      [7, 'bid', 'duplicate_bid'],
      [8, 'bid', 'empty_cell'],
      [9, undefined, 'too_many_fields'],
      [10, undefined, 'too_few_fields'],
    ]);
    for (const i of r.issues) expect(i.file).toBe('broken-bids.csv');
    expect(r.issues.find((i) => i.code === 'duplicate_bid')?.message).toContain('also on line 7');
    expect(r.issues.find((i) => i.line === 4)?.column).toBe(3);
  });

  it('counts rows: read = accepted + rejected (duplicates move to rejected)', async () => {
    const r = await readBidsCsv(fixture('broken-bids.csv'));
    expect(r.counts).toEqual({ read: 11, accepted: 3, rejected: 8, blank: 0 });
    expect(r.ok).toBe(false);
  });

  it('reads the good rows as core bids, with money read exactly (no floats)', async () => {
    const r = await readBidsCsv(fixture('broken-bids.csv'));
    expect(r.rows.map((b) => [b.bid, b.bidder, b.price.toFixed(), b.supplierId, b.address, b.line])).toEqual([
      ['B1', 'Northside Care Co-operative', '2310000', 'GB-COH-01234567', '1 Mill Lane, Exampletown', 2],
      ['B8', 'Harbour Care Ltd', '-100', undefined, undefined, 11],
      ['B9', 'Quoted "Care" Ltd', '2600000.5', 'GB-PPON-XYZ', undefined, 12],
    ]);
    for (const b of r.rows)
      expect(BidSchema.safeParse({ ...b, price: b.price.toFixed() }).success).toBe(true);
  });

  it('a missing required column stops the read with a file-level issue', async () => {
    const r = await readBidsCsv('bid,bidder\nB1,Acme\n', { file: 'b.csv' });
    expect(located(r.issues)).toEqual([[1, 'price', 'missing_column']]);
    expect(r.counts.read).toBe(0);
  });

  it('never depends on row order (property: shuffled rows give the same bids and issues)', async () => {
    const lines = fixture('broken-bids.csv').trimEnd().split('\n');
    const [header, ...body] = lines as [string, ...string[]];
    const base = await readBidsCsv(lines.join('\n'));
    const key = (r: Awaited<ReturnType<typeof readBidsCsv>>) => ({
      bids: r.rows.map((b) => `${b.bid}|${b.price.toFixed()}`).sort(),
      codes: r.issues.map((i) => i.code).sort(),
      counts: r.counts,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(body, { minLength: body.length, maxLength: body.length }),
        async (rows) => {
          expect(key(await readBidsCsv([header, ...rows].join('\n')))).toEqual(key(base));
        },
      ),
      { seed: 42, numRuns: 50 },
    );
  });
});

describe('readPriceLinesCsv and attachPriceLines', () => {
  const lines = [
    'bid,item,quantity,unit_price,description',
    'B1,HOURS,52000,18.40,Home care hours a year', // 956,800
    'B1,NIGHTS,1000,95,Night sits', // 95,000
    'B2,HOURS,52000,19.00,', // 988,000
    'B2,HOURS,100,19.00,again',
    'B3,HOURS,-5,19,negative quantity',
    'B9,HOURS,1,1,unknown bid',
    'B3,HOURS,10,,empty unit price',
  ].join('\n');

  it('locates broken lines and rejects repeated items for a bid', async () => {
    const r = await readPriceLinesCsv(lines, { file: 'lines.csv' });
    expect(located(r.issues)).toEqual([
      [4, 'item', 'duplicate_item'],
      [5, 'item', 'duplicate_item'],
      [6, 'quantity', 'below_minimum'],
      [8, 'unit_price', 'empty_cell'],
    ]);
    expect(r.counts).toEqual({ read: 7, accepted: 3, rejected: 4, blank: 0 });
    // 52,000 × 18.40 = 956,800 exactly
    expect(r.rows[0]?.amount.toFixed()).toBe('956800');
  });

  it('joins lines to bids; a sum that differs from the price is a warning, never a silent fix', async () => {
    const bids = await readBidsCsv(
      'bid,bidder,price\nB1,Northside,1051800\nB2,Brightway,990000\nB3,Evergreen,5\n',
      {
        file: 'bids.csv',
      },
    );
    const read = await readPriceLinesCsv(lines, { file: 'lines.csv' });
    const r = attachPriceLines(bids.rows, read.rows, { bidsFile: 'bids.csv', linesFile: 'lines.csv' });
    // B1: 956,800 + 95,000 = 1,051,800 = its price → no issue. B9 is not a bid → rejected.
    expect(r.bids[0]?.lines?.map((l) => [l.id, l.amount.toFixed()])).toEqual([
      ['HOURS', '956800'],
      ['NIGHTS', '95000'],
    ]);
    expect(r.bids[0]?.price.toFixed()).toBe('1051800');
    expect(r.bids[1]?.lines).toBeUndefined(); // both B2 rows were rejected as duplicates
    expect(r.rejected).toBe(1);
    expect(r.issues.map((i) => [i.file, i.line, i.code])).toEqual([['lines.csv', 7, 'unknown_bid']]);
    const mismatch = attachPriceLines(
      [{ bid: 'B1', bidder: 'Northside', price: bids.rows[0]!.price.plus(1), line: 2 }],
      read.rows.filter((l) => l.bid === 'B1'),
      { bidsFile: 'bids.csv' },
    );
    expect(mismatch.issues.map((i) => [i.file, i.line, i.code, i.severity])).toEqual([
      ['bids.csv', 2, 'price_lines_mismatch', 'warning'],
    ]);
    expect(mismatch.bids[0]?.price.toFixed()).toBe('1051801');
    expect(mismatch.issues[0]?.message).toContain('add up to 1051800');
  });
});

describe('readScoresCsv on the broken-rows fixture', () => {
  it('locates every broken row and keeps the good ones with their comments', async () => {
    const r = await readScoresCsv(fixture('broken-scores.csv'), { file: 'scores.csv' });
    expect(located(r.issues)).toEqual([
      [3, 'score', 'empty_cell'],
      [4, 'bid', 'empty_cell'],
      [5, 'criterion', 'empty_cell'],
      [6, 'evaluator', 'empty_cell'],
      [7, 'score', 'not_a_number'],
      [8, 'score', 'percent_not_allowed'],
      [10, undefined, 'too_many_fields'],
    ]);
    expect(r.counts).toEqual({ read: 9, accepted: 2, rejected: 7, blank: 0 });
    expect(
      r.rows.map((s) => [s.line, s.bid, s.criterion, s.evaluator, s.score.toFixed(), s.comment]),
    ).toEqual([
      [2, 'B1', 'q1', 'E1', '3', 'Named carers per round'],
      [9, 'B1', 'q2', 'E1', '4', undefined],
    ]);
    for (const s of r.rows)
      expect(ScoreSchema.safeParse({ ...s, score: s.score.toFixed() }).success).toBe(true);
  });

  it('needs the comment column (reasons for scores are kept), even if a cell is empty', async () => {
    const r = await readScoresCsv('bid,criterion,evaluator,score\nB1,q1,E1,3\n');
    expect(located(r.issues)).toEqual([[1, 'comment', 'missing_column']]);
  });
});

describe('readGatesCsv', () => {
  it('reads pass/fail/yes/no and locates the rest', async () => {
    const r = await readGatesCsv(
      'bid,criterion,result,reason\nB1,cqc,yes,\nB2,cqc,No,Not registered\nB3,cqc,maybe,\nB4,,pass,\nB5,cqc,FAILED,Lapsed\n',
      { file: 'gates.csv' },
    );
    expect(located(r.issues)).toEqual([
      [4, 'result', 'invalid_choice'],
      [5, 'criterion', 'empty_cell'],
    ]);
    expect(r.rows.map((g) => [g.bid, g.result, g.reason])).toEqual([
      ['B1', 'pass', undefined],
      ['B2', 'fail', 'Not registered'],
      ['B5', 'fail', 'Lapsed'],
    ]);
    expect(r.counts).toEqual({ read: 5, accepted: 3, rejected: 2, blank: 0 });
    for (const g of r.rows) expect(GateSchema.safeParse(g).success).toBe(true);
  });
});

describe('readModerationCsv', () => {
  it('needs a reason for every moderated score; dates become ISO', async () => {
    const r = await readModerationCsv(
      'bid,criterion,score,reason,moderator,date\nB1,q1,3,Agreed after discussion,Head of Commissioning,12/02/2026\nB2,q1,2,,Head,2026-02-12\nB3,q1,2,Agreed,,31/02/2026\nB4,q1,x,Agreed,,\n',
      { file: 'moderation.csv' },
    );
    expect(located(r.issues)).toEqual([
      [3, 'reason', 'empty_cell'],
      [4, 'date', 'impossible_date'],
      [5, 'score', 'not_a_number'],
    ]);
    expect(r.rows).toHaveLength(1);
    const m = r.rows[0]!;
    expect([m.bid, m.score.toFixed(), m.reason, m.moderator, m.at, m.line]).toEqual([
      'B1',
      '3',
      'Agreed after discussion',
      'Head of Commissioning',
      '2026-02-12',
      2,
    ]);
    expect(ModerationSchema.safeParse({ ...m, score: '3' }).success).toBe(true);
    expect(r.counts).toEqual({ read: 4, accepted: 1, rejected: 3, blank: 0 });
  });
});

describe('readCommitmentsCsv', () => {
  it('is the entries format with bid required, checked against the framework codes', async () => {
    const r = await readCommitmentsCsv(
      'bid,measure,quantity,year,duration,deadweight\nB1,EX-JOB,12.5,2026,2,25%\n,EX-JOB,1,2026,,\nB2,ex-job,1,2026,,\nB2,WB1,six,2026,,\n',
      { file: 'commitments.csv', framework: ['EX-JOB', 'WB1'] },
    );
    expect(located(r.issues)).toEqual([
      [3, 'bid', 'empty_cell'],
      [4, 'measure', 'unknown_measure'],
      [5, 'quantity', 'not_a_number'],
    ]);
    expect(r.issues[1]?.message).toContain('did you mean "EX-JOB"?');
    const e = r.rows[0]!;
    expect([
      e.bid,
      e.measure,
      e.quantity.toFixed(),
      e.year,
      e.duration,
      e.deadweight?.toFixed(),
      e.line,
    ]).toEqual(['B1', 'EX-JOB', '12.5', 2026, 2, '0.25', 2]);
    expect(EntrySchema.safeParse({ ...e, quantity: '12.5', deadweight: '0.25' }).success).toBe(true);
    expect(r.counts).toEqual({ read: 4, accepted: 1, rejected: 3, blank: 0 });
  });
});

describe('readOutcomesCsv', () => {
  it('needs a date or a period, and a date inside its period', async () => {
    const r = await readOutcomesCsv(
      [
        'measure,quantity,date,period,evidence',
        'EX-JOB,11,,2026-Q2,payroll extract',
        'WB1,3,15/05/2026,2026 q2,survey',
        'WB1,3,,,no date',
        'WB1,3,2026-08-01,2026-Q2,date outside the quarter',
        'WB1,3,,Q2,bad period',
        'CO2,4.5,,2026-07,fleet records',
      ].join('\n'),
      { file: 'outcomes.csv' },
    );
    expect(located(r.issues)).toEqual([
      [4, 'date', 'date_or_period_missing'],
      [5, 'date', 'date_outside_period'],
      [6, 'period', 'invalid_period'],
    ]);
    expect(r.rows.map((o) => [o.measure, o.quantity.toFixed(), o.date, o.period, o.evidence])).toEqual([
      ['EX-JOB', '11', undefined, '2026-Q2', 'payroll extract'],
      ['WB1', '3', '2026-05-15', '2026-Q2', 'survey'],
      ['CO2', '4.5', undefined, '2026-07', 'fleet records'],
    ]);
    for (const o of r.rows)
      expect(OutcomeRecordSchema.safeParse({ ...o, quantity: o.quantity.toFixed() }).success).toBe(true);
    expect(r.counts).toEqual({ read: 6, accepted: 3, rejected: 3, blank: 0 });
  });
});
