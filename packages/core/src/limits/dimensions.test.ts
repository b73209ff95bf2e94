import { describe, expect, it } from 'vitest';
import {
  cityPortraitLenses,
  DimensionSetSchema,
  fanningRaworth2025,
  lensKind,
  raworth2017,
} from './dimensions';

const count = (set: typeof raworth2017, kind: 'social' | 'ecological') =>
  set.dimensions.filter((d) => d.kind === kind).length;

describe('dimension sets (limits.md §1)', () => {
  it('Raworth 2017: 12 social and 9 ecological dimensions', () => {
    expect([count(raworth2017, 'social'), count(raworth2017, 'ecological')]).toEqual([12, 9]);
    expect(raworth2017.dimensions.map((d) => d.id)).toContain('nitrogen-phosphorus-loading');
  });

  it('Fanning & Raworth 2025: 12 social and 9 ecological dimensions, names as in doughnut-v3', () => {
    expect([count(fanningRaworth2025, 'social'), count(fanningRaworth2025, 'ecological')]).toEqual([12, 9]);
    // Names from a-fanning/doughnut-v3 Analysis/scripts/5_calculateRatios.R (factor levels)
    expect(fanningRaworth2025.dimensions.map((d) => d.name)).toEqual([
      'food',
      'health',
      'education',
      'income and work',
      'water',
      'energy',
      'connectivity',
      'housing',
      'equality',
      'social cohesion',
      'political voice',
      'peace and justice',
      'climate change',
      'ocean acidification',
      'chemical pollution',
      'nutrient pollution',
      'air pollution',
      'freshwater disruption',
      'land conversion',
      'biodiversity breakdown',
      'ozone depletion',
    ]);
  });

  it('city portrait lenses: local/global × social/ecological, each of its own kind', () => {
    expect(cityPortraitLenses.dimensions.map((d) => [d.id, d.kind])).toEqual([
      ['local-social', 'social'],
      ['local-ecological', 'ecological'],
      ['global-ecological', 'ecological'],
      ['global-social', 'social'],
    ]);
    expect(lensKind('global-social')).toBe('social');
  });

  it('a council set is validated: unique ids, lens of the right kind', () => {
    const bad = DimensionSetSchema.safeParse({
      setId: 'x',
      title: 'x',
      source: { title: 'x', licence: 'x' },
      dimensions: [
        { id: 'homes', name: 'Homes', kind: 'social', lens: 'local-ecological' },
        { id: 'homes', name: 'Homes again', kind: 'social' },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['dimensions.0.lens', 'dimensions.1.id']);
  });
});
