import { type IndexSeries, IndexSeriesSchema } from '@commonweal/core/money';

/**
 * HM Treasury GDP deflators at market prices, calendar years 2015–2024, 2024 = 100, from the
 * December 2025 Quarterly National Accounts release (OGL v3.0). Use it to rebase values from
 * one price year to another before adding or discounting them.
 *
 * @example
 * ```ts
 * import { rebase, roundMoney } from '@commonweal/core/money';
 * const r = rebase('100', 2022, 2024, hmtGdpDeflator); // £100 in 2022 prices → 2024 prices
 * if (r.ok) roundMoney(r.value); // '110.50'
 * ```
 */
export const hmtGdpDeflator: IndexSeries = IndexSeriesSchema.parse({
  id: 'hmt-gdp-deflator-2025-12-qna',
  name: 'GDP deflator at market prices (HM Treasury, December 2025 QNA, calendar years, 2024 = 100)',
  baseYear: 2024,
  values: {
    '2015': '75.1536',
    '2016': '76.4554',
    '2017': '77.6367',
    '2018': '79.1606',
    '2019': '81.1085',
    '2020': '85.2137',
    '2021': '85.6358',
    '2022': '90.5005',
    '2023': '96.2507',
    '2024': '100',
  },
  source: {
    title: 'GDP deflators at market prices, and money GDP',
    publisher: 'HM Treasury',
    edition: 'December 2025 (Quarterly National Accounts), calendar-year series, 2024 = 100',
    url: 'https://www.gov.uk/government/collections/gdp-deflators-at-market-prices-and-money-gdp',
    licence: 'OGL-UK-3.0',
    notes:
      'Vintage: the December 2025 Quarterly National Accounts release; HM Treasury revises the series after every ' +
      'quarterly release, so pin this vintage (id hmt-gdp-deflator-2025-12-qna) with any result. Values to 4 d.p. ' +
      'as bundled in the MIT-licensed greenbook R package (github.com/charlescoverdale/greenbook), used as the ' +
      'cross-check; re-check against the HM Treasury spreadsheet when updating. 2020 is distorted by COVID-era ' +
      'measurement of output: rebasing from or to 2020 deserves care.',
  },
});
