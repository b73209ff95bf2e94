import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentText } from '../document/document';
import { bufferedSha256 } from './source';
import { spendFlow } from './spend';
import type { SpendDocument } from './stages';

const FIX = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const bytes = (name: string) => new Uint8Array(readFileSync(FIX(name)));
const MONTHS = ['spend-2024-04.csv', 'spend-2024-05.csv', 'spend-2024-06.csv'];
const SUPPLIERS = { name: 'suppliers.csv', text: bytes('suppliers.csv') };
const OPTIONS = { local: ['EX1', 'EX2', 'EX4'], vatBasis: 'exclusive' as const };

/** Chunks of 7 bytes: a row, a character and the byte order mark are cut across chunks. */
function chunked(b: Uint8Array): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      for (let i = 0; i < b.length; i += 7) yield b.subarray(i, i + 7);
    },
  };
}

describe('spendFlow over three monthly files', () => {
  it('gives one answer with each file’s figures, and every issue keeps its file', async () => {
    const r = await spendFlow({
      spend: MONTHS.map((m) => ({ name: m, text: bytes(m) })),
      suppliers: SUPPLIERS,
      options: OPTIONS,
    });
    if (!r.ok) throw new Error(r.headline);
    expect(r.document.total.amount).toBe('109354.46');
    expect(r.document.local).toEqual({
      amount: '17600.00',
      share: '0.1609445101736134036051204495911735104357',
      count: 8,
    });
    expect(r.document.files?.map((f) => f.local.share)).toEqual([
      '0.07499315687443520778728940984135197663213',
      '0.7150073832284137716639465298826455273179',
      '0.2642395772166764533176746917204932472108',
    ]);
    expect(Object.keys(r.counts)).toEqual(['suppliers.csv', ...MONTHS]);
    for (const i of r.issues)
      if (i.line !== undefined) expect(MONTHS.concat('suppliers.csv')).toContain(i.file);
    expect(r.issues.find((i) => i.code === 'date_format_inferred')?.file).toBe('spend-2024-06.csv');
  });

  it('gives the same bytes from chunks as from whole texts (the hash is incremental)', async () => {
    const whole = await spendFlow({
      spend: MONTHS.map((m) => ({ name: m, text: bytes(m) })),
      suppliers: SUPPLIERS,
      options: OPTIONS,
    });
    const streamed = await spendFlow({
      spend: MONTHS.map((m) => ({ name: m, chunks: chunked(bytes(m)) })),
      suppliers: { name: 'suppliers.csv', chunks: chunked(bytes('suppliers.csv')) },
      options: OPTIONS,
      createSha256: bufferedSha256,
    });
    if (!whole.ok || !streamed.ok) throw new Error('flow failed');
    expect(documentText(streamed.document)).toBe(documentText(whole.document));
  });

  it('reports rows read over every file as it goes', async () => {
    const seen: number[] = [];
    const r = await spendFlow({
      spend: MONTHS.map((m) => ({ name: m, chunks: chunked(bytes(m)) })),
      options: OPTIONS,
      progressEvery: 2,
      onProgress: (n) => seen.push(n),
    });
    expect(r.ok).toBe(true);
    // every 2 rows of a file, checked once per 7-byte chunk; the count runs on over the files
    expect(seen).toEqual([2, 4, 7, 9, 12, 14]);
  });

  it('refuses the same file twice, and no file at all', async () => {
    const a = { name: 'spend-2024-04.csv', text: bytes('spend-2024-04.csv') };
    const twice = await spendFlow({ spend: [a, a], options: OPTIONS });
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.headline).toBe('spend-2024-04.csv is given twice');
    const none = await spendFlow({ spend: [], options: OPTIONS });
    expect(none.ok).toBe(false);
  });

  it('fails naming the file that cannot be read, whichever it is', async () => {
    const r = await spendFlow({
      spend: [
        { name: 'spend-2024-04.csv', text: bytes('spend-2024-04.csv') },
        { name: 'notes.csv', text: 'Note,Author\nhello,me\n' },
      ],
      options: OPTIONS,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.headline).toBe('notes.csv cannot be read as a spend file');
      expect(r.issues.every((i) => i.file === 'notes.csv')).toBe(true);
    }
  });
});

const HEADER = 'Date,Supplier Name,Supplier ID,Amount';
const REGISTER = {
  name: 'register.csv',
  text: 'supplier_id,supplier_name,postcode,sme,vcse,cooperative\nS1,A Ltd,EX1 1AA,yes,no,no\nS2,B Ltd,EX10 1AA,no,yes,no\nS3,C Co-op,EX4 2AB,yes,yes,yes\nS4,D plc,,no,no,no\n',
};
const row = fc
  .record({
    day: fc.integer({ min: 0, max: 400 }),
    supplier: fc.constantFrom('S1', 'S2', 'S3', 'S4', 'S9', ''),
    pence: fc.integer({ min: -50_000, max: 5_000_000 }),
    bad: fc.boolean(),
  })
  .map(({ day, supplier, pence, bad }) => {
    const d = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
    const name = supplier === '' ? 'REDACTED' : `Supplier ${supplier}`;
    const amount = bad && pence % 7 === 0 ? 'n/a' : (pence / 100).toFixed(2);
    return `${d},${name},${supplier},${amount}`;
  });

/** The figures that must not depend on how the rows were split into files. */
function figures(d: SpendDocument) {
  const { issues: _i, inputs: _in, files: _f, ...rest } = d;
  return rest;
}

describe('many files, one answer (property)', () => {
  it('splitting a file’s rows into k files gives the same totals and per-supplier figures', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 0, maxLength: 40 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        async (rows, cuts) => {
          const options = { local: ['EX1', 'EX4'], top: 100, period: 'month' as const };
          const one = await spendFlow({
            spend: { name: 'all.csv', text: `${HEADER}\n${rows.join('\n')}\n` },
            suppliers: REGISTER,
            options,
          });
          const at = [...new Set(cuts.map((c) => c % (rows.length + 1)))].sort((a, b) => a - b);
          const parts: string[][] = [];
          let from = 0;
          for (const c of [...at, rows.length]) {
            parts.push(rows.slice(from, c));
            from = c;
          }
          const many = await spendFlow({
            spend: parts.map((p, i) => ({ name: `part-${i}.csv`, text: `${HEADER}\n${p.join('\n')}\n` })),
            suppliers: REGISTER,
            options,
          });
          if (!one.ok || !many.ok) throw new Error('flow failed');
          expect(figures(many.document)).toEqual(figures(one.document));
          // the rows issues are the same, each in its own part
          expect(many.issues.filter((i) => (i.line ?? 0) > 1).length).toBe(
            one.issues.filter((i) => (i.line ?? 0) > 1).length,
          );
        },
      ),
      { seed: 42, numRuns: 60 },
    );
  });
});
