// Every reader, fed text in the encodings councils' files come in: Windows-1252 (Excel's plain
// "CSV") with £, é and smart quotes, UTF-16 with a BOM, and random bytes that are not text in
// any of them, cut into arbitrary chunks. A reader never throws, never lets U+FFFD into what it
// accepts, and either decodes the text rightly (the same answer as from the UTF-8 file) or says
// where the bytes are with a located issue.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateFramework } from '@commonweal/core/framework';
import { EntrySchema } from '@commonweal/core/valuation';
import * as csv from '@commonweal/csv';
import * as json from '@commonweal/json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run } from '../../packages/cli/src/cli';
import type { CliIO } from '../../packages/cli/src/util/io';
import { runs } from './seed';

const root = fileURLToPath(new URL('../../', import.meta.url));
const example = (p: string) => readFileSync(`${root}examples/${p}`, 'utf8');

const framework = (() => {
  const r = validateFramework({
    id: 'fuzz',
    title: 'Fuzz framework',
    currency: 'GBP',
    themes: [{ id: 'jobs', title: 'Jobs' }],
    outcomes: [],
    measures: ['EX-JOB', 'EX-NEET', 'WB1', 'CO2', 'EX-LOCAL'].map((code) => ({
      code,
      title: `Measure ${code}`,
      theme: 'jobs',
      unit: 'units',
      proxy: null,
    })),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
})();

type ReadFn = (s: csv.CsvSource, o: Record<string, unknown>) => unknown;
const f = csv as unknown as Record<string, ReadFn>;

/** Every CSV reader (export, options), with a file of its shape whose text cells take any character. */
const READERS: [string, string, ReadFn, Record<string, unknown>][] = [
  ['entries', example('valuation/commitments.csv'), f.readEntriesCsv!, {}],
  ['entries (checked)', example('valuation/commitments.csv'), f.readEntriesCsv!, { framework }],
  ['entries (streamed)', example('valuation/commitments.csv'), f.readEntries!, { framework }],
  ['measures', example('valuation/measures.csv'), f.readMeasuresCsv!, {}],
  ['indicators', example('doughnut/indicators.csv'), f.readIndicatorsCsv!, {}],
  ['emissions', example('carbon/emissions.csv'), f.readEmissionsCsv!, {}],
  ['bids', example('tender/bids.csv'), f.readBidsCsv!, {}],
  [
    'price lines',
    'bid,item,quantity,unit_price,description\nB1,HOURS,52000,18.40,Home care hours\n',
    f.readPriceLinesCsv!,
    {},
  ],
  ['scores', example('tender/scores.csv'), f.readScoresCsv!, {}],
  ['gates', example('tender/gates.csv'), f.readGatesCsv!, {}],
  ['moderation', 'bid,criterion,score,reason\nB1,q1,6,Agreed at moderation\n', f.readModerationCsv!, {}],
  ['commitments', example('tender/commitments.csv'), f.readCommitmentsCsv!, { framework }],
  ['outcomes', example('tender/outcomes.csv'), f.readOutcomesCsv!, {}],
  ['spend', example('spend/spend.csv'), f.readSpend!, {}],
  ['spend analysis', example('spend/spend.csv'), f.analyseSpendCsv!, { spend: { local: [] } }],
  ['supplier register', example('spend/suppliers.csv'), f.readSupplierRegisterCsv!, {}],
  ['priority survey', example('priorities/survey.csv'), f.readPrioritySurveyCsv!, {}],
];

/** Reads a source through a reader (streaming ones too) to a plain answer. */
async function readWith(
  fn: ReadFn,
  options: Record<string, unknown>,
  source: csv.CsvSource,
  encoding = 'auto',
) {
  const out = fn(source, { file: 'fuzz.csv', ...options, encoding });
  if (out && typeof out === 'object' && 'batches' in out && typeof out.batches === 'function') {
    const r = out as { batches(): AsyncIterable<unknown[]>; summary(): unknown };
    const rows: unknown[] = [];
    for await (const batch of r.batches()) for (const row of batch) rows.push(row);
    return { rows, summary: r.summary() };
  }
  return await out;
}

/** Windows-1252 bytes for the characters used here (the rest is Latin-1). */
const HIGH: Record<string, number> = {
  '€': 0x80,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '–': 0x96,
  '—': 0x97,
};
const cp1252 = (s: string) => new Uint8Array([...s].map((c) => HIGH[c] ?? c.charCodeAt(0)));
const utf8 = (s: string) => new TextEncoder().encode(s);
function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(2 + 2 * s.length);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < s.length; i++) {
    out[2 + 2 * i] = s.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = s.charCodeAt(i) >> 8;
  }
  return out;
}

// A non-ASCII character then an ASCII one, as in real text: runs of two or three such
// characters can be valid UTF-8 (e.g. "ß£" is DF A3), the one case docs/data-formats.md names.
const ascii = fc.constantFrom(...'abcXYZ 0159.-/&'.split(''));
const latin = fc.constantFrom(...'£éèàçüöÉ’‘“”–—€½°'.split(''));
const word = fc
  .array(
    fc.oneof(
      ascii,
      fc.tuple(latin, ascii).map(([a, b]) => a + b),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((p) => p.join(''));

/** Puts words into the cells of the file's rows (after commas and at line starts). */
function sprinkle(text: string, at: readonly [number, string][]): string {
  let t = text;
  for (const [n, w] of at) {
    const spots: number[] = [];
    // after the header, so every file is read to its end (and the note always reached)
    for (let i = t.indexOf('\n'); i !== -1 && i < t.length; i++)
      if (t[i] === ',' || t[i] === '\n') spots.push(i + 1);
    if (!spots.length) break;
    const i = spots[n % spots.length]!;
    // inside quotes, so a comma or quote-free word never shifts the columns
    t = `${t.slice(0, i)}"${w}${t.slice(i).startsWith('"') ? '' : '"'}${t.slice(i).replace(/^"/, '')}`;
  }
  return t;
}

function chunks(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const c of [...at, bytes.length]) {
    out.push(bytes.subarray(prev, c));
    prev = c;
  }
  return out;
}

/** The answer without its issues (where messages and notes live) and raw records. */
function accepted(answer: unknown): string {
  return JSON.stringify(answer, (k, v) =>
    k === 'issues' || k === 'fileIssues' || k === 'record' || k === 'warnings' ? undefined : v,
  );
}

/** Issues anywhere in an answer. */
function issuesOf(answer: unknown): { code: string; line?: number; severity?: string }[] {
  const out: { code: string; line?: number; severity?: string }[] = [];
  JSON.stringify(answer, (_k, v) => {
    if (v && typeof v === 'object' && typeof v.code === 'string' && typeof v.message === 'string')
      out.push(v);
    return v;
  });
  return out;
}

const withoutNotes = (answer: unknown) =>
  JSON.parse(JSON.stringify(answer), (k, v) => {
    if (Array.isArray(v)) return v.filter((x) => !(x && x.code === 'encoding_inferred'));
    return k === 'ok' && typeof v === 'boolean' ? v : v;
  });

const hasLiteralFFFD = (b: Uint8Array) => {
  for (let i = 0; i + 2 < b.length; i++)
    if (b[i] === 0xef && b[i + 1] === 0xbf && b[i + 2] === 0xbd) return true;
  return false;
};

describe('every CSV reader decodes Windows-1252 and UTF-16 rightly, or says where it cannot', () => {
  for (const [name, seed, fn, options] of READERS) {
    it(`${name}: Windows-1252 and UTF-16 read as the UTF-8 file does (property)`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat(), word), { minLength: 1, maxLength: 4 }),
          fc.array(fc.nat(), { maxLength: 5 }),
          async (words, cuts) => {
            const text = sprinkle(seed, words);
            const reference = await readWith(fn, options, utf8(text));
            const fromCp = await readWith(fn, options, chunks(cp1252(text), cuts));
            const fromLe = await readWith(fn, options, chunks(utf16le(text), cuts));
            expect(withoutNotes(fromCp)).toEqual(withoutNotes(reference));
            expect(withoutNotes(fromLe)).toEqual(withoutNotes(reference));
            // the inference is said, with its line, whenever there was something to infer
            if (/[\u0080-\uffff]/.test(text))
              expect(issuesOf(fromCp).find((i) => i.code === 'encoding_inferred')?.line).toBeGreaterThan(0);
            expect(accepted(fromCp)).not.toContain('\uFFFD');
          },
        ),
        runs(20),
      );
    });

    it(`${name}: random bytes never throw, never reach the output as U+FFFD, and are located (property)`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 6 })), {
            minLength: 1,
            maxLength: 4,
          }),
          fc.boolean(),
          fc.constantFrom('auto', 'utf-8', 'windows-1252'),
          fc.array(fc.nat(), { maxLength: 5 }),
          async (splices, asCp, encoding, cuts) => {
            let bytes = asCp ? cp1252(seed) : utf8(seed);
            for (const [at, b] of splices) {
              const i = at % (bytes.length + 1);
              const next = new Uint8Array(bytes.length + b.length);
              next.set(bytes.subarray(0, i), 0);
              next.set(b, i);
              next.set(bytes.subarray(i), i + b.length);
              bytes = next;
            }
            const answer = await readWith(fn, options, chunks(bytes, cuts), encoding);
            if (!hasLiteralFFFD(bytes)) expect(accepted(answer)).not.toContain('\uFFFD');
            const decoded = csv.decodeBytes(bytes, encoding);
            if (decoded.invalid.length) {
              // the bytes that are not text are named on a line (or the file stopped at one)
              const located = issuesOf(answer).some((i) => i.severity !== 'warning' && i.line !== undefined);
              expect(located).toBe(true);
            } else {
              // decodable: the same answer as from the decoded text
              const text = decoded.text.replace(/^\uFEFF/, '');
              expect(withoutNotes(answer)).toEqual(withoutNotes(await readWith(fn, options, text)));
            }
          },
        ),
        runs(20),
      );
    });
  }
});

const entriesJson = JSON.stringify(
  [
    { measure: 'EX-JOB', quantity: '12.5', year: 2026, supplier: 'Northside Care', notes: 'local staff' },
    { measure: 'EX-NEET', quantity: '4', year: 2026, evidence: 'register', notes: 'first year' },
  ],
  null,
  2,
);

/** Every JSON reader, with a document of its shape whose strings take any character. */
const JSON_READERS: [string, string, (input: unknown) => { ok: boolean; issues: unknown[] }][] = [
  ['parseEntries', entriesJson, (i) => json.parseEntries(i, { file: 'fuzz.json' })],
  [
    'parseWith',
    JSON.stringify(JSON.parse(entriesJson)[0]),
    (i) => json.parseWith(EntrySchema, i, { file: 'fuzz.json' }),
  ],
  [
    'parseFramework',
    JSON.stringify(framework, null, 1),
    (i) => json.parseFramework(i, { file: 'fuzz.json' }),
  ],
  [
    'parseValuationOptions',
    '{"baseYear": 2025, "discounting": null, "currency": "GBP"}',
    (i) => json.parseValuationOptions(i, { file: 'fuzz.json' }),
  ],
  [
    'ocdsSkeleton',
    example('ocds/contracts-finder-award.json'),
    (i) => json.ocdsSkeleton(i, { file: 'fuzz.json' }),
  ],
];

/** Puts words at the start of the document's string values. */
function intoStrings(text: string, at: readonly [number, string][]): string {
  let t = text;
  for (const [n, w] of at) {
    const spots: number[] = [];
    for (let i = t.indexOf(': "'); i !== -1; i = t.indexOf(': "', i + 1)) spots.push(i + 3);
    if (!spots.length) break;
    const i = spots[n % spots.length]!;
    t = t.slice(0, i) + w.replace(/["\\]/g, '') + t.slice(i);
  }
  return t;
}

describe('every JSON reader refuses bytes that are not UTF-8 where they are, and never throws', () => {
  for (const [name, seed, read] of JSON_READERS) {
    it(`${name}: Windows-1252 bytes are an issue at their line and column; decoded by the CLI's layer they read as UTF-8 (property)`, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(), word), { minLength: 1, maxLength: 4 }), (words) => {
          const text = intoStrings(seed, words);
          const reference = read(text);
          const bytes = cp1252(text);
          const direct = read(bytes);
          if (/[\u0080-\uffff]/.test(text)) {
            expect(direct.ok).toBe(false);
            expect(direct.issues[0]).toMatchObject({ code: 'invalid_encoding', file: 'fuzz.json' });
            expect((direct.issues[0] as { line: number }).line).toBeGreaterThan(0);
          } else expect(direct).toEqual(reference);
          const decoded = csv.decodeBytes(bytes);
          expect(decoded.invalid).toEqual([]);
          expect(read(decoded.text)).toEqual(reference);
          expect(read(utf8(text))).toEqual(reference);
        }),
        runs(30),
      );
    });

    it(`${name}: random bytes never throw and never reach a value as U+FFFD (property)`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 6 })), {
            minLength: 1,
            maxLength: 4,
          }),
          (splices) => {
            let bytes = utf8(seed);
            for (const [at, b] of splices) {
              const i = at % (bytes.length + 1);
              bytes = new Uint8Array([...bytes.subarray(0, i), ...b, ...bytes.subarray(i)]);
            }
            const r = read(bytes);
            if (r.ok && !hasLiteralFFFD(bytes)) expect(accepted(r)).not.toContain('\uFFFD');
            if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
            if (csv.decodeBytes(bytes, 'utf-8').invalid.length) {
              expect(r.ok).toBe(false);
              expect(r.issues[0]).toMatchObject({ code: 'invalid_encoding' });
              expect((r.issues[0] as { line?: number }).line).toBeGreaterThan(0);
            }
          },
        ),
        runs(30),
      );
    });
  }
});

async function cli(argv: string[], stdin: Uint8Array) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    cwd: root,
    isTTY: false,
    stdin: [stdin],
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

describe('the CLI on bytes in any encoding', () => {
  const commitments = example('valuation/commitments.csv');
  const measures = `${root}examples/valuation/measures.csv`;
  it('value and validate (from -) never fail unexpectedly, never print U+FFFD, and name bad bytes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(fc.nat(), fc.oneof(word.map(cp1252), fc.uint8Array({ minLength: 1, maxLength: 4 }))),
          {
            maxLength: 4,
          },
        ),
        fc.constantFrom('auto', 'utf-8', 'windows-1252'),
        async (splices, encoding) => {
          let bytes = cp1252(commitments);
          for (const [at, b] of splices) {
            const i = at % (bytes.length + 1);
            bytes = new Uint8Array([...bytes.subarray(0, i), ...b, ...bytes.subarray(i)]);
          }
          const literal = hasLiteralFFFD(bytes);
          for (const argv of [
            ['value', '--framework', measures, '--entries', '-', '--format', 'json', '--encoding', encoding],
            ['validate', '-', '--format', 'json', '--encoding', encoding, '--input-format', 'csv'],
          ]) {
            const r = await cli(argv, bytes);
            expect([0, 1, 2]).toContain(r.code);
            expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
            if (!literal) expect(r.stdout).not.toContain('\uFFFD');
            if (csv.decodeBytes(bytes, encoding).invalid.length)
              expect(r.stdout + r.stderr).toMatch(/"?line"?[:\s]+\d+|^-:\d+/m);
          }
        },
      ),
      runs(30),
    );
  });
});
