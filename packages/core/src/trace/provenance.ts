import { z } from 'zod';

/**
 * Where a reference value comes from: source, publisher, edition, price year and licence.
 * Every proxy, discount rate, carbon value or WELLBY value carries one.
 *
 * @example
 * ```ts
 * const p = ProvenanceSchema.parse({
 *   title: 'Wellbeing Guidance for Appraisal',
 *   publisher: 'HM Treasury',
 *   edition: 'July 2021',
 *   priceYear: 2019,
 *   licence: 'OGL-UK-3.0',
 * });
 * ```
 */
export const ProvenanceSchema = z.object({
  title: z.string().min(1),
  publisher: z.string().min(1).optional(),
  edition: z.string().min(1).optional(),
  url: z.string().min(1).optional(),
  licence: z.string().min(1),
  priceYear: z.number().int().optional(),
  accessed: z.string().optional(),
  notes: z.string().optional(),
});

/** The provenance of a reference value (see {@link ProvenanceSchema}). */
export type Provenance = z.infer<typeof ProvenanceSchema>;

/**
 * Formats provenance as one citation line.
 *
 * @example
 * ```ts
 * cite({ title: 'The Green Book', publisher: 'HM Treasury', edition: '2022', licence: 'OGL-UK-3.0' });
 * // 'HM Treasury, The Green Book (2022) [OGL-UK-3.0]'
 * ```
 */
export function cite(p: Provenance): string {
  const who = p.publisher ? `${p.publisher}, ` : '';
  const ed = p.edition ? ` (${p.edition})` : '';
  const py = p.priceYear !== undefined ? `, ${p.priceYear} prices` : '';
  return `${who}${p.title}${ed}${py} [${p.licence}]`;
}
