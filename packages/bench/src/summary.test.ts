import { describe, expect, it } from 'vitest';
import { parseSummaryLine, type Summary, summaryLine } from './summary';

const s: Summary = {
  valuationRatio: 0.8,
  spendRatio: 0.714,
  peakRssMb: 130.4,
  tenderMs: 812.6,
  cliValueRatio: 0.9,
  cliValueRssMb: 121.5,
  cliSpendRatio: 0.75,
  cliEvaluateMs: 2400.2,
};

describe('summaryLine', () => {
  it('keeps the first four fields in their old shape and adds the CLI fields after them', () => {
    expect(summaryLine(s)).toBe(
      'bench: valuation-ratio=0.8 spend-ratio=0.71 peak-rss-mb=130 tender-ms=813 cli-value-ratio=0.9 cli-value-rss-mb=122 cli-spend-ratio=0.75 cli-evaluate-ms=2400',
    );
  });

  it('starts with the shape earlier runs were read by', () => {
    expect(summaryLine(s)).toMatch(
      /^bench: valuation-ratio=\d+(\.\d+)? spend-ratio=\d+(\.\d+)? peak-rss-mb=\d+ tender-ms=\d+ cli-value-ratio=\d+(\.\d+)? cli-value-rss-mb=\d+/,
    );
  });

  it('refuses a figure that is not a number rather than print NaN', () => {
    expect(() => summaryLine({ ...s, cliValueRssMb: Number.NaN })).toThrow(/cli-value-rss-mb/);
  });

  it('reads back what it writes', () => {
    expect(parseSummaryLine(summaryLine(s))).toEqual({
      valuationRatio: 0.8,
      spendRatio: 0.71,
      peakRssMb: 130,
      tenderMs: 813,
      cliValueRatio: 0.9,
      cliValueRssMb: 122,
      cliSpendRatio: 0.75,
      cliEvaluateMs: 2400,
    });
  });

  it('reads an old four-field line, and nothing that is not a summary line', () => {
    expect(
      parseSummaryLine('bench: valuation-ratio=0.64 spend-ratio=0.4 peak-rss-mb=131 tender-ms=700'),
    ).toEqual({
      valuationRatio: 0.64,
      spendRatio: 0.4,
      peakRssMb: 131,
      tenderMs: 700,
    });
    expect(parseSummaryLine('bench: 200000 rows')).toBeNull();
    expect(parseSummaryLine('valuation-ratio=1')).toBeNull();
  });
});
