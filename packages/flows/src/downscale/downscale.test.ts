import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downscaleFlow } from './downscale';

const EXAMPLE = 'examples/doughnut/boundaries.csv';
const place = { name: 'Example Borough', population: '250000', year: 2023, source: 'constructed example' };

describe('downscaleFlow', () => {
  it('shares the example boundaries out per person (doughnut-v3 2017 per-capita figures)', async () => {
    const r = await downscaleFlow({
      boundaries: { name: EXAMPLE, text: readFileSync(EXAMPLE, 'utf8') },
      place,
    });
    if (!r.ok) throw new Error(r.headline);
    expect(r.document.boundaries.map((b) => [b.id, b.place])).toEqual([
      ['co2', '237500'],
      ['phosphorus', '212500'],
      ['nitrogen', '2125000'],
      ['blue_water', '96000000'],
      ['hanpp', '367500'],
      ['nitrogen_global', '1937.5'],
    ]);
    expect(r.issues).toEqual([]);
  });

  it('a population without a source is refused (provenance is required)', async () => {
    const r = await downscaleFlow({
      boundaries: { name: 'b.csv', text: 'id,boundary,unit,scale,source\na,1,t,per-capita,s\n' },
      place: { ...place, source: ' ' },
    });
    expect(r.ok ? '' : r.issues[0]?.code).toBe('place_population_invalid');
  });

  it('property: global boundary ÷ population × place population equals the boundary × the place’s share, exactly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10 ** 9 }),
        fc.integer({ min: 1, max: 10 ** 10 }),
        fc.integer({ min: 0, max: 10 ** 8 }),
        async (boundary, world, people) => {
          const r = await downscaleFlow({
            boundaries: {
              name: 'b.csv',
              text: `id,boundary,unit,scale,population,population_year,population_source,source\nx,${boundary},t,global,${world},2023,s,s\n`,
            },
            place: { population: String(people), year: 2023, source: 's' },
          });
          if (!r.ok) return false;
          const got = r.lines[0]?.place.value;
          // per-capita is rounded at 40 significant digits, so compare to that precision
          const want = r.lines[0]?.place.perCapita.value.times(people);
          return (
            got !== undefined &&
            want !== undefined &&
            got.eq(want) &&
            got
              .minus(boundary * (people / world))
              .abs()
              .lt(1e-6 * Math.max(1, boundary))
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});
