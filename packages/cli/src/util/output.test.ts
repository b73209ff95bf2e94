import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CliIO } from './io';
import { openOutput } from './output';

function memoryIO(cwd: string): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    cwd,
    isTTY: false,
    stdout(t: string) {
      io.out += t;
    },
    stderr(t: string) {
      io.err += t;
    },
  };
  return io;
}

describe('openOutput', () => {
  it('writes a file as the pieces joined, a surrogate pair cut between pieces and a piece past the buffer included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'commonweal-output-'));
    const io = memoryIO(dir);
    const pieces = ['line,measure\n', 'a £ ', '\ud83d', '\ude00 b\n', 'x'.repeat(3 << 20), '€\n', '\ud83d'];
    const sink = openOutput(io, 'out/lines.csv', false);
    for (const p of pieces) sink.write(p);
    sink.end();
    const bytes = readFileSync(join(dir, 'out/lines.csv'));
    expect(bytes.equals(Buffer.from(pieces.join(''), 'utf8'))).toBe(true);
    expect(bytes.subarray(13, 25).toString('utf8')).toBe('a £ 😀 b\n');
    expect(readFileSync(join(dir, 'out/lines.csv')).subarray(-3)).toEqual(Buffer.from([0xef, 0xbf, 0xbd]));
    expect(io.err).toBe(`wrote ${join(dir, 'out/lines.csv')}\n`);
  });

  it('property: any pieces give the bytes of their joined text, to a file and to stdout as text or bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'commonweal-output-'));
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('\ud83d', '\ude00', '£', ''),
      fc.integer({ min: 1, max: 400_000 }).map((n) => 'é'.repeat(n)),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const io = memoryIO(dir);
        const chunks: Buffer[] = [];
        const bytesIO = { ...memoryIO(dir), stdoutBytes: (b: Uint8Array) => chunks.push(Buffer.from(b)) };
        const sinks = [
          openOutput(io, 'p.txt', true),
          openOutput(io, '-', true),
          openOutput(bytesIO, '-', true),
        ];
        for (const p of pieces) for (const sink of sinks) sink.write(p);
        for (const sink of sinks) sink.end();
        const joined = pieces.join('');
        expect(readFileSync(join(dir, 'p.txt')).equals(Buffer.from(joined, 'utf8'))).toBe(true);
        expect(io.out).toBe(joined);
        expect(Buffer.concat(chunks).equals(Buffer.from(joined, 'utf8'))).toBe(true);
        expect(bytesIO.out).toBe('');
      }),
      { seed: 5, numRuns: 60 },
    );
  });
});
