import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ISSUE_CODES, type IssueCode } from '../issues/codes';
import { issueJson } from '../issues/json';
import { traceJson } from './json';
import type { Trace } from './trace';

describe('traceJson and issueJson, the contracts’ one way to write a trace and an issue', () => {
  it('keeps formula, inputs, sources, nested traces, result and notes, and drops anything else', () => {
    const inner: Trace = { formula: 'a × b', inputs: { a: { value: '2' }, b: { value: '3' } }, result: '6' };
    const t = {
      formula: 'x + 1',
      inputs: { x: { value: '6', trace: inner, source: { title: 'HACT', licence: 'CC-BY-4.0' } } },
      result: '7',
      notes: [],
      extra: 'not in the contract',
    } as unknown as Trace;
    expect(traceJson(t)).toEqual({
      formula: 'x + 1',
      inputs: { x: { value: '6', source: { title: 'HACT', licence: 'CC-BY-4.0' }, trace: inner } },
      result: '7',
    });
    // A copy: changing it leaves the evaluation's trace alone.
    const copy = traceJson(t);
    (copy.inputs.x?.trace as Trace).result = '0';
    expect(inner.result).toBe('6');
  });

  it('writes an issue without its undefined fields, and round-trips through JSON', () => {
    expect(
      issueJson({ code: 'empty_cell', message: 'no score', line: 3, field: undefined } as never),
    ).toEqual({
      code: 'empty_cell',
      message: 'no score',
      line: 3,
    });
    fc.assert(
      fc.property(
        fc.record(
          {
            code: fc.constantFrom(...(Object.keys(ISSUE_CODES) as IssueCode[])),
            message: fc.string(),
            line: fc.nat(),
            column: fc.nat(),
            file: fc.string(),
          },
          { requiredKeys: ['code', 'message'] },
        ),
        (i) => JSON.stringify(issueJson(i)) === JSON.stringify(JSON.parse(JSON.stringify(i))),
      ),
    );
  });
});
