import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ISSUE_CODES, isIssueCode, issueCodeMeaning } from './codes';

/** The table docs/issue-codes.md holds, made from the registry. */
function table(): string {
  const rows = Object.entries(ISSUE_CODES).map(([code, meaning]) => `| \`${code}\` | ${meaning} |`);
  return ['| code | meaning |', '| --- | --- |', ...rows].join('\n');
}

describe('issue codes', () => {
  it('are snake_case, sorted, and each has a sentence', () => {
    const codes = Object.keys(ISSUE_CODES);
    expect(codes).toEqual([...codes].sort());
    for (const [code, meaning] of Object.entries(ISSUE_CODES)) {
      expect(code).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      expect(meaning).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('tell registered codes from others, and say what they mean', () => {
    expect(isIssueCode('weights_not_100')).toBe(true);
    expect(isIssueCode('schema_invalid_type')).toBe(true);
    expect(isIssueCode('schema_no_such_check')).toBe(false);
    expect(isIssueCode('toString')).toBe(false);
    expect(issueCodeMeaning('header_missing')).toBe(
      'No column gives a needed field; name it with --columns.',
    );
    expect(issueCodeMeaning('schema_too_big')).toBe("A value failed the schema's too big check.");
    expect(issueCodeMeaning('nope')).toBeUndefined();
  });

  it('are listed, every one, in docs/issue-codes.md', () => {
    const doc = readFileSync(new URL('../../../../docs/issue-codes.md', import.meta.url), 'utf8');
    expect(doc).toContain(table());
  });
});
