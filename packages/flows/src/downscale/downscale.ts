import { type Issue, issueJson } from '@commonweal/core/issues';
import {
  type DownscaledBoundary,
  type DownscaleJson,
  downscaleBoundary,
  downscalePerCapita,
  LimitsDecimalSchema,
  normalisedRatio,
  overshootOf,
  plainDecimal,
} from '@commonweal/core/limits';
import type { Decimal } from '@commonweal/core/money';
import { type Explained, explain, traceJson } from '@commonweal/core/trace';
import { type BoundaryRow, readBoundariesCsv } from '@commonweal/csv';
import { hashInputs } from '@commonweal/json';
import {
  type FlowColumns,
  type FlowCounts,
  type FlowFailure,
  FlowFatal,
  type FlowText,
  requireRows,
  runFlow,
  textOf,
} from '../inputs/inputs';

/**
 * The place a boundary is shared out to: its population with the year and source of the
 * estimate (provenance is required), and optionally its name.
 *
 * @example
 * ```ts
 * const place: DownscalePlace = { name: 'Example Borough', population: '250000', year: 2023, source: 'constructed example' };
 * ```
 */
export interface DownscalePlace {
  name?: string | undefined;
  /** A decimal string (people). */
  population: string;
  year: number;
  source: string;
}

/**
 * The inputs of {@link downscaleFlow}: a boundaries CSV (see `BOUNDARY_COLUMNS` in
 * `@commonweal/csv`) and the place.
 *
 * @example
 * ```ts
 * const input: DownscaleFlowInput = {
 *   boundaries: { name: 'boundaries.csv', text },
 *   place: { population: '250000', year: 2023, source: 'constructed example' },
 * };
 * ```
 */
export interface DownscaleFlowInput {
  boundaries: FlowText;
  place: DownscalePlace;
  /** Which header each column reads (the command line's `--columns boundaries.KEY=…`). */
  columns?: FlowColumns | undefined;
}

/**
 * One boundary shared out to the place: the row as read, the place's boundary (with its
 * per-capita step) and, with a footprint, the ratio and overshoot.
 *
 * @example
 * ```ts
 * r.lines[0]?.place.value.toString(); // '237500'
 * ```
 */
export interface DownscaleLine {
  row: BoundaryRow;
  place: DownscaledBoundary;
  /** `footprint ÷ per-capita boundary`, when a footprint was given. */
  ratio?: Decimal;
  /** `max(0, ratio − 1)`, with its trace. */
  overshoot?: Explained;
  transgressed?: boolean;
}

/**
 * A place's share of boundaries made by {@link downscaleFlow}: the lines, the JSON document
 * (`commonweal downscale --format json`), every issue, row counts and the inputs hash.
 *
 * @example
 * ```ts
 * const r = await downscaleFlow(input);
 * if (r.ok) r.document.boundaries.map((b) => [b.id, b.place]);
 * ```
 */
export interface DownscaleFlowResult {
  ok: true;
  place: DownscalePlace;
  lines: DownscaleLine[];
  document: DownscaleJson & { inputs: { sha256: string } };
  issues: Issue[];
  counts: FlowCounts;
  sha256: string;
  file: string;
}

/**
 * Shares boundaries out to a place per person (O'Neill et al. 2018), from the text of a
 * boundaries file, as `commonweal downscale` does: a `global` or `national` boundary is divided
 * by the population it is for, a `per-capita` one is used as published, and the per-capita
 * boundary is multiplied by the place's population. With the place's footprint per person,
 * `ratio = footprint ÷ per-capita boundary` and `overshoot = max(0, ratio − 1)` (doughnut-v3).
 * Every figure carries its trace and the populations' years and sources. No file system; never
 * throws for bad input.
 *
 * @example
 * ```ts
 * const r = await downscaleFlow({
 *   boundaries: { name: 'b.csv', text: 'id,boundary,unit,scale,source\nco2,0.95,t CO2 per year,per-capita,doughnut-v3\n' },
 *   place: { population: '250000', year: 2023, source: 'constructed example' },
 * });
 * if (r.ok) r.document.boundaries[0]?.place; // '237500'
 * ```
 */
export function downscaleFlow(input: DownscaleFlowInput): Promise<DownscaleFlowResult | FlowFailure> {
  return runFlow(() => downscaleOrThrow(input));
}

async function downscaleOrThrow(input: DownscaleFlowInput): Promise<DownscaleFlowResult> {
  const file = input.boundaries.name;
  const { place } = input;
  const pop = LimitsDecimalSchema.safeParse(place.population);
  if (!pop.success || pop.data.isNegative() || !Number.isInteger(place.year) || place.source.trim() === '') {
    throw new FlowFatal('the place population cannot be used', [
      {
        code: 'place_population_invalid',
        message: `the place population must be a number of people (0 or more) with a whole-number year and a source (got ${JSON.stringify(place.population)}, year ${String(place.year)}, source ${JSON.stringify(place.source)})`,
        path: ['place'],
      },
    ]);
  }
  const text = textOf(input.boundaries);
  const r = await readBoundariesCsv(text, { file, ...input.columns });
  requireRows(r, `${file} cannot be read as a boundaries table`);
  const sha256 = hashInputs(text, {
    place: {
      name: place.name ?? null,
      population: pop.data.toString(),
      year: place.year,
      source: place.source,
    },
  });
  const placePopulation = { value: pop.data.toString(), year: place.year, source: place.source };
  const column = (key: string) => r.columns.find((c) => c.key === key);
  const located = (row: BoundaryRow, i: Issue, key: string): Issue => {
    const out: Issue = { ...i, file, line: row.line };
    const col = column(key);
    if (col) {
      out.column = col.column;
      out.field = col.header;
    }
    delete out.path;
    return out;
  };
  const issues: Issue[] = [];
  const lines: DownscaleLine[] = [];
  for (const row of r.boundaries) {
    const boundary = {
      value: row.boundary.toString(),
      unit: row.unit,
      source: row.source,
      ...(row.year !== undefined ? { year: row.year } : {}),
    };
    const d =
      row.scale === 'per-capita'
        ? downscalePerCapita({ perCapita: boundary, placePopulation })
        : downscaleBoundary({
            global: boundary,
            worldPopulation: row.population as NonNullable<BoundaryRow['population']> & { value: Decimal },
            placePopulation,
            of: row.scale === 'national' ? 'nation' : 'world',
          });
    for (const i of d.issues)
      issues.push(located(row, i, i.code === 'population_years_differ' ? 'populationYear' : 'population'));
    if (!d.ok) continue;
    const line: DownscaleLine = { row, place: d.value };
    if (row.footprint !== undefined) {
      const ratio = normalisedRatio(row.footprint, d.value.perCapita.value);
      if (!ratio.ok) {
        issues.push(
          located(
            row,
            {
              code: 'footprint_not_compared',
              message: `boundary "${row.id}" is 0 per person, so the footprint cannot be compared with it (the ratio is undefined); the boundary is still shared out`,
              severity: 'warning',
            },
            'footprint',
          ),
        );
      } else {
        line.ratio = ratio.value;
        line.overshoot = explain(
          overshootOf(ratio.value),
          `overshoot = max(0, ratio − 1), ratio = footprint per person ÷ per-capita boundary = ${ratio.value.toString()}`,
          { footprint: row.footprint, perCapita: d.value.perCapita },
        );
        line.transgressed = ratio.value.gt(1);
      }
    }
    lines.push(line);
  }
  const all = [...r.issues, ...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const rejected = r.counts.read - lines.length;
  const counts: FlowCounts = { read: r.counts.read, accepted: lines.length, rejected };
  const document: DownscaleJson & { inputs: { sha256: string } } = {
    format: 'commonweal.downscale.v1',
    method: 'per-capita',
    place: {
      population: plainDecimal(pop.data),
      year: place.year,
      source: place.source,
      ...(place.name !== undefined ? { name: place.name } : {}),
    },
    boundaries: lines.map(boundaryJson),
    counts: { ...counts },
    issues: all.map(issueJson),
    inputs: { sha256 },
  };
  return { ok: true, place, lines, document, issues: all, counts, sha256, file };
}

function boundaryJson(l: DownscaleLine): DownscaleJson['boundaries'][number] {
  const { row } = l;
  const j: DownscaleJson['boundaries'][number] = {
    id: row.id,
    scale: row.scale,
    unit: row.unit,
    boundary: plainDecimal(row.boundary),
    source: row.source,
    perCapita: plainDecimal(l.place.perCapita.value),
    place: plainDecimal(l.place.value),
    trace: traceJson(l.place.trace),
  };
  if (row.name !== undefined) j.name = row.name;
  if (row.dimension !== undefined) j.dimension = row.dimension;
  if (row.population) {
    j.population = { value: plainDecimal(row.population.value) };
    if (row.population.year !== undefined) j.population.year = row.population.year;
    if (row.population.source !== undefined) j.population.source = row.population.source;
  }
  if (row.year !== undefined) j.year = row.year;
  if (row.basis !== undefined) j.basis = row.basis;
  if (row.footprint !== undefined) j.footprint = plainDecimal(row.footprint);
  if (l.ratio !== undefined) j.ratio = plainDecimal(l.ratio);
  if (l.overshoot) {
    j.overshoot = plainDecimal(l.overshoot.value);
    j.overshootTrace = traceJson(l.overshoot.trace);
  }
  if (l.transgressed !== undefined) j.transgressed = l.transgressed;
  return j;
}
