import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dec } from '@commonweal/core/money';
import { describe, expect, it } from 'vitest';
import {
  readEntriesCsvFile,
  readEntriesFile,
  readFileSource,
  readMeasuresFile,
  writeCsvFile,
  writeCsvRecordsFile,
} from './index';

const dir = mkdtempSync(join(tmpdir(), 'commonweal-csv-'));

describe('@commonweal/csv/node', () => {
  it('reads a file in small chunks with exact lines and file names on issues', async () => {
    const path = join(dir, 'entries.csv');
    const rows = ['measure,quantity,year'];
    for (let k = 0; k < 2000; k++) rows.push(k === 1500 ? 'NT1,"1,5",2025' : `NT${k % 7},"${k}.5",2025`);
    writeFileSync(path, `\uFEFF${rows.join('\r\n')}\r\n`);
    let chunks = 0;
    for await (const c of readFileSource(path, { highWaterMark: 7 })) {
      expect(c).toBeInstanceOf(Uint8Array);
      chunks++;
    }
    expect(chunks).toBeGreaterThan(1000);
    const r = await readEntriesCsvFile(path);
    expect(r.counts).toEqual({ read: 2000, accepted: 1999, rejected: 1, blank: 0 });
    expect(r.issues.map((i) => [i.file, i.line, i.field, i.code])).toEqual([
      [path, 1502, 'quantity', 'misplaced_thousands_separator'],
    ]);
    const reader = readEntriesFile(path);
    let last = 0;
    for await (const row of reader) last = row.line;
    expect(last).toBe(2001);
  });

  it('answers a missing file with a read_failed issue', async () => {
    const r = await readEntriesCsvFile(join(dir, 'nope.csv'));
    expect(r.issues.map((i) => i.code)).toEqual(['read_failed']);
    expect(r.counts.read).toBe(0);
  });

  it('writes CSV files that read back', async () => {
    const path = join(dir, 'out.csv');
    await writeCsvFile(
      path,
      [
        { measure: 'NT1', quantity: dec('-12.5'), note: '=1+1' },
        { measure: 'NT2', quantity: dec('3'), note: 'a,b' },
      ],
      ['measure', 'quantity', 'note'],
      { newline: '\r\n' },
    );
    expect(readFileSync(path, 'utf8')).toBe('measure,quantity,note\r\nNT1,-12.5,"\'=1+1"\r\nNT2,3,"a,b"\r\n');
    const path2 = join(dir, 'measures.csv');
    await writeCsvRecordsFile(path2, [
      [
        'code',
        'title',
        'theme',
        'outcome',
        'unit',
        'proxy_value',
        'price_year',
        'currency',
        'counting_rule',
        'source',
        'licence',
      ],
      ['A', 'a', 'Jobs', '', 'FTE', dec('10'), 2023, 'GBP', 'perYear', 'Test', 'CC-BY-4.0'],
    ]);
    const fw = await readMeasuresFile(path2, { id: 'x' });
    expect(fw.ok && fw.value.measures[0]!.proxy!.value.toString()).toBe('10');
  });

  it('writes large outputs with backpressure', async () => {
    const path = join(dir, 'big.csv');
    const rows = Array.from({ length: 50_000 }, (_, k) => ({ k, v: dec(k).dividedBy(8) }));
    await writeCsvFile(path, rows, ['k', 'v']);
    const text = readFileSync(path, 'utf8');
    expect(text.split('\n').length).toBe(50_002);
    expect(text.endsWith('49999,6249.875\n')).toBe(true);
  });
});
