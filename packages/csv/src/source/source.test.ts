import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsvRecord } from '../tokenizer/tokenizer';
import { type CsvSource, parseCsv, readRecords } from './source';
import { Utf8Decoder } from './utf8';

async function all(source: CsvSource, encoding = 'utf-8'): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const batch of readRecords(source, { encoding })) for (const r of batch) out.push(r);
  return out;
}

const enc = (s: string) => new TextEncoder().encode(s);
const view = (rs: CsvRecord[]) => rs.map((r) => [r.line, r.fields, r.error?.code]);

describe('readRecords sources', () => {
  const text = 'measure,quantity\r\nNT1,"£1,234.50"\r\n';
  const expected = [
    [1, ['measure', 'quantity'], undefined],
    [2, ['NT1', '£1,234.50'], undefined],
  ];

  it('reads a string, bytes, an ArrayBuffer, string and byte iterables, async iterables and web streams alike', async () => {
    const bytes = enc(text);
    async function* asyncChunks() {
      yield bytes.subarray(0, 25); // splits the two-byte £
      yield bytes.subarray(25);
    }
    const sources: CsvSource[] = [
      text,
      bytes,
      bytes.buffer.slice(0),
      ['measure,quan', 'tity\r', '\nNT1,"£1,2', '34.50"\r\n'],
      [bytes],
      asyncChunks(),
      new Blob([bytes]).stream(),
      new ReadableStream<string>({
        start(c) {
          c.enqueue(text.slice(0, 10));
          c.enqueue(text.slice(10));
          c.close();
        },
      }),
    ];
    for (const s of sources) expect(view(await all(s))).toEqual(expected);
  });

  it('strips a UTF-8 BOM from bytes', async () => {
    expect(view(await all(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('a,b\n')])))).toEqual([
      [1, ['a', 'b'], undefined],
    ]);
  });

  it('with encoding utf-8, turns invalid UTF-8 into an issue on the row that holds it, naming the byte offset and line', async () => {
    const bytes = new Uint8Array([...enc('a,b\n1,2\nx'), 0xff, ...enc(',y\n3,4\n')]);
    const rs = await all(bytes);
    expect(view(rs)).toEqual([
      [1, ['a', 'b'], undefined],
      [2, ['1', '2'], undefined],
      [3, ['x\uFFFD', 'y'], 'invalid_utf8'],
      [4, ['3', '4'], undefined],
    ]);
    expect(rs[2]!.error!.message).toContain('at byte 9');
    expect(rs[2]!.error!.message).toContain('(line 3)');
    expect(rs[2]!.error!.message).toContain('--encoding');
  });

  it('flags a multi-byte character cut off at the end of the file', async () => {
    const rs = await all(new Uint8Array([...enc('a\n€'), 0xe2, 0x82]));
    expect(rs[1]).toMatchObject({ line: 2, error: { code: 'invalid_utf8' } });
    expect(rs[1]!.error!.message).toContain('byte 5');
  });

  it('reads windows-1252 bytes when told to, and by itself with a note (£ is 0xA3 there, invalid as UTF-8)', async () => {
    const bytes = new Uint8Array([...enc('a,b\n'), 0xa3, ...enc('5,x\n')]);
    expect(view(await all(bytes))[1]![2]).toBe('invalid_utf8');
    const out: CsvRecord[] = [];
    for await (const b of readRecords(bytes, { encoding: 'windows-1252' })) for (const r of b) out.push(r);
    expect(view(out)).toEqual([
      [1, ['a', 'b'], undefined],
      [2, ['£5', 'x'], undefined],
    ]);
    const stream = readRecords(bytes);
    const auto: CsvRecord[] = [];
    for await (const b of stream) for (const r of b) auto.push(r);
    expect(view(auto)).toEqual(view(out));
    expect(stream.encodingNote).toMatchObject({ encoding: 'windows-1252', byteOffset: 4, line: 2 });
    expect(() => readRecords('x', { encoding: 'klingon' })).toThrow(/unknown text encoding/);
  });

  it('rejects sources of the wrong type as programmer errors', () => {
    expect(() => readRecords(42 as unknown as CsvSource)).toThrow(/cannot read CSV/);
  });

  it('turns a failing source into sourceError, not an exception', async () => {
    async function* failing() {
      yield 'a,b\n';
      throw new Error('disk gone');
    }
    const stream = readRecords(failing());
    const got: CsvRecord[] = [];
    for await (const b of stream) got.push(...b);
    expect(view(got)).toEqual([[1, ['a', 'b'], undefined]]);
    expect((stream.sourceError as Error).message).toBe('disk gone');
  });

  it('parseCsv reads a string synchronously', () => {
    expect(parseCsv('a\n\nb').records.map((r) => r.fields)).toEqual([['a'], ['b']]);
  });
});

describe('Utf8Decoder', () => {
  it('matches TextDecoder on arbitrary bytes cut anywhere, reporting each replacement (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.array(fc.nat(), { maxLength: 6 }), (bytes, cuts) => {
        const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const d = new Utf8Decoder();
        const bad: number[] = [];
        let text = '';
        const sink = { text: (s: string) => (text += s), invalid: (o: number) => bad.push(o) };
        let prev = 0;
        for (const c of [...at, bytes.length]) {
          d.decode(bytes.subarray(prev, c), sink);
          prev = c;
        }
        d.end(sink);
        const reference = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
        expect(text).toBe(reference);
        // offsets are increasing and point at bytes that are not plain ASCII
        for (let k = 0; k < bad.length; k++) {
          expect(bytes[bad[k]!]! >= 0x80).toBe(true);
          if (k) expect(bad[k]!).toBeGreaterThan(bad[k - 1]!);
        }
        const replacements = [...text].filter((ch) => ch === '\uFFFD').length;
        expect(bad.length).toBe(replacements - countLiteralFFFD(bytes));
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

/** U+FFFD written in the input itself (EF BF BD), which is valid UTF-8. */
function countLiteralFFFD(b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i + 2 < b.length; i++) if (b[i] === 0xef && b[i + 1] === 0xbf && b[i + 2] === 0xbd) n++;
  return n;
}
