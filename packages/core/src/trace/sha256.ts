// A synchronous SHA-256 (FIPS 180-4) in plain TypeScript: core stays isomorphic (no node:crypto
// import) and hashes can be taken without async WebCrypto. Where the runtime has a built-in one
// (Node's, found at run time), the same digest comes from it, several times faster on big inputs.
import { CommonwealError } from '../issues/issues';

// FIPS 180-4 §4.2.2: first 32 bits of the fractional parts of the cube roots of the first 64 primes.
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

// FIPS 180-4 §5.3.3: initial hash value.
const H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

function compress(H: Uint32Array, W: Uint32Array, data: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    W[i] = (data[j]! << 24) | (data[j + 1]! << 16) | (data[j + 2]! << 8) | data[j + 3]!;
  }
  for (let i = 16; i < 64; i++) {
    const w15 = W[i - 15]!;
    const w2 = W[i - 2]!;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
  }
  let a = H[0]!;
  let b = H[1]!;
  let c = H[2]!;
  let d = H[3]!;
  let e = H[4]!;
  let f = H[5]!;
  let g = H[6]!;
  let h = H[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + S1 + ch + K[i]! + W[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  H[0] = H[0]! + a;
  H[1] = H[1]! + b;
  H[2] = H[2]! + c;
  H[3] = H[3]! + d;
  H[4] = H[4]! + e;
  H[5] = H[5]! + f;
  H[6] = H[6]! + g;
  H[7] = H[7]! + h;
}

/**
 * An incremental SHA-256: feed the input in chunks of any size with `update`, then read the
 * digest once. The digest is that of the chunks joined (strings as their UTF-8 bytes, a
 * surrogate pair split between two string chunks joined again), so a file can be hashed while it
 * streams past without being held.
 *
 * @example
 * ```ts
 * const h = createSha256();
 * h.update('ab');
 * h.update(new TextEncoder().encode('c'));
 * h.digestHex(); // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 * ```
 */
export interface Sha256 {
  /** Adds bytes, or a string as its UTF-8 bytes; returns the hash for chaining. */
  update(input: Uint8Array | string): Sha256;
  /** The digest of everything added (32 bytes). The hash cannot be updated afterwards. */
  digest(): Uint8Array;
  /** The digest as 64 lowercase hex digits. */
  digestHex(): string;
}

const encoder = new TextEncoder();

/**
 * Creates an incremental {@link Sha256}: the same digest as {@link sha256} of the whole input.
 *
 * @example
 * ```ts
 * const h = createSha256();
 * for (const chunk of ['a', 'b', 'c']) h.update(chunk);
 * h.digestHex(); // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 * ```
 */
export function createSha256(): Sha256 {
  const native = nativeSha256?.();
  return native ? wrapNative(native) : createPureSha256();
}

/** What the runtime's own SHA-256 offers (Node's `crypto.createHash('sha256')`). */
interface NativeHash {
  update(data: Uint8Array | string): unknown;
  digest(): Uint8Array;
}

// `process.getBuiltinModule` (Node ≥ 20.16) needs no import, so browsers and bundlers never see one
const nativeSha256: (() => NativeHash) | undefined = (() => {
  const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const crypto = p?.getBuiltinModule?.('crypto') as { createHash?: (a: string) => NativeHash } | undefined;
  const create = crypto?.createHash;
  return typeof create === 'function' ? () => create('sha256') : undefined;
})();

function wrapNative(native: NativeHash): Sha256 {
  // UTF-8, a lone surrogate as U+FFFD: the bytes TextEncoder gives
  return incremental(
    (input) => native.update(input),
    () => new Uint8Array(native.digest()),
  );
}

/**
 * A {@link Sha256} over a byte sink: strings go in whole code points (a high surrogate ending
 * one string waits for the low one that may start the next), and nothing goes in after the digest.
 */
function incremental(add: (input: Uint8Array | string) => void, finish: () => Uint8Array): Sha256 {
  let pendingHigh = '';
  let done = false;
  const flushPending = (): void => {
    if (pendingHigh) add(pendingHigh); // a lone surrogate: U+FFFD, as TextEncoder
    pendingHigh = '';
  };
  const hash: Sha256 = {
    update(input) {
      if (done) throw new CommonwealError('sha256_finished', 'this SHA-256 was already digested');
      if (typeof input === 'string') {
        let text = pendingHigh ? pendingHigh + input : input;
        pendingHigh = '';
        const last = text.charCodeAt(text.length - 1);
        if (last >= 0xd800 && last <= 0xdbff) {
          pendingHigh = text.slice(-1);
          text = text.slice(0, -1);
        }
        if (text) add(text);
      } else {
        flushPending();
        add(input);
      }
      return hash;
    },
    digest() {
      if (done) throw new CommonwealError('sha256_finished', 'this SHA-256 was already digested');
      flushPending();
      done = true;
      return finish();
    },
    digestHex() {
      return toHex(hash.digest());
    },
  };
  return hash;
}

/**
 * The plain TypeScript {@link Sha256}, whatever the runtime has: what {@link createSha256} gives
 * where there is no built-in one. Internal (exported for its tests).
 *
 * @example
 * ```ts
 * createPureSha256().update('abc').digestHex(); // 'ba7816bf…'
 * ```
 */
export function createPureSha256(): Sha256 {
  const H = new Uint32Array(H0);
  const W = new Uint32Array(64);
  const block = new Uint8Array(64);
  let filled = 0;
  let length = 0;
  const addBytes = (bytes: Uint8Array): void => {
    const n = bytes.length;
    length += n;
    let off = 0;
    if (filled > 0) {
      const take = Math.min(64 - filled, n);
      block.set(bytes.subarray(0, take), filled);
      filled += take;
      off = take;
      if (filled < 64) return;
      compress(H, W, block, 0);
      filled = 0;
    }
    for (; off + 64 <= n; off += 64) compress(H, W, bytes, off);
    if (off < n) {
      block.set(bytes.subarray(off), 0);
      filled = n - off;
    }
  };
  return incremental(
    (input) => addBytes(typeof input === 'string' ? encoder.encode(input) : input),
    () => {
      // Padding: 0x80, zeros, then the message length in bits as a 64-bit big-endian integer.
      const tail = new Uint8Array(filled < 56 ? 64 : 128);
      tail.set(block.subarray(0, filled));
      tail[filled] = 0x80;
      const bits = length * 8;
      const view = new DataView(tail.buffer);
      view.setUint32(tail.length - 8, Math.floor(bits / 0x100000000));
      view.setUint32(tail.length - 4, bits >>> 0);
      for (let off = 0; off < tail.length; off += 64) compress(H, W, tail, off);
      const out = new Uint8Array(32);
      const outView = new DataView(out.buffer);
      for (let i = 0; i < 8; i++) outView.setUint32(i * 4, H[i]!);
      return out;
    },
  );
}

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/**
 * SHA-256 (FIPS 180-4) of bytes, in pure TypeScript: synchronous, isomorphic, no `node:crypto`
 * or WebCrypto.
 *
 * @example
 * ```ts
 * sha256(new TextEncoder().encode('abc')).length; // 32
 * ```
 */
export function sha256(bytes: Uint8Array): Uint8Array {
  return createSha256().update(bytes).digest();
}

/**
 * SHA-256 as 64 lowercase hex digits. A string is hashed as its UTF-8 bytes (a lone surrogate,
 * which UTF-8 cannot carry, is encoded as U+FFFD, as `TextEncoder` does).
 *
 * @example
 * ```ts
 * sha256Hex('abc'); // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 * ```
 */
export function sha256Hex(input: string | Uint8Array): string {
  return toHex(sha256(typeof input === 'string' ? encoder.encode(input) : input));
}
