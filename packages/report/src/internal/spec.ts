import { CommonwealError, fromZodError } from '@commonweal/core/issues';
import { type Decimal, type DecimalLike, isDecimal } from '@commonweal/core/money';
import { z } from 'zod';

/**
 * Parses a renderer's input with its schema; a bad input is a programmer error (renderers are
 * called by code, not fed files), so it throws with every problem listed.
 */
export function parseSpec<S extends z.ZodType>(schema: S, input: z.input<S>, what: string): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const list = fromZodError(r.error)
    .map((i) => (i.path?.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
  throw new CommonwealError('invalid_render_input', `${what}: ${list}`);
}

/** A finite number, a decimal string or a Decimal: what charts accept as a value. */
export const ChartValueSchema = z.custom<DecimalLike>(
  (v) =>
    (typeof v === 'number' && Number.isFinite(v)) ||
    (typeof v === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(v)) ||
    (isDecimal(v) && (v as Decimal).isFinite()),
  { message: 'must be a finite number, a decimal string or a Decimal' },
);

/** Options every chart takes, as a zod shape to spread into chart schemas. */
export const chartOptionsShape = {
  /** Accessible name (the SVG `<title>`), also drawn at the top unless `showTitle: false`. */
  title: z.string().trim().min(1, 'a chart needs a title (its accessible name)'),
  /** Accessible description (the SVG `<desc>`): what the chart shows and what to read from it. */
  description: z.string().trim().min(1, 'a chart needs a description for screen readers'),
  /** Width in pixels (the chart scales down to its container in HTML). */
  width: z.number().min(240).max(4000).optional(),
  /** Prefix of the ids inside the SVG. Default: derived from the input, so the same chart gives the same ids. */
  id: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'must start with a letter and hold only letters, digits, _ and -')
    .optional(),
  /** Add `xmlns` for a standalone `.svg` file. Default false (inline in HTML, where it is not needed). */
  standalone: z.boolean().optional(),
  /** Draw the title at the top. Default true. */
  showTitle: z.boolean().optional(),
};
