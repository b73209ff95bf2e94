import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from './io';
import { expandPattern, isPattern, manyFiles } from './many';

function tree(files: string[]): CliIO {
  const cwd = mkdtempSync(join(tmpdir(), 'cw-many-'));
  for (const f of files) {
    mkdirSync(join(cwd, f, '..'), { recursive: true });
    writeFileSync(join(cwd, f), 'x\n');
  }
  return { cwd, stdout() {}, stderr() {}, isTTY: false };
}

describe('expandPattern', () => {
  const io = tree([
    'data/2024-10.csv',
    'data/2024-04.csv',
    'data/2024-05.csv',
    'data/2023-12.csv',
    'data/2024-06.txt',
    'data/.2024-07.csv',
    'data/old/2024-01.csv',
    'data/2024-dir.csv/inner.csv',
  ]);

  it('matches * in one folder, sorted by code point, files only, no dot files', () => {
    expect(expandPattern(io, 'data/2024-*.csv')).toEqual([
      'data/2024-04.csv',
      'data/2024-05.csv',
      'data/2024-10.csv',
    ]);
  });

  it('matches ?, […] and [!…], and ** over folders', () => {
    expect(expandPattern(io, 'data/2024-0?.csv')).toEqual(['data/2024-04.csv', 'data/2024-05.csv']);
    expect(expandPattern(io, 'data/202[3]-*.csv')).toEqual(['data/2023-12.csv']);
    expect(expandPattern(io, 'data/2024-[!0]*.csv')).toEqual(['data/2024-10.csv']);
    expect(expandPattern(io, 'data/**/2024-01.csv')).toEqual(['data/old/2024-01.csv']);
    expect(expandPattern(io, './data/*-12.csv')).toEqual(['./data/2023-12.csv']);
    expect(expandPattern(io, 'data/.*.csv')).toEqual(['data/.2024-07.csv']);
  });

  it('takes an absolute pattern and gives absolute paths', () => {
    expect(expandPattern(io, `${io.cwd}/data/2023-*.csv`)).toEqual([`${io.cwd}/data/2023-12.csv`]);
  });
});

describe('manyFiles', () => {
  const io = tree(['m/a.csv', 'm/b.csv', 'm/c.csv']);

  it('keeps the order the values are given in, each pattern sorted', () => {
    expect(manyFiles(io, ['m/c.csv', 'm/[ab].csv'], 'spend')).toEqual(['m/c.csv', 'm/a.csv', 'm/b.csv']);
    expect(manyFiles(io, 'm/a.csv', 'spend')).toEqual(['m/a.csv']);
    expect(isPattern('m/a.csv')).toBe(false);
  });

  it('refuses a pattern that matches nothing, naming it', () => {
    expect(() => manyFiles(io, ['m/2024-*.csv'], 'spend')).toThrow(
      /--spend 'm\/2024-\*\.csv' matches no file/,
    );
  });

  it('refuses a file given twice, however it is written', () => {
    expect(() => manyFiles(io, ['m/a.csv', 'm/*.csv'], 'spend')).toThrow(
      '--spend: m/a.csv is given twice; its rows would be counted twice: give it once',
    );
    expect(() => manyFiles(io, ['m/a.csv', './m/a.csv'], 'spend')).toThrow('(also as m/a.csv)');
  });
});
