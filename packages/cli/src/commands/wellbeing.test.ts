import { dec, roundMoney } from '@commonweal/core/money';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test/harness';
import type { WellbeingJson } from './wellbeing';

const BASE = ['wellbeing', '--delta', '0.2', '--people', '30', '--years', '2', '--start-year', '2026'];

/** The CLI in-process, as the other command tests run it. */
async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runCli(argv);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

describe('commonweal wellbeing', () => {
  it('values +0.2 life satisfaction for 30 people over 2 years (HMT WELLBY £10k/£13k/£16k, 2019 prices)', async () => {
    const r = await cli([...BASE, '--format', 'json']);
    expect(r.code).toBe(0);
    const j: WellbeingJson = JSON.parse(r.out);
    // HMT Wellbeing Guidance (2021): 0.2 × £13,000 = £2,600 per person per year
    expect(j.central.perPersonPerYear).toBe('2600');
    expect(j.wellbys).toBe('12'); // 0.2 × 30 × 2
    expect([j.low.undiscounted, j.central.undiscounted, j.high.undiscounted]).toEqual([
      '120000',
      '156000',
      '192000',
    ]);
    // Green Book health schedule, 1.5%: PV = 0.2 × 30 × value × (1 + 1/1.015)
    const pv = (v: string) =>
      roundMoney(
        dec('0.2')
          .times(30)
          .times(v)
          .times(dec(1).plus(dec(1).dividedBy('1.015'))),
      );
    expect(pv('13000')).toBe('154847.29');
    expect(roundMoney(j.low.presentValue)).toBe(pv('10000'));
    expect(roundMoney(j.central.presentValue)).toBe('154847.29');
    expect(roundMoney(j.high.presentValue)).toBe(pv('16000'));
    expect(j.options).toMatchObject({
      baseYear: 2026,
      priceYear: 2019,
      discounting: { id: 'green-book-health' },
    });
    expect(j.years.map((y) => [y.year, y.t])).toEqual([
      [2026, 0],
      [2027, 1],
    ]);
    expect(j.inputs.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rebases the WELLBY value to 2024 prices with the HMT GDP deflator (81.1085 → 100)', async () => {
    const j: WellbeingJson = JSON.parse(
      (await cli([...BASE, '--price-year', '2024', '--format', 'json'])).out,
    );
    const central2024 = dec('13000').times(100).dividedBy('81.1085');
    expect(roundMoney(j.central.wellbyValue)).toBe(roundMoney(central2024)); // £16,027.91
    expect(roundMoney(j.central.wellbyValue)).toBe('16027.91');
    expect(j.options.indexSeries?.id).toBe('hmt-gdp-deflator-2025-12-qna');
  });

  it('values a loss written as --delta=-0.1 as a negative value', async () => {
    const j: WellbeingJson = JSON.parse(
      (
        await cli([
          'wellbeing',
          '--delta=-0.1',
          '--people',
          '10',
          '--years',
          '1',
          '--start-year',
          '2026',
          '--format',
          'json',
        ])
      ).out,
    );
    expect(j.central.presentValue).toBe('-13000'); // −0.1 × 10 × £13,000, year 0 undiscounted
  });

  it('with --discounting none the present value is the undiscounted value', async () => {
    const j: WellbeingJson = JSON.parse(
      (await cli([...BASE, '--discounting', 'none', '--format', 'json'])).out,
    );
    expect(j.central.presentValue).toBe('156000');
    expect(j.options.discounting).toBeNull();
  });

  it('a base year before the start year discounts the first year too', async () => {
    const j: WellbeingJson = JSON.parse(
      (await cli([...BASE, '--base-year', '2025', '--format', 'json'])).out,
    );
    expect(j.years.map((y) => y.t)).toEqual([1, 2]);
    const expected = dec('78000').times(
      dec(1)
        .dividedBy('1.015')
        .plus(dec(1).dividedBy(dec('1.015').pow(2))),
    );
    expect(roundMoney(j.central.presentValue)).toBe(roundMoney(expected));
  });

  it('prints a table with low, central and high, and md; same bytes twice', async () => {
    const t = await cli(BASE);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/Present value\s+£119,113\.30\s+£154,847\.29\s+£190,581\.28/);
    expect(t.out).toContain('Green Book health discount rate');
    const md = await cli([...BASE, '--format', 'md']);
    expect(md.out).toContain('| Present value | £119,113.30 | £154,847.29 | £190,581.28 |');
    for (const f of ['json', 'table', 'md']) {
      expect((await cli([...BASE, '--format', f])).out).toBe((await cli([...BASE, '--format', f])).out);
    }
  });

  it.each([
    [['wellbeing', '--people', '30', '--years', '2', '--start-year', '2026'], '--delta is required'],
    [['wellbeing', '--delta', 'x', '--people', '30', '--years', '2', '--start-year', '2026'], '--delta:'],
    [
      ['wellbeing', '--delta', '11', '--people', '30', '--years', '2', '--start-year', '2026'],
      '--delta: a change in life satisfaction',
    ],
    [
      ['wellbeing', '--delta', '0.2', '--people=-3', '--years', '2', '--start-year', '2026'],
      '--people: people must not be negative',
    ],
    [['wellbeing', '--delta', '0.2', '--people', '30', '--years', '0', '--start-year', '2026'], '--years:'],
    [['wellbeing', '--delta', '0.2', '--people', '30', '--years', '2'], '--start-year is required'],
    [[...BASE, '--base-year', '2027'], 'before the base year'],
    [[...BASE, '--price-year', '2030'], 'has no value for 2030'],
    [[...BASE, '--discounting', 'nope'], 'unknown discounting'],
  ])('usage error %j → exit 2', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.out).toBe('');
  });

  it('--help shows the options and examples, exit 0', async () => {
    const r = await cli(['wellbeing', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('--start-year YEAR');
    expect(r.out).toContain(
      'Examples:\n  commonweal wellbeing --delta 0.2 --people 30 --years 2 --start-year 2026',
    );
  });
});
