import { describe, expect, it } from 'vitest';
import { evaluationWinner, rowCounts, spendLocalTotal } from './output';

// lines as `commonweal value`, `spend` and `evaluate` print them
const value = [
  'Base year 2025; 2024 prices; discounting: Green Book standard discount rate (STPR).',
  'Rows: 100000 read, 99620 accepted, 380 rejected. Inputs sha256 f71b898b….',
].join('\n');
const spend = [
  'In-scope spend                                 £5,362,296,457.63  100.0%  99696',
  'Local suppliers                                £1,724,119,646.21   32.2%  32097',
  '- Rows: 100000 read, 99696 accepted, 304 rejected; 978 amounts rounded to pence (float artefacts).',
].join('\n');
const evaluate = [
  'Tender evaluation: Synthetic tender (bench-200x60x5)',
  'Winner: B0082 Bidder 82 Ltd, 88.47 out of 100.',
  'Rows: /tmp/t/bids.csv 200 read, 200 accepted, 0 rejected; /tmp/t/scores.csv 87000 read, 86999 accepted, 1 rejected.',
].join('\n');

describe('rowCounts', () => {
  it('reads the counts of value and spend', () => {
    expect(rowCounts(value)).toEqual({ read: 100000, accepted: 99620, rejected: 380 });
    expect(rowCounts(spend)).toEqual({ read: 100000, accepted: 99696, rejected: 304 });
  });

  it('reads the counts of one named file of evaluate', () => {
    expect(rowCounts(evaluate, '/tmp/t/scores.csv')).toEqual({ read: 87000, accepted: 86999, rejected: 1 });
    expect(rowCounts(evaluate, '/tmp/t/bids.csv')).toEqual({ read: 200, accepted: 200, rejected: 0 });
    expect(rowCounts(evaluate, '/tmp/t/gates.csv')).toBeNull();
  });

  it('is null where there are no counts', () => {
    expect(rowCounts('Social value valuation — lines')).toBeNull();
  });
});

describe('spendLocalTotal and evaluationWinner', () => {
  it('read the local amount and the winner', () => {
    expect(spendLocalTotal(spend)).toBe('1724119646.21');
    expect(evaluationWinner(evaluate)).toBe('B0082');
  });

  it('are null when the output has none', () => {
    expect(spendLocalTotal(value)).toBeNull();
    expect(evaluationWinner(value)).toBeNull();
  });
});
