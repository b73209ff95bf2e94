import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summaryNames } from './summary-names';

describe('summaryNames', () => {
  it('makes safe, unique file names from bid ids', () => {
    expect(
      summaryNames(['B1', '../etc/passwd', 'CON', 'a b', 'a/b', '', '.hidden', 'b1', 'é x', 'lpt1']),
    ).toEqual([
      'B1.md',
      'etc-passwd.md',
      'bid-CON.md',
      'a-b.md',
      'a-b-2.md',
      'bid.md',
      'hidden.md',
      'b1-2.md',
      'e-x.md',
      'bid-lpt1.md',
    ]);
  });

  it('cuts a long id to 80 characters before the extension', () => {
    expect(summaryNames(['x'.repeat(200)])).toEqual([`${'x'.repeat(80)}.md`]);
  });

  it('always gives one safe name per bid, unique ignoring case (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 100 }), { maxLength: 20 }), (ids) => {
        const names = summaryNames(ids);
        expect(names).toHaveLength(ids.length);
        expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
        for (const n of names) {
          expect(n).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]*\.md$/);
          expect(n.slice(0, -3)).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/i);
        }
      }),
    );
  });
});
