import type { Trace, TraceInput } from './trace';

/**
 * A trace as the JSON contracts write it: formula, inputs (value, source, nested trace), result
 * and notes only, as plain data (no shared or extra properties), so every document that carries
 * a trace writes it the same way.
 *
 * @example
 * ```ts
 * traceJson({ formula: 'quantity × proxy', inputs: { quantity: { value: '2' } }, result: '26000' });
 * // { formula: 'quantity × proxy', inputs: { quantity: { value: '2' } }, result: '26000' }
 * ```
 */
export function traceJson(t: Trace): Trace {
  const inputs: Record<string, TraceInput> = {};
  for (const [k, v] of Object.entries(t.inputs)) {
    const i: TraceInput = { value: v.value };
    if (v.source) i.source = JSON.parse(JSON.stringify(v.source));
    if (v.trace) i.trace = traceJson(v.trace);
    inputs[k] = i;
  }
  const out: Trace = { formula: t.formula, inputs, result: t.result };
  if (t.notes?.length) out.notes = [...t.notes];
  return out;
}
