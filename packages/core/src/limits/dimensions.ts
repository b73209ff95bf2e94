import { z } from 'zod';
import { ProvenanceSchema } from '../trace/provenance';

/**
 * Whether an indicator or dimension belongs to the social foundation (shortfall) or the
 * ecological ceiling (overshoot).
 *
 * @example
 * ```ts
 * KindSchema.parse('ecological');
 * ```
 */
export const KindSchema = z.enum(['social', 'ecological']);

/**
 * `social` or `ecological` (see {@link KindSchema}).
 *
 * @example
 * ```ts
 * const kind: Kind = 'social';
 * ```
 */
export type Kind = z.output<typeof KindSchema>;

/**
 * A city-portrait lens (Thriving Cities Initiative, "Creating City Portraits" 2020): scale
 * (local or global) × domain (social or ecological).
 *
 * @example
 * ```ts
 * LensSchema.parse('global-ecological'); // respect the health of the whole planet
 * ```
 */
export const LensSchema = z.enum(['local-social', 'local-ecological', 'global-social', 'global-ecological']);

/**
 * A city-portrait lens (see {@link LensSchema}).
 *
 * @example
 * ```ts
 * const lens: Lens = 'local-ecological';
 * ```
 */
export type Lens = z.output<typeof LensSchema>;

/**
 * The kind a lens belongs to: `local-social` → `social`, `global-ecological` → `ecological`.
 *
 * @example
 * ```ts
 * lensKind('local-ecological'); // 'ecological'
 * ```
 */
export function lensKind(lens: Lens): Kind {
  return lens.endsWith('-social') ? 'social' : 'ecological';
}

/**
 * One dimension of a doughnut: a stable id (matched by id, never by display name), a display
 * name, its kind and, for city portraits, its lens.
 *
 * @example
 * ```ts
 * DimensionSchema.parse({ id: 'climate-change', name: 'climate change', kind: 'ecological' });
 * ```
 */
export const DimensionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case id such as "climate-change"'),
    name: z.string().min(1),
    kind: KindSchema,
    lens: LensSchema.optional(),
  })
  .refine((d) => d.lens === undefined || lensKind(d.lens) === d.kind, {
    message: 'the lens must be of the same kind as the dimension (e.g. local-social for a social dimension)',
    path: ['lens'],
  });

/**
 * A doughnut dimension (see {@link DimensionSchema}).
 *
 * @example
 * ```ts
 * const d: Dimension = { id: 'housing', name: 'housing', kind: 'social' };
 * ```
 */
export type Dimension = z.output<typeof DimensionSchema>;

/**
 * A versioned, sourced set of doughnut dimensions: Raworth's 2017 doughnut, Fanning &
 * Raworth's 2025 update, the four city-portrait lenses, or a council's own set. Ids are unique.
 *
 * @example
 * ```ts
 * const mine = DimensionSetSchema.parse({
 *   setId: 'exampleton-2025', title: 'Exampleton doughnut', version: '1',
 *   source: { title: 'Exampleton Doughnut portrait', publisher: 'Exampleton Council', licence: 'OGL-UK-3.0' },
 *   dimensions: [{ id: 'housing', name: 'Housing', kind: 'social', lens: 'local-social' }],
 * });
 * ```
 */
export const DimensionSetSchema = z
  .object({
    setId: z.string().min(1),
    title: z.string().min(1),
    version: z.string().min(1).optional(),
    source: ProvenanceSchema,
    dimensions: z.array(DimensionSchema).min(1),
  })
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.dimensions.forEach((d, i) => {
      if (seen.has(d.id)) {
        ctx.addIssue({
          code: 'custom',
          message: `dimension id "${d.id}" appears twice: ids must be unique`,
          path: ['dimensions', i, 'id'],
        });
      }
      seen.add(d.id);
    });
  });

/**
 * A parsed dimension set (see {@link DimensionSetSchema}).
 *
 * @example
 * ```ts
 * const set: DimensionSet = fanningRaworth2025;
 * ```
 */
export type DimensionSet = z.output<typeof DimensionSetSchema>;
/**
 * A dimension set as written in JSON.
 *
 * @example
 * ```ts
 * const input: DimensionSetInput = { setId: 'mine', title: 'My doughnut',
 *   source: { title: 'Council portrait', licence: 'OGL-UK-3.0' },
 *   dimensions: [{ id: 'housing', name: 'Housing', kind: 'social' }] };
 * ```
 */
export type DimensionSetInput = z.input<typeof DimensionSetSchema>;

const dim = (id: string, name: string, kind: 'social' | 'ecological'): Dimension => ({ id, name, kind });

/**
 * Raworth's doughnut (2017): 12 social and 9 ecological dimensions.
 * Sources: Raworth, *Doughnut Economics* (2017); Raworth, "A Doughnut for the Anthropocene",
 * Lancet Planetary Health 1:e48 (2017).
 *
 * @example
 * ```ts
 * raworth2017.dimensions.filter((d) => d.kind === 'social').length; // 12
 * ```
 */
export const raworth2017: DimensionSet = DimensionSetSchema.parse({
  setId: 'raworth-2017',
  title: 'Doughnut of social and planetary boundaries (Raworth 2017)',
  version: '2017',
  source: {
    title: 'Doughnut Economics: Seven Ways to Think Like a 21st-Century Economist',
    publisher: 'Kate Raworth (Random House Business)',
    edition: '2017',
    licence: 'cited (dimension names only)',
    notes: 'also Raworth, A Doughnut for the Anthropocene, Lancet Planetary Health 1:e48 (2017)',
  },
  dimensions: [
    dim('water', 'water', 'social'),
    dim('food', 'food', 'social'),
    dim('health', 'health', 'social'),
    dim('education', 'education', 'social'),
    dim('income-work', 'income & work', 'social'),
    dim('peace-justice', 'peace & justice', 'social'),
    dim('political-voice', 'political voice', 'social'),
    dim('social-equity', 'social equity', 'social'),
    dim('gender-equality', 'gender equality', 'social'),
    dim('housing', 'housing', 'social'),
    dim('networks', 'networks', 'social'),
    dim('energy', 'energy', 'social'),
    dim('climate-change', 'climate change', 'ecological'),
    dim('ocean-acidification', 'ocean acidification', 'ecological'),
    dim('chemical-pollution', 'chemical pollution', 'ecological'),
    dim('nitrogen-phosphorus-loading', 'nitrogen & phosphorus loading', 'ecological'),
    dim('freshwater-withdrawals', 'freshwater withdrawals', 'ecological'),
    dim('land-conversion', 'land conversion', 'ecological'),
    dim('biodiversity-loss', 'biodiversity loss', 'ecological'),
    dim('air-pollution', 'air pollution', 'ecological'),
    dim('ozone-layer-depletion', 'ozone layer depletion', 'ecological'),
  ],
});

/**
 * Fanning & Raworth's doughnut (2025): 12 social dimensions (22 indicators) and 9 ecological
 * dimensions (13 indicators). Names and order as in the authors' code (`a-fanning/doughnut-v3`,
 * `Analysis/scripts/5_calculateRatios.R`).
 *
 * @example
 * ```ts
 * fanningRaworth2025.dimensions.find((d) => d.id === 'nutrient-pollution')?.kind; // 'ecological'
 * ```
 */
export const fanningRaworth2025: DimensionSet = DimensionSetSchema.parse({
  setId: 'fanning-raworth-2025',
  title: 'Doughnut of social and planetary boundaries (Fanning & Raworth 2025)',
  version: '2025',
  source: {
    title: 'Doughnut of social and planetary boundaries monitors a world out of balance',
    publisher: 'Fanning & Raworth, Nature',
    edition: '2025',
    url: 'https://doi.org/10.1038/s41586-025-09385-1',
    licence: 'cited (dimension names only)',
    notes: "dimension names as in the authors' code: github.com/a-fanning/doughnut-v3",
  },
  dimensions: [
    dim('food', 'food', 'social'),
    dim('health', 'health', 'social'),
    dim('education', 'education', 'social'),
    dim('income-and-work', 'income and work', 'social'),
    dim('water', 'water', 'social'),
    dim('energy', 'energy', 'social'),
    dim('connectivity', 'connectivity', 'social'),
    dim('housing', 'housing', 'social'),
    dim('equality', 'equality', 'social'),
    dim('social-cohesion', 'social cohesion', 'social'),
    dim('political-voice', 'political voice', 'social'),
    dim('peace-and-justice', 'peace and justice', 'social'),
    dim('climate-change', 'climate change', 'ecological'),
    dim('ocean-acidification', 'ocean acidification', 'ecological'),
    dim('chemical-pollution', 'chemical pollution', 'ecological'),
    dim('nutrient-pollution', 'nutrient pollution', 'ecological'),
    dim('air-pollution', 'air pollution', 'ecological'),
    dim('freshwater-disruption', 'freshwater disruption', 'ecological'),
    dim('land-conversion', 'land conversion', 'ecological'),
    dim('biodiversity-breakdown', 'biodiversity breakdown', 'ecological'),
    dim('ozone-depletion', 'ozone depletion', 'ecological'),
  ],
});

/**
 * The four lenses of a city portrait as a coarse dimension set (Thriving Cities Initiative,
 * "Creating City Portraits" v1.1, 2021; DEAL "Doughnut Data Portraits" v2.3, 2025). A council
 * with finer dimensions defines its own set with {@link DimensionSetSchema}, giving each
 * dimension its lens.
 *
 * @example
 * ```ts
 * cityPortraitLenses.dimensions.map((d) => d.id);
 * // ['local-social', 'local-ecological', 'global-ecological', 'global-social']
 * ```
 */
export const cityPortraitLenses: DimensionSet = DimensionSetSchema.parse({
  setId: 'city-portrait-lenses',
  title: 'City portrait: four lenses',
  version: '2020',
  source: {
    title: 'Creating City Portraits: a methodological guide from the Thriving Cities Initiative',
    publisher: 'Doughnut Economics Action Lab, C40 Cities, Circle Economy, Biomimicry 3.8',
    edition: 'v1.1, February 2021',
    licence: 'cited (lens names only)',
    notes: 'legacy since 2022; successor: Doughnut Data Portraits: A Methodological Guide v2.3 (April 2025)',
  },
  dimensions: [
    { id: 'local-social', name: 'the people of the place thrive', kind: 'social', lens: 'local-social' },
    {
      id: 'local-ecological',
      name: 'the place thrives within its natural habitat',
      kind: 'ecological',
      lens: 'local-ecological',
    },
    {
      id: 'global-ecological',
      name: 'the place respects the health of the whole planet',
      kind: 'ecological',
      lens: 'global-ecological',
    },
    {
      id: 'global-social',
      name: 'the place respects the wellbeing of people worldwide',
      kind: 'social',
      lens: 'global-social',
    },
  ],
});
