import type { Proxy as FrameworkProxy } from '@commonweal/core/framework';
import { ProxySchema } from '@commonweal/core/framework';
import { DecimalInputSchema } from '@commonweal/core/money';
import { ProvenanceSchema } from '@commonweal/core/trace';
import { z } from 'zod';

/**
 * A monetary value per unit with a low–high range, its price year and provenance (the shape
 * of {@link wellbyValue}).
 *
 * @example
 * ```ts
 * const v = ValueRangeSchema.parse({ unit: 'WELLBY', currency: 'GBP', priceYear: 2019,
 *   central: '13000', low: '10000', high: '16000',
 *   source: { title: 'Wellbeing Guidance for Appraisal', publisher: 'HM Treasury', licence: 'OGL-UK-3.0' } });
 * ```
 */
export const ValueRangeSchema = z
  .object({
    unit: z.string().min(1),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as GBP'),
    priceYear: z.number().int(),
    central: DecimalInputSchema,
    low: DecimalInputSchema,
    high: DecimalInputSchema,
    source: ProvenanceSchema,
  })
  .refine((v) => v.low.lte(v.central) && v.central.lte(v.high), {
    message: 'low must not exceed central, and central must not exceed high',
  });

/**
 * A parsed value with range (decimals).
 *
 * @example
 * ```ts
 * const v: ValueRange = wellbyValue;
 * v.central.toString(); // '13000'
 * ```
 */
export type ValueRange = z.output<typeof ValueRangeSchema>;

/**
 * The value of one WELLBY — a one-point change in life satisfaction (0–10 scale) for one person
 * for one year: £13,000 central, £10,000–£16,000 range, 2019 prices (HM Treasury, Wellbeing
 * Guidance for Appraisal: Supplementary Green Book Guidance, July 2021; OGL v3.0).
 *
 * @example
 * ```ts
 * import { dec } from '@commonweal/core/money';
 * // the guidance's example: +0.2 life satisfaction → £2,600 per person per year
 * dec('0.2').times(wellbyValue.central).toString(); // '2600'
 * ```
 */
export const wellbyValue: ValueRange = ValueRangeSchema.parse({
  unit: 'WELLBY',
  currency: 'GBP',
  priceYear: 2019,
  central: '13000',
  low: '10000',
  high: '16000',
  source: {
    title: 'Wellbeing Guidance for Appraisal: Supplementary Green Book Guidance',
    publisher: 'HM Treasury',
    edition: 'July 2021',
    url: 'https://www.gov.uk/government/publications/green-book-supplementary-guidance-wellbeing',
    licence: 'OGL-UK-3.0',
    priceYear: 2019,
    notes:
      '1 WELLBY = a one-point change in life satisfaction (0–10) for one person for one year. Central £13,000, ' +
      'range £10,000–£16,000, 2019 prices; rebase with the GDP deflator before adding to values of other price ' +
      'years. Cross-checked against wellby.csv of the MIT-licensed greenbook R package.',
  },
});

/**
 * {@link wellbyValue} as a framework proxy (per WELLBY, 2019 prices, with low/high for
 * sensitivity), to put on a measure of your own framework.
 *
 * @example
 * ```ts
 * const measure = { code: 'WB1', title: 'Life satisfaction gained', theme: 'wellbeing',
 *   unit: 'WELLBY', proxy: wellbyProxy };
 * ```
 */
export const wellbyProxy: FrameworkProxy = ProxySchema.parse({
  value: wellbyValue.central.toString(),
  low: wellbyValue.low.toString(),
  high: wellbyValue.high.toString(),
  currency: wellbyValue.currency,
  priceYear: wellbyValue.priceYear,
  basis: 'per WELLBY: one point of life satisfaction (0–10) for one person for one year',
  indexSeries: 'hmt-gdp-deflator-2025-12-qna',
  source: wellbyValue.source,
});
