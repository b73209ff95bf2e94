import type { Framework, Measure } from '@commonweal/core/framework';
import { type Decimal, dec } from '@commonweal/core/money';
import type { Provenance } from '@commonweal/core/trace';
import type {
  AppliedAdjustment,
  ValuationFileJson,
  ValuationLine,
  ValuationResult,
} from '@commonweal/core/valuation';
import { fmtMoney, fmtNumber } from '../format/format';
import { barChart } from '../svg/bar';
import { lineChart } from '../svg/line';
import {
  type Block,
  type ReportDocument,
  type Rich,
  renderDocumentHtml,
  renderDocumentMarkdown,
} from './blocks';
import { citeSource, currencySymbol, issuesSection, pctText, total } from './common';

/**
 * Options of {@link renderValuationHtml} and {@link renderValuationMarkdown}. Pass the
 * `framework` the valuation used to show theme and measure titles and each proxy's basis and
 * range; without it the report uses codes and the proxy sources carried in the lines' traces.
 *
 * @example
 * ```ts
 * const o: ValuationReportOptions = { framework, title: 'Social value of the leisure contract', top: 5 };
 * ```
 */
export interface ValuationReportOptions {
  /** The framework the valuation used (titles, proxy basis, low/high and provenance). */
  framework?: Framework;
  /** Page title. Default `Social value: <framework title>` or `Social value valuation`. */
  title?: string;
  /** How many of the largest measures to chart. Default 10. */
  top?: number;
  /** Most valued entries listed in the entries table. Default 200. */
  maxLines?: number;
  /** Language tag of the HTML page. Default `en-GB`. */
  lang?: string;
  /**
   * With several entries files valued as one: each file's figures, in order (the JSON `files` of
   * `commonweal value`), shown as a "By file" section with the total. Ignored for one file.
   */
  files?: readonly ValuationFileJson[] | undefined;
}

interface Ctx {
  r: ValuationResult;
  fw: Framework | undefined;
  money: (d: Decimal) => string;
  theme: (id: string) => string;
  measure: (code: string) => Measure | undefined;
  measureTitle: (code: string) => string;
}

function context(r: ValuationResult, fw: Framework | undefined): Ctx {
  const themes = new Map((fw?.themes ?? []).map((t) => [t.id, t.title]));
  const measures = new Map((fw?.measures ?? []).map((m) => [m.code, m]));
  return {
    r,
    fw,
    money: (d) => fmtMoney(d, r.currency),
    theme: (id) => themes.get(id) ?? id,
    measure: (code) => measures.get(code),
    measureTitle: (code) => {
      const m = measures.get(code);
      return m ? `${code}: ${m.title}` : code;
    },
  };
}

function keyFiguresBlock(c: Ctx): Block[] {
  const { r, money } = c;
  const t = r.totals;
  const prices = r.priceYear === null ? '' : `${r.priceYear} prices, `;
  const figures = [
    {
      label: 'Present value (central)',
      value: money(t.presentValue),
      note: `${prices}discounted to ${r.baseYear}`,
    },
    { label: 'Present value, low', value: money(t.low), note: 'with the low proxies' },
    { label: 'Present value, high', value: money(t.high), note: 'with the high proxies' },
    {
      label: 'Net value (undiscounted)',
      value: money(t.net),
      note: 'after deadweight, displacement, attribution and drop-off',
    },
  ];
  if (r.socialValuePercent !== undefined) {
    figures.push({
      label: 'Social value as % of contract',
      value: `${fmtNumber(r.socialValuePercent, 2)}%`,
      note:
        r.options.contractValue === undefined
          ? 'present value ÷ contract value'
          : `present value ÷ contract value of ${money(r.options.contractValue)}`,
    });
  }
  if (r.sroi) {
    const s = currencySymbol(r.currency);
    const payback =
      r.sroi.paybackMonths === undefined ? '' : `; payback ${fmtNumber(r.sroi.paybackMonths, 1)} months`;
    figures.push({
      label: 'SROI ratio',
      value: `${s}${fmtNumber(r.sroi.ratio, 2)} : ${s}1`,
      note: `on an investment of ${money(r.sroi.investment)}; net ${fmtNumber(r.sroi.netRatio, 2)}${payback}`,
    });
  }
  return [{ type: 'keyFigures', figures }];
}

/** Each file's rows and present value, then all files: the figures of the table's "By file". */
function filesSection(c: Ctx, files: readonly ValuationFileJson[]): Block {
  const { r, money } = c;
  const range = (e: ValuationFileJson['entries']) => (e.end > e.start ? `${e.start + 1}–${e.end}` : 'none');
  const rows = files.map((f) => [
    f.file,
    String(f.counts.read),
    String(f.counts.accepted),
    String(f.counts.rejected),
    range(f.entries),
    money(dec(f.totals.presentValue)),
  ]);
  rows.push([
    'All files',
    String(r.counts.read),
    String(r.counts.accepted),
    String(r.counts.rejected),
    range({ start: 0, end: files.at(-1)?.entries.end ?? 0 }),
    money(r.totals.presentValue),
  ]);
  return {
    type: 'section',
    title: 'By file',
    body: [
      {
        type: 'paragraph',
        text: `${files.length} entries files valued as one, in this order: entries are numbered over all files, and the totals are those of one file holding every row (money rounded for display only; the total is summed at full precision).`,
      },
      {
        type: 'table',
        caption: 'Rows and present value by file',
        headers: ['File', 'Rows read', 'Accepted', 'Rejected', 'Entries', 'Present value'],
        rows,
        align: [undefined, 'right', 'right', 'right', 'right', 'right'],
      },
    ],
  };
}

function themeOrder(c: Ctx): string[] {
  const keys = Object.keys(c.r.totals.byTheme);
  const order = new Map((c.fw?.themes ?? []).map((t, i) => [t.id, i]));
  return [...keys].sort(
    (a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9) || (a < b ? -1 : a > b ? 1 : 0),
  );
}

function shareOf(part: Decimal, whole: Decimal): string {
  return whole.isZero() ? '–' : pctText(part.dividedBy(whole), 1);
}

function themesSection(c: Ctx): Block {
  const { r, money } = c;
  const keys = themeOrder(c);
  const body: Block[] = [];
  if (keys.length === 0) {
    body.push({ type: 'paragraph', text: 'No entry was valued, so there are no totals by theme.' });
    return { type: 'section', title: 'Value by theme', body };
  }
  const bars = keys.map((k) => ({ label: c.theme(k), value: r.totals.byTheme[k]?.presentValue ?? dec(0) }));
  const words = bars.map((b) => `${b.label} ${money(b.value)}`).join('; ');
  body.push({
    type: 'figure',
    svg: barChart({
      title: 'Present value by theme',
      description: `Present value (central) of each theme, ${r.currency}. ${words}.`,
      bars,
      format: (v) => money(v),
      width: 800,
    }),
    caption: `Present value by theme (central, ${r.priceYear ?? 'mixed'} prices, discounted to ${r.baseYear}).`,
    description: `${words}.`,
  });
  body.push({
    type: 'table',
    caption: 'Totals by theme',
    headers: [
      'Theme',
      'Gross (unadjusted)',
      'Net (adjusted, undiscounted)',
      'Present value',
      'Share of present value',
    ],
    rows: keys.map((k) => {
      const s = r.totals.byTheme[k];
      return [
        c.theme(k),
        money(s?.gross ?? dec(0)),
        money(s?.net ?? dec(0)),
        money(s?.presentValue ?? dec(0)),
        shareOf(s?.presentValue ?? dec(0), r.totals.presentValue),
      ];
    }),
    footer: [
      [
        'Total',
        money(r.totals.gross),
        money(r.totals.net),
        money(r.totals.presentValue),
        r.totals.presentValue.isZero() ? '–' : '100.0%',
      ],
    ],
  });
  return { type: 'section', title: 'Value by theme', body };
}

function measuresSection(c: Ctx, top: number): Block {
  const { r, money } = c;
  const all = Object.entries(r.totals.byMeasure).sort(
    ([a, x], [b, y]) => y.presentValue.comparedTo(x.presentValue) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const shown = all.slice(0, top);
  const body: Block[] = [];
  if (shown.length === 0) {
    body.push({ type: 'paragraph', text: 'No measure was valued.' });
    return { type: 'section', title: 'Largest measures', body };
  }
  const bars = shown.map(([code, s]) => ({ label: c.measureTitle(code), value: s.presentValue }));
  const words = bars.map((b) => `${b.label} ${money(b.value)}`).join('; ');
  body.push({
    type: 'figure',
    svg: barChart({
      title: `Largest measures by present value${all.length > shown.length ? ` (top ${shown.length} of ${all.length})` : ''}`,
      description: `Present value (central) of each measure, largest first. ${words}.`,
      bars,
      format: (v) => money(v),
      width: 800,
    }),
    caption: 'Present value of the largest measures (central), largest first.',
    description: `${words}.`,
  });
  body.push({
    type: 'table',
    caption: `Present value by measure${all.length > shown.length ? ` (top ${shown.length} of ${all.length})` : ''}`,
    headers: ['Measure', 'Theme', 'Net (adjusted, undiscounted)', 'Present value', 'Share of present value'],
    rows: shown.map(([code, s]) => [
      c.measureTitle(code),
      c.theme(c.measure(code)?.theme ?? r.lines.find((l) => l.measure === code)?.theme ?? '–'),
      money(s.net),
      money(s.presentValue),
      shareOf(s.presentValue, r.totals.presentValue),
    ]),
  });
  return { type: 'section', title: 'Largest measures', body };
}

function yearsSection(c: Ctx): Block {
  const { r, money } = c;
  const byYear = new Map<number, { value: Decimal; pv: Decimal }>();
  for (const l of r.lines) {
    if (l.recordOnly) continue;
    for (const v of l.values) {
      const cur = byYear.get(v.year) ?? { value: dec(0), pv: dec(0) };
      byYear.set(v.year, { value: cur.value.plus(v.value), pv: cur.pv.plus(v.presentValue) });
    }
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const body: Block[] = [];
  if (years.length === 0) {
    body.push({
      type: 'paragraph',
      text:
        r.lines.length === 0 && r.counts.accepted > 0
          ? 'The valuation kept totals only (no lines), so value by year cannot be shown.'
          : 'No entry was valued, so there is no value by year.',
    });
    return { type: 'section', title: 'Value over the years', body };
  }
  const rows = years.map((y) => ({ y, ...(byYear.get(y) as { value: Decimal; pv: Decimal }) }));
  const words = rows
    .map((x) => `${x.y}: ${money(x.value)} undiscounted, ${money(x.pv)} present value`)
    .join('; ');
  body.push({
    type: 'figure',
    svg: lineChart({
      title: 'Value by year, undiscounted and present value',
      description: `Sum over all valued entries of each year's value after adjustments and drop-off, and of its present value discounted to ${r.baseYear}. ${words}.`,
      xLabel: 'Year',
      yLabel: `Value (${r.currency}${r.priceYear === null ? '' : `, ${r.priceYear} prices`})`,
      series: [
        { label: 'Undiscounted', points: rows.map((x) => ({ x: x.y, y: x.value })) },
        { label: 'Present value', points: rows.map((x) => ({ x: x.y, y: x.pv })) },
      ],
      format: (v) => money(v),
      width: 880,
    }),
    caption: `Value by year summed across entries: undiscounted (after adjustments and drop-off) and present value (discounted to ${r.baseYear}).`,
    description: `${words}.`,
  });
  body.push({
    type: 'table',
    caption: 'Value by year, summed across entries',
    headers: ['Year', 'Value (undiscounted)', 'Present value'],
    rows: rows.map((x) => [String(x.y), money(x.value), money(x.pv)]),
    footer: [['Total', money(total(rows.map((x) => x.value))), money(total(rows.map((x) => x.pv)))]],
  });
  return { type: 'section', title: 'Value over the years', body };
}

function recordedSection(c: Ctx): Block {
  const { r } = c;
  const body: Block[] = [
    {
      type: 'paragraph',
      text: 'Record-only measures have no proxy: they are counted, never valued, and never enter the money totals.',
    },
  ];
  if (r.recorded.length === 0) {
    body.push({ type: 'paragraph', text: 'No record-only measure was reported.' });
  } else {
    body.push({
      type: 'table',
      caption: 'Record-only measures (counted, not valued)',
      headers: ['Measure', 'Theme', 'Unit', 'Entries', 'Quantity', 'Counted units'],
      rows: r.recorded.map((m) => [
        c.measureTitle(m.measure),
        c.theme(m.theme),
        m.unit,
        String(m.entries),
        fmtNumber(m.quantity),
        fmtNumber(m.countedUnits),
      ]),
      align: [undefined, 'left', 'left', 'right', 'right', 'right'],
    });
  }
  return { type: 'section', title: 'Record-only measures', body };
}

function adjustmentText(name: string, a: AppliedAdjustment): string | null {
  if (a.value.isZero()) return null;
  return `${name} ${pctText(a.value, 1)}${a.from === 'measure' ? ' (measure default)' : ''}`;
}

function entriesSection(c: Ctx, maxLines: number): Block {
  const { r, money } = c;
  const valued = r.lines.filter((l) => !l.recordOnly);
  const shown = valued.slice(0, maxLines);
  const years = (l: ValuationLine) => {
    const first = l.values[0]?.year;
    const last = l.values[l.values.length - 1]?.year;
    return first === undefined ? '–' : first === last ? String(first) : `${first}–${last}`;
  };
  const body: Block[] = [];
  if (valued.length === 0) {
    body.push({
      type: 'paragraph',
      text: 'No valued entries are listed (none valued, or totals only were kept).',
    });
    return { type: 'section', title: 'Valued entries', body };
  }
  body.push({
    type: 'table',
    caption: `Valued entries${valued.length > shown.length ? ` (first ${shown.length} of ${valued.length})` : ''}; entry is the line of the input file, or its position`,
    headers: ['Entry', 'Measure', 'Years', 'Quantity', 'Proxy', 'Adjustments', 'Net', 'Present value'],
    rows: shown.map((l) => {
      const a = l.adjustments;
      const adj =
        [
          adjustmentText('deadweight', a.deadweight),
          adjustmentText('displacement', a.displacement),
          adjustmentText('attribution', a.attribution),
          adjustmentText('drop-off', a.dropOff),
        ]
          .filter(Boolean)
          .join('; ') || 'none';
      return [
        String(l.line ?? l.index + 1),
        c.measureTitle(l.measure),
        years(l),
        `${fmtNumber(l.quantity)} ${l.unit}`,
        l.proxy === undefined ? '–' : money(l.proxy),
        adj,
        money(l.net),
        money(l.presentValue),
      ];
    }),
    align: [undefined, 'left', 'left', 'right', 'right', 'left', 'right', 'right'],
  });
  if (valued.length > shown.length) {
    body.push({
      type: 'paragraph',
      text: `${valued.length - shown.length} more valued entries are in the totals but not listed here; every line, with its trace, is in the JSON output.`,
    });
  }
  return { type: 'section', title: 'Valued entries', body };
}

function methodSection(c: Ctx): Block {
  const { r } = c;
  const o = r.options;
  const items: { term: string; description: Rich }[] = [];
  if (c.fw) {
    items.push({
      term: 'Framework',
      description: `${c.fw.title}${c.fw.edition ? ` (${c.fw.edition})` : ''}${c.fw.source ? `; ${citeSource(c.fw.source)}` : ''}`,
    });
  }
  items.push({ term: 'Currency', description: r.currency });
  items.push({
    term: 'Price year',
    description:
      r.priceYear === null
        ? 'none (no measure carries a proxy)'
        : `${r.priceYear}: every amount is in ${r.priceYear} prices${o.indexSeries ? `, rebased with ${o.indexSeries.name} (${citeSource(o.indexSeries.source)})` : ''}`,
  });
  items.push({ term: 'Base year', description: `${r.baseYear}: present values are discounted to this year` });
  if (o.discounting === null) {
    items.push({ term: 'Discounting', description: 'none: present value equals net value' });
  } else {
    const d = o.discounting;
    const bands = d.bands.map((b) => `${fmtNumber(b.rate.times(100))}% from year ${b.fromYear}`).join(', ');
    items.push({
      term: 'Discounting',
      description: `${d.name}: ${bands}, compounded year by year (DF(t) = DF(t−1) ÷ (1 + r_t))${d.source ? `; source ${citeSource(d.source)}` : ''}`,
    });
    items.push({
      term: 'Convention',
      description: o.firstPeriodDiscounted
        ? 'SROI Value Map: the first year is discounted once'
        : `Green Book: the base year ${r.baseYear} is year 0 and undiscounted`,
    });
  }
  items.push({
    term: 'Adjustments',
    description:
      "impact = quantity × proxy × (1 − deadweight) × (1 − displacement) × (1 − attribution); each later year's value falls by the drop-off, (1 − drop-off)^k. An entry's own adjustment replaces the measure's default; with neither, 0.",
  });
  items.push({
    term: 'Low and high',
    description:
      'present value recomputed with each proxy’s low and high value (the central value where a proxy has none)',
  });
  items.push({
    term: 'Rounding',
    description:
      'figures are exact decimals; money is shown half-up to pennies (money-half-up-2dp) only on this page',
  });
  items.push({
    term: 'Entries',
    description: `${r.counts.read} read: ${r.counts.accepted} accepted, ${r.counts.rejected} rejected`,
  });
  return { type: 'section', title: 'Method', body: [{ type: 'definitions', items }] };
}

/** A source without the price year and licence, which have their own columns. */
function sourceText(p: Provenance): string {
  return [
    `${p.publisher ? `${p.publisher}, ` : ''}${p.title}${p.edition ? ` (${p.edition})` : ''}`,
    p.accessed ? `accessed ${p.accessed}` : undefined,
    p.notes,
  ]
    .filter(Boolean)
    .join('; ');
}

function provenanceSection(c: Ctx): Block {
  const { r, money } = c;
  const codes = new Set<string>(Object.keys(r.totals.byMeasure));
  for (const l of r.lines) if (!l.recordOnly) codes.add(l.measure);
  const rows: Rich[][] = [];
  for (const code of [...codes].sort()) {
    const m = c.measure(code);
    const fromTrace = r.lines.find((l) => l.measure === code && !l.recordOnly)?.trace.inputs.proxy?.source;
    const p = m?.proxy ?? null;
    const source: Provenance | undefined = p?.source ?? fromTrace;
    const value = p
      ? `${fmtMoney(p.value, p.currency)} ${p.basis}${p.low || p.high ? ` (low ${p.low ? fmtMoney(p.low, p.currency) : '–'}, high ${p.high ? fmtMoney(p.high, p.currency) : '–'})` : ''}`
      : (() => {
          const l = r.lines.find((x) => x.measure === code && x.proxy !== undefined);
          return l?.proxy === undefined ? '–' : `${money(l.proxy)} per ${l.unit}`;
        })();
    rows.push([
      c.measureTitle(code),
      value,
      p ? String(p.priceYear) : source?.priceYear === undefined ? '–' : String(source.priceYear),
      source ? sourceText(source) : 'not recorded',
      source?.licence ?? '–',
      source?.url ?? '–',
    ]);
  }
  const body: Block[] = [
    {
      type: 'paragraph',
      text: 'Every proxy value with its source, edition, price year and licence, as recorded in the framework.',
    },
  ];
  if (rows.length === 0) body.push({ type: 'paragraph', text: 'No proxy was used.' });
  else
    body.push({
      type: 'table',
      caption: 'Provenance of proxies',
      headers: ['Measure', 'Proxy', 'Price year', 'Source', 'Licence', 'Address'],
      rows,
      align: [undefined, 'left', 'right', 'left', 'left', 'left'],
    });
  return { type: 'section', title: 'Provenance of proxies', body };
}

function valuationDocument(r: ValuationResult, options: ValuationReportOptions): ReportDocument {
  const c = context(r, options.framework);
  const title = options.title ?? (c.fw ? `Social value: ${c.fw.title}` : 'Social value valuation');
  const valued = r.lines.filter((l) => !l.recordOnly).length;
  const recorded = r.lines.filter((l) => l.recordOnly).length;
  const lead = `${r.counts.accepted} of ${r.counts.read} entries accepted (${r.counts.rejected} rejected)${r.lines.length ? `: ${valued} valued, ${recorded} recorded only` : ''}. Money in ${r.currency}${r.priceYear === null ? '' : ` at ${r.priceYear} prices`}; present values discounted to ${r.baseYear}.`;
  const blocks: Block[] = [
    { type: 'paragraph', lead: true, text: lead },
    { type: 'section', title: 'Key figures', body: keyFiguresBlock(c) },
    ...(options.files && options.files.length > 1 ? [filesSection(c, options.files)] : []),
    themesSection(c),
    measuresSection(c, options.top ?? 10),
    yearsSection(c),
    recordedSection(c),
    entriesSection(c, options.maxLines ?? 200),
    methodSection(c),
    provenanceSection(c),
    ...issuesSection(r.issues, 'Issues found in the entries'),
  ];
  return {
    title,
    description: `Present value ${c.money(r.totals.presentValue)} (${c.money(r.totals.low)} to ${c.money(r.totals.high)}), ${r.priceYear ?? ''} prices, discounted to ${r.baseYear}.`,
    blocks,
  };
}

/**
 * Renders a valuation as one self-contained HTML page: key figures (present value, low–high,
 * social value % of contract, SROI), value by theme, the largest measures, value by year
 * (undiscounted and present value), record-only measures, the valued entries, method notes and
 * the provenance of every proxy. Pure and deterministic.
 *
 * @example
 * ```ts
 * const r = valueEntries(framework, entries, { discounting: greenBookStandard, investment: '50000' });
 * if (r.ok) writeFileSync('valuation.html', renderValuationHtml(r.value, { framework }));
 * ```
 */
export function renderValuationHtml(result: ValuationResult, options: ValuationReportOptions = {}): string {
  return renderDocumentHtml(valuationDocument(result, options), options.lang);
}

/**
 * Renders a valuation as Markdown, with the same sections, tables and words as
 * {@link renderValuationHtml}.
 *
 * @example
 * ```ts
 * const r = valueEntries(framework, entries, { discounting: null });
 * if (r.ok) console.log(renderValuationMarkdown(r.value, { framework }));
 * ```
 */
export function renderValuationMarkdown(
  result: ValuationResult,
  options: ValuationReportOptions = {},
): string {
  return renderDocumentMarkdown(valuationDocument(result, options));
}
