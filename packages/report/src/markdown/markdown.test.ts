import { CommonwealError } from '@commonweal/core/issues';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mdEscape, mdHeading, mdList, mdTable } from './markdown';

/** Unescaped pipes: a pipe after an even run of backslashes. */
const pipes = (line: string) => [...line.matchAll(/(\\*)\|/g)].filter((m) => m[1]!.length % 2 === 0).length;

describe('mdEscape', () => {
  it('escapes inline markup, HTML and entities', () => {
    expect(mdEscape('*Bid* <A> [1](x) | 50% & more_')).toBe(
      '\\*Bid\\* \\<A\\> \\[1\\](x) \\| 50% \\& more\\_',
    );
    expect(mdEscape('`code` ~~x~~ ![img]')).toBe('\\`code\\` \\~\\~x\\~\\~ \\!\\[img\\]');
    expect(mdEscape('a\\b')).toBe('a\\\\b');
  });
  it('escapes block starters at the start of a line only', () => {
    expect(mdEscape('1. first')).toBe('1\\. first');
    expect(mdEscape('- item')).toBe('\\- item');
    expect(mdEscape('# title')).toBe('\\# title');
    expect(mdEscape('---')).toBe('\\---');
    expect(mdEscape('a\n+ b')).toBe('a\n\\+ b');
    expect(mdEscape('-12.5')).toBe('-12.5');
    expect(mdEscape('71.25')).toBe('71.25');
    expect(mdEscape('Lot #2')).toBe('Lot #2');
  });
});

const cellText = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom('a', '|', '\n', '\r', '\\', '<', '#', '-', '1', '.', ' ', '*') }),
);

describe('mdTable', () => {
  it('aligns, pads and escapes', () => {
    expect(
      mdTable(
        ['Bid', 'Score'],
        [
          ['A', '71.25'],
          ['B|C', '64.50'],
        ],
        ['left', 'right'],
      ),
    ).toBe('| Bid  | Score |\n| :--- | ----: |\n| A    | 71.25 |\n| B\\|C | 64.50 |');
    expect(mdTable(['x'], [['a']], ['center'])).toBe('|  x  |\n| :-: |\n|  a  |');
  });
  it('turns newlines in cells into <br> and keeps trusted markdown', () => {
    expect(mdTable(['Note'], [['line 1\nline 2'], [{ markdown: '**71** | x' }]])).toBe(
      '| Note             |\n| :--------------- |\n| line 1<br>line 2 |\n| **71** \\| x      |',
    );
  });
  it('rejects rows of the wrong width', () => {
    expect(() => mdTable(['a', 'b'], [['1']])).toThrow(CommonwealError);
    expect(() => mdTable([], [])).toThrow(CommonwealError);
  });
  it('property: any cell text keeps one row per line and one column per header', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(cellText, cellText), { maxLength: 5 }), (rows) => {
        const t = mdTable(['a', 'b'], rows);
        const lines = t.split('\n');
        expect(lines).toHaveLength(rows.length + 2);
        for (const line of lines) expect(pipes(line)).toBe(3);
        expect(t.replace(/<br>/g, '')).not.toMatch(/(^|[^\\])</);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('mdHeading and mdList', () => {
  it('makes one-line headings with escaped hashes', () => {
    expect(mdHeading(2, 'Ranking #1')).toBe('## Ranking \\#1');
    expect(mdHeading(1, '# x')).toBe('# \\# x');
    expect(mdHeading(3, 'a\nb #')).toBe('### a b \\#');
    expect(() => mdHeading(7 as 1, 'x')).toThrow(CommonwealError);
  });
  it('makes bulleted and numbered lists, indenting extra lines', () => {
    expect(mdList(['Bid A', 'Bid *B*'])).toBe('- Bid A\n- Bid \\*B\\*');
    expect(mdList(['first', 'second\nmore'], { ordered: true })).toBe('1. first\n2. second\n   more');
    expect(mdList([{ markdown: '**bold**' }])).toBe('- **bold**');
  });
});
