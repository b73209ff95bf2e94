import { type Decimal, round, SCORE_ROUNDING } from '@commonweal/core/money';
import type { AssessmentSummary } from '@commonweal/core/procurement';
import { mdEscape, mdHeading, mdList, mdTable } from '../markdown/markdown';

const fmt = (d: Decimal) => round(d, SCORE_ROUNDING);
const score = (d: Decimal | null, gate: 'pass' | 'fail' | null) => gate ?? (d === null ? '–' : fmt(d));
const indent = (depth: number) => '\u00a0\u00a0'.repeat(depth);

/**
 * Renders one supplier's assessment summary (core's `assessmentSummaries`) as Markdown: the
 * tender's scores per criterion with how each was assessed, the scores available and the
 * reasons; the total and result; why it did not win; and the winning tender's scores. Every
 * piece of text from the inputs (tender title, bidder, address, criterion titles, evaluators'
 * comments, reasons) goes through {@link mdEscape}, so a bidder called
 * `<script>alert(1)</script>` or `A | B` is shown as written and never becomes HTML or a column.
 *
 * @example
 * ```ts
 * import { assessmentSummaries } from '@commonweal/core/procurement';
 * const md = renderAssessmentSummaryMarkdown(assessmentSummaries(evaluation)[0]!);
 * md.startsWith('# Assessment summary'); // true
 * ```
 */
export function renderAssessmentSummaryMarkdown(summary: AssessmentSummary): string {
  const s = summary;
  const lines: string[] = [mdHeading(1, `Assessment summary: ${s.tender.title}`), ''];
  const who = [s.bidder, s.supplierId ? `identifier ${s.supplierId}` : null, s.address]
    .filter(Boolean)
    .join(', ');
  lines.push(`Tender **${mdEscape(s.bid)}** from ${mdEscape(who)}.`, '');
  const result = s.isWinner
    ? `successful: ranked 1 of ${s.rankedBids}.`
    : s.status === 'disqualified'
      ? 'disqualified.'
      : s.status === 'incomplete'
        ? 'not ranked (evaluation incomplete).'
        : `ranked ${s.rank} of ${s.rankedBids}.`;
  lines.push(`**Result:** ${result}`, '');
  lines.push(mdHeading(2, 'Scores'), '');
  lines.push(
    mdTable(
      ['Criterion', 'Weight', 'How it was assessed', 'Scores available', 'Score', 'Weighted', 'Reasons'],
      s.criteria.map((c) => [
        `${indent(c.depth)}${c.title}${c.description ? ` (${c.description})` : ''}`,
        c.type === 'pass-fail' ? '–' : `${c.weight.toString()} %`,
        c.howAssessed,
        c.availableScores,
        score(c.raw, c.gate),
        c.weighted === null ? '–' : fmt(c.weighted),
        c.reasons.join('; ') || '–',
      ]),
      ['left', 'right', 'left', 'left', 'right', 'right', 'left'],
    ),
    '',
  );
  lines.push(s.total === null ? '**Total:** not available.' : `**Total:** ${fmt(s.total)} out of 100.`, '');
  if (!s.isWinner) {
    lines.push(mdHeading(2, 'Why this tender was not successful'), '');
    if (s.whyNotWinner.length) lines.push(mdList(s.whyNotWinner));
    lines.push('');
  }
  if (s.winner && !s.isWinner) {
    const w = s.winner;
    lines.push(mdHeading(2, `The winning tender's scores (${w.bidder})`), '');
    lines.push(
      mdTable(
        ['Criterion', 'Score', 'Weighted'],
        w.criteria.map((c, i) => [
          `${indent(s.criteria[i]?.depth ?? 0)}${c.title}`,
          score(c.raw, c.gate),
          c.weighted === null ? '–' : fmt(c.weighted),
        ]),
        ['left', 'right', 'right'],
      ),
      '',
      `**Total:** ${fmt(w.total)} out of 100.`,
      '',
    );
  }
  lines.push(
    `Scores are shown to 2 decimal places; the ranking compares them at full precision. ${mdEscape(s.legalBasis)}.`,
  );
  return `${lines.join('\n')}\n`;
}
