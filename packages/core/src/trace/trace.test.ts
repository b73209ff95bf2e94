import { describe, expect, it } from 'vitest';
import { dec } from '../money/decimal';
import { cite } from './provenance';
import { explain, traceToText } from './trace';

describe('trace', () => {
  it('keeps the formula, the inputs and the result', () => {
    const wellby = { title: 'Wellbeing Guidance for Appraisal', edition: 'July 2021', licence: 'OGL-UK-3.0' };
    const e = explain(dec('0.2').times('13000'), 'ΔLS × WELLBY value', {
      deltaLifeSatisfaction: '0.2',
      wellbyValue: { value: '13000', source: wellby },
    });
    expect(e.value.toString()).toBe('2600');
    expect(e.trace.result).toBe('2600');
    expect(traceToText(e.trace)).toBe(
      '2600 = ΔLS × WELLBY value\n  deltaLifeSatisfaction = 0.2\n  wellbyValue = 13000 (Wellbeing Guidance for Appraisal, July 2021)',
    );
  });
  it('nests the traces of computed inputs', () => {
    const a = explain(dec(6), 'a × b', { a: 2, b: 3 });
    const c = explain(dec(12), 'c × 2', { c: a });
    expect(c.trace.inputs.c?.trace?.formula).toBe('a × b');
  });
  it('cites provenance', () => {
    expect(
      cite({ title: 'The Green Book', publisher: 'HM Treasury', edition: '2022', licence: 'OGL-UK-3.0' }),
    ).toBe('HM Treasury, The Green Book (2022) [OGL-UK-3.0]');
  });
});
