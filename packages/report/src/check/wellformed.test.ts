import { describe, expect, it } from 'vitest';
import { wellFormedProblems } from './wellformed';

describe('wellFormedProblems', () => {
  it('accepts balanced markup, void elements, self-closing tags, entities, comments and style', () => {
    const ok =
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><style>a>b{}</style></head>' +
      '<body><!-- x < y --><p>a &amp; b &#39; &#x2212;<br></p><svg><rect width="1"/></svg></body></html>';
    expect(wellFormedProblems(ok)).toEqual([]);
  });

  it('finds a raw "<" and a raw "&" in text', () => {
    expect(wellFormedProblems('<p>a < b</p>')).toEqual(['raw "<" at 5']);
    expect(wellFormedProblems('<p>a & b</p>')).toEqual(['raw "&" at 5']);
    expect(wellFormedProblems('<p>a > b</p>')).toEqual(['raw ">" at 5']);
  });

  it('finds unbalanced and mis-nested tags', () => {
    expect(wellFormedProblems('<p><b>x</p></b>')).toEqual(['</p> at 7 closes <b>', '</b> at 11 closes <p>']);
    expect(wellFormedProblems('<div><p>x</p>')).toEqual(['<div> is never closed']);
  });

  it('rejects unquoted or single-quoted attributes and a "<" inside an attribute', () => {
    expect(wellFormedProblems('<p class=x>y</p>')).not.toEqual([]);
    expect(wellFormedProblems("<p class='x'>y</p>")).not.toEqual([]);
    expect(wellFormedProblems('<p title="<b>">y</p>')).not.toEqual([]);
  });
});
