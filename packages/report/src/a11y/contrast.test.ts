import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contrast, isLargeText, luminance, over, parseColour } from './contrast';

describe('WCAG 2.1 contrast', () => {
  it('gives the worked values', () => {
    expect(contrast('#000', '#fff')).toBe(21);
    expect(contrast('#fff', '#fff')).toBe(1);
    expect(contrast('#777', '#fff').toFixed(2)).toBe('4.48');
    expect(contrast('#767676', '#fff').toFixed(2)).toBe('4.54'); // the lightest grey that passes AA on white
    expect(contrast('#1d70b8', '#fff').toFixed(2)).toBe('5.17');
    expect(luminance(parseColour('#808080') as never).toFixed(4)).toBe('0.2159');
  });

  it('parses the forms getComputedStyle and stylesheets use', () => {
    expect(parseColour('rgb(29, 112, 184)')).toEqual({ r: 29, g: 112, b: 184, a: 1 });
    expect(parseColour('rgba(0, 0, 0, 0)')).toEqual({ r: 0, g: 0, b: 0, a: 0 });
    expect(parseColour('#FFF')).toEqual({ r: 255, g: 255, b: 255, a: 1 });
    expect(parseColour('#00000080')?.a).toBeCloseTo(0.502, 3);
    expect(parseColour('url(#x)')).toBeUndefined();
    expect(() => contrast('currentColor', '#fff')).toThrow(/not a colour/);
  });

  it('lays a translucent colour over its background', () => {
    // half-transparent black over white is mid-grey (127.5)
    const grey = over({ r: 0, g: 0, b: 0, a: 0.5 }, { r: 255, g: 255, b: 255, a: 1 });
    expect(grey).toEqual({ r: 127.5, g: 127.5, b: 127.5, a: 1 });
    expect(contrast('rgba(0, 0, 0, 0)', '#fff')).toBe(1);
  });

  it('tells large text from normal', () => {
    expect(isLargeText(24, 400)).toBe(true);
    expect(isLargeText(18.67, 700)).toBe(true);
    expect(isLargeText(18, 700)).toBe(false);
    expect(isLargeText(23.9, 600)).toBe(false);
  });

  it('is symmetric, between 1 and 21, and 1 only for equal luminance', () => {
    const colour = fc
      .tuple(
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 255 }),
      )
      .map(([r, g, b]) => ({ r, g, b, a: 1 }));
    fc.assert(
      fc.property(colour, colour, (a, b) => {
        const k = contrast(a, b);
        expect(k).toBeCloseTo(contrast(b, a), 12);
        expect(k).toBeGreaterThanOrEqual(1);
        expect(k).toBeLessThanOrEqual(21);
        if (luminance(a) !== luminance(b)) expect(k).toBeGreaterThan(1);
        // white and black bound it: one of them always gives at least as much
        expect(Math.max(contrast(a, '#fff'), contrast(a, '#000'))).toBeGreaterThanOrEqual(
          Math.sqrt(21) - 1e-9,
        );
      }),
    );
  });
});
