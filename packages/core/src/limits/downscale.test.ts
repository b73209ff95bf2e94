import { describe, expect, it } from 'vitest';
import { downscaleBoundary, downscalePerCapita } from './downscale';

// The nitrogen boundary (62 Mt N a year) is doughnut v3's (limits.md §3 [V]); the populations are
// constructed round figures, not published ones, so the arithmetic can be checked by hand.
const nitrogen = {
  value: '62000000',
  unit: 't N per year',
  source: {
    title: 'Doughnut of social and planetary boundaries monitors a world out of balance',
    publisher: 'Nature',
    edition: '2025',
    licence: 'cited',
  },
};

describe('downscaleBoundary', () => {
  it('global ÷ world population × place population, with the per-capita step (constructed populations)', () => {
    const r = downscaleBoundary({
      global: nitrogen,
      worldPopulation: { value: '8000000000', year: 2022, source: 'constructed example' },
      placePopulation: { value: '812000', year: 2022, source: 'constructed example' },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // 62,000,000 / 8,000,000,000 = 0.00775 t (7.75 kg) per person; × 812,000 = 6,293 t
    expect(r.value.perCapita.value.toString()).toBe('0.00775');
    expect(r.value.value.toString()).toBe('6293');
    expect(r.value.unit).toBe('t N per year');
    expect(r.value.trace.formula).toBe('place boundary = per-capita boundary × place population');
    expect(r.value.trace.inputs.perCapita?.trace?.inputs.global?.source?.publisher).toBe('Nature');
    expect(r.value.trace.notes).toContain('world population: year 2022, source: constructed example');
    expect(r.issues).toEqual([]);
  });

  it('bare decimals work; population years that differ give a warning', () => {
    expect(downscaleBoundary({ global: '62', worldPopulation: '8', placePopulation: '2' }).ok).toBe(true);
    const r = downscaleBoundary({
      global: '62',
      worldPopulation: { value: '8000000000', year: 2022 },
      placePopulation: { value: '812000', year: 2021 },
    });
    expect(r.ok).toBe(true);
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([['population_years_differ', 'warning']]);
  });

  it('a world population of zero or a negative place population is an issue', () => {
    expect(
      downscaleBoundary({ global: '62', worldPopulation: '0', placePopulation: '1' }).issues[0]?.code,
    ).toBe('population_not_positive');
    expect(
      downscaleBoundary({ global: '62', worldPopulation: '8', placePopulation: '-1' }).issues[0]?.code,
    ).toBe('population_negative');
    expect(downscaleBoundary({ global: 'lots', worldPopulation: '8', placePopulation: '1' }).ok).toBe(false);
  });
});

describe('downscalePerCapita', () => {
  it('per-capita boundary × place population (doughnut-v3 2017 CO2 0.95 t; constructed population)', () => {
    const r = downscalePerCapita({
      perCapita: { value: '0.95', unit: 't CO2 per year', year: 2017, source: 'doughnut-v3 2017 group data' },
      placePopulation: { value: '250000', year: 2023, source: 'constructed example' },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.value.toString()).toBe('237500');
    expect(r.value.perCapita.value.toString()).toBe('0.95');
    expect(r.value.unit).toBe('t CO2 per year');
    expect(r.value.trace.notes).toContain('place population: year 2023, source: constructed example');
  });

  it('a negative population or a bad number is an issue, not a throw', () => {
    expect(downscalePerCapita({ perCapita: '1', placePopulation: '-3' }).issues[0]?.code).toBe(
      'population_negative',
    );
    expect(downscalePerCapita({ perCapita: 'x', placePopulation: '3' }).ok).toBe(false);
  });
});
