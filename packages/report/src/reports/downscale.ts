import type { Issue } from '@commonweal/core/issues';
import type { DownscaleJson } from '@commonweal/core/limits';
import { Dec, dec } from '@commonweal/core/money';
import { fmtNumber } from '../format/format';
import {
  type Block,
  type ReportDocument,
  type Rich,
  renderDocumentHtml,
  renderDocumentMarkdown,
} from './blocks';
import { issuesSection, pctText } from './common';

/**
 * Options of {@link renderDownscaleHtml} and {@link renderDownscaleMarkdown}.
 *
 * @example
 * ```ts
 * const o: DownscaleReportOptions = { title: 'Example Borough: fair shares of planetary boundaries' };
 * ```
 */
export interface DownscaleReportOptions {
  /** Page title. Default `Boundaries shared out per person` (`: <place>` when named). */
  title?: string;
  /** Language tag of the HTML page. Default `en-GB`. */
  lang?: string;
}

/**
 * A boundary figure for reading: 6 significant digits, half-up, with thousands separators (the
 * JSON keeps every digit).
 *
 * @example
 * ```ts
 * boundaryFigure('0.0077500001'); // '0.00775'
 * boundaryFigure('6293000'); // '6,293,000'
 * ```
 */
export function boundaryFigure(value: string): string {
  const d = dec(value).toSignificantDigits(6, Dec.ROUND_HALF_UP);
  return fmtNumber(d);
}

function downscaleDocument(doc: DownscaleJson, options: DownscaleReportOptions): ReportDocument {
  const p = doc.place;
  const name = p.name ?? 'the place';
  const title = options.title ?? `Boundaries shared out per person${p.name ? `: ${p.name}` : ''}`;
  const withFootprint = doc.boundaries.filter((b) => b.ratio !== undefined);
  const over = withFootprint.filter((b) => b.transgressed);
  const headline = `${doc.boundaries.length} boundar${doc.boundaries.length === 1 ? 'y' : 'ies'} shared out to ${name} (population ${fmtNumber(p.population)}, ${p.year}) by population.${withFootprint.length ? ` ${over.length} of ${withFootprint.length} footprints per person overshoot their per-capita boundary.` : ''}`;
  const rows: Rich[][] = doc.boundaries.map((b) => [
    b.name ? `${b.name} (${b.id})` : b.id,
    b.scale === 'per-capita'
      ? `${boundaryFigure(b.boundary)} per person`
      : `${boundaryFigure(b.boundary)} for ${fmtNumber(b.population?.value ?? '0')} people${b.population?.year !== undefined ? ` (${b.population.year})` : ''}`,
    b.unit,
    boundaryFigure(b.perCapita),
    boundaryFigure(b.place),
    b.footprint === undefined ? '–' : boundaryFigure(b.footprint),
    b.ratio === undefined ? '–' : fmtNumber(b.ratio, 2),
    b.overshoot === undefined ? '–' : b.transgressed ? `overshoot ${pctText(b.overshoot)}` : 'within',
  ]);
  const sources: Rich[][] = doc.boundaries.map((b) => [
    b.id,
    `${b.source}${b.year !== undefined ? ` (${b.year})` : ''}`,
    b.basis ?? '–',
    b.population
      ? `${b.population.source ?? '–'}${b.population.year !== undefined ? ` (${b.population.year})` : ''}`
      : 'per person as published',
  ]);
  const blocks: Block[] = [
    { type: 'paragraph', lead: true, text: [{ strong: headline }] },
    {
      type: 'section',
      title: 'Summary',
      body: [
        {
          type: 'keyFigures',
          figures: [
            { label: 'Population', value: fmtNumber(p.population), note: `${p.year}; ${p.source}` },
            { label: 'Boundaries', value: String(doc.boundaries.length), note: 'shared out per person' },
            ...(withFootprint.length
              ? [
                  {
                    label: 'Footprints overshooting',
                    value: `${over.length} of ${withFootprint.length}`,
                    note: 'footprint per person above the per-capita boundary',
                  },
                ]
              : []),
          ],
        },
      ],
    },
    {
      type: 'section',
      title: 'Boundaries',
      body: [
        {
          type: 'table',
          caption: `Each boundary per person and for ${name}, and the footprint per person against it (figures to 6 significant digits)`,
          headers: [
            'Boundary',
            'As published',
            'Unit',
            'Per person',
            name,
            'Footprint per person',
            'Ratio',
            'Status',
          ],
          rows,
          align: [undefined, 'right', 'left', 'right', 'right', 'right', 'right', 'left'],
        },
      ],
    },
    {
      type: 'section',
      title: 'Sources',
      body: [
        {
          type: 'table',
          caption: 'Where each boundary and the population it is shared by come from',
          headers: ['Boundary', 'Source (vintage)', 'Accounting basis', 'Population shared by'],
          rows: sources,
          align: [undefined, 'left', 'left', 'left'],
        },
      ],
    },
    {
      type: 'section',
      title: 'Method',
      body: [
        {
          type: 'definitions',
          items: [
            {
              term: 'Per person',
              description:
                'a global or national boundary ÷ the population it is for (O’Neill et al. 2018); a per-capita boundary is used as published',
            },
            {
              term: name,
              description: `per-capita boundary × ${fmtNumber(p.population)} people (${p.year}; ${p.source})`,
            },
            {
              term: 'Footprint',
              description:
                'ratio = footprint per person ÷ per-capita boundary; overshoot = max(0, ratio − 1); at the boundary is within',
            },
            {
              term: 'Accounting basis',
              description:
                'a place boundary is only as good as the footprint it is compared with: compare consumption-based footprints with consumption-based boundaries, territorial with territorial',
            },
            {
              term: 'Rows',
              description: `${doc.counts.read} read: ${doc.counts.accepted} accepted, ${doc.counts.rejected} rejected`,
            },
          ],
        },
      ],
    },
    ...issuesSection(doc.issues as readonly Issue[], 'Rows not used'),
  ];
  return { title, description: headline, blocks };
}

/**
 * Renders boundaries shared out to a place per person (`commonweal downscale`) as one
 * self-contained HTML page: the population and its source, each boundary as published, per
 * person and for the place, the footprint against it where given, sources and method.
 *
 * @example
 * ```ts
 * const r = await downscaleFlow(input);
 * if (r.ok) writeFileSync('downscale.html', renderDownscaleHtml(r.document));
 * ```
 */
export function renderDownscaleHtml(doc: DownscaleJson, options: DownscaleReportOptions = {}): string {
  return renderDocumentHtml(downscaleDocument(doc, options), options.lang);
}

/**
 * Renders boundaries shared out to a place per person as Markdown, with the same sections as
 * {@link renderDownscaleHtml}.
 *
 * @example
 * ```ts
 * if (r.ok) console.log(renderDownscaleMarkdown(r.document));
 * ```
 */
export function renderDownscaleMarkdown(doc: DownscaleJson, options: DownscaleReportOptions = {}): string {
  return renderDocumentMarkdown(downscaleDocument(doc, options));
}
