import { CommonwealError } from '@commonweal/core/issues';
import { dec } from '@commonweal/core/money';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashInputs, sha256, sha256Hex } from './sha256';

async function webCryptoHex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('sha256Hex: FIPS 180-2 test vectors', () => {
  it('"abc" (Appendix B.1)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('the empty message', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('the 448-bit message "abcdbcde…nopq" (Appendix B.2: two blocks after padding)', () => {
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('one million "a" (Appendix B.3)', () => {
    expect(sha256Hex('a'.repeat(1_000_000))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('hashes strings as UTF-8 (the same bytes as TextEncoder gives)', () => {
    const text = 'Social value £1,234.50 — 😀';
    expect(sha256Hex(text)).toBe(sha256Hex(new TextEncoder().encode(text)));
    expect(sha256(new TextEncoder().encode('abc'))).toHaveLength(32);
  });

  it('property: agrees with WebCrypto SHA-256 at every length around the block boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 300 }), async (bytes) => {
        const expected = await webCryptoHex(bytes);
        expect(sha256Hex(bytes)).toBe(expected);
      }),
      { seed: 42, numRuns: 200 },
    );
    for (const n of [55, 56, 63, 64, 65, 119, 120, 128]) {
      const bytes = new Uint8Array(n).fill(0x61);
      const expected = await webCryptoHex(bytes);
      expect(sha256Hex(bytes)).toBe(expected);
    }
  });
});

describe('hashInputs', () => {
  it('hashes the canonical JSON of the array of parts', () => {
    expect(hashInputs('a', 'b')).toBe(sha256Hex('["a","b"]'));
    expect(hashInputs({ b: dec('1.50'), a: 1 })).toBe(sha256Hex('[{"a":1,"b":"1.5"}]'));
  });

  it('ignores key order and decimal notation, but not part order or a file text byte', () => {
    expect(hashInputs({ a: 1, b: dec('2.0') })).toBe(hashInputs({ b: dec('2'), a: 1 }));
    expect(hashInputs('x', 'y')).not.toBe(hashInputs('y', 'x'));
    expect(hashInputs('{"a": 1.50}')).not.toBe(hashInputs('{"a": 1.5}'));
  });

  it('refuses what canonical JSON refuses', () => {
    expect(() => hashInputs({ rate: Number.NaN })).toThrow(CommonwealError);
  });
});
