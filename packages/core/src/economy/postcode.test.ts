import { describe, expect, it } from 'vitest';
import {
  isLocalPostcode,
  type LocalArea,
  parseLocalArea,
  parsePostcode,
  UK_POSTCODE_AREAS,
} from './postcode';

const area = (entries: string[]): LocalArea => {
  const r = parseLocalArea(entries);
  if (!r.ok) throw new Error('bad area');
  return r.value;
};
const local = (postcode: string, entries: string[]) => {
  const p = parsePostcode(postcode);
  if (!p.ok) throw new Error(p.reason);
  return isLocalPostcode(p.value, area(entries));
};

describe('parsePostcode', () => {
  it('splits outward and inward codes whatever the case and spacing', () => {
    expect(parsePostcode('ex12ab')).toEqual({
      ok: true,
      value: { outward: 'EX1', inward: '2AB', area: 'EX', district: 'EX1', sector: 'EX1 2', unit: 'EX1 2AB' },
    });
    expect(parsePostcode(' EX10  2AB ')).toMatchObject({
      ok: true,
      value: { district: 'EX10', sector: 'EX10 2' },
    });
  });

  it.each([
    ['M1 1AE', 'M', 'M1'],
    ['B33 8TH', 'B', 'B33'],
    ['CR2 6XH', 'CR', 'CR2'],
    ['DN55 1PT', 'DN', 'DN55'],
    ['W1A 0AX', 'W', 'W1A'],
    ['EC1A 1BB', 'EC', 'EC1A'],
    ['SW1A 1AA', 'SW', 'SW1A'],
  ])('reads every format: %s (area %s, district %s)', (pc, a, d) => {
    expect(parsePostcode(pc)).toMatchObject({ ok: true, value: { area: a, district: d } });
  });

  it.each(['EX1', 'EX1 2', 'QX1 1AA', 'EX1 1CA', '12345', 'EXETER', ''])('rejects %j', (pc) => {
    expect(parsePostcode(pc).ok).toBe(false);
  });

  it('knows the 124 postcode areas', () => {
    expect(UK_POSTCODE_AREAS).toHaveLength(124);
  });
});

describe('local areas', () => {
  it('EX1 never matches EX10 (districts match exactly)', () => {
    expect(local('EX1 2AB', ['EX1'])).toBe(true);
    expect(local('EX10 2AB', ['EX1'])).toBe(false);
    expect(local('EX10 2AB', ['EX10'])).toBe(true);
  });

  it('an area matches every district in it, but only its own letters', () => {
    expect(local('EX10 2AB', ['EX'])).toBe(true);
    expect(local('EX1 1AA', ['E'])).toBe(false);
    expect(local('E1 6AN', ['E'])).toBe(true);
  });

  it('a sector matches only its own inward digit', () => {
    expect(local('EX1 2AB', ['EX1 2'])).toBe(true);
    expect(local('EX1 3AB', ['EX1 2'])).toBe(false);
    expect(local('EX12 1AA', ['EX1 2'])).toBe(false);
    expect(local('EX10 2AB', ['EX102'])).toBe(true); // unambiguous without the space
  });

  it('lowercase and unspaced entries and postcodes are read', () => {
    expect(local('ex12ab', ['ex1'])).toBe(true);
    expect(area(['ex1', ' tq ', 'ex2 4', 'ex1 2ab']).entries).toEqual(['EX1', 'EX1 2AB', 'EX2 4', 'TQ']);
    expect(local('EX1 2AB', ['ex12ab'])).toBe(true);
    expect(local('EX1 2AD', ['ex12ab'])).toBe(false);
  });

  it('EX12 without a space is the district EX12, not the sector EX1 2', () => {
    expect(area(['EX12']).districts.has('EX12')).toBe(true);
    expect(local('EX1 2AB', ['EX12'])).toBe(false);
  });

  it('invalid entries are errors and unknown areas warnings; valid entries are kept', () => {
    const r = parseLocalArea(['EX1', 'not a postcode', '', 'ZZ']);
    expect(r.ok).toBe(true);
    expect(r.issues.map((i) => [i.code, i.severity ?? 'error', i.path])).toEqual([
      ['local_area_invalid', 'error', ['local', 1]],
      ['local_area_invalid', 'error', ['local', 2]],
      ['local_area_unknown', 'warning', ['local', 3]],
    ]);
    expect(r.ok && r.value.entries).toEqual(['EX1', 'ZZ']);
  });
});
