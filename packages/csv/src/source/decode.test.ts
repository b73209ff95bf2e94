import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteDecoder, decodeBytes, encodingName, type TextSink } from './decode';

const enc = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (string | number[])[]) => {
  const out: number[] = [];
  for (const p of parts) for (const b of typeof p === 'string' ? enc(p) : p) out.push(b);
  return new Uint8Array(out);
};
/** Windows-1252 bytes of text made of Latin-1 letters and the 0x80–0x9F punctuation used here. */
const CP = new Map<string, number>([
  ['€', 0x80],
  ['‘', 0x91],
  ['’', 0x92],
  ['“', 0x93],
  ['”', 0x94],
  ['–', 0x96],
  ['—', 0x97],
]);
const cp1252 = (s: string) =>
  new Uint8Array([...s].map((c) => CP.get(c) ?? c.charCodeAt(0)).filter((c) => c < 256));

function utf16(s: string, be: boolean, bom: boolean): Uint8Array {
  const out: number[] = bom ? (be ? [0xfe, 0xff] : [0xff, 0xfe]) : [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (be) out.push(c >> 8, c & 0xff);
    else out.push(c & 0xff, c >> 8);
  }
  return new Uint8Array(out);
}

/** Decodes in the given pieces, recording text, problems and notes in order. */
function run(input: Uint8Array, encoding = 'auto', cuts: number[] = []) {
  const d = new ByteDecoder(encoding);
  let text = '';
  const invalid: number[] = [];
  const messages: string[] = [];
  const notes: string[] = [];
  const sink: TextSink = {
    text: (s) => {
      text += s;
    },
    invalid: (o, m) => {
      invalid.push(o);
      messages.push(m);
    },
    inferred: (n) => notes.push(`${n.encoding}@${n.byteOffset}`),
  };
  let prev = 0;
  for (const c of [...new Set(cuts.map((c) => c % (input.length + 1)))].sort((a, b) => a - b)) {
    d.decode(input.subarray(prev, c), sink);
    prev = c;
  }
  d.decode(input.subarray(prev), sink);
  d.end(sink);
  return { text, invalid, messages, notes, encoding: d.encoding };
}

describe('ByteDecoder (auto)', () => {
  it('reads UTF-8 as is, keeping a BOM for the reader to drop, with no note', () => {
    expect(run(enc('£5, café'))).toMatchObject({
      text: '£5, café',
      invalid: [],
      notes: [],
      encoding: 'utf-8',
    });
    expect(run(bytes([0xef, 0xbb, 0xbf], 'a£')).text).toBe('\uFEFFa£');
  });

  it('reads a Windows-1252 file (Excel "CSV" with £, é and smart quotes) with a note at the first non-UTF-8 byte', () => {
    const r = run(cp1252('name,amount\n“Café Ltd”,£5 – ok\n'));
    expect(r).toMatchObject({
      text: 'name,amount\n“Café Ltd”,£5 – ok\n',
      invalid: [],
      notes: ['windows-1252@12'],
      encoding: 'windows-1252',
    });
  });

  it('reads UTF-16 LE and BE with a BOM, and without one when every other byte is zero (with a note)', () => {
    expect(run(utf16('a,£\n', false, true))).toMatchObject({
      text: 'a,£\n',
      notes: [],
      encoding: 'utf-16le',
    });
    expect(run(utf16('a,£\n', true, true))).toMatchObject({ text: 'a,£\n', notes: [], encoding: 'utf-16be' });
    expect(run(utf16('ab,£\n', false, false))).toMatchObject({ text: 'ab,£\n', notes: ['utf-16le@0'] });
    expect(run(utf16('ab,£\n', true, false))).toMatchObject({ text: 'ab,£\n', notes: ['utf-16be@0'] });
    expect(run(utf16('a😀b', false, true)).text).toBe('a😀b');
  });

  it('reports an unpaired surrogate and a cut-off last byte in UTF-16', () => {
    const r = run(new Uint8Array([0xff, 0xfe, 0x61, 0, 0x00, 0xd8, 0x62, 0, 0x63]));
    expect(r.invalid).toEqual([4, 8]);
    expect(r.text).toBe('a\uFFFDb\uFFFD');
  });

  it('refuses bytes that are neither UTF-8 nor Windows-1252, naming the byte and the flag', () => {
    const r = run(bytes('a,b\n', [0x81], 'x\n'));
    expect(r.notes).toEqual(['windows-1252@4']);
    expect(r.invalid).toEqual([4]);
    expect(r.messages[0]).toMatch(/0x81 at byte 4 is not a character in Windows-1252.*--encoding/);
  });

  it('reports bad bytes after UTF-8 text as a mixed file, not a new encoding', () => {
    const r = run(bytes('café\n', [0xa3], '5\n'));
    expect(r.notes).toEqual([]);
    expect(r.invalid).toEqual([6]);
    expect(r.messages[0]).toMatch(/0xA3 \("£" in Windows-1252\) at byte 6.*mixes encodings/);
  });

  it('gives the same text, problems and notes however the bytes are cut (property)', () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 6 }).map(enc),
      fc.constantFrom('£', 'é', '’', '“x”', '€').map((s) => cp1252(s)),
      fc.uint8Array({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 6 }), (ps, cuts) => {
        const input = bytes(...ps.map((p) => [...p]));
        for (const e of ['auto', 'utf-8', 'windows-1252', 'utf-16le']) {
          const whole = run(input, e);
          expect(run(input, e, cuts)).toEqual(whole);
          // a U+FFFD in the text is always a reported problem (or was in the input itself)
          const marks = [...whole.text].filter((c) => c === '\uFFFD').length;
          expect(whole.invalid.length).toBeLessThanOrEqual(marks);
          if (e !== 'utf-16le') expect(marks - whole.invalid.length).toBeLessThanOrEqual(literalFFFD(input));
        }
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  // not compared with TextDecoder('windows-1252'): some Node builds decode it as ISO-8859-1 (0x97 → U+0097)
  it('reads Windows-1252 text in auto mode back to the same characters (property)', () => {
    // each non-ASCII character followed by an ASCII one, as in real text: two or three of them in a
    // row can form valid UTF-8 ('é£–' is E9 A3 96, which is 飖), a case docs/data-formats.md names
    const unit = fc.oneof(
      fc.constantFrom(...'abc \n,'.split('')),
      fc
        .tuple(fc.constantFrom(...'£é’“”–—€'.split('')), fc.constantFrom(...'abc \n,'.split('')))
        .map(([a, b]) => a + b),
    );
    const latin = fc.array(unit, { maxLength: 30 }).map((u) => u.join(''));
    fc.assert(
      fc.property(latin, (s) => {
        const r = run(cp1252(s));
        expect(r.text).toBe(s);
        expect(r.invalid).toEqual([]);
      }),
      { seed: 3, numRuns: 200 },
    );
  });
});

describe('ByteDecoder (named)', () => {
  it('is strict in UTF-8, naming the likely encoding and the flag', () => {
    const r = run(bytes('a\n', [0xa3], '5'), 'utf-8');
    expect(r.invalid).toEqual([2]);
    expect(r.notes).toEqual([]);
    expect(r.messages[0]).toMatch(/looks like Windows-1252.*--encoding windows-1252/);
  });

  it('reads latin1 as Windows-1252 (as browsers do), and lets a UTF-8 BOM win with a note', () => {
    expect(encodingName('Latin1')).toBe('windows-1252');
    expect(run(cp1252('“£”'), 'latin1').text).toBe('“£”');
    const r = run(bytes([0xef, 0xbb, 0xbf], '£'), 'windows-1252');
    expect(r.text).toBe('\uFEFF£');
    expect(r.notes).toEqual(['utf-8@0']);
  });

  it('says when a file read as Windows-1252, as asked, is valid UTF-8 ("£" would read "Â£")', () => {
    const r = run(enc('a\n£5'), 'windows-1252', [3]);
    expect(r.text).toBe('a\nÂ£5');
    expect(r.notes).toEqual(['windows-1252@2']);
    expect(run(cp1252('a\n£5'), 'windows-1252').notes).toEqual([]);
    expect(run(enc('plain ascii'), 'windows-1252').notes).toEqual([]);
  });

  it('throws on an unknown label (a programmer error)', () => {
    expect(() => new ByteDecoder('klingon')).toThrow(/unknown text encoding "klingon"/);
  });
});

describe('decodeBytes', () => {
  it('locates notes and problems by line and column', () => {
    const d = decodeBytes(bytes('{\n  "a": "x', [0xa3], '",\r\n  "b": "', [0x8d], '"\n}'));
    expect(d.encoding).toBe('windows-1252');
    expect(d.notes).toMatchObject([{ line: 2, column: 10, byteOffset: 11 }]);
    expect(d.invalid).toMatchObject([{ line: 3, column: 9, byteOffset: 24 }]);
  });

  it('decodes empty and tiny inputs', () => {
    expect(decodeBytes(new Uint8Array(0))).toMatchObject({ text: '', invalid: [], notes: [] });
    expect(decodeBytes(new Uint8Array([0xa3]))).toMatchObject({ text: '£', encoding: 'windows-1252' });
  });
});

function literalFFFD(b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i + 2 < b.length; i++) if (b[i] === 0xef && b[i + 1] === 0xbf && b[i + 2] === 0xbd) n++;
  return n;
}

describe('the Windows-1252 note', () => {
  it('names the offset of the first byte that is not UTF-8 and the byte itself', () => {
    // "caf" is 225 bytes in, then 0xE9 (é in Windows-1252)
    const d = decodeBytes(bytes(`${'a'.repeat(222)}caf`, [0xe9, 0x0a]));
    expect(d.encoding).toBe('windows-1252');
    expect(d.notes[0]?.byteOffset).toBe(225);
    expect(d.notes[0]?.message).toMatch(
      /^the file is not UTF-8 \(the byte at offset 225, 0xE9, is the first that is not\) and was read as Windows-1252/,
    );
  });
});
