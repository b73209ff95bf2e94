import { dec } from '@commonweal/core/money';
import { ProvenanceSchema } from '@commonweal/core/trace';
import { EntrySchema } from '@commonweal/core/valuation';
import { describe, expect, it } from 'vitest';
import { parseEntries, parseFramework, parseValuationOptions, parseWith } from './read';

// Hand-made values for checking the reader, not published proxies.
const SOURCE = { title: 'Hand-made test proxy (not a published value)', licence: 'CC0-1.0' };
const frameworkText = `{
  "id": "demo",
  "title": "Demo framework",
  "currency": "GBP",
  "themes": [{ "id": "jobs", "title": "Jobs" }],
  "measures": [
    {
      "code": "FTE",
      "title": "Local people employed (FTE)",
      "theme": "jobs",
      "unit": "FTE",
      "proxy": { "value": 12345678901234567890.12, "currency": "GBP", "priceYear": 2024, "basis": "per FTE-year",
        "source": ${JSON.stringify(SOURCE)} }
    }
  ]
}`;

describe('parseWith', () => {
  it('validates text with a schema, keeping decimals exact (JSON.parse would round this one)', () => {
    const r = parseWith(EntrySchema, '{"measure": "FTE", "quantity": 12345678901234567890.12, "year": 2025}');
    expect(r.ok && r.value.quantity.toString()).toBe('12345678901234567890.12');
    expect(String(JSON.parse('12345678901234567890.12'))).toBe('12345678901234567000');
  });

  it('reads 0.1 + 0.2 as exactly 0.3 once parsed', () => {
    const r = parseWith(
      EntrySchema.pick({ quantity: true, deadweight: true }),
      '{"quantity": 0.1, "deadweight": 0.2}',
    );
    expect(r.ok && r.value.quantity.plus(r.value.deadweight ?? 0).eq(dec('0.3'))).toBe(true);
  });

  it('puts paths, the file, and the line and column of the offending value on schema issues', () => {
    const text = '{\n  "measure": "FTE",\n  "quantity": "ten",\n  "year": 2025.5\n}';
    const r = parseWith(EntrySchema, text, { file: 'entry.json' });
    expect(r.ok).toBe(false);
    expect(r.issues).toEqual([
      expect.objectContaining({
        code: 'schema_custom',
        path: ['quantity'],
        line: 3,
        column: 15,
        file: 'entry.json',
      }),
      expect.objectContaining({
        code: 'schema_invalid_type',
        path: ['year'],
        line: 4,
        column: 11,
        file: 'entry.json',
      }),
    ]);
  });

  it('locates a missing property at the object that lacks it', () => {
    const r = parseWith(ProvenanceSchema, '\n  {"title": "The Green Book"}');
    expect(r.issues).toEqual([expect.objectContaining({ path: ['licence'], line: 2, column: 3 })]);
  });

  it('returns the reader issues (not schema issues) for bad text', () => {
    const r = parseWith(ProvenanceSchema, '{"title": "x", "licence": "y", "__proto__": {}}');
    expect(r.issues.map((i) => i.code)).toEqual(['forbidden_key']);
  });

  it('checks objects that did not come from text: forbidden keys, NaN', () => {
    const polluted = JSON.parse('{"title": "x", "licence": "y", "__proto__": {"polluted": 1}}');
    expect(parseWith(ProvenanceSchema, polluted).issues.map((i) => i.code)).toEqual(['forbidden_key']);
    const nan = parseWith(EntrySchema, { measure: 'FTE', quantity: Number.NaN, year: 2025 });
    expect(nan.issues).toEqual([expect.objectContaining({ code: 'non_finite_number', path: ['quantity'] })]);
    expect(parseWith(ProvenanceSchema, { title: 'x', licence: 'y' })).toEqual({
      ok: true,
      value: { title: 'x', licence: 'y' },
      issues: [],
    });
  });

  it('keeps the string "Infinity" a string, which the decimal schema then refuses', () => {
    const r = parseWith(EntrySchema, '{"measure": "FTE", "quantity": "Infinity", "year": 2025}');
    expect(r.issues).toEqual([expect.objectContaining({ path: ['quantity'], line: 1, column: 32 })]);
  });
});

describe('parseFramework', () => {
  it('reads a framework with exact proxy values', () => {
    const r = parseFramework(frameworkText, { file: 'framework.json' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.measures[0]?.proxy?.value.toString()).toBe('12345678901234567890.12');
    expect(r.value.measures[0]?.countingRule).toBe('perYear');
    expect(parseFramework(JSON.parse(frameworkText)).ok).toBe(true);
  });

  it("runs core's framework checks and locates their issues in the text", () => {
    const text = frameworkText.replace('"theme": "jobs"', '"theme": "skills"');
    const r = parseFramework(text, { file: 'framework.json' });
    expect(r.issues).toEqual([
      expect.objectContaining({
        code: 'unknown_theme',
        path: ['measures', 0, 'theme'],
        file: 'framework.json',
        line: 10,
        column: 16,
      }),
    ]);
  });
});

describe('parseEntries', () => {
  const entries =
    '[\n  {"measure": "FTE", "quantity": "2.5", "year": 2025},\n  {"measure": "FTE", "quantity": 1, "year": 2026, "line": 40}\n]';

  it('reads an array of entries and records the line each entry starts on', () => {
    const r = parseEntries(entries);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((e) => [e.quantity.toString(), e.line])).toEqual([
      ['2.5', 2],
      ['1', 40],
    ]);
  });

  it('reads { "entries": [...] } too, with paths through "entries"', () => {
    const r = parseEntries(`{"entries": ${entries}, "note": "ignored"}`);
    expect(r.ok && r.value.map((e) => e.line)).toEqual([2, 40]);
    const bad = parseEntries('{"entries": [{"measure": "FTE", "quantity": "x", "year": 2025}]}');
    expect(bad.issues).toEqual([
      expect.objectContaining({ path: ['entries', 0, 'quantity'], line: 1, column: 45 }),
    ]);
  });

  it('leaves parsed data as it is (no lines to add)', () => {
    const r = parseEntries([{ measure: 'FTE', quantity: '3', year: 2025 }]);
    expect(r.ok && r.value[0]?.line).toBeUndefined();
  });

  it('refuses a document that is neither', () => {
    expect(parseEntries('"entries"').issues[0]?.code).toBe('schema_invalid_type');
  });
});

describe('parseValuationOptions', () => {
  it('reads options into core ValuationOptions without undefined properties', () => {
    const text = JSON.stringify({
      baseYear: 2025,
      discounting: { id: 'flat-5', name: 'Flat 5% (test)', bands: [{ fromYear: 1, rate: '0.05' }] },
      investment: '50000',
    });
    const r = parseValuationOptions(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.value).sort()).toEqual(['baseYear', 'discounting', 'investment']);
    expect(String(r.value.investment)).toBe('50000');
    expect(r.value.discounting?.bands[0]?.rate.toString()).toBe('0.05');
  });

  it('requires discounting (null for none) and reports misspelt options', () => {
    const r = parseValuationOptions('{"baseyear": 2025}');
    expect(r.issues.map((i) => i.code).sort()).toEqual(['schema_invalid_type', 'schema_unrecognized_keys']);
    expect(parseValuationOptions('{"discounting": null}').ok).toBe(true);
  });
});

describe('bytes and lost characters', () => {
  const entry = (name: string) => `{"measure": "FTE", "quantity": "1", "year": 2025, "notes": "${name}"}`;
  const utf8 = (s: string) => new TextEncoder().encode(s);
  const cp1252 = (s: string) => new Uint8Array([...s].map((c) => (c === '’' ? 0x92 : c.charCodeAt(0))));

  it('reads UTF-8 bytes (with or without a BOM) as the same text', () => {
    const plain = parseWith(EntrySchema, utf8(entry('£5 café’s')));
    const bom = parseWith(EntrySchema, new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(entry('£5 café’s'))]));
    expect(plain.ok && plain.value.notes).toBe('£5 café’s');
    expect(bom.ok && bom.value.notes).toBe('£5 café’s');
    expect(parseEntries(utf8(`[${entry('x')}]`)).ok).toBe(true);
  });

  it('refuses Windows-1252 bytes with the line, column and byte, naming the encoding and the flag', () => {
    const r = parseWith(EntrySchema, cp1252(`{\n  "notes": "caf${'é'}"\n}`), { file: 'e.json' });
    expect(r.ok).toBe(false);
    expect(r.issues).toEqual([
      expect.objectContaining({ code: 'invalid_encoding', file: 'e.json', line: 2, column: 16 }),
    ]);
    expect(r.issues[0]!.message).toMatch(
      /the byte at offset 17 \(0xE9\) .*Windows-1252, where it is "é".*--encoding windows-1252/,
    );
  });

  it('names UTF-16 from its byte order mark', () => {
    const r = parseFramework(new Uint8Array([0xff, 0xfe, 0x7b, 0, 0x7d, 0]));
    expect(r.ok).toBe(false);
    expect(r.issues[0]!.message).toMatch(/UTF-16 LE.*--encoding utf-16le/);
  });

  it('warns, with the line and column, when text already holds U+FFFD', () => {
    const r = parseWith(
      EntrySchema,
      `{"measure": "FTE",\n "quantity": "1", "year": 2025, "notes": "\uFFFD5"}`,
    );
    expect(r.ok).toBe(true);
    expect(r.issues).toEqual([
      expect.objectContaining({ code: 'replacement_character', line: 2, column: 43, severity: 'warning' }),
    ]);
    const e = parseEntries(`[${entry('\uFFFD')}]`);
    expect(e.ok && e.issues.map((i) => i.code)).toEqual(['replacement_character']);
  });
});
