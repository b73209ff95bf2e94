import { type Framework, FrameworkSchema } from '@commonweal/core/framework';
import { describe, expect, it } from 'vitest';
import { socialValueModel2020, socialValueModel2025 } from './social-value-model';

function checkIntegrity(fw: Framework) {
  const themes = new Set(fw.themes.map((t) => t.id));
  const outcomes = new Set(fw.outcomes.map((o) => o.id));
  expect(themes.size).toBe(fw.themes.length);
  expect(outcomes.size).toBe(fw.outcomes.length);
  expect(new Set(fw.measures.map((m) => m.code)).size).toBe(fw.measures.length);
  for (const o of fw.outcomes) expect(themes.has(o.theme), o.id).toBe(true);
  for (const m of fw.measures) {
    expect(themes.has(m.theme), m.code).toBe(true);
    if (m.outcome !== undefined) expect(outcomes.has(m.outcome), m.code).toBe(true);
  }
}

describe('UK Government Social Value Model, PPN 06/20 (valuation.md §5)', () => {
  it('is a valid Framework (FrameworkSchema.parse at load; JSON round trip re-validates)', () => {
    const again = FrameworkSchema.parse(JSON.parse(JSON.stringify(socialValueModel2020)));
    expect(again).toEqual(socialValueModel2020);
    checkIntegrity(socialValueModel2020);
  });

  it('has the five PPN 06/20 themes [V]', () => {
    expect(socialValueModel2020.themes.map((t) => t.title)).toEqual([
      'COVID-19 recovery',
      'Tackling economic inequality',
      'Fighting climate change',
      'Equal opportunity',
      'Wellbeing',
    ]);
  });

  it('ships only the three verified outcome wordings [V], word for word', () => {
    expect(socialValueModel2020.outcomes.map((o) => [o.theme, o.title])).toEqual([
      ['covid-19-recovery', 'Help local communities to manage and recover from the impact of COVID-19'],
      ['equal-opportunity', 'Reduce the disability employment gap'],
      ['equal-opportunity', 'Tackle workforce inequality'],
    ]);
  });

  it('marks every theme as having outcome wording pending verification, and invents no MAC numbers', () => {
    for (const t of socialValueModel2020.themes) expect(t.description, t.id).toMatch(/pending verification/);
    expect(socialValueModel2020.source?.notes).toMatch(/pending verification/);
    expect(JSON.stringify(socialValueModel2020)).not.toMatch(/MAC \d/);
  });

  it('has record-only measures: no proxy, so never part of £ totals', () => {
    expect(socialValueModel2020.measures).toHaveLength(3);
    for (const m of socialValueModel2020.measures) {
      expect(m.proxy).toBeNull();
      expect(m.description).toMatch(/Record-only/);
    }
  });

  it('carries provenance: PPN 06/20, Edition 1.1, OGL', () => {
    expect(socialValueModel2020.licence).toBe('OGL-UK-3.0');
    expect(socialValueModel2020.source?.licence).toBe('OGL-UK-3.0');
    expect(socialValueModel2020.edition).toContain('Edition 1.1');
    expect(socialValueModel2020.source?.url).toMatch(/procurement-policy-note-0620/);
  });
});

describe('UK Government Social Value Model, PPN 002 (valuation.md §5)', () => {
  it('is a valid Framework (FrameworkSchema.parse at load; JSON round trip re-validates)', () => {
    const again = FrameworkSchema.parse(JSON.parse(JSON.stringify(socialValueModel2025)));
    expect(again).toEqual(socialValueModel2025);
    checkIntegrity(socialValueModel2025);
  });

  it('has the five missions [V] as themes, and no outcomes (wording pending verification)', () => {
    expect(socialValueModel2025.themes.map((t) => t.title)).toEqual([
      'Growth',
      'Clean energy superpower',
      'Take back our streets',
      'Barriers to opportunity',
      'NHS fit for the future',
    ]);
    expect(socialValueModel2025.outcomes).toEqual([]);
    for (const t of socialValueModel2025.themes) expect(t.description).toMatch(/pending verification/);
  });

  it('has one record-only measure per mission', () => {
    expect(socialValueModel2025.measures.map((m) => m.theme)).toEqual(
      socialValueModel2025.themes.map((t) => t.id),
    );
    for (const m of socialValueModel2025.measures) expect(m.proxy).toBeNull();
  });

  it('carries provenance: PPN 002, 13 February 2025, OGL', () => {
    expect(socialValueModel2025.source?.edition).toContain('13 February 2025');
    expect(socialValueModel2025.licence).toBe('OGL-UK-3.0');
  });
});
