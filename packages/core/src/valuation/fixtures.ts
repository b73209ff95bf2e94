// Test fixtures (not exported from the package). Proxies here are hand-made round numbers for
// checking arithmetic, not published values.
import { type Framework, type FrameworkInput, FrameworkSchema } from '../framework/schema';
import { type IndexSeries, IndexSeriesSchema } from '../money/index-series';
import { type DiscountSchedule, DiscountScheduleSchema } from './schema';

/** Provenance of the hand-made test proxies. */
export const TEST_SOURCE = { title: 'Hand-made test proxy (not a published value)', licence: 'CC0-1.0' };

const proxy = (value: string, priceYear = 2024, extra: Record<string, string> = {}) => ({
  value,
  currency: 'GBP',
  priceYear,
  basis: 'per unit',
  source: { ...TEST_SOURCE, priceYear },
  ...extra,
});

/** A small framework: themes → outcomes → measures, all proxies in 2024 prices. */
export const testFrameworkInput: FrameworkInput = {
  id: 'test',
  title: 'Test framework',
  currency: 'GBP',
  themes: [
    { id: 'jobs', title: 'Jobs' },
    { id: 'social', title: 'Social' },
    { id: 'environment', title: 'Environment' },
  ],
  outcomes: [
    { id: 'local-employment', theme: 'jobs', title: 'More local people in employment' },
    { id: 'wellbeing', theme: 'social', title: 'Better wellbeing' },
  ],
  measures: [
    {
      code: 'FTE',
      title: 'Local people employed on the contract (FTE)',
      theme: 'jobs',
      outcome: 'local-employment',
      unit: 'FTE',
      proxy: proxy('1'),
      countingRule: 'perYear',
      localOnly: true,
      exclusiveWith: ['HIRE'],
    },
    {
      code: 'HIRE',
      title: 'Disadvantaged people hired (first year only)',
      theme: 'jobs',
      outcome: 'local-employment',
      unit: 'people',
      proxy: proxy('1000'),
      countingRule: 'firstYearOnly',
    },
    {
      code: 'PPL',
      title: 'People supported',
      theme: 'social',
      outcome: 'wellbeing',
      unit: 'people',
      proxy: proxy('1000', 2024, { low: '800', high: '1200' }),
      defaults: { displacement: '0.1', duration: 3 },
    },
    {
      code: 'CO2',
      title: 'Carbon saved',
      theme: 'environment',
      unit: 'tCO2e',
      proxy: proxy('0.1'),
    },
    {
      code: 'GAS',
      title: 'Gas saved',
      theme: 'environment',
      unit: 'kWh',
      proxy: proxy('0.2'),
    },
    {
      code: 'FLOW',
      title: 'Cash flow (cost or benefit)',
      theme: 'social',
      unit: '£',
      proxy: proxy('1'),
      allowNegative: true,
    },
    { code: 'REC', title: 'Share of local staff (record only)', theme: 'jobs', unit: '%', proxy: null },
  ],
};

/** The parsed test framework. */
export const testFramework: Framework = FrameworkSchema.parse(testFrameworkInput);

/** A constant 3.5% schedule built for the tests (the Green Book rate for years 0–30). */
export const constant35: DiscountSchedule = DiscountScheduleSchema.parse({
  id: 'constant-3.5',
  name: '3.5% constant',
  bands: [{ fromYear: 1, rate: '0.035' }],
});

/** GDP deflator excerpt, 2024 = 100 (valuation.md §7: 2022 = 90.5005). */
export const deflator: IndexSeries = IndexSeriesSchema.parse({
  id: 'hmt-gdp-deflator-2025-12',
  name: 'GDP deflator at market prices',
  baseYear: 2024,
  values: { '2022': '90.5005', '2023': '96.2507', '2024': '100' },
  source: { title: 'GDP deflators at market prices', publisher: 'HM Treasury', licence: 'OGL-UK-3.0' },
});

/** A framework whose proxies are in two price years (2022 and 2024). */
export const mixedFramework: Framework = FrameworkSchema.parse({
  id: 'mixed',
  title: 'Mixed price years',
  currency: 'GBP',
  themes: [{ id: 'social', title: 'Social' }],
  measures: [
    {
      code: 'OLD',
      title: 'Valued in 2022 prices',
      theme: 'social',
      unit: 'people',
      proxy: proxy('100', 2022),
    },
    {
      code: 'NEW',
      title: 'Valued in 2024 prices',
      theme: 'social',
      unit: 'people',
      proxy: proxy('100', 2024),
    },
  ],
});
