import { hashInputs } from '@commonweal/json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashTextInputs } from './hash';

describe('hashTextInputs', () => {
  it('gives the SHA-256 of the canonical inputs, as hashInputs does (a known digest)', () => {
    const parts = {
      scores: 'bid,criterion\nA,q1\n',
      model: '{"id":"T"}',
      gates: null,
      options: { b: 1, a: '2' },
    };
    expect(hashTextInputs(parts)).toBe(hashInputs(parts));
    // The SHA-256 of the 11 bytes [{"a":"x"}].
    expect(hashTextInputs({ a: 'x' })).toBe(
      '305cfd6cfd3c1ad402e3d08b55946dc527a5ca0727d8cd1d85ca48e22e2e7ea1',
    );
  });

  it('equals hashInputs for any texts, whatever the chunk size (surrogate pairs, escapes, lone halves)', () => {
    const text = fc.string({
      unit: fc.oneof(
        fc.constant('😀'),
        fc.constant('\ud800'),
        fc.constant('"'),
        fc.constant('\n'),
        fc.constant('é'),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      ),
      maxLength: 60,
    });
    fc.assert(
      fc.property(text, text, fc.option(text), fc.integer({ min: 1, max: 7 }), (a, b, c, chunk) => {
        const parts = { scores: a, bids: b, gates: c, options: c === null ? null : { discounting: c } };
        expect(hashTextInputs(parts, chunk)).toBe(hashInputs(parts));
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
