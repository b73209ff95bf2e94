// Test fixtures for the report renderers (not exported from the package). Each is the result of
// a real engine run on a small constructed input. Every value here is illustrative: proxies,
// prices, scores and indicator values are made up for checking arithmetic and layout, and are
// not published figures.
import { analyseSpend, buildSupplierRegister, type SpendAnalysis } from '@commonweal/core/economy';
import { type Framework, FrameworkSchema } from '@commonweal/core/framework';
import {
  assessDoughnut,
  type CarbonValuation,
  type DoughnutPortrait,
  type IndicatorInput,
  raworth2017,
  valueCarbon,
} from '@commonweal/core/limits';
import {
  type EvaluationInputJson,
  evaluate,
  parseEvaluationInput,
  type TenderEvaluation,
} from '@commonweal/core/procurement';
import { DiscountScheduleSchema, type ValuationResult, valueEntries } from '@commonweal/core/valuation';

/** A bidder name built to break markup and Markdown if anything is left unescaped. */
export const HOSTILE_BIDDER = '<script>alert("x")</script> & Sons | *Ltd* `#1`';

/**
 * Tender: price 40 (lowest-ratio), quality group 50 (method 60 % on levels 0–4, staffing 40 % out
 * of 10), qualitative social value 10 (out of 5), an insurance gate and an abnormally-low rule
 * (80 % of the mean compliant price).
 *
 * Hand-checked: compliant prices A 100,000, B 120,000, C 60,000 (D fails the gate) → Pmin 60,000:
 * price points A 24, B 20, C 40. Quality: A 30 + 16 = 46; B 22.5 + 18 = 40.5; C (method moderated
 * to 2 of 4) 15 + 8 = 23. Social value: A 10, B 8, C (1 and 4, mean 2.5 of 5, divergent) 5.
 * Totals: A 80, B 68.5, C 68 → A wins by 11.5 over B. Mean compliant price 93,333.33; 80 % is
 * 74,666.67, so C (60,000) is flagged abnormally low.
 */
export function tenderInput(bidderB = 'Brightside Services Ltd'): EvaluationInputJson {
  const both = (bid: string, criterion: string, e1: number, e2: number, comment?: string) => [
    { bid, criterion, evaluator: 'E1', score: e1, ...(comment ? { comment } : {}) },
    { bid, criterion, evaluator: 'E2', score: e2, ...(comment ? { comment } : {}) },
  ];
  return {
    model: {
      id: 'T-2025-014',
      title: 'Home care, Lot 2',
      description: 'Care at home for adults in the north of the borough, three years from April 2025.',
      currency: 'GBP',
      abnormallyLow: { share: '0.8', basis: 'mean' },
      criteria: [
        { id: 'insurance', title: 'Insurance in place', type: 'pass-fail' },
        { id: 'price', title: 'Price', weight: 40, type: 'price', method: 'lowest-ratio' },
        {
          id: 'quality',
          title: 'Quality',
          weight: 50,
          type: 'group',
          criteria: [
            {
              id: 'method',
              title: 'Method statement',
              weight: 60,
              type: 'quality',
              scale: {
                levels: [
                  { score: 0, label: 'Unacceptable' },
                  { score: 1, label: 'Poor' },
                  { score: 2, label: 'Adequate' },
                  { score: 3, label: 'Good' },
                  { score: 4, label: 'Excellent' },
                ],
              },
            },
            {
              id: 'staffing',
              title: 'Staffing and training',
              weight: 40,
              type: 'quality',
              scale: { max: 10 },
            },
          ],
        },
        {
          id: 'social',
          title: 'Social value',
          weight: 10,
          type: 'social-value',
          mode: 'qualitative',
          scale: { max: 5 },
        },
      ],
    },
    bids: [
      { bid: 'A', bidder: 'Northern Care Co-operative', price: '100000', supplierId: 'GB-COH-IP031234' },
      { bid: 'B', bidder: bidderB, price: '120000' },
      { bid: 'C', bidder: 'Cheapcare Ltd', price: '60000' },
      { bid: 'D', bidder: 'Dale Homecare', price: '90000' },
    ],
    scores: [
      ...both('A', 'method', 4, 4, 'Clear, costed plan'),
      ...both('A', 'staffing', 8, 8),
      ...both('A', 'social', 5, 5, 'Local recruitment with named partners'),
      ...both('B', 'method', 3, 3),
      ...both('B', 'staffing', 9, 9, 'Strong training offer'),
      ...both('B', 'social', 4, 4),
      { bid: 'C', criterion: 'method', evaluator: 'E1', score: 1, comment: 'No cover plan' },
      { bid: 'C', criterion: 'method', evaluator: 'E2', score: 3, comment: 'Plan is workable' },
      ...both('C', 'staffing', 4, 4),
      { bid: 'C', criterion: 'social', evaluator: 'E1', score: 1 },
      { bid: 'C', criterion: 'social', evaluator: 'E2', score: 4 },
      ...both('D', 'method', 2, 2),
      ...both('D', 'staffing', 5, 5),
      ...both('D', 'social', 3, 3),
    ],
    gates: [
      { bid: 'A', criterion: 'insurance', result: 'pass' },
      { bid: 'B', criterion: 'insurance', result: 'pass' },
      { bid: 'C', criterion: 'insurance', result: 'pass' },
      { bid: 'D', criterion: 'insurance', result: 'fail', reason: 'No employer liability cover' },
    ],
    moderation: [
      {
        bid: 'C',
        criterion: 'method',
        score: 2,
        reason: 'Agreed: the plan covers weekdays but not weekend cover',
        moderator: 'M1',
      },
    ],
  };
}

/** Runs the real evaluation engine on {@link tenderInput}. */
export function tenderFixture(bidderB?: string): TenderEvaluation {
  const input = parseEvaluationInput(tenderInput(bidderB));
  if (!input.ok) throw new Error(JSON.stringify(input.issues));
  const r = evaluate(input.value);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

const TEST_SOURCE = {
  title: 'Hand-made test proxy (not a published value)',
  publisher: 'Commonweal tests',
  licence: 'CC0-1.0',
  url: 'https://example.org/test-proxies',
  priceYear: 2024,
};

const proxy = (value: string, basis: string, extra: Record<string, string> = {}) => ({
  value,
  currency: 'GBP',
  priceYear: 2024,
  basis,
  source: TEST_SOURCE,
  ...extra,
});

/** A small framework with hand-made proxies (2024 prices). */
export const testFramework: Framework = FrameworkSchema.parse({
  id: 'test-framework',
  title: 'Test social value framework',
  currency: 'GBP',
  themes: [
    { id: 'jobs', title: 'Jobs and skills' },
    { id: 'environment', title: 'Environment' },
    { id: 'community', title: 'Stronger communities' },
  ],
  outcomes: [{ id: 'local-employment', theme: 'jobs', title: 'More local people in work' }],
  measures: [
    {
      code: 'FTE',
      title: 'Local people employed on the contract',
      theme: 'jobs',
      outcome: 'local-employment',
      unit: 'FTE',
      proxy: proxy('1000', 'per FTE per year'),
    },
    {
      code: 'APP',
      title: 'Apprenticeships started',
      theme: 'jobs',
      unit: 'starts',
      proxy: proxy('5000', 'per start'),
      countingRule: 'firstYearOnly',
    },
    {
      code: 'CO2',
      title: 'Carbon emissions avoided',
      theme: 'environment',
      unit: 'tCO2e',
      proxy: proxy('250', 'per tonne', { low: '200', high: '300' }),
    },
    {
      code: 'VOL',
      title: 'Staff volunteering hours',
      theme: 'community',
      unit: 'hours',
      proxy: proxy('15', 'per hour'),
      defaults: { deadweight: '0.2' },
    },
    {
      code: 'REC',
      title: 'Share of staff living locally (recorded only)',
      theme: 'jobs',
      unit: '%',
      proxy: null,
    },
  ],
});

/** A constant 3.5 % schedule made for the tests (labelled as such, not a loaded reference). */
export const testSchedule = DiscountScheduleSchema.parse({
  id: 'test-constant-3.5',
  name: 'Constant 3.5% (test schedule)',
  bands: [{ fromYear: 1, rate: '0.035' }],
});

/**
 * Valuation: five entries and one with an unknown measure (rejected), discounted at a constant
 * 3.5 % from base year 2025, contract value £500,000, investment £50,000.
 */
export function valuationFixture(): ValuationResult {
  const r = valueEntries(
    testFramework,
    [
      { measure: 'FTE', quantity: '3', year: 2025, duration: 3, dropOff: '0.1', line: 2 },
      { measure: 'APP', quantity: '2', year: 2025, line: 3 },
      { measure: 'CO2', quantity: '10', year: 2026, duration: 2, line: 4 },
      { measure: 'VOL', quantity: '200', year: 2025, attribution: '0.1', line: 5 },
      { measure: 'REC', quantity: '40', year: 2025, line: 6 },
      { measure: 'NOPE', quantity: '1', year: 2025, line: 7 },
    ],
    { discounting: testSchedule, contractValue: '500000', investment: '50000' },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

const indicator = (
  id: string,
  name: string,
  dimension: string,
  kind: 'social' | 'ecological',
  value: string | null,
  target: string,
  unit: string,
  baseline?: string,
): IndicatorInput => ({
  id,
  name,
  dimension,
  kind,
  unit,
  value,
  target,
  ...(baseline === undefined ? {} : { baseline }),
  year: 2024,
  source: 'constructed example (not published data)',
});

/**
 * Doughnut: eight constructed indicators on Raworth's 2017 dimensions; the other dimensions have
 * no data. Hand-checked: food 0.8 of its threshold → shortfall 20 %; housing 95 % of households
 * not overcrowded against a 100 % threshold → shortfall 5 %; education at its threshold →
 * achieved; climate change 2.5 × its boundary → overshoot 150 %; land conversion 0.5 → within.
 */
export function doughnutFixture(): DoughnutPortrait {
  const r = assessDoughnut(
    [
      indicator('food-security', 'Households food secure', 'food', 'social', '0.8', '1', 'index'),
      indicator('not-overcrowded', 'Homes not overcrowded', 'housing', 'social', '95', '100', '% of homes'),
      indicator('level-3', 'Adults qualified to level 3', 'education', 'social', '1', '1', 'index'),
      indicator('gp-access', 'Access to a GP within 2 weeks', 'health', 'social', null, '1', 'index'),
      indicator('co2', 'Territorial CO2 emissions', 'climate-change', 'ecological', '2.5', '1', 'index'),
      indicator(
        'nitrogen',
        'Nitrogen surplus',
        'nitrogen-phosphorus-loading',
        'ecological',
        '1.4',
        '1',
        'index',
      ),
      indicator('built-up', 'Land built up', 'land-conversion', 'ecological', '0.5', '1', 'index'),
      indicator('no2', 'NO2 concentration', 'air-pollution', 'ecological', '1', '1', 'index'),
    ],
    { dimensions: raworth2017 },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

/**
 * Spend: a supplier register and fifteen rows over two financial years, with a credit note,
 * redacted rows, an unclassified supplier and two rejected rows. Hand-checked (the same rows as
 * core's spend tests): in-scope £4,500, local £1,475, leakage £2,360, location unknown £40,
 * redacted £225, unclassified £400; SME £1,400, VCSE £300, co-operative £75.
 */
export function spendFixture(): SpendAnalysis {
  const reg = buildSupplierRegister([
    { supplierId: 'S1', supplierName: 'Exe Bakers Ltd', postcode: 'ex12ab', sme: 'Y' },
    { supplierId: 'S2', supplierName: 'Teign Care CIC', postcode: 'EX10 1AA', vcse: 'Y' },
    { supplierId: 'S3', supplierName: 'Exe Co-operative Ltd', postcode: 'EX2 4QP', cooperative: 'Y' },
    { supplierId: 'S4', supplierName: 'Sector Five Ltd', postcode: 'EX2 5AA' },
    { supplierId: 'S5', supplierName: 'Torbay Traders', postcode: 'TQ1 1AA', sme: 'Y' },
    { supplierId: 'S6', supplierName: 'Big Outsourcing PLC', postcode: 'BS1 4DJ', sme: 'N' },
    { supplierId: 'S7', supplierName: 'Nowhere Ltd', postcode: 'NOT A PC' },
  ]);
  if (!reg.ok) throw new Error(JSON.stringify(reg.issues));
  return analyseSpend(
    [
      { date: '2024-04-01', supplierName: 'Exe Bakers Ltd', supplierId: 'S1', amount: '1000.00', line: 2 },
      { date: '2025-03-31', supplierName: 'EXE BAKERS LIMITED', amount: '500', line: 3 },
      { date: '2025-04-01', supplierName: 'Teign Care CIC', supplierId: 'S2', amount: '300', line: 4 },
      { date: '2024-06-15', supplierName: 'Exe Bakers Ltd', supplierId: 'S1', amount: '-200', line: 5 },
      { date: '2024-07-01', supplierName: 'REDACTED', amount: '150', line: 6 },
      { date: '2024-07-02', supplierName: 'Redacted under DP Act', amount: '50', line: 7 },
      { date: '2024-07-03', supplierName: 'Personal data', amount: '25', line: 8 },
      { date: '2024-08-01', supplierName: 'Unknown Supplier Ltd', amount: '400', line: 9 },
      { date: '2024-09-01', supplierName: 'Big Outsourcing PLC', supplierId: 'S6', amount: '2000', line: 10 },
      { date: '2024-09-02', supplierName: 'Exe Co-operative', amount: '75', line: 11 },
      { date: '2024-10-01', supplierName: 'Torbay Traders', amount: '100', line: 12 },
      { date: '2024-10-02', supplierName: 'Sector Five Ltd', amount: '60', line: 13 },
      { date: '2024-10-03', supplierName: 'Nowhere Ltd', amount: '40', line: 14 },
      { date: '2024-10-04', supplierName: 'Exe Bakers', amount: 'ten', line: 15 },
      { date: '31/12/2024', supplierName: 'Exe Bakers', amount: '5', line: 16 },
    ],
    { local: ['EX1', 'EX2 4', 'TQ'], suppliers: reg.value, vatBasis: 'exclusive' },
  );
}

/**
 * Carbon: 50 t in 2025, 40 t in 2026 and 10 t avoided in 2027, at hand-made central values of
 * £200, £220 and £240 per tCO2e (2024 prices; not DESNZ values), 3.5 % test schedule, base 2025.
 * Hand-checked: 10,000 + 8,800 ÷ 1.035 − 2,400 ÷ 1.035² = 10,000 + 8,502.42 − 2,240.43 = 16,261.99.
 */
export function carbonFixture(): CarbonValuation {
  const r = valueCarbon({
    emissions: [
      { year: 2025, tco2e: '50' },
      { year: 2026, tco2e: '40' },
      { year: 2027, tco2e: '-10' },
    ],
    values: {
      id: 'test-carbon-values',
      name: 'Test carbon values',
      priceYear: 2024,
      unit: '£/tCO2e',
      rows: [
        { year: 2025, low: '100', central: '200', high: '300' },
        { year: 2026, low: '110', central: '220', high: '330' },
        { year: 2027, low: '120', central: '240', high: '360' },
      ],
      source: {
        title: 'Hand-made test carbon values (not published values)',
        licence: 'CC0-1.0',
        priceYear: 2024,
      },
    },
    scenario: 'central',
    baseYear: 2025,
    priceYear: 2024,
    discounting: {
      id: 'test-constant-3.5',
      name: 'Constant 3.5% (test schedule)',
      bands: [{ fromYear: 1, rate: '0.035' }],
    },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}
