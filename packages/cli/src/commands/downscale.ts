import { BOUNDARY_COLUMNS } from '@commonweal/csv';
import { type DownscaleFlowResult, documentText, downscaleFlow } from '@commonweal/flows';
import { boundaryFigure, renderDownscaleHtml, renderDownscaleMarkdown } from '@commonweal/report';
import type { Command } from '../command';
import { COLUMN_OPTIONS, columnsOption, fieldsOf, headersFor } from '../util/csv-options';
import { INPUT_OPTIONS } from '../util/encoding';
import { finish } from '../util/finish';
import { type CliIO, extension, readText, UsageError } from '../util/io';
import { FatalIssues } from '../util/load';
import { chooseFormat, FORMAT_OPTION, OUT_OPTION } from '../util/output';
import { REPORT_OPTION, reportKind } from '../util/report';
import { markdownList, markdownTable, textTable } from '../util/table';

/**
 * What `commonweal downscale` computed (the downscale flow's result).
 *
 * @example
 * ```ts
 * const o: DownscaleOutcome = await computeDownscale(io, { boundaries: 'b.csv', population: '250000',
 *   'population-year': '2023', 'population-source': 'ONS mid-year estimates' });
 * ```
 */
export type DownscaleOutcome = DownscaleFlowResult;

function text(values: Record<string, unknown>, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`--${name} needs a value`);
  return v;
}

/**
 * Shares the boundaries of a file out to a place as `commonweal downscale` does: checks the
 * flags (the population needs its year and source), reads the file and runs `downscaleFlow`.
 *
 * @example
 * ```ts
 * const o = await computeDownscale(io, { boundaries: 'examples/doughnut/boundaries.csv', population: '250000',
 *   'population-year': '2023', 'population-source': 'constructed example' });
 * o.document.boundaries[0]?.place; // '237500'
 * ```
 */
export async function computeDownscale(
  io: CliIO,
  values: Record<string, unknown>,
): Promise<DownscaleOutcome> {
  const file = text(values, 'boundaries');
  if (!file) throw new UsageError('--boundaries is required');
  const population = text(values, 'population');
  if (!population) throw new UsageError('--population is required (the number of people in the place)');
  if (!/^\d+(\.\d+)?$/.test(population.replace(/,/g, '')))
    throw new UsageError(`--population must be a number of people, such as 250000 (got '${population}')`);
  const yearText = text(values, 'population-year');
  if (!yearText) throw new UsageError('--population-year is required (the year of the population estimate)');
  if (!/^\d{4}$/.test(yearText))
    throw new UsageError(`--population-year must be a four-digit year (got '${yearText}')`);
  const source = text(values, 'population-source');
  if (!source)
    throw new UsageError(
      '--population-source is required (where the population comes from, e.g. "ONS mid-2023 estimates")',
    );
  const ext = extension(file, io);
  if (ext !== 'csv') throw new UsageError(`${file}: expected a .csv file of boundaries`);
  const cols = columnsOption(io, values, [{ name: 'boundaries', fields: fieldsOf(BOUNDARY_COLUMNS) }]);
  const r = await downscaleFlow({
    boundaries: { name: file, text: readText(io, file) },
    place: {
      name: text(values, 'place'),
      population: population.replace(/,/g, ''),
      year: Number(yearText),
      source,
    },
    columns: headersFor(cols, 'boundaries'),
  });
  if (!r.ok) throw new FatalIssues(r.headline, r.issues);
  return r;
}

/**
 * Renders a downscaling as plain text (the default) or Markdown: each boundary as published,
 * per person and for the place, and the footprint against it where given.
 *
 * @example
 * ```ts
 * io.stdout(downscaleTable(outcome));
 * ```
 */
export function downscaleTable(o: DownscaleOutcome, markdown = false): string {
  const d = o.document;
  const p = d.place;
  const placeName = p.name ?? 'place';
  const headers = [
    'boundary',
    'scale',
    'as published',
    'unit',
    'per person',
    placeName,
    'footprint',
    'ratio',
    'status',
  ];
  const align: ('left' | 'right')[] = [
    'left',
    'left',
    'right',
    'left',
    'right',
    'right',
    'right',
    'right',
    'left',
  ];
  const rows = d.boundaries.map((b) => [
    b.name && b.name !== b.id ? `${b.id} (${b.name})` : b.id,
    b.scale,
    b.scale === 'per-capita'
      ? boundaryFigure(b.boundary)
      : `${boundaryFigure(b.boundary)} ÷ ${boundaryFigure(b.population?.value ?? '0')}`,
    b.unit,
    boundaryFigure(b.perCapita),
    boundaryFigure(b.place),
    b.footprint === undefined ? '' : boundaryFigure(b.footprint),
    b.ratio === undefined ? '' : boundaryFigure(b.ratio),
    b.overshoot === undefined ? '' : b.transgressed ? `overshoot ${boundaryFigure(b.overshoot)}` : 'within',
  ]);
  const notes = [
    `Per person: a global or national boundary ÷ the population it is for; a per-capita boundary as published (O'Neill et al. 2018). ${placeName} = per person × ${p.population} people (${p.year}; ${p.source}). Footprint: ratio = footprint per person ÷ per-capita boundary, overshoot = max(0, ratio − 1). Compare footprints of the same accounting basis as the boundary.`,
    `${o.file}. Rows: ${o.counts.read} read, ${o.counts.accepted} accepted, ${o.counts.rejected} rejected. Inputs sha256 ${o.sha256}.`,
    'Figures to 6 significant digits, half-up, for display only (--format json has them in full, with traces).',
  ];
  if (markdown) {
    return [
      `# Boundaries shared out per person${p.name ? `: ${p.name}` : ''}`,
      '',
      markdownTable(headers, rows, align),
      markdownList(notes),
      '',
    ].join('\n');
  }
  return [
    textTable(headers, rows, {
      align,
      title: `Boundaries shared out per person${p.name ? ` — ${p.name}` : ''}`,
    }),
    `${notes.join('\n')}\n`,
  ].join('\n');
}

/**
 * `commonweal downscale`: shares planetary or national boundaries out to a place per person,
 * from a boundaries file and the place's population (with its year and source).
 *
 * @example
 * ```sh
 * commonweal downscale --boundaries examples/doughnut/boundaries.csv --population 250000 \
 *   --population-year 2023 --population-source "constructed example" --place "Example Borough"
 * ```
 */
export const downscaleCommand: Command = {
  name: 'downscale',
  summary: 'Share planetary or national boundaries out to a place per person',
  usage:
    'commonweal downscale --boundaries <file.csv> --population N --population-year YEAR --population-source TEXT [--place NAME] [--format table|json|md] [--out FILE]',
  options: {
    ...COLUMN_OPTIONS,
    boundaries: {
      type: 'string',
      value: 'FILE',
      description:
        'Boundaries (.csv): id,boundary,unit,scale,population,population_year,population_source,year,source (+ name, dimension, basis, footprint)',
    },
    population: { type: 'string', value: 'N', description: 'Number of people in the place' },
    'population-year': { type: 'string', value: 'YEAR', description: 'Year of the population estimate' },
    'population-source': {
      type: 'string',
      value: 'TEXT',
      description: 'Where the population comes from (e.g. "ONS mid-2023 population estimates")',
    },
    place: { type: 'string', value: 'NAME', description: 'Name of the place (for titles)' },
    ...FORMAT_OPTION,
    ...REPORT_OPTION,
    ...OUT_OPTION,
    ...INPUT_OPTIONS,
  },
  examples: [
    'commonweal downscale --boundaries examples/doughnut/boundaries.csv --population 250000 --population-year 2023 --population-source "constructed example" --place "Example Borough"',
    'commonweal downscale --boundaries boundaries.csv --population 812000 --population-year 2022 --population-source "ONS mid-2022 estimates" --format json --out shares.json',
  ],
  async run({ values }, io) {
    const format = chooseFormat(values.format, ['table', 'json', 'md']);
    reportKind(values.report);
    const o = await computeDownscale(io, values);
    return finish(io, values, {
      issues: o.issues,
      output: () => (format === 'json' ? documentText(o.document) : downscaleTable(o, format === 'md')),
      report: { html: () => renderDownscaleHtml(o.document), md: () => renderDownscaleMarkdown(o.document) },
    });
  },
};
