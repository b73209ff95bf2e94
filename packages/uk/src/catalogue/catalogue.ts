import {
  type Framework,
  type FrameworkInput,
  type Proxy as FrameworkProxy,
  FrameworkSchema,
  type MeasureInput,
} from '@commonweal/core/framework';
import { CommonwealError } from '@commonweal/core/issues';
import { formatMoney } from '@commonweal/core/money';
import { carbonProxyFor } from '../carbon/carbon';
import { wellbyProxy } from '../wellby/wellby';

type ProxyInput = NonNullable<MeasureInput['proxy']>;

// Bundled proxies are already parsed (decimals); the framework is parsed from its JSON form.
function toInput(p: FrameworkProxy): ProxyInput {
  const out: ProxyInput = {
    value: p.value.toString(),
    currency: p.currency,
    priceYear: p.priceYear,
    basis: p.basis,
    source: p.source,
  };
  if (p.low) out.low = p.low.toString();
  if (p.high) out.high = p.high.toString();
  if (p.indexSeries !== undefined) out.indexSeries = p.indexSeries;
  return out;
}

const BRING_YOUR_OWN =
  'Record-only: no proxy value, so never part of £ totals. Users supply proxies from their own licensed ' +
  'framework (for example National TOMs or the HACT UK Social Value Bank, loaded through the framework loaders); ' +
  'Commonweal never bundles those values.';

/** The years for which the catalogue offers a carbon measure (each valued at that year's DESNZ value). */
const CARBON_YEARS = [2024, 2025, 2026, 2027, 2028, 2029, 2030] as const;

function carbonMeasure(year: number): MeasureInput {
  const r = carbonProxyFor(year);
  if (!r.ok)
    throw new CommonwealError('bundled_data', `no bundled carbon value for ${year}: ${r.issues[0]?.message}`);
  const p = r.value;
  const money = (d: FrameworkProxy['value'] | undefined) => (d ? formatMoney(d, p.currency) : 'n/a');
  return {
    code: `OC-GHG-${year}`,
    title: `Net greenhouse gas emissions avoided in ${year}`,
    theme: 'environment',
    outcome: 'lower-emissions',
    unit: 'tCO2e',
    proxy: toInput(p),
    countingRule: 'perYear',
    allowNegative: true,
    description:
      `Tonnes of CO2e avoided in ${year} (a benefit); enter emissions added as a negative quantity (a cost). ` +
      `Valued at the DESNZ central carbon value for ${year}: ${money(p.value)} per tCO2e in ${p.priceYear} prices ` +
      `(low ${money(p.low)}, high ${money(p.high)}; November 2023, Table 3; OGL v3.0). For emissions in another ` +
      'year use that year’s measure, or build a proxy with carbonProxyFor(year) from a full series loaded with loadCarbonValues.',
  };
}

const CATALOGUE: FrameworkInput = {
  id: 'commonweal-open-catalogue',
  title: 'Commonweal open demonstration catalogue',
  edition: '2025 (WELLBY: HM Treasury July 2021; carbon: DESNZ November 2023)',
  currency: 'GBP',
  licence: 'OGL-UK-3.0',
  source: {
    title: 'Commonweal open demonstration catalogue',
    publisher: 'Commonweal',
    licence: 'OGL-UK-3.0',
    notes:
      'Built only from open-licence (OGL v3.0) values: the HM Treasury WELLBY value and DESNZ carbon values, each ' +
      'with its own provenance on its proxy. The other measures are record-only. No National TOMs or HACT values ' +
      '(CC BY-NC-ND) are included: load your licensed copy as a framework.',
  },
  themes: [
    { id: 'wellbeing', title: 'Wellbeing' },
    { id: 'environment', title: 'Environment and climate' },
    { id: 'jobs', title: 'Jobs and skills' },
    { id: 'local-economy', title: 'Local economy' },
    { id: 'communities', title: 'Communities' },
  ],
  outcomes: [
    {
      id: 'higher-life-satisfaction',
      theme: 'wellbeing',
      title: 'People are more satisfied with their lives',
    },
    { id: 'lower-emissions', theme: 'environment', title: 'Lower greenhouse gas emissions' },
    { id: 'local-employment', theme: 'jobs', title: 'More local people in good work' },
    { id: 'skills', theme: 'jobs', title: 'More people gain skills through apprenticeships' },
    { id: 'local-spend', theme: 'local-economy', title: 'More contract spend stays in the local economy' },
    { id: 'volunteering', theme: 'communities', title: 'More time given to local communities' },
  ],
  measures: [
    {
      code: 'OC-WELLBY',
      title: 'Life satisfaction gained (WELLBYs)',
      theme: 'wellbeing',
      outcome: 'higher-life-satisfaction',
      unit: 'WELLBY',
      proxy: toInput(wellbyProxy),
      countingRule: 'perYear',
      description:
        'One WELLBY is a one-point change in life satisfaction (0–10) for one person for one year: quantity = ' +
        'people × change in life satisfaction, each year it lasts. Valued at £13,000 per WELLBY in 2019 prices ' +
        '(range £10,000–£16,000; HM Treasury, Wellbeing Guidance for Appraisal, July 2021; OGL v3.0): rebase ' +
        'with the GDP deflator before adding to values of other price years.',
    },
    ...CARBON_YEARS.map(carbonMeasure),
    {
      code: 'OC-LOCAL-FTE',
      title: 'Local people employed on the contract (FTE)',
      theme: 'jobs',
      outcome: 'local-employment',
      unit: 'FTE',
      proxy: null,
      countingRule: 'perYear',
      localOnly: true,
      description:
        'Full-time equivalents living in the buyer’s local area, counted in every year of the contract (10 full-time ' +
        'and 5 part-time at 0.5 FTE on a 2-year contract = 12.5 FTE × 2 = 25). A share of time on the contract ' +
        `counts as that share of an FTE. ${BRING_YOUR_OWN}`,
    },
    {
      code: 'OC-DISADVANTAGED-HIRES',
      title:
        'People facing barriers to work hired (e.g. long-term unemployed, NEET, ex-offenders, disabled people)',
      theme: 'jobs',
      outcome: 'local-employment',
      unit: 'people',
      proxy: null,
      countingRule: 'firstYearOnly',
      description:
        'Counted in the first year only, and only from specific, intentional, evidenced programmes. A person may ' +
        `count here and as local employment, but in one disadvantaged category only. ${BRING_YOUR_OWN}`,
    },
    {
      code: 'OC-APPRENTICESHIP-WEEKS',
      title: 'Weeks of apprenticeship on the contract',
      theme: 'jobs',
      outcome: 'skills',
      unit: 'weeks',
      proxy: null,
      countingRule: 'perYear',
      description: `Weeks of apprenticeship training delivered on the contract (weeks, not people). ${BRING_YOUR_OWN}`,
    },
    {
      code: 'OC-VOLUNTEERING-HOURS',
      title: 'Staff volunteering hours for local communities',
      theme: 'communities',
      outcome: 'volunteering',
      unit: 'hours',
      proxy: null,
      countingRule: 'perYear',
      description:
        'Hours given by staff to local community organisations as part of the contract (not corporate CSR). The value ' +
        `of the hours to the organisation is not the volunteer’s own wellbeing: never count both. ${BRING_YOUR_OWN}`,
    },
    {
      code: 'OC-LOCAL-SPEND',
      title: 'Contract spend with suppliers in the local area',
      theme: 'local-economy',
      outcome: 'local-spend',
      unit: 'GBP',
      proxy: null,
      countingRule: 'perYear',
      localOnly: true,
      description:
        'Pounds spent on the contract with suppliers based in the buyer’s local area. Do not also count the same ' +
        `spend under another spend measure (e.g. local SME spend). ${BRING_YOUR_OWN}`,
    },
  ],
};

/**
 * An open demonstration measure catalogue (a `Framework` in GBP) built only from
 * open-licence figures: WELLBYs valued at the HM Treasury £13,000 (2019 prices, £10,000–£16,000),
 * net greenhouse gas emissions avoided in each year 2024–2030 valued at that year's DESNZ
 * central carbon value (2022 prices, low/high from the same table; negative quantities for
 * emissions added), and record-only measures councils commonly count — local FTE employment
 * (every year), hires of people facing barriers to work (first year only), apprenticeship
 * weeks, volunteering hours and local spend — for which users supply proxies from their own
 * licensed framework. No National TOMs or HACT values are bundled.
 *
 * @example
 * ```ts
 * const wellby = openCatalogue.measures.find((m) => m.code === 'OC-WELLBY');
 * wellby?.proxy?.value.toString(); // '13000'
 * openCatalogue.measures.find((m) => m.code === 'OC-LOCAL-FTE')?.proxy; // null (record-only)
 * ```
 */
export const openCatalogue: Framework = FrameworkSchema.parse(CATALOGUE);
