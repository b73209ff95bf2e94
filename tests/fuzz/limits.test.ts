// Limits of the CSV table reader (maxBytes, maxRows, maxColumns, maxFieldLength): each one,
// when exceeded, is a clear issue — never a crash or silent truncation — and the counts of what
// was read stay consistent (read = accepted + rejected).
import { defineTable, readAll, readEntriesCsv, textCell } from '@commonweal/csv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from './seed';

const HEADER = 'measure,quantity,year\n';
const rows = (n: number) => Array.from({ length: n }, (_, i) => `M${i},${i + 1},2025\n`).join('');
const oneColumn = defineTable({
  name: 't',
  columns: { a: { header: 'a', parse: textCell({ trim: false }) } },
});
const codes = (issues: readonly { code: string }[]) => issues.map((i) => i.code);

describe('CSV reader limits', () => {
  it('maxRows: stops after the limit with too_many_rows at the next row; rows before it are counted', async () => {
    const r = await readEntriesCsv(HEADER + rows(10), { maxRows: 4 });
    expect(r.counts).toEqual({ read: 4, accepted: 4, rejected: 0, blank: 0 });
    expect(r.entries.map((e) => e.line)).toEqual([2, 3, 4, 5]);
    expect(r.ok).toBe(false);
    expect(r.issues).toEqual([
      expect.objectContaining({
        code: 'too_many_rows',
        line: 6,
        message: expect.stringMatching(/more than 4 rows/),
      }),
    ]);
    // exactly at the limit is fine
    const at = await readEntriesCsv(HEADER + rows(4), { maxRows: 4 });
    expect(at.ok).toBe(true);
    expect(at.counts.read).toBe(4);
  });

  it('maxBytes: a larger input stops with file_too_large (text and bytes, in any chunks)', async () => {
    const text = HEADER + rows(2000); // ~30 KB
    const small = await readEntriesCsv(text, { maxBytes: 1000 });
    expect(codes(small.issues)).toEqual(['file_too_large']);
    expect(small.counts).toEqual({ read: 0, accepted: 0, rejected: 0, blank: 0 });
    const bytes = new TextEncoder().encode(text);
    const chunks = [bytes.subarray(0, 8000), bytes.subarray(8000, 20000), bytes.subarray(20000)];
    const part = await readEntriesCsv(chunks, { maxBytes: 21000 });
    expect(codes(part.issues)).toEqual(['file_too_large']);
    expect(part.issues[0]?.message).toMatch(/larger than the limit of 21000 bytes/);
    // the first two chunks (20,000 bytes) were read, as far as their last whole row
    expect(part.counts.read).toBeGreaterThan(1000);
    expect(part.counts.read).toBe(part.counts.accepted + part.counts.rejected);
    const ok = await readEntriesCsv(chunks, { maxBytes: bytes.length });
    expect(ok.ok).toBe(true);
    expect(ok.counts.read).toBe(2000);
  });

  it('maxColumns: a too-wide header stops the read; a too-wide row is rejected, and its extra fields are not kept', async () => {
    const wide = await readEntriesCsv(`${HEADER.trim()},${'x,'.repeat(20)}\n${rows(2)}`, { maxColumns: 10 });
    expect(codes(wide.issues)).toEqual(['invalid_header']);
    expect(wide.issues[0]?.message).toMatch(/more than 10 values/);
    const row = await readEntriesCsv(`${HEADER}M1,1,2025${',9'.repeat(1_000_000)}\nM2,2,2025\n`, {
      maxColumns: 10,
    });
    expect(row.counts).toEqual({ read: 2, accepted: 1, rejected: 1, blank: 0 });
    expect(row.issues).toEqual([expect.objectContaining({ code: 'too_many_columns', line: 2, column: 11 })]);
    // default: Excel's 16,384 columns
    const dflt = await readAll(`a\n${'1,'.repeat(20_000)}1\n`, oneColumn);
    expect(codes(dflt.issues)).toEqual(['too_many_columns']);
  });

  it('maxFieldLength: a long value is an issue on its row, whether it fits one chunk or spans many', async () => {
    const long = 'x'.repeat(50_000);
    for (const source of [
      `${HEADER}M1,1,2025\nM2,1,2025,${long}\nM3,1,2025\n`,
      [`${HEADER}M1,1,2025\nM2,1,2025,${long.slice(0, 100)}`, `${long.slice(100)}\nM3,1,2025\n`],
    ]) {
      const r = await readEntriesCsv(source, { maxFieldLength: 1000 });
      expect(r.counts).toEqual({ read: 3, accepted: 2, rejected: 1, blank: 0 });
      expect(r.issues).toEqual([expect.objectContaining({ code: 'field_too_long', line: 3 })]);
    }
    // the value of a rejected field is not kept
    const kept = await readAll(`a\n"${long}"\n`, oneColumn, { maxFieldLength: 100 });
    expect(codes(kept.issues)).toEqual(['field_too_long']);
    expect(kept.rows).toEqual([]);
  });

  it('any combination of limits keeps read = accepted + rejected and answers with issues (property)', async () => {
    const line = fc.oneof(
      fc.constant('M,1,2025'),
      fc.constant('M,ten,2025'),
      fc.constant(''),
      fc.integer({ min: 1, max: 30 }).map((n) => `M,1,2025${',7'.repeat(n)}`),
      fc.integer({ min: 1, max: 300 }).map((n) => `M,1,2025,${'y'.repeat(n)}`),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 40 }),
        fc.record(
          {
            maxRows: fc.integer({ min: 0, max: 30 }),
            maxBytes: fc.integer({ min: 0, max: 2000 }),
            maxColumns: fc.integer({ min: 1, max: 20 }),
            maxFieldLength: fc.integer({ min: 1, max: 200 }),
          },
          { requiredKeys: [] },
        ),
        fc.integer({ min: 1, max: 64 }),
        async (lines, limits, cut) => {
          const text = `${HEADER}${lines.join('\n')}\n`;
          const chunks: string[] = [];
          for (let i = 0; i < text.length; i += cut) chunks.push(text.slice(i, i + cut));
          const r = await readEntriesCsv(chunks, limits);
          expect(r.counts.read).toBe(r.counts.accepted + r.counts.rejected);
          expect(r.entries.length).toBe(r.counts.accepted);
          if (limits.maxRows !== undefined) expect(r.counts.read).toBeLessThanOrEqual(limits.maxRows);
          for (const i of r.issues) expect(typeof i.message).toBe('string');
          const tooMany = lines.filter((l) => l !== '').length > (limits.maxRows ?? Number.POSITIVE_INFINITY);
          const tooBig = text.length > (limits.maxBytes ?? Number.POSITIVE_INFINITY);
          // a limit that is passed stops the read with its issue (unless the header already stopped it)
          const c = codes(r.issues);
          if ((tooBig || tooMany) && !c.includes('invalid_header'))
            expect(c.includes('file_too_large') || c.includes('too_many_rows')).toBe(true);
          if (!tooBig) expect(c).not.toContain('file_too_large');
          if (!tooMany) expect(c).not.toContain('too_many_rows');
        },
      ),
      runs(200),
    );
  });
});
