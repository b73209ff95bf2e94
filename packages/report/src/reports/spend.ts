import type {
  PeriodGranularity,
  SpendAnalysis,
  SpendPeriod,
  SpendShare,
  SpendSlice,
} from '@commonweal/core/economy';
import { type Decimal, dec } from '@commonweal/core/money';
import { fmtMoney, fmtNumber } from '../format/format';
import { barChart } from '../svg/bar';
import { stackedBarChart } from '../svg/stacked';
import {
  type Block,
  type ReportDocument,
  type Rich,
  renderDocumentHtml,
  renderDocumentMarkdown,
} from './blocks';
import { issuesSection, pctText } from './common';

/**
 * Options of {@link renderSpendHtml} and {@link renderSpendMarkdown}.
 *
 * @example
 * ```ts
 * const o: SpendReportOptions = { title: 'Exampleton Council spend 2024-25', currency: 'GBP' };
 * ```
 */
export interface SpendReportOptions {
  /** Page title. Default `Spend analysis`. */
  title?: string;
  /** Currency of the amounts (spend files do not say). Default `GBP`. */
  currency?: string;
  /** Language tag of the HTML page. Default `en-GB`. */
  lang?: string;
}

const SLICE_NAME: Record<SpendSlice, string> = {
  local: 'Local suppliers',
  leakage: 'Outside the local area (leakage)',
  locationUnknown: 'Location unknown',
  sme: 'Small and medium enterprises (SME)',
  vcse: 'Voluntary, community and social enterprises (VCSE)',
  cooperative: 'Co-operatives and mutuals',
  redacted: 'Redacted beneficiary',
  unclassified: 'Not in the supplier register (unclassified)',
};

const PERIOD_NAME: Record<PeriodGranularity, string> = {
  financialYear: 'financial year',
  financialQuarter: 'financial quarter',
  quarter: 'calendar quarter',
  month: 'month',
};

const PERIOD_ORDER: PeriodGranularity[] = ['financialYear', 'financialQuarter', 'quarter', 'month'];

/** The slices that add up to in-scope spend. */
const PARTS: SpendSlice[] = ['local', 'leakage', 'locationUnknown', 'redacted', 'unclassified'];

function payments(n: number): string {
  return `${n} payment${n === 1 ? '' : 's'}`;
}

function flag(v: boolean | undefined): string {
  return v === undefined ? 'unknown' : v ? 'yes' : 'no';
}

function spendDocument(a: SpendAnalysis, options: SpendReportOptions): ReportDocument {
  const currency = options.currency ?? 'GBP';
  const money = (d: Decimal) => fmtMoney(d, currency);
  const title = options.title ?? 'Spend analysis';
  const pct = (s: SpendShare) => pctText(s.share, 1);
  const shareRow = (slice: SpendSlice): Rich[] => {
    const s = a[slice];
    return [SLICE_NAME[slice], money(s.amount), pct(s), String(s.count)];
  };

  const lead = `${a.rows.accepted} of ${a.rows.read} rows accepted (${a.rows.rejected} rejected). In-scope spend ${money(a.total.amount)} over ${payments(a.total.count)}; ${money(a.excluded.amount)} in ${payments(a.excluded.count)} excluded by declared rules.`;
  const figures = [
    { label: 'In-scope spend', value: money(a.total.amount), note: payments(a.total.count) },
    { label: 'Local share', value: pct(a.local), note: money(a.local.amount) },
    { label: 'SME share', value: pct(a.sme), note: money(a.sme.amount) },
    { label: 'VCSE share', value: pct(a.vcse), note: money(a.vcse.amount) },
    { label: 'Co-operative share', value: pct(a.cooperative), note: money(a.cooperative.amount) },
    { label: 'Leakage', value: pct(a.leakage), note: `${money(a.leakage.amount)} outside the local area` },
  ];

  const mainSlices: SpendSlice[] = ['local', 'sme', 'vcse', 'cooperative'];
  const shareWords = mainSlices
    .map((s) => `${SLICE_NAME[s]} ${pct(a[s])} (${money(a[s].amount)})`)
    .join('; ');
  const sharesBody: Block[] = [
    {
      type: 'figure',
      svg: barChart({
        title: 'Share of in-scope spend',
        description: `Share of in-scope spend of ${money(a.total.amount)} by kind of supplier. ${shareWords}.`,
        bars: mainSlices.map((s) => ({ label: SLICE_NAME[s], value: a[s].share.times(100) })),
        format: (v) => `${fmtNumber(v, 1)}%`,
        width: 800,
      }),
      caption:
        'Share of in-scope spend with local suppliers, SMEs, VCSEs and co-operatives. A supplier can be in several of these groups, so the shares do not add up.',
      description: `${shareWords}.`,
    },
    {
      type: 'table',
      caption: 'Spend by kind of supplier',
      headers: ['Suppliers', 'Amount', 'Share of in-scope spend', 'Payments'],
      rows: mainSlices.map(shareRow),
    },
    {
      type: 'table',
      caption: 'Where in-scope spend went (these add up to the total)',
      headers: ['Suppliers', 'Amount', 'Share of in-scope spend', 'Payments'],
      rows: PARTS.map(shareRow),
      footer: [['In-scope spend', money(a.total.amount), pct(a.total), String(a.total.count)]],
    },
  ];

  // By period: one table per granularity, a stacked chart of the first one with several periods.
  const periodBody: Block[] = [];
  const granularities = PERIOD_ORDER.filter((g) => (a.byPeriod[g]?.length ?? 0) > 0);
  const chartOf = granularities.find((g) => (a.byPeriod[g]?.length ?? 0) > 1) ?? granularities[0];
  if (chartOf) {
    const periods = a.byPeriod[chartOf] as SpendPeriod[];
    const words = periods
      .map((p) => `${p.period}: ${money(p.total.amount)}, local ${pctText(p.local.share, 1)}`)
      .join('; ');
    periodBody.push({
      type: 'figure',
      svg: stackedBarChart({
        title: `In-scope spend by ${PERIOD_NAME[chartOf]}`,
        description: `In-scope spend of each ${PERIOD_NAME[chartOf]}, split by where it went. ${words}.`,
        series: PARTS.map((s) => ({ id: s, label: SLICE_NAME[s] })),
        categories: periods.map((p) => ({
          label: p.period,
          segments: PARTS.map((s) => ({ series: s, value: p[s].amount })),
        })),
        format: (v) => money(v),
        width: 960,
      }),
      caption: `In-scope spend by ${PERIOD_NAME[chartOf]}, split into local, leakage, location unknown, redacted and unclassified.`,
      description: `${words}.`,
    });
  }
  for (const g of granularities) {
    const periods = a.byPeriod[g] as SpendPeriod[];
    periodBody.push({
      type: 'table',
      caption: `Spend by ${PERIOD_NAME[g]} (shares of each period's in-scope spend)`,
      headers: ['Period', 'In-scope spend', 'Payments', 'Local', 'SME', 'VCSE', 'Co-operative', 'Leakage'],
      rows: periods.map((p) => [
        p.period,
        money(p.total.amount),
        String(p.total.count),
        pctText(p.local.share, 1),
        pctText(p.sme.share, 1),
        pctText(p.vcse.share, 1),
        pctText(p.cooperative.share, 1),
        pctText(p.leakage.share, 1),
      ]),
    });
  }
  if (periodBody.length === 0) periodBody.push({ type: 'paragraph', text: 'No period was analysed.' });

  const supplierRows: Rich[][] = a.topSuppliers.map((s) => [
    s.name,
    String(s.rank),
    money(s.amount),
    pctText(s.share, 1),
    String(s.count),
    flag(s.local),
    flag(s.sme),
    flag(s.vcse),
    flag(s.cooperative),
    s.matched ? `yes${s.supplierId ? ` (${s.supplierId})` : ''}` : 'no',
  ]);

  const rules = Object.keys(a.excluded.byRule).sort();
  const leakageBody: Block[] = [
    {
      type: 'definitions',
      items: [
        {
          term: 'Leakage',
          description: `${money(a.leakage.amount)} (${pct(a.leakage)}, ${payments(a.leakage.count)}): spend with suppliers in the register whose postcode is outside the local area`,
        },
        {
          term: 'Location unknown',
          description: `${money(a.locationUnknown.amount)} (${pct(a.locationUnknown)}, ${payments(a.locationUnknown.count)}): suppliers in the register without a usable postcode`,
        },
        {
          term: 'Redacted',
          description: `${money(a.redacted.amount)} (${pct(a.redacted)}, ${payments(a.redacted.count)}): beneficiaries the council redacted; ${a.definition.redacted === 'in-scope' ? 'counted in in-scope spend, never classified as local or SME' : 'excluded from in-scope spend'}`,
        },
        {
          term: 'Unclassified',
          description: `${money(a.unclassified.amount)} (${pct(a.unclassified)}, ${payments(a.unclassified.count)}): suppliers not found in the supplier register`,
        },
        {
          term: 'Suppliers',
          description: `${a.suppliers.count} suppliers: ${a.suppliers.matched} matched in the register, ${a.suppliers.unmatched} not; ${a.suppliers.negative} with net negative spend (credit notes)`,
        },
      ],
    },
  ];
  if (rules.length) {
    leakageBody.push({
      type: 'table',
      caption: 'Spend excluded by declared rules',
      headers: ['Rule', 'Amount', 'Payments'],
      rows: rules.map((r) => {
        const x = a.excluded.byRule[r] ?? { amount: dec(0), count: 0 };
        return [r, money(x.amount), String(x.count)];
      }),
      footer: [['Excluded', money(a.excluded.amount), String(a.excluded.count)]],
    });
  }

  const d = a.definition;
  const blocks: Block[] = [
    { type: 'paragraph', lead: true, text: lead },
    { type: 'section', title: 'Key figures', body: [{ type: 'keyFigures', figures }] },
    { type: 'section', title: 'Local, SME, VCSE and co-operative spend', body: sharesBody },
    { type: 'section', title: 'Spend by period', body: periodBody },
    {
      type: 'section',
      title: 'Top suppliers',
      body: [
        supplierRows.length
          ? {
              type: 'table',
              caption: `Top ${a.topSuppliers.length} suppliers by in-scope spend`,
              headers: [
                'Supplier',
                'Rank',
                'Amount',
                'Share',
                'Payments',
                'Local',
                'SME',
                'VCSE',
                'Co-operative',
                'In register',
              ],
              rows: supplierRows,
              align: [undefined, 'right', 'right', 'right', 'right', 'left', 'left', 'left', 'left', 'left'],
            }
          : { type: 'paragraph', text: 'No supplier to list.' },
      ],
    },
    { type: 'section', title: 'Leakage, redacted and unclassified spend', body: leakageBody },
    {
      type: 'section',
      title: 'Definition of local and of the shares',
      body: [
        {
          type: 'definitions',
          items: [
            {
              term: 'Local area',
              description: d.local.length
                ? `suppliers whose register postcode is in ${d.local.join(', ')} (postcode areas, districts or sectors)`
                : 'no local area was declared, so no spend is local',
            },
            { term: 'Shares', description: d.share },
            {
              term: 'VAT basis',
              description:
                d.vatBasis === 'mixed'
                  ? 'mixed: rows including and excluding VAT were added together'
                  : d.vatBasis === 'unknown'
                    ? 'unknown: the file does not say whether amounts include VAT'
                    : `amounts ${d.vatBasis === 'inclusive' ? 'include' : 'exclude'} VAT`,
            },
            {
              term: 'Redacted beneficiaries',
              description: d.redacted === 'in-scope' ? 'in scope (their own slice)' : 'excluded',
            },
            {
              term: 'Exclusions',
              description: d.exclusions.length ? d.exclusions.join('; ') : 'none declared',
            },
            {
              term: 'Rounding',
              description: `${d.amountsRoundedToPence} amounts had more than 2 decimal places and were rounded to pence; money is shown half-up to pennies`,
            },
            {
              term: 'Rows',
              description: `${a.rows.read} read: ${a.rows.accepted} accepted, ${a.rows.rejected} rejected`,
            },
          ],
        },
      ],
    },
    ...issuesSection(a.issues, 'Rows not accepted and other issues'),
  ];
  return {
    title,
    description: `In-scope spend ${money(a.total.amount)}: local ${pct(a.local)}, SME ${pct(a.sme)}, VCSE ${pct(a.vcse)}, co-operative ${pct(a.cooperative)}.`,
    blocks,
  };
}

/**
 * Renders a spend analysis as one self-contained HTML page: local, SME, VCSE and co-operative
 * shares (chart and table with amounts and payment counts), where in-scope spend went (local,
 * leakage, location unknown, redacted, unclassified), spend by period, the top suppliers, the
 * exclusions and the definition of local used. Pure and deterministic.
 *
 * @example
 * ```ts
 * const analysis = analyseSpend(rows, { local: ['EX1', 'EX2 4'], suppliers: register });
 * writeFileSync('spend.html', renderSpendHtml(analysis, { title: 'Exampleton spend 2024-25' }));
 * ```
 */
export function renderSpendHtml(analysis: SpendAnalysis, options: SpendReportOptions = {}): string {
  return renderDocumentHtml(spendDocument(analysis, options), options.lang);
}

/**
 * Renders a spend analysis as Markdown, with the same sections, tables and words as
 * {@link renderSpendHtml}.
 *
 * @example
 * ```ts
 * console.log(renderSpendMarkdown(analyseSpend(rows, { local: ['EX'] })));
 * ```
 */
export function renderSpendMarkdown(analysis: SpendAnalysis, options: SpendReportOptions = {}): string {
  return renderDocumentMarkdown(spendDocument(analysis, options));
}
