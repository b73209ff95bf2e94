import { describe, expect, it } from 'vitest';
import { wellFormedProblems } from '../check/wellformed';
import { type ReportDocument, renderDocumentHtml, renderDocumentMarkdown } from './blocks';
import { expectMdTablesConsistent } from './report-test-kit';

const doc: ReportDocument = {
  title: 'Report <1> & co',
  description: 'A *test* report',
  blocks: [
    { type: 'paragraph', lead: true, text: ['Lead with ', { strong: 'bold <b>' }, ' text'] },
    {
      type: 'section',
      title: 'Tables',
      body: [
        {
          type: 'table',
          caption: 'Scores | totals',
          headers: ['Bid', 'Score', 'Note'],
          rows: [
            ['A|B', '71.25', 'first'],
            ['C', '–', ['see ', { strong: 'note' }]],
          ],
          footer: [['Total', '71.25', '']],
        },
        { type: 'table', caption: 'Empty', headers: ['A', 'B'], rows: [] },
        {
          type: 'figure',
          svg: '<svg role="img"></svg>',
          caption: 'First chart.',
          description: 'It goes up.',
        },
        {
          type: 'callout',
          kind: 'warning',
          title: 'Late <bid>',
          body: [
            { type: 'paragraph', text: 'Bid C was late.' },
            { type: 'list', items: ['one', 'two'] },
          ],
        },
        {
          type: 'section',
          title: 'Sub',
          level: 3,
          body: [
            { type: 'figure', svg: '<svg role="img"></svg>', caption: 'Second chart.', description: 'Flat.' },
            { type: 'definitions', items: [{ term: 'Proxy', description: 'a value' }] },
            { type: 'keyFigures', figures: [{ label: 'Total', value: '£1.00', note: 'net' }] },
          ],
        },
      ],
    },
  ],
};

describe('report blocks: one document, two renderings', () => {
  const html = renderDocumentHtml(doc);
  const md = renderDocumentMarkdown(doc);

  it('HTML is well formed, escaped and numbers figures in order', () => {
    expect(wellFormedProblems(html)).toEqual([]);
    expect(html).toContain('<h1>Report &lt;1&gt; &amp; co</h1>');
    expect(html).toContain('<p class="cw-lead">Lead with <strong>bold &lt;b&gt;</strong> text</p>');
    expect(html).toContain('<figcaption>Figure 1. First chart.</figcaption>');
    expect(html).toContain('<figcaption>Figure 2. Second chart.</figcaption>');
    expect(html).toContain('<td colspan="2">No rows.</td>');
    expect(html).toContain('<td class="cw-num">71.25</td>'); // numeric column right-aligned ('–' ignored)
    expect(html).toContain('<span>Warning: Late &lt;bid&gt;</span>');
    expect(html).toMatch(/<section aria-labelledby="sub">\n<h3 id="sub">Sub<\/h3>/);
    expect(html).toContain('<meta name="description" content="A *test* report">');
  });

  it('Markdown says the same: escaped text, captions, footers as bold rows, callouts as quotes', () => {
    expect(md.startsWith('# Report \\<1\\> \\& co\n\nLead with **bold \\<b\\>** text\n\n## Tables\n\n')).toBe(
      true,
    );
    expect(md).toContain('*Scores \\| totals*\n\n| Bid');
    expect(md).toContain('| **Total** | 71.25 |');
    expect(md).toContain('| No rows. |');
    expect(md).toContain('*Figure 1. First chart.* It goes up.');
    expect(md).toContain('*Figure 2. Second chart.* Flat.');
    expect(md).toContain('> **Warning: Late \\<bid\\>**\n>\n> Bid C was late.\n>\n> - one\n> - two');
    expect(md).toContain('### Sub');
    expect(md).toContain('- **Proxy**: a value');
    expect(md).toContain('- Total: **£1.00** (net)');
    expect(md.endsWith('\n')).toBe(true);
    expect(md.endsWith('\n\n')).toBe(false);
    const [scores] = expectMdTablesConsistent(md);
    expect(scores?.[2]).toEqual(['A\\|B', '71.25', 'first']);
    expect(scores?.[1]?.[1]).toMatch(/^-+:$/); // right-aligned like the HTML column
  });
});
