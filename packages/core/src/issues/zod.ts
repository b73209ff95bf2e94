import type { z } from 'zod';
import type { Issue } from './issues';

/**
 * Converts zod's issues into Commonweal {@link Issue}s, keeping the path and adding any location.
 *
 * @example
 * ```ts
 * const r = FrameworkSchema.safeParse(input);
 * if (!r.success) console.log(fromZodError(r.error, { file: 'framework.json' }));
 * ```
 */
export function fromZodError(error: z.ZodError, where: Omit<Issue, 'code' | 'message'> = {}): Issue[] {
  return error.issues.map((zi) => {
    const path = zi.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const out: Issue = { code: `schema_${zi.code}`, message: zi.message, ...where };
    if (path.length) out.path = [...(where.path ?? []), ...path];
    return out;
  });
}
