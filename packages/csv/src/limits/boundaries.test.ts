import { describe, expect, it } from 'vitest';
import { readBoundariesCsv } from './boundaries';

const HEADER = 'id,boundary,unit,scale,population,population_year,population_source,year,source\n';

describe('readBoundariesCsv', () => {
  it('reads per-capita and global rows, with the population and its provenance', async () => {
    const r = await readBoundariesCsv(
      `${HEADER}co2,0.95,t CO2 per year,per capita,,,,2017,doughnut-v3\nn,62000000,t N per year,planetary,8000000000,2023,constructed,2025,doughnut-v3\n`,
      { file: 'b.csv' },
    );
    expect(r.issues).toEqual([]);
    expect(
      r.boundaries.map((b) => [
        b.id,
        b.scale,
        b.boundary.toString(),
        b.population?.value.toString(),
        b.population?.year,
        b.line,
      ]),
    ).toEqual([
      ['co2', 'per-capita', '0.95', undefined, undefined, 2],
      ['n', 'global', '62000000', '8000000000', 2023, 3],
    ]);
  });

  it('every row problem is located; read = accepted + rejected', async () => {
    const r = await readBoundariesCsv(
      `${HEADER}a,1,t,per-capita,5,,,,s\nb,1,t,national,0,2023,ONS,,s\nc,-1,t,per-capita,,,,,s\nd,1,t,global,8,2023,,,s\ne,1,t,weekly,,,,,s\n`,
      { file: 'b.csv' },
    );
    expect(r.issues.map((i) => [i.code, i.line, i.column, i.field])).toEqual([
      ['population_not_used', 2, 5, 'population'],
      ['population_not_positive', 3, 5, 'population'],
      ['boundary_negative', 4, 2, 'boundary'],
      ['population_source_required', 5, 7, 'population_source'],
      ['invalid_choice', 6, 4, 'scale'],
    ]);
    expect(r.counts).toMatchObject({ read: 5, accepted: 0, rejected: 5 });
  });
});
