import { type CsvSource, type ReadRecordsOptions, RecordStream } from '../source/source';
import type { CsvRecord } from '../tokenizer/tokenizer';

/**
 * A source's header record (the first record that is not blank, as the table reader finds it)
 * and a source that reads the whole input again from its first byte.
 *
 * @example
 * ```ts
 * const { header, source } = await peekHeader(readFileSource('spend.csv'));
 * header?.fields; // ['Body', 'Name of Body', 'Date', …]
 * ```
 */
export interface PeekedHeader {
  /** The header record, or `undefined` when the input has no non-blank record. */
  header: CsvRecord | undefined;
  /** The same input from the start (the chunks read to find the header are replayed). */
  source: CsvSource;
}

function blank(fields: readonly string[]): boolean {
  return fields.every((f) => f.replace(/[\s\u00a0\ufeff\u2000-\u200b\u3000]/g, '') === '');
}

async function firstRecord(source: CsvSource, options: ReadRecordsOptions): Promise<CsvRecord | undefined> {
  for await (const batch of new RecordStream(source, options)) {
    for (const rec of batch) if (rec.error !== undefined || !blank(rec.fields)) return rec;
  }
  return undefined;
}

type Step = IteratorResult<string | Uint8Array | unknown>;
interface ChunkIterator {
  next(): Promise<Step>;
  close(): Promise<void>;
}

function iteratorOf(source: object): ChunkIterator {
  const s = source as Record<PropertyKey, unknown>;
  if (typeof s.getReader === 'function') {
    const reader = (source as ReadableStream<Uint8Array | string>).getReader();
    return {
      next: () => reader.read() as Promise<Step>,
      close: async () => {
        await reader.cancel().catch(() => undefined);
        reader.releaseLock();
      },
    };
  }
  if (typeof s[Symbol.asyncIterator] === 'function') {
    const it = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    return {
      next: () => it.next(),
      close: async () => {
        await it.return?.();
      },
    };
  }
  const it = (source as Iterable<unknown>)[Symbol.iterator]();
  return {
    next: async () => it.next(),
    close: async () => {
      it.return?.();
    },
  };
}

/**
 * Reads a CSV source's header row without losing it: bytes and strings are simply read twice;
 * streams are read only as far as the header's end, and the chunks read are replayed in front
 * of the rest, so a big file is still read once and memory holds only the first chunk or two.
 * A source that fails while the header is read fails again, at the same place, when the
 * returned source is read (so the table reader reports it as `read_failed`).
 *
 * @example
 * ```ts
 * const { header, source } = await peekHeader('Date,Amount\n2024-04-02,10\n');
 * header?.fields; // ['Date', 'Amount']
 * for await (const row of readTable(source, table)) …; // reads the header and rows again
 * ```
 */
export async function peekHeader(source: CsvSource, options: ReadRecordsOptions = {}): Promise<PeekedHeader> {
  if (typeof source === 'string' || source instanceof Uint8Array || source instanceof ArrayBuffer) {
    return { header: await firstRecord(source, options), source };
  }
  // Let RecordStream reject what is not a source, with its own message.
  if (source === null || typeof source !== 'object') return { header: undefined, source };
  const it = iteratorOf(source);
  const buffered: unknown[] = [];
  let done = false;
  let failed = false;
  let error: unknown;
  const tee: AsyncIterable<string | Uint8Array> = {
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        try {
          const r = await it.next();
          if (r.done) done = true;
          else buffered.push(r.value);
          return r as IteratorResult<string | Uint8Array>;
        } catch (e) {
          failed = true;
          error = e;
          throw e;
        }
      },
    }),
  };
  const header = await firstRecord(tee, options);
  async function* replay(): AsyncGenerator<string | Uint8Array, void, undefined> {
    let finished = done || failed;
    try {
      while (buffered.length) yield buffered.shift() as string | Uint8Array;
      if (failed) throw error;
      while (!finished) {
        const r = await it.next();
        if (r.done) {
          finished = true;
          return;
        }
        yield r.value as string | Uint8Array;
      }
    } finally {
      if (!finished) await it.close();
    }
  }
  return { header, source: replay() };
}
