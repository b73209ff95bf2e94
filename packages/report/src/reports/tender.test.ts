import { type Decimal, dec } from '@commonweal/core/money';
import {
  type EvaluationInputJson,
  evaluate,
  parseEvaluationInput,
  type TenderEvaluation,
} from '@commonweal/core/procurement';
import { describe, expect, it } from 'vitest';
import { fmtMoney, fmtScore } from '../format/format';
import {
  expectHeadingOrder,
  expectMdTablesConsistent,
  expectSelfContained,
  htmlHeadings,
  htmlTable,
  mdHeadings,
  visibleText,
} from './report-test-kit';
import { renderTenderHtml, renderTenderMarkdown } from './tender';
import { HOSTILE_BIDDER, tenderFixture } from './test-fixtures';

const e = tenderFixture();
const html = renderTenderHtml(e);
const md = renderTenderMarkdown(e);
const text = visibleText(html);
const bid = (id: string) => {
  const b = e.bids.find((x) => x.bid === id);
  if (!b) throw new Error(id);
  return b;
};

function run(json: EvaluationInputJson): TenderEvaluation {
  const input = parseEvaluationInput(json);
  if (!input.ok) throw new Error(JSON.stringify(input.issues));
  const r = evaluate(input.value);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

describe('renderTenderHtml / renderTenderMarkdown: the page', () => {
  it('is one well-formed, self-contained page: no script, nothing fetched', () => {
    expectSelfContained(html);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('@media print');
  });

  it('is deterministic: the same evaluation gives the same bytes, and a fresh run of the engine too', () => {
    expect(renderTenderHtml(e)).toBe(html);
    expect(renderTenderMarkdown(e)).toBe(md);
    expect(renderTenderHtml(tenderFixture())).toBe(html);
  });

  it('has headings in order, the same in HTML and Markdown, and a caption on every table', () => {
    const h = htmlHeadings(html);
    expectHeadingOrder(h.map((x) => Number(x[0])));
    expect(mdHeadings(md)).toEqual(h);
    expect(h).toEqual([
      '1 Tender evaluation: Home care, Lot 2',
      '2 Result',
      '2 Scores by criterion',
      '2 Disqualifications and flags',
      '2 Moderation',
      '2 Weight sensitivity',
      '2 Method as published',
      '2 Assessment summaries',
      '3 Northern Care Co-operative (A)',
      '3 Brightside Services Ltd (B)',
      '3 Cheapcare Ltd (C)',
      '3 Dale Homecare (D)',
      '2 Issues found in the evaluation',
    ]);
    expect((html.match(/<table/g) ?? []).length).toBe((html.match(/<caption>/g) ?? []).length);
  });

  it('every chart is an accessible svg with a title and a description', () => {
    const svgs = html.match(/<svg role="img"[^>]*>/g) ?? [];
    expect(svgs.length).toBe(2); // stacked bars + sensitivity
    for (const open of svgs) expect(open).toMatch(/aria-labelledby="[^"]+-t [^"]+-d"/);
  });

  it('Markdown tables are consistent: one cell per header on every row, padded', () => {
    const tables = expectMdTablesConsistent(md);
    // ranking, weighted points, moderation, sensitivity, criteria, 4 summaries, 3 winner tables
    expect(tables.length).toBe(12);
  });
});

describe('who won and by how much (hand-checked in test-fixtures.ts)', () => {
  it('A wins with 80.00, 11.50 ahead of B on 68.50 (margin compared at full precision)', () => {
    expect(e.winner).toBe('A');
    expect(bid('A').total?.toString()).toBe('80');
    expect(bid('B').total?.toString()).toBe('68.5');
    expect(text).toContain(
      'Northern Care Co-operative (A) wins with 80.00 out of 100, 11.50 points ahead of Brightside Services Ltd (B) on 68.50.',
    );
    expect(html).toContain('<dt>Winning total</dt><dd class="cw-value">80.00</dd>');
    expect(html).toContain('<dt>Margin over the runner-up</dt><dd class="cw-value">11.50</dd>');
    expect(md).toContain('**Northern Care Co-operative (A)** wins with 80.00 out of 100');
  });

  it('the ranking table lists every bid in the evaluation order with figures formatted from the result', () => {
    const rows = htmlTable(html, 'Ranking of bids (totals out of 100, compared at full precision)');
    expect(rows[0]).toEqual([
      'Bidder',
      'Bid',
      'Rank',
      'Total',
      'Points behind the winner',
      'Price',
      'Status',
    ]);
    const winner = bid('A').total as Decimal;
    for (const [i, b] of e.bids.entries()) {
      const r = rows[i + 1] ?? [];
      expect(r[0]).toBe(b.bidder);
      expect(r[2]).toBe(b.rank === null ? '–' : String(b.rank));
      expect(r[3]).toBe(b.total === null ? '–' : fmtScore(b.total));
      expect(r[4]).toBe(b.total === null || b.bid === 'A' ? '–' : fmtScore(winner.minus(b.total)));
      expect(r[5]).toBe(fmtMoney(b.price, 'GBP'));
    }
    expect(rows.map((r) => r[6])).toEqual([
      'Status',
      'Winner',
      'Ranked',
      'Ranked; divergent scores; abnormally low price (flag)',
      'Disqualified',
    ]);
  });

  it('shows a margin hidden by rounding at full precision, and says when totals look equal', () => {
    // Two bids, quality only on a 0–1000 scale: 800 vs 799.9 → totals 80 and 79.99; 799.99 → 79.999
    const model = {
      id: 'T9',
      title: 'Close call',
      currency: 'GBP',
      criteria: [{ id: 'q', title: 'Quality', weight: 100, type: 'quality' as const, scale: { max: 1000 } }],
    };
    const close = run({
      model,
      bids: [
        { bid: 'X', bidder: 'Xeno', price: 1 },
        { bid: 'Y', bidder: 'Yew', price: 1 },
      ],
      scores: [
        { bid: 'X', criterion: 'q', evaluator: 'E1', score: '800' },
        { bid: 'Y', criterion: 'q', evaluator: 'E1', score: '799.99' },
      ],
    });
    const t = visibleText(renderTenderHtml(close));
    // 80 − 79.999 = 0.001: shown 0.00 at 2 d.p., so the full-precision margin is spelled out
    expect(t).toContain('Xeno (X) wins with 80.00 out of 100, 0.00 points ahead of Yew (Y) on 80.00');
    expect(t).toContain('(less than 0.005 points: 0.001 at full precision)');
    expect(t).toContain('The totals look equal at 2 decimal places but differ at full precision.');
  });

  it('a tie without a tie-break has no single winner; with one, the tie-break is named', () => {
    const model = {
      id: 'T8',
      title: 'Tie',
      currency: 'GBP',
      criteria: [
        { id: 'p', title: 'Price', weight: 50, type: 'price' as const, method: 'lowest-ratio' as const },
        { id: 'q', title: 'Quality', weight: 50, type: 'quality' as const, scale: { max: 10 } },
      ],
    };
    // X: price 100 → 50 + quality 5 → 25 = 75; Y: price 200 → 25 + quality 10 → 50 = 75
    const json: EvaluationInputJson = {
      model,
      bids: [
        { bid: 'X', bidder: 'Xeno', price: 100 },
        { bid: 'Y', bidder: 'Yew', price: 200 },
      ],
      scores: [
        { bid: 'X', criterion: 'q', evaluator: 'E1', score: 5 },
        { bid: 'Y', criterion: 'q', evaluator: 'E1', score: 10 },
      ],
    };
    const tie = run(json);
    expect(tie.winner).toBeNull();
    const page = renderTenderHtml(tie);
    expectSelfContained(page);
    expect(visibleText(page)).toContain(
      'No single winner: Xeno (X), Yew (Y) tie for first place with 75.00 out of 100 at full precision',
    );
    expect(visibleText(page)).toContain(
      'There is no single winner, so there is no weight sensitivity to show.',
    );
    const broken = run({ ...json, model: { ...model, tieBreak: ['q'] } });
    expect(broken.winner).toBe('Y');
    expect(visibleText(renderTenderHtml(broken))).toContain(
      'Yew (Y) wins with 75.00 out of 100, level with Xeno (X) on 75.00 at full precision: the published tie-break decided the award.',
    );
  });

  it('no ranked bid: says so, draws no chart, and still lists the issues', () => {
    const none = run({
      model: {
        id: 'T7',
        title: 'Nothing scored',
        currency: 'GBP',
        criteria: [{ id: 'q', title: 'Quality', weight: 100, type: 'quality', scale: { max: 10 } }],
      },
      bids: [{ bid: 'X', bidder: 'Xeno', price: 1 }],
      scores: [],
    });
    const page = renderTenderHtml(none);
    expectSelfContained(page);
    expect(page).not.toContain('<svg role="img"');
    expect(visibleText(page)).toContain('No bid could be ranked');
    expect(visibleText(page)).toContain('Not ranked, evaluation incomplete: Xeno (X)');
    expect(visibleText(page)).toContain('Error missing_score');
    expectMdTablesConsistent(renderTenderMarkdown(none));
  });
});

describe('scores, flags, moderation and sensitivity', () => {
  it('stacked bars per ranked bid of weighted points by top-level criterion (A: 24 + 46 + 10)', () => {
    const svg = html.slice(html.indexOf('<svg role="img"'), html.indexOf('</svg>') + 6);
    expect(svg).toContain('Price (40%)');
    expect(svg).toContain('Quality (50%)');
    expect(svg).toContain('Social value (10%)');
    for (const t of [
      'Northern Care Co-operative, Price (40%): 24.00',
      'Northern Care Co-operative, Quality (50%): 46.00',
      'Northern Care Co-operative, Social value (10%): 10.00',
    ]) {
      expect(svg).toContain(t);
    }
    expect(svg).toContain('Cheapcare Ltd: total 68.00');
    expect(svg).not.toContain('Dale Homecare'); // disqualified: no total, not charted
    const rows = htmlTable(html, 'Weighted points by top-level criterion');
    expect(rows[1]).toEqual(['Northern Care Co-operative', '24.00', '46.00', '10.00', '80.00']);
    expect(rows[rows.length - 1]).toEqual(['Maximum', '40.00', '50.00', '10.00', '100.00']);
  });

  it('an abnormally low price is a flag with the required words, its basis and threshold', () => {
    // mean compliant price (100,000 + 120,000 + 60,000) ÷ 3 = 93,333.33; 80 % = 74,666.67
    expect(text).toContain('Warning: Abnormally low price: Cheapcare Ltd (C)');
    expect(text).toContain(
      'Price £60,000.00 is below 80% of the mean compliant price of £93,333.33, that is below £74,666.67.',
    );
    expect(text).toContain(
      'This is a flag only — the supplier must be asked to explain (Procurement Act 2023 s19(4)–(5)).',
    );
    expect(bid('C').status).toBe('ranked');
  });

  it('a disqualification shows its reasons', () => {
    expect(bid('D').reasons).toEqual(['failed "Insurance in place": No employer liability cover']);
    expect(text).toContain(
      'Danger: Disqualified: Dale Homecare (D) failed "Insurance in place": No employer liability cover',
    );
  });

  it('moderation: the moderated score with its reason, and the divergent score not yet moderated', () => {
    const rows = htmlTable(html, 'Moderation flags and moderated scores');
    expect(rows.slice(1)).toEqual([
      [
        'Cheapcare Ltd',
        'Method statement',
        'E1: 1; E2: 3',
        '2',
        'divergent: scores differ by 2, more than 1.6 (40% of the scale maximum 4)',
        'moderated to 2 by M1: Agreed: the plan covers weekdays but not weekend cover',
      ],
      [
        'Cheapcare Ltd',
        'Social value',
        'E1: 1; E2: 4',
        '2.5',
        'divergent: scores differ by 3, more than 2 (40% of the scale maximum 5)',
        'not moderated: agree a moderated score and record the reason',
      ],
    ]);
  });

  it('weight sensitivity: each top-level weight, where the winner changes and who would then win', () => {
    const [price, quality, social] = e.sensitivity;
    expect(fmtScore(price?.flipsAt as Decimal)).toBe('53.85');
    expect(fmtScore(quality?.flipsAt as Decimal)).toBe('32.35');
    expect(social?.flipsAt).toBeNull();
    const rows = htmlTable(html, 'Weight at which the winner changes');
    expect(rows.slice(1)).toEqual([
      ['Price', '40%', '53.85%', 'rises above it', 'Cheapcare Ltd (C)'],
      ['Quality', '50%', '32.35%', 'falls below it', 'Cheapcare Ltd (C)'],
      ['Social value', '10%', 'no flip in 0–100%', '–', '–'],
    ]);
    const svg = html.slice(html.lastIndexOf('<svg role="img"'));
    expect(svg).toContain('flips at 53.85%: Cheapcare Ltd wins above');
    expect(svg).toContain('flips at 32.35%: Cheapcare Ltd wins below');
    expect(svg).toContain('no flip in 0–100%');
  });

  it('publishes the method: criteria, weights, shares, scales and price method', () => {
    const rows = htmlTable(html, 'Criteria, weights, scales and scoring methods as published');
    expect(rows.map((r) => r.slice(0, 5))).toEqual([
      ['Criterion', 'Type', 'Weight', 'Share of the total', 'Scores available'],
      ['Insurance in place', 'Pass/fail gate', '–', '–', 'pass or fail'],
      ['Price', 'Price (lowest-ratio)', '40%', '40%', '0 to 100 marks'],
      ['Quality', 'Group', '50%', '50%', '0 to 100 within the group'],
      [
        '↳ Method statement', // visibleText turns the no-break space into a space
        'Quality',
        '60% of "Quality"',
        '30%',
        '0 (Unacceptable), 1 (Poor), 2 (Adequate), 3 (Good), 4 (Excellent)',
      ],
      ['↳ Staffing and training', 'Quality', '40% of "Quality"', '20%', 'any score from 0 to 10'],
      ['Social value', 'Social value, qualitative', '10%', '10%', 'any score from 0 to 5'],
    ]);
    expect(rows[2]?.[5]).toContain('marks × lowest price ÷ this price');
    expect(text).toContain('a compliant price below 80% of the mean compliant price is flagged');
  });

  it('one assessment summary per bidder, from core assessmentSummaries', () => {
    expect((html.match(/<section aria-labelledby="summary-/g) ?? []).length).toBe(4);
    const b = htmlTable(html, 'Scores of Brightside Services Ltd (B) by criterion');
    expect(b[2]?.slice(0, 2)).toEqual(['Price', '40%']);
    expect(b[2]?.slice(4, 6)).toEqual(['50.00', '20.00']); // 60,000 ÷ 120,000 × 100 = 50; × 40 % = 20
    expect(text).toContain(
      'Ranked 2 of 3 with a total of 68.50 out of 100; the winning tender scored 80.00.',
    );
    expect(text).toContain('Disqualified: failed "Insurance in place": No employer liability cover.');
    const w = htmlTable(html, "The winning tender's scores (Northern Care Co-operative)");
    expect(w[w.length - 1]).toEqual(['Total', '', '80.00']);
    expect(renderTenderHtml(e, { summaries: false })).not.toContain('Assessment summaries');
  });
});

describe('every figure is traceable to the evaluation', () => {
  it('every score on the page (outside charts) is a figure of the result, formatted', () => {
    const known = new Set<string>(['100.00']);
    const add = (d: Decimal | null | undefined) => {
      if (d) known.add(fmtScore(d));
    };
    const winner = bid('A').total as Decimal;
    for (const b of e.bids) {
      add(b.total);
      if (b.total) add(winner.minus(b.total));
      for (const c of b.criteria) {
        add(c.raw);
        add(c.weighted);
        add(c.effectiveWeight);
      }
    }
    for (const s of e.sensitivity) add(s.flipsAt);
    const scores = [...text.matchAll(/(?<![£\d,.])\d{1,3}\.\d{2}(?![\d%])/g)].map((m) => m[0]);
    expect(scores.length).toBeGreaterThan(50);
    for (const s of scores) expect(known, `score ${s}`).toContain(s);
    const money = new Set([...text.matchAll(/£[\d,]+\.\d{2}/g)].map((m) => m[0]));
    const prices = e.bids.map((b) => fmtMoney(b.price, 'GBP'));
    const basis = fmtMoney(dec(280000).dividedBy(3), 'GBP');
    const threshold = fmtMoney(dec(280000).dividedBy(3).times('0.8'), 'GBP');
    expect([...money].sort()).toEqual([...prices, basis, threshold].sort());
  });
});

describe('escaping hostile bidder names', () => {
  const hostile = tenderFixture(HOSTILE_BIDDER);
  const page = renderTenderHtml(hostile);
  const mark = renderTenderMarkdown(hostile);

  it('HTML escapes the name everywhere (tables, key figures, charts, headings, ids)', () => {
    expectSelfContained(page);
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Sons | *Ltd* `#1`');
    expect(visibleText(page)).toContain(`11.50 points ahead of ${HOSTILE_BIDDER} (B) on 68.50`);
    expect(htmlHeadings(page)).toContain(`3 ${HOSTILE_BIDDER} (B)`);
  });

  it('Markdown escapes the name so tables keep their columns and no HTML gets through', () => {
    expect(mark).not.toMatch(/(?<!\\)<script/);
    expect(mark).toContain('\\<script\\>alert("x")\\</script\\> \\& Sons \\| \\*Ltd\\* \\`#1\\`');
    const tables = expectMdTablesConsistent(mark);
    const ranking = tables[0] ?? [];
    expect(ranking[3]?.[0]).toBe('\\<script\\>alert("x")\\</script\\> \\& Sons \\| \\*Ltd\\* \\`#1\\`');
    expect(mdHeadings(mark)).toContain(`3 ${HOSTILE_BIDDER} (B)`);
  });
});
