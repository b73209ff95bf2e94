import { createSha256 as createCoreSha256 } from '@commonweal/core/trace';
import type { CsvSource } from '@commonweal/csv';
import type { FlowText } from '../inputs/inputs';

/**
 * A streamed input of a flow: a name (put on every issue) and its bytes as chunks, read once
 * and never held whole, so a spend file of any size keeps memory flat.
 *
 * @example
 * ```ts
 * const april: FlowStream = { name: 'spend-2024-04.csv', chunks: file.stream() };
 * ```
 */
export interface FlowStream {
  name: string;
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;
}

/**
 * An input given whole ({@link FlowText}) or streamed ({@link FlowStream}).
 *
 * @example
 * ```ts
 * const inputs: FlowSource[] = [{ name: 'q1.csv', text: q1 }, { name: 'q2.csv', chunks: stream }];
 * ```
 */
export type FlowSource = FlowText | FlowStream;

/**
 * A SHA-256 fed chunk by chunk: `update` with each chunk's bytes in order, then `hex` once.
 * The command line passes one backed by `node:crypto`; a page may pass its own.
 *
 * @example
 * ```ts
 * const h = createSha256();
 * h.update(new TextEncoder().encode('abc'));
 * h.hex(); // 'ba7816bf…'
 * ```
 */
export interface Sha256Stream {
  update(bytes: Uint8Array): void;
  hex(): string;
}

/**
 * Makes a fresh {@link Sha256Stream} for each input.
 *
 * @example
 * ```ts
 * const create: CreateSha256 = () => bufferedSha256();
 * ```
 */
export type CreateSha256 = () => Sha256Stream;

/**
 * The default {@link Sha256Stream}: core's incremental SHA-256 (`createSha256` of
 * `@commonweal/core/trace`), so a streamed input is hashed as it passes and never held. (The name
 * is kept from when it held the bytes until the end.)
 *
 * @example
 * ```ts
 * const h = bufferedSha256();
 * h.update(new TextEncoder().encode('abc'));
 * h.hex(); // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 * ```
 */
export function bufferedSha256(): Sha256Stream {
  const h = createCoreSha256();
  let done: string | undefined;
  return {
    update(bytes) {
      if (done !== undefined) throw new Error('sha256: update after hex');
      h.update(bytes);
    },
    hex() {
      done ??= h.digestHex();
      return done;
    },
  };
}

/**
 * An input ready for a CSV reader, hashed as it is read: `source` gives the chunks (or the
 * text) to the reader once, and `digest()` — called after the read — is the SHA-256 of the
 * input's bytes (text as UTF-8), the same digest whichever way the input was given.
 *
 * @example
 * ```ts
 * const h = hashedSource({ name: 'a.csv', text: 'x\n' });
 * await readSpend(h.source).summary; h.digest();
 * ```
 */
export interface HashedSource {
  name: string;
  source: CsvSource;
  digest(): string;
}

const encoder = new TextEncoder();
const bytesOf = (chunk: Uint8Array | string) => (typeof chunk === 'string' ? encoder.encode(chunk) : chunk);

/**
 * Wraps a {@link FlowSource} so its bytes are hashed as the reader pulls them (see
 * {@link HashedSource}).
 *
 * @example
 * ```ts
 * const h = hashedSource({ name: 'q1.csv', chunks: stream }, bufferedSha256);
 * ```
 */
export function hashedSource(input: FlowSource, create: CreateSha256 = bufferedSha256): HashedSource {
  const hash = create();
  let hex: string | undefined;
  const digest = () => {
    hex ??= hash.hex();
    return hex;
  };
  if ('text' in input) {
    return {
      name: input.name,
      source: input.text,
      digest: () => {
        if (hex === undefined) hash.update(bytesOf(input.text));
        return digest();
      },
    };
  }
  const chunks = input.chunks;
  const source: AsyncIterable<Uint8Array | string> = {
    async *[Symbol.asyncIterator]() {
      for await (const chunk of chunks) {
        hash.update(bytesOf(chunk));
        yield chunk;
      }
    },
  };
  return { name: input.name, source, digest };
}
