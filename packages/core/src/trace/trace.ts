import type { Decimal } from '../money/decimal';
import type { Provenance } from './provenance';

/**
 * One input of a computed figure: its value as a decimal string (or text), with the provenance
 * of a reference value or the trace of a computed one.
 *
 * @example
 * ```ts
 * const input: TraceInput = { value: '13000', source: { title: 'Wellbeing Guidance', licence: 'OGL-UK-3.0' } };
 * ```
 */
export interface TraceInput {
  value: string;
  source?: Provenance;
  trace?: Trace;
}

/**
 * How a figure was computed: the formula in words, the inputs it used, and the result.
 * A commissioner must be able to defend every figure from its trace.
 *
 * @example
 * ```ts
 * const t: Trace = {
 *   formula: 'impact = quantity × proxy × (1 − deadweight)',
 *   inputs: { quantity: { value: '10' }, proxy: { value: '100' }, deadweight: { value: '0.2' } },
 *   result: '800',
 * };
 * ```
 */
export interface Trace {
  formula: string;
  inputs: Record<string, TraceInput>;
  result: string;
  notes?: string[];
}

/** A decimal that carries its {@link Trace}. */
export interface Explained {
  value: Decimal;
  trace: Trace;
}

/**
 * What {@link explain} takes as an input: a plain value, a decimal, a {@link TraceInput} or an
 * {@link Explained} figure (whose trace is nested).
 *
 * @example
 * ```ts
 * const inputs: Record<string, InputLike> = { quantity: '10', proxy: dec('100') };
 * ```
 */
export type InputLike = string | number | Decimal | TraceInput | Explained;

function toInput(v: InputLike): TraceInput {
  if (typeof v === 'string') return { value: v };
  if (typeof v === 'number') return { value: String(v) };
  if (typeof v === 'object' && v !== null && 'trace' in v && 'value' in v && typeof v.value === 'object') {
    const e = v as Explained;
    return { value: e.value.toString(), trace: e.trace };
  }
  if (typeof v === 'object' && v !== null && 'value' in v && typeof (v as TraceInput).value === 'string') {
    return v as TraceInput;
  }
  return { value: (v as Decimal).toString() };
}

/**
 * Attaches a trace to a computed decimal.
 *
 * @example
 * ```ts
 * const impact = explain(dec('800'), 'quantity × proxy × (1 − deadweight)', { quantity: '10', proxy: '100', deadweight: '0.2' });
 * impact.trace.result; // '800'
 * ```
 */
export function explain(
  value: Decimal,
  formula: string,
  inputs: Record<string, InputLike>,
  notes?: string[],
): Explained {
  const trace: Trace = {
    formula,
    inputs: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, toInput(v)])),
    result: value.toString(),
  };
  if (notes?.length) trace.notes = notes;
  return { value, trace };
}

/**
 * Renders a trace as indented plain text, one line per step, for reports and the CLI.
 *
 * @example
 * ```ts
 * traceToText({ formula: 'a × b', inputs: { a: { value: '2' }, b: { value: '3' } }, result: '6' });
 * // '6 = a × b\n  a = 2\n  b = 3'
 * ```
 */
export function traceToText(trace: Trace, indent = ''): string {
  const lines = [`${indent}${trace.result} = ${trace.formula}`];
  for (const [name, input] of Object.entries(trace.inputs)) {
    const src = input.source
      ? ` (${input.source.title}${input.source.edition ? `, ${input.source.edition}` : ''})`
      : '';
    lines.push(`${indent}  ${name} = ${input.value}${src}`);
    if (input.trace) lines.push(traceToText(input.trace, `${indent}    `));
  }
  for (const n of trace.notes ?? []) lines.push(`${indent}  note: ${n}`);
  return lines.join('\n');
}
