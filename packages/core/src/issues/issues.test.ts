import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CommonwealError, fail, formatIssue, hasErrors, issue, ok } from './issues';
import { fromZodError } from './zod';

describe('issues', () => {
  it('formats a located issue on one line', () => {
    expect(
      formatIssue({
        code: 'invalid_number',
        message: 'not a number',
        file: 'e.csv',
        line: 3,
        column: 2,
        field: 'quantity',
      }),
    ).toBe('e.csv:3:2 quantity: not a number [invalid_number]');
    expect(formatIssue({ code: 'weights_not_100', message: 'y', path: ['criteria', 0, 'weight'] })).toBe(
      'criteria.0.weight: y [weights_not_100]',
    );
    expect(formatIssue({ code: 'scores_diverge', message: 'y', severity: 'warning' })).toBe(
      'warning: y [scores_diverge]',
    );
  });
  it('separates warnings from errors', () => {
    expect(hasErrors([issue('invalid_number', 'b', { severity: 'warning' })])).toBe(false);
    expect(hasErrors([issue('invalid_number', 'b')])).toBe(true);
  });
  it('builds results', () => {
    const good = ok(1);
    const bad = fail([issue('invalid_number', 'b')]);
    expect(good.ok && good.value).toBe(1);
    expect(bad.ok).toBe(false);
  });
  it('maps zod errors to issues with paths', () => {
    const r = z.object({ a: z.array(z.number()) }).safeParse({ a: [1, 'x'] });
    expect(r.success).toBe(false);
    if (!r.success) {
      const issues = fromZodError(r.error, { file: 'f.json' });
      expect(issues).toHaveLength(1);
      expect(issues[0]?.path).toEqual(['a', 1]);
      expect(issues[0]?.file).toBe('f.json');
      expect(issues[0]?.code).toBe('schema_invalid_type');
    }
  });
  it('CommonwealError carries a code', () => {
    const e = new CommonwealError('bad', 'bad thing');
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('bad');
  });
});
