import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  byteOrderMark,
  cp1252Code,
  findInvalidUtf8,
  firstInvalidUtf8,
  heldUtf8Tail,
  hexByte,
  utf8Position,
} from './encoding';

describe('Windows-1252', () => {
  it('maps 0x80–0x9F by the WHATWG table, leaves five bytes undefined, and the rest as Latin-1', () => {
    expect(cp1252Code(0x80)).toBe(0x20ac);
    expect(cp1252Code(0x93)).toBe(0x201c);
    expect(cp1252Code(0x9f)).toBe(0x0178);
    expect([0x81, 0x8d, 0x8f, 0x90, 0x9d].map(cp1252Code)).toEqual([-1, -1, -1, -1, -1]);
    expect(cp1252Code(0xa3)).toBe(0xa3);
    expect(cp1252Code(0x41)).toBe(0x41);
    // 27 defined bytes in 0x80–0x9F, each a different character above 0xFF
    const high = Array.from({ length: 32 }, (_, i) => cp1252Code(0x80 + i)).filter((c) => c !== -1);
    expect(high).toHaveLength(27);
    expect(new Set(high).size).toBe(27);
    expect(high.every((c) => c > 0xff)).toBe(true);
    expect(hexByte(0xe9)).toBe('0xE9');
    expect(hexByte(7)).toBe('0x07');
  });
});

describe('the UTF-8 scan', () => {
  it('finds the maximal subpart of a bad sequence, and not a sequence cut off at the end', () => {
    expect(findInvalidUtf8(new Uint8Array([0x61, 0xe9, 0x62]), 0)).toEqual({ at: 1, length: 1 });
    expect(findInvalidUtf8(new Uint8Array([0xe2, 0x82, 0x41]), 0)).toEqual({ at: 0, length: 2 });
    expect(findInvalidUtf8(new Uint8Array([0x61, 0xe2, 0x82]), 0)).toEqual({ at: -1, length: 0 });
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xe2, 0x82]))).toBe(1);
    expect(firstInvalidUtf8(new TextEncoder().encode('£5'))).toBe(3);
    expect(heldUtf8Tail(new Uint8Array(0), new Uint8Array([0x61, 0xe2, 0x82]))).toEqual(
      new Uint8Array([0xe2, 0x82]),
    );
  });

  it('agrees with the platform: whole input decodes exactly when no byte is invalid', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        let ok = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(b);
        } catch {
          ok = false;
        }
        const at = firstInvalidUtf8(b);
        expect(at === b.length).toBe(ok);
        if (!ok) new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, at));
      }),
    );
  });
});

describe('worked bytes', () => {
  it('reads 0xA3 as £ and 0x80 as € in Windows-1252', () => {
    expect(String.fromCharCode(cp1252Code(0xa3))).toBe('£');
    expect(String.fromCharCode(cp1252Code(0x80))).toBe('€');
    // not the platform's decoder: Node without full ICU reads 'windows-1252' as Latin-1 (0x80 → U+0080)
    expect([0x85, 0x91, 0x92, 0x96, 0x99].map((b) => String.fromCharCode(cp1252Code(b))).join('')).toBe(
      '…‘’–™',
    );
    expect(String.fromCharCode(cp1252Code(0xe9))).toBe('é');
  });

  it('tells the UTF-16 LE, UTF-16 BE and UTF-8 byte order marks, and nothing else', () => {
    expect(byteOrderMark(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toEqual({
      encoding: 'utf-16le',
      length: 2,
    });
    expect(byteOrderMark(new Uint8Array([0xfe, 0xff, 0x00, 0x41]))).toEqual({
      encoding: 'utf-16be',
      length: 2,
    });
    expect(byteOrderMark(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ encoding: 'utf-8', length: 3 });
    expect(byteOrderMark(new Uint8Array([0xef, 0xbb]))).toBeUndefined();
    expect(byteOrderMark(new Uint8Array([0xff]))).toBeUndefined();
    expect(byteOrderMark(new TextEncoder().encode('id,amount'))).toBeUndefined();
  });

  it('gives an invalid byte its offset, line and column', () => {
    // "name,amount\r\nCafé,£5\nCaf" then 0xE9 (é in Windows-1252): the £ and é before it are UTF-8
    const head = new TextEncoder().encode('name,amount\r\nCafé,£5\nCaf');
    const b = new Uint8Array([...head, 0xe9, 0x0a]);
    const at = firstInvalidUtf8(b);
    expect(at).toBe(26); // 13 + "Café," 6 + "£5\n" 4 + "Caf" 3
    expect(hexByte(b[at]!)).toBe('0xE9');
    expect(utf8Position(b, at)).toEqual({ line: 3, column: 4 });
    expect(utf8Position(b, 0)).toEqual({ line: 1, column: 1 });
    // a lone CR ends a line too (old Mac exports)
    expect(utf8Position(new TextEncoder().encode('a\rbc'), 4)).toEqual({ line: 2, column: 3 });
  });
});

describe('UTF-8 round trip (property)', () => {
  it('any string encodes in UTF-8, decodes back, and is never reported invalid', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.nat(), (s, cut) => {
        const b = new TextEncoder().encode(s);
        expect(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(b)).toBe(s);
        expect(firstInvalidUtf8(b)).toBe(b.length);
        expect(findInvalidUtf8(b, 0)).toEqual({ at: -1, length: 0 });
        // cut anywhere, the held tail is what the next chunk completes, never more than 3 bytes
        const k = cut % (b.length + 1);
        const held = heldUtf8Tail(new Uint8Array(0), b.subarray(0, k));
        expect(held.length).toBeLessThanOrEqual(3);
        expect(findInvalidUtf8(b.subarray(0, k), 0).at).toBe(-1);
        expect(
          new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, k - held.length)).length,
        ).toBeLessThanOrEqual(s.length);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
