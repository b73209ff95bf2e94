import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EmissionsJsonSchema, IndicatorsJsonSchema, LIMITS_SCHEMAS } from './limits';
import { jsonSchema, schemaInfo, schemaNames } from './registry';

const NAMES = [
  'doughnut-indicators',
  'doughnut-output',
  'carbon-emissions',
  'carbon-output',
  'carbon-budget',
  'carbon-budget-output',
  'doughnut-trend-output',
  'downscale-output',
];

describe('limits schemas', () => {
  it('are registered with the built-ins, with their sides', () => {
    expect(LIMITS_SCHEMAS.map((s) => s.name)).toEqual(NAMES);
    for (const n of NAMES) expect(schemaNames()).toContain(n);
    expect(NAMES.map((n) => schemaInfo(n).io)).toEqual([
      'input',
      'output',
      'input',
      'output',
      'input',
      'output',
      'output',
      'output',
    ]);
  });

  it.each(NAMES)('%s converts to JSON Schema without the unrepresentable fallback', (name) => {
    const info = schemaInfo(name);
    expect(() => z.toJSONSchema(info.schema, { io: info.io, unrepresentable: 'throw' })).not.toThrow();
    expect(jsonSchema(name).title).toBe(`Commonweal ${name}`);
  });

  it('doughnut-indicators: decimals as strings or numbers, value null = no data; its JSON Schema says so', () => {
    const r = IndicatorsJsonSchema.safeParse([
      {
        id: 'a',
        dimension: 'food',
        kind: 'social',
        unit: '%',
        value: null,
        target: 0,
        baseline: '100',
        year: 2023,
        source: 's',
      },
      {
        id: 'b',
        dimension: 'air',
        kind: 'ecological',
        unit: 'µg/m³',
        value: 18,
        target: '40',
        year: 2023,
        source: 's',
      },
    ]);
    expect(r.success).toBe(true);
    if (r.success) expect(r.data[0]?.value).toBeNull();
    const s = jsonSchema('doughnut-indicators') as {
      items: { properties: Record<string, unknown>; required: string[] };
    };
    expect(s.items.required).toEqual([
      'id',
      'dimension',
      'kind',
      'unit',
      'value',
      'target',
      'year',
      'source',
    ]);
    expect(JSON.stringify(s.items.properties.value)).toContain('"null"');
    expect(
      IndicatorsJsonSchema.safeParse([
        {
          id: 'a',
          dimension: 'food',
          kind: 'social',
          unit: '%',
          value: 'x',
          target: 0,
          year: 2023,
          source: 's',
        },
      ]).success,
    ).toBe(false);
  });

  it('carbon-emissions: negative tonnes allowed, a repeated year refused with its path', () => {
    expect(EmissionsJsonSchema.safeParse([{ year: 2025, tco2e: '-30' }]).success).toBe(true);
    const r = EmissionsJsonSchema.safeParse([
      { year: 2025, tco2e: '1' },
      { year: 2025, tco2e: 2 },
    ]);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]?.path).toEqual([1, 'year']);
    expect(EmissionsJsonSchema.safeParse([]).success).toBe(false);
  });

  it('the example emissions and the schema agree on the column names (year, tco2e)', () => {
    const csv = readFileSync(new URL('../../../../examples/carbon/emissions.csv', import.meta.url), 'utf8');
    const [header, ...rows] = csv.trim().split('\n');
    expect(header).toBe('year,tco2e');
    const items = rows.map((r) => {
      const [year, tco2e] = r.split(',');
      return { year: Number(year), tco2e };
    });
    expect(EmissionsJsonSchema.safeParse(items).success).toBe(true);
  });
});
