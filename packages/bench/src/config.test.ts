import { describe, expect, it } from 'vitest';
import { benchConfig } from './config';

describe('benchConfig', () => {
  it('defaults to a run of a few minutes: 200,000 rows, 3 rounds, a 200 × 60 × 5 tender, wall time', () => {
    expect(benchConfig({})).toEqual({
      rows: 200_000,
      smallRows: 20_000,
      rounds: 3,
      formatRows: 20_000,
      tender: { bids: 200, criteria: 60, evaluators: 5 },
      largeTender: null,
      clock: 'wall',
    });
  });

  it('takes the 1M run, with the flatness check at 100,000', () => {
    const c = benchConfig({
      BENCH_ROWS: '1_000_000',
      BENCH_ROUNDS: '5',
      BENCH_CLOCK: 'cpu',
      BENCH_TENDER: '400x120x10',
    });
    expect(c).toMatchObject({
      rows: 1_000_000,
      smallRows: 100_000,
      formatRows: 100_000,
      rounds: 5,
      clock: 'cpu',
    });
    expect(c.tender).toEqual({ bids: 400, criteria: 120, evaluators: 10 });
    expect(benchConfig({ BENCH_ROWS: '1000000', BENCH_FORMAT_ROWS: '1000000' }).formatRows).toBe(1_000_000);
    expect(benchConfig({ BENCH_TENDER_LARGE: '1' }).largeTender).toEqual({
      bids: 400,
      criteria: 120,
      evaluators: 10,
    });
    expect(benchConfig({ BENCH_TENDER_LARGE: '100x80x3' }).largeTender).toEqual({
      bids: 100,
      criteria: 80,
      evaluators: 3,
    });
  });

  it('refuses a bad value naming the variable and what to write', () => {
    expect(() => benchConfig({ BENCH_ROWS: '1e6x' })).toThrow(
      'BENCH_ROWS must be a positive whole number, got "1e6x"',
    );
    expect(() => benchConfig({ BENCH_ROUNDS: '0' })).toThrow(/BENCH_ROUNDS/);
    expect(() => benchConfig({ BENCH_TENDER: '200x2x5' })).toThrow(/BENCH_TENDER .* at least 3 criteria/);
    expect(() => benchConfig({ BENCH_TENDER: '200*60*5' })).toThrow(/e\.g\. 200x60x5/);
    expect(() => benchConfig({ BENCH_TENDER_LARGE: 'yes' })).toThrow(/^BENCH_TENDER_LARGE must be/);
    expect(() => benchConfig({ BENCH_CLOCK: 'user' })).toThrow('BENCH_CLOCK must be wall or cpu, got "user"');
  });
});
