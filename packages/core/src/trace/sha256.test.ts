import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommonwealError } from '../issues/issues';
import { createPureSha256, createSha256, sha256, sha256Hex } from './sha256';

const nodeHex = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const enc = new TextEncoder();

/** Cuts `length` items at the given points (sorted, deduplicated, inside the range). */
function cuts(length: number, points: number[]): [number, number][] {
  const at = [...new Set(points.map((p) => p % (length + 1)))].sort((a, b) => a - b);
  const out: [number, number][] = [];
  let from = 0;
  for (const p of [...at, length]) {
    out.push([from, p]);
    from = p;
  }
  return out;
}

describe('createSha256: FIPS 180-2 vectors, fed in pieces', () => {
  it('"abc" a byte at a time (Appendix B.1)', () => {
    const h = createSha256();
    for (const c of 'abc') h.update(enc.encode(c));
    expect(h.digestHex()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('the empty message, with and without empty updates', () => {
    expect(createSha256().digestHex()).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(createSha256().update('').update(new Uint8Array(0)).digestHex()).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('the 448-bit message in two strings across its padding (Appendix B.2)', () => {
    const m = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq';
    expect(createSha256().update(m.slice(0, 30)).update(m.slice(30)).digestHex()).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('one million "a" in 1,000 chunks of 1,000 (Appendix B.3)', () => {
    const h = createSha256();
    const chunk = 'a'.repeat(1000);
    for (let i = 0; i < 1000; i++) h.update(chunk);
    expect(h.digestHex()).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('gives the 32 bytes of the digest, once', () => {
    const h = createSha256().update('abc');
    expect(h.digest()).toEqual(sha256(enc.encode('abc')));
    expect(() => h.digestHex()).toThrow(CommonwealError);
    expect(() => h.update('d')).toThrow(CommonwealError);
  });

  it('joins a surrogate pair split between string chunks; a lone one is U+FFFD, as TextEncoder', () => {
    const smile = '😀'; // \ud83d\ude00
    expect(createSha256().update(`£${smile[0]}`).update(`${smile[1]}!`).digestHex()).toBe(
      nodeHex(enc.encode(`£${smile}!`)),
    );
    expect(createSha256().update('a\ud83d').digestHex()).toBe(sha256Hex('a\ud83d'));
    expect(createSha256().update('a\ud83d').update(enc.encode('b')).digestHex()).toBe(
      nodeHex(enc.encode('a\ufffdb')),
    );
  });
});

describe('createSha256: properties', () => {
  it('any chunking of bytes gives the digest of the whole (and node:crypto’s)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 700 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (bytes, points) => {
          const h = createSha256();
          for (const [a, b] of cuts(bytes.length, points)) h.update(bytes.subarray(a, b));
          const hex = h.digestHex();
          expect(hex).toBe(sha256Hex(bytes));
          expect(hex).toBe(nodeHex(bytes));
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });

  it('any chunking of a string, mixed with bytes, gives the digest of its UTF-8', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.array(fc.boolean(), { maxLength: 9 }),
        (text, points, asBytes) => {
          const h = createSha256();
          cuts(text.length, points).forEach(([a, b], i) => {
            const piece = text.slice(a, b);
            // bytes only where the piece is whole code points, as a streaming decoder gives them
            const whole = !/[\ud800-\udbff]$|^[\udc00-\udfff]/.test(piece);
            h.update(asBytes[i] && whole ? enc.encode(piece) : piece);
          });
          expect(h.digestHex()).toBe(nodeHex(enc.encode(text)));
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });
});

describe('createPureSha256: the plain TypeScript hash, where the runtime has no built-in one', () => {
  it('gives the FIPS 180-2 digests ("abc", the 448-bit message, a million "a"s in pieces)', () => {
    expect(createPureSha256().update('abc').digestHex()).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(
      createPureSha256().update('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq').digestHex(),
    ).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    const h = createPureSha256();
    for (let i = 0; i < 1000; i++) h.update('a'.repeat(1000));
    expect(h.digestHex()).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('property: the same digest as the built-in one for any pieces (split surrogate pairs, lone ones, bytes)', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 90 }),
      fc.constantFrom('\ud83d', '\ude00', '£', ''),
      fc.uint8Array({ maxLength: 130 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const a = createPureSha256();
        const b = createSha256();
        for (const p of pieces) {
          a.update(p);
          b.update(p);
        }
        expect(b.digestHex()).toBe(a.digestHex());
      }),
      { seed: 5, numRuns: 300 },
    );
  });
});
