import { assessmentSummaries, evaluate, parseEvaluationInput } from '@commonweal/core/procurement';
import { describe, expect, it } from 'vitest';
import { renderAssessmentSummaryMarkdown } from './assessment';
import { expectMdTablesConsistent, mdHeadings } from './report-test-kit';
import { HOSTILE_BIDDER, tenderInput } from './test-fixtures';

const HOSTILE_COMMENT = '<img src=x onerror=alert(1)> good | plan\n# not a heading';

function summaries(bidderB?: string, comment?: string) {
  const json = tenderInput(bidderB);
  if (comment)
    json.scores = (json.scores ?? []).map((s) =>
      s.bid === 'B' && s.criterion === 'staffing' ? { ...s, comment } : s,
    );
  const input = parseEvaluationInput(json);
  if (!input.ok) throw new Error(JSON.stringify(input.issues));
  const r = evaluate(input.value);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const all = assessmentSummaries(r.value);
  return (bid: string) => all.find((s) => s.bid === bid)!;
}

describe('renderAssessmentSummaryMarkdown', () => {
  const byBid = summaries();

  it('gives the result, the scores with reasons, the total and the winning tender’s scores', () => {
    const md = renderAssessmentSummaryMarkdown(byBid('B'));
    expect(
      md.startsWith('# Assessment summary: Home care, Lot 2\n\nTender **B** from Brightside Services Ltd.\n'),
    ).toBe(true);
    expect(md).toContain('**Result:** ranked 2 of 3.');
    expect(md).toContain('**Total:** 68.50 out of 100.');
    expect(mdHeadings(md)).toEqual([
      '1 Assessment summary: Home care, Lot 2',
      '2 Scores',
      '2 Why this tender was not successful',
      "2 The winning tender's scores (Northern Care Co-operative)",
    ]);
    const [scores, winner] = expectMdTablesConsistent(md);
    expect(scores?.[0]).toEqual([
      'Criterion',
      'Weight',
      'How it was assessed',
      'Scores available',
      'Score',
      'Weighted',
      'Reasons',
    ]);
    expect(scores?.find((r) => r[0] === 'Price')?.slice(4, 6)).toEqual(['50.00', '20.00']);
    expect(scores?.find((r) => r[0]?.endsWith('Staffing and training'))?.slice(4)).toEqual([
      '9.00',
      '18.00',
      'E1: Strong training offer; E2: Strong training offer',
    ]);
    expect(winner?.at(-1)).toEqual(['Social value', '5.00', '10.00']);
    expect(md).toContain('**Total:** 80.00 out of 100.');
    expect(md).toContain('Procurement Act 2023 s50; Procurement Regulations 2024 reg 31.');
    const a = renderAssessmentSummaryMarkdown(byBid('A'));
    expect(a).toContain('**Result:** successful: ranked 1 of 3.');
    expect(a).toContain('from Northern Care Co-operative, identifier GB-COH-IP031234.');
    expect(a).not.toContain('Why this tender');
    expect(renderAssessmentSummaryMarkdown(byBid('D'))).toContain('**Result:** disqualified.');
  });

  it('escapes a hostile bidder name and comment: no HTML, no extra columns, no headings', () => {
    const hostile = summaries(HOSTILE_BIDDER, HOSTILE_COMMENT);
    for (const bid of ['A', 'B', 'C', 'D']) {
      const md = renderAssessmentSummaryMarkdown(hostile(bid));
      expect(md).not.toMatch(/(?<!\\)<(script|img)/);
      expectMdTablesConsistent(md);
      expect(mdHeadings(md).some((h) => h.includes('not a heading'))).toBe(false);
    }
    const b = renderAssessmentSummaryMarkdown(hostile('B'));
    expect(b).toContain('from \\<script\\>alert("x")\\</script\\> \\& Sons \\| \\*Ltd\\* \\`#1\\`.');
    expect(b).toContain('\\<img src=x onerror=alert(1)\\> good \\| plan<br>\\# not a heading');
  });
});
