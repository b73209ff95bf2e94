import { type Decimal, dec } from '@commonweal/core/money';
import {
  type AssessmentSummary,
  assessmentSummaries,
  type BidEvaluation,
  type Criterion,
  type CriterionNode,
  combineScores,
  DEFAULT_DIVERGENCE_THRESHOLD,
  describeScale,
  howAssessed,
  scaleMax,
  type TenderEvaluation,
} from '@commonweal/core/procurement';
import { fmtMoney, fmtNumber, fmtScore } from '../format/format';
import { slug } from '../html/blocks';
import { sensitivityChart } from '../svg/sensitivity';
import { stackedBarChart } from '../svg/stacked';
import {
  type Block,
  plainText,
  type ReportDocument,
  type Rich,
  renderDocumentHtml,
  renderDocumentMarkdown,
} from './blocks';
import { issuesSection, weightText } from './common';

/**
 * Options of {@link renderTenderHtml} and {@link renderTenderMarkdown}.
 *
 * @example
 * ```ts
 * const o: TenderReportOptions = { title: 'Lot 2: home care', summaries: false };
 * ```
 */
export interface TenderReportOptions {
  /** Page title. Default `Tender evaluation: <model title>`. */
  title?: string;
  /** Include one assessment summary per bidder. Default true. */
  summaries?: boolean;
  /** Language tag of the HTML page. Default `en-GB`. */
  lang?: string;
}

/** The wording the report uses for an abnormally low price (never a disqualification). */
const ABNORMALLY_LOW =
  'This is a flag only — the supplier must be asked to explain (Procurement Act 2023 s19(4)–(5)). The bid has not been disqualified, and it stays in the ranking until that is done.';

const pts = (d: Decimal): string => fmtScore(d);

/** A criterion's title indented by its depth, sub-criteria marked with ↳ (not by indent alone). */
function indented(title: string, depth: number): string {
  return depth === 0 ? title : `${'\u00a0\u00a0'.repeat(depth - 1)}↳\u00a0${title}`;
}

function label(b: { bid: string; bidder: string }): string {
  return b.bidder === b.bid ? b.bidder : `${b.bidder} (${b.bid})`;
}

function typeText(c: Criterion): string {
  switch (c.type) {
    case 'price':
      return `Price (${c.method})`;
    case 'quality':
      return 'Quality';
    case 'social-value':
      return c.mode === 'quantitative'
        ? `Social value, quantitative (${c.method})`
        : 'Social value, qualitative';
    case 'pass-fail':
      return 'Pass/fail gate';
    case 'group':
      return 'Group';
  }
}

function scalesText(c: Criterion): string {
  switch (c.type) {
    case 'quality':
      return describeScale(c.scale);
    case 'social-value':
      return c.mode === 'qualitative'
        ? describeScale(c.scale)
        : `0 to ${(c.max ?? dec(100)).toString()} marks`;
    case 'price':
      return `0 to ${(c.max ?? dec(100)).toString()} marks`;
    case 'pass-fail':
      return 'pass or fail';
    case 'group':
      return '0 to 100 within the group';
  }
}

/** Who won and by how much, at full precision; the words for every case (tie, one bid, none). */
interface Headline {
  winner: BidEvaluation | null;
  runnerUp: BidEvaluation | null;
  margin: Decimal | null;
  sentence: Rich;
}

function headline(e: TenderEvaluation): Headline {
  const byBid = new Map(e.bids.map((b) => [b.bid, b]));
  const winner = e.winner ? (byBid.get(e.winner) ?? null) : null;
  if (!winner || winner.total === null) {
    if (e.ranking.length === 0) {
      return {
        winner: null,
        runnerUp: null,
        margin: null,
        sentence: `No bid could be ranked: ${e.counts.disqualified} disqualified and ${e.counts.incomplete} incomplete of ${e.counts.bids}. There is no winner until the issues below are resolved.`,
      };
    }
    const top = e.ranking.filter((r) => r.rank === 1);
    const first = top[0];
    return {
      winner: null,
      runnerUp: null,
      margin: null,
      sentence: [
        { strong: 'No single winner: ' },
        `${top.map((r) => label(r)).join(', ')} tie for first place with ${first ? pts(first.total) : '–'} out of 100 at full precision, and no published tie-break separates them.`,
      ],
    };
  }
  const next = e.ranking.find((r) => r.bid !== winner.bid);
  const runnerUp = next ? (byBid.get(next.bid) ?? null) : null;
  const wt = winner.total;
  if (!runnerUp || runnerUp.total === null) {
    return {
      winner,
      runnerUp: null,
      margin: null,
      sentence: [{ strong: label(winner) }, ` is the only ranked bid, with ${pts(wt)} out of 100.`],
    };
  }
  const rt = runnerUp.total;
  const margin = wt.minus(rt);
  let how: string;
  if (margin.isZero()) {
    how = `, level with ${label(runnerUp)} on ${pts(rt)} at full precision: the published tie-break decided the award.`;
  } else {
    const shown = pts(margin);
    const hidden = shown === '0.00' ? ` (less than 0.005 points: ${margin.toFixed()} at full precision)` : '';
    const looksLevel =
      pts(wt) === pts(rt) ? ' The totals look equal at 2 decimal places but differ at full precision.' : '';
    how = `, ${shown} points ahead of ${label(runnerUp)} on ${pts(rt)}${hidden}.${looksLevel}`;
  }
  return {
    winner,
    runnerUp,
    margin,
    sentence: [{ strong: label(winner) }, ` wins with ${pts(wt)} out of 100${how}`],
  };
}

function topLevel(e: TenderEvaluation): CriterionNode[] {
  return e.criteria.filter((n) => n.parent === null && n.criterion.type !== 'pass-fail');
}

function weightedOf(b: BidEvaluation, id: string): Decimal | null {
  return b.criteria.find((c) => c.criterion === id)?.weighted ?? null;
}

function statusText(b: BidEvaluation, e: TenderEvaluation): string {
  const base =
    b.status === 'ranked'
      ? b.bid === e.winner
        ? 'Winner'
        : 'Ranked'
      : b.status === 'disqualified'
        ? 'Disqualified'
        : 'Incomplete: not ranked';
  const flags = b.flags
    .filter((f) => f.code !== 'incomplete')
    .map((f) =>
      f.code === 'abnormally-low'
        ? 'abnormally low price (flag)'
        : f.code === 'divergent-scores'
          ? 'divergent scores'
          : 'price lines do not add up',
    );
  return flags.length ? `${base}; ${[...new Set(flags)].join('; ')}` : base;
}

function resultSection(e: TenderEvaluation, h: Headline): Block[] {
  const figures = [];
  if (h.winner?.total) {
    figures.push({ label: 'Winner', value: h.winner.bidder, note: `bid ${h.winner.bid}` });
    figures.push({ label: 'Winning total', value: pts(h.winner.total), note: 'out of 100' });
  }
  if (h.margin !== null && h.runnerUp) {
    figures.push({
      label: 'Margin over the runner-up',
      value: pts(h.margin),
      note: `points ahead of ${label(h.runnerUp)}`,
    });
  }
  figures.push({
    label: 'Bids received',
    value: String(e.counts.bids),
    note: `${e.counts.ranked} ranked, ${e.counts.disqualified} disqualified, ${e.counts.incomplete} incomplete`,
  });
  const winnerTotal = h.winner?.total ?? null;
  const rows = e.bids.map((b) => [
    b.bidder,
    b.bid,
    b.rank === null ? '–' : String(b.rank),
    b.total === null ? '–' : pts(b.total),
    b.total === null || winnerTotal === null || b.bid === h.winner?.bid
      ? '–'
      : pts(winnerTotal.minus(b.total)),
    fmtMoney(b.price, e.model.currency),
    statusText(b, e),
  ]);
  return [
    { type: 'paragraph', text: h.sentence },
    { type: 'keyFigures', figures },
    {
      type: 'table',
      caption: 'Ranking of bids (totals out of 100, compared at full precision)',
      headers: ['Bidder', 'Bid', 'Rank', 'Total', 'Points behind the winner', 'Price', 'Status'],
      rows,
      align: [undefined, 'left', 'right', 'right', 'right', 'right', 'left'],
    },
  ];
}

function scoresSection(e: TenderEvaluation, h: Headline): Block {
  const top = topLevel(e);
  const ranked = e.ranking.map((r) => e.bids.find((b) => b.bid === r.bid)).filter((b) => b !== undefined);
  const body: Block[] = [];
  if (ranked.length && top.length) {
    const totals = ranked.map((b) => `${b.bidder} ${pts(b.total ?? dec(0))}`).join('; ');
    const svg = stackedBarChart({
      title: 'Weighted score by criterion (out of 100)',
      description: `Each ranked bid's total built from its weighted points on each top-level criterion. ${
        h.winner ? `${h.winner.bidder} has the highest total.` : 'No single winner.'
      } Totals: ${totals}.`,
      series: top.map((n) => ({ id: n.id, label: `${n.criterion.title} (${weightText(n.weight)})` })),
      categories: ranked.map((b) => ({
        label: b.bidder,
        segments: top.flatMap((n) => {
          const w = weightedOf(b, n.id);
          return w === null ? [] : [{ series: n.id, value: w }];
        }),
      })),
      max: 100,
      format: (v) => pts(v),
      width: 960,
    });
    body.push({
      type: 'figure',
      svg,
      caption:
        'Weighted points of each ranked bid by top-level criterion; the dashed line is the maximum of 100.',
      description: `Totals: ${totals}.`,
    });
  } else {
    body.push({ type: 'paragraph', text: 'No bid was ranked, so there is no chart of weighted scores.' });
  }
  const shown = [...ranked, ...e.bids.filter((b) => b.status !== 'ranked')];
  body.push({
    type: 'table',
    caption: 'Weighted points by top-level criterion',
    headers: ['Bidder', ...top.map((n) => `${n.criterion.title} (${weightText(n.weight)})`), 'Total'],
    rows: shown.map((b) => [
      b.bidder,
      ...top.map((n) => {
        const w = weightedOf(b, n.id);
        return w === null ? '–' : pts(w);
      }),
      b.total === null ? '–' : pts(b.total),
    ]),
    footer: [['Maximum', ...top.map((n) => pts(n.effectiveWeight)), pts(dec(100))]],
  });
  if (shown.some((b) => b.status !== 'ranked')) {
    body.push({
      type: 'paragraph',
      text: 'Disqualified and incomplete bids have no total: price and quantitative social value are scored over compliant bids only.',
    });
  }
  return { type: 'section', title: 'Scores by criterion', body };
}

/** The abnormally-low test in words, with the basis the engine used (same rule: compliant = not disqualified). */
function abnormallyLowText(e: TenderEvaluation, b: BidEvaluation): string {
  const rule = e.model.abnormallyLow;
  const money = (d: Decimal) => fmtMoney(d, e.model.currency);
  if (!rule) return `Price ${money(b.price)} was flagged as abnormally low.`;
  const basisName = rule.basis ?? 'mean';
  const prices = e.bids.filter((x) => x.status !== 'disqualified').map((x) => x.price);
  const basis = combineScores(prices, basisName);
  const threshold = rule.share.times(basis);
  return `Price ${money(b.price)} is below ${weightText(rule.share.times(100))} of the ${basisName} compliant price of ${money(basis)}, that is below ${money(threshold)}.`;
}

function flagsSection(e: TenderEvaluation): Block {
  const body: Block[] = [];
  for (const b of e.bids) {
    if (b.status === 'disqualified') {
      body.push({
        type: 'callout',
        kind: 'danger',
        title: `Disqualified: ${label(b)}`,
        body: [{ type: 'list', items: b.reasons.length ? b.reasons : ['no reason recorded'] }],
      });
    }
    const incomplete = b.flags.filter((f) => f.code === 'incomplete');
    if (b.status === 'incomplete') {
      body.push({
        type: 'callout',
        kind: 'warning',
        title: `Not ranked, evaluation incomplete: ${label(b)}`,
        body: [
          {
            type: 'list',
            items: incomplete.length ? incomplete.map((f) => f.message) : ['scores or results are missing'],
          },
        ],
      });
    }
    for (const f of b.flags) {
      if (f.code === 'abnormally-low') {
        body.push({
          type: 'callout',
          kind: 'warning',
          title: `Abnormally low price: ${label(b)}`,
          body: [
            { type: 'paragraph', text: abnormallyLowText(e, b) },
            { type: 'paragraph', text: ABNORMALLY_LOW },
          ],
        });
      } else if (f.code === 'price-lines-mismatch') {
        body.push({
          type: 'callout',
          kind: 'warning',
          title: `Price lines do not add up: ${label(b)}`,
          body: [{ type: 'paragraph', text: f.message }],
        });
      }
    }
  }
  if (body.length === 0)
    body.push({ type: 'paragraph', text: 'No bid was disqualified, left incomplete or flagged.' });
  return { type: 'section', title: 'Disqualifications and flags', body };
}

/** The highest of scores (a loop: an evaluator count has no bound a spread could take). */
function highest(scores: readonly Decimal[]): Decimal {
  let m = scores[0]!;
  for (const s of scores) if (s.gt(m)) m = s;
  return m;
}

/** The lowest of scores. */
function lowest(scores: readonly Decimal[]): Decimal {
  let m = scores[0]!;
  for (const s of scores) if (s.lt(m)) m = s;
  return m;
}

function divergenceText(e: TenderEvaluation, id: string, scores: readonly Decimal[]): string {
  const threshold = e.model.divergenceThreshold ?? DEFAULT_DIVERGENCE_THRESHOLD;
  const c = e.criteria.find((n) => n.id === id)?.criterion;
  const spread = scores.length ? highest(scores).minus(lowest(scores)) : dec(0);
  if (!c || !('scale' in c)) return `divergent: scores differ by ${spread.toString()}`;
  const max = scaleMax(c.scale);
  return `divergent: scores differ by ${spread.toString()}, more than ${threshold.times(max).toString()} (${weightText(threshold.times(100))} of the scale maximum ${max.toString()})`;
}

function moderationSection(e: TenderEvaluation): Block {
  const threshold = e.model.divergenceThreshold ?? DEFAULT_DIVERGENCE_THRESHOLD;
  const rows: Rich[][] = [];
  for (const b of e.bids) {
    for (const c of b.criteria) {
      const flag = b.flags.find((f) => f.code === 'divergent-scores' && f.criterion === c.criterion);
      if (!c.moderated && !flag) continue;
      const scores = c.scores.map((s) => `${s.evaluator}: ${s.score.toString()}`).join('; ') || '–';
      const m = c.moderated;
      const moderation = m
        ? `moderated to ${m.score.toString()}${m.moderator ? ` by ${m.moderator}` : ''}${m.at ? ` on ${m.at}` : ''}: ${m.reason ?? 'no reason recorded'}`
        : 'not moderated: agree a moderated score and record the reason';
      rows.push([
        b.bidder,
        c.title,
        scores,
        c.raw === null ? '–' : c.raw.toString(),
        flag
          ? divergenceText(
              e,
              c.criterion,
              c.scores.map((x) => x.score),
            )
          : 'within the threshold',
        moderation,
      ]);
    }
  }
  const body: Block[] = [
    {
      type: 'paragraph',
      text: `Where no moderated score was agreed, evaluators' scores are combined by their ${e.model.moderation ?? 'mean'}. Scores that differ by more than ${weightText(threshold.times(100))} of the scale maximum are flagged for moderation, and a moderated score replaces the evaluators' scores with its recorded reason.`,
    },
  ];
  if (rows.length) {
    body.push({
      type: 'table',
      caption: 'Moderation flags and moderated scores',
      headers: ['Bidder', 'Criterion', "Evaluators' scores", 'Score used', 'Divergence', 'Moderation'],
      rows,
      align: [undefined, 'left', 'left', 'right', 'left', 'left'],
    });
  } else {
    body.push({ type: 'paragraph', text: 'No scores were flagged for moderation and none was moderated.' });
  }
  return { type: 'section', title: 'Moderation', body };
}

function sensitivitySection(e: TenderEvaluation, h: Headline): Block {
  const byBid = new Map(e.bids.map((b) => [b.bid, b]));
  const title = (id: string) => e.criteria.find((n) => n.id === id)?.criterion.title ?? id;
  const who = (id: string | null) => {
    const b = id === null ? undefined : byBid.get(id);
    return b ? label(b) : (id ?? '–');
  };
  const body: Block[] = [
    {
      type: 'paragraph',
      text: 'Each top-level weight is moved from 0 to 100% while the other top-level weights are rescaled in proportion. The weight at which another bid’s total meets the winner’s is where the winner changes. Relative price scores also move with the set of bids; that is a separate check.',
    },
  ];
  if (!h.winner || e.sensitivity.length === 0) {
    body.push({
      type: 'paragraph',
      text: 'There is no single winner, so there is no weight sensitivity to show.',
    });
    return { type: 'section', title: 'Weight sensitivity', body };
  }
  const words = e.sensitivity.map((s) =>
    s.flipsAt === null
      ? `${title(s.criterion)}: no flip from 0 to 100%`
      : `${title(s.criterion)}: the winner changes if the weight ${s.direction === 'increase' ? 'rises above' : 'falls below'} ${pts(s.flipsAt)}% (now ${weightText(s.weight)}); ${who(s.newWinner)} would then win`,
  );
  const svg = sensitivityChart({
    title: 'How far can each weight move before the winner changes?',
    description: `${h.winner.bidder} wins at the published weights. ${words.join('. ')}.`,
    rows: e.sensitivity.map((s) => ({
      label: title(s.criterion),
      current: s.weight,
      flipsAt: s.flipsAt,
      ...(s.newWinner
        ? {
            note: `${byBid.get(s.newWinner)?.bidder ?? s.newWinner} wins ${s.direction === 'increase' ? 'above' : 'below'}`,
          }
        : {}),
    })),
    format: (v) => fmtNumber(v, 2).replace(/\.00$/, ''),
    width: 960,
  });
  body.push({
    type: 'figure',
    svg,
    caption:
      'Current weight (●) and the weight at which the winner changes (◆) for each top-level criterion, with who would then win.',
    description: `${words.join('. ')}.`,
  });
  body.push({
    type: 'table',
    caption: 'Weight at which the winner changes',
    headers: ['Criterion', 'Weight now', 'Winner changes at', 'When the weight', 'Would then win'],
    rows: e.sensitivity.map((s) => [
      title(s.criterion),
      weightText(s.weight),
      s.flipsAt === null ? 'no flip in 0–100%' : `${pts(s.flipsAt)}%`,
      s.direction === null ? '–' : s.direction === 'increase' ? 'rises above it' : 'falls below it',
      s.newWinner === null ? '–' : who(s.newWinner),
    ]),
    align: [undefined, 'right', 'right', 'left', 'left'],
  });
  return { type: 'section', title: 'Weight sensitivity', body };
}

/**
 * What the model records of its publication, against the weights actually scored: the method
 * text must come from the model scored, so a weight changed after publication is said, with
 * both figures. Null when the model records no publication.
 */
function publishedNote(e: TenderEvaluation): string | null {
  const p = e.model.published;
  if (!p) return null;
  const when = p.date ? ` on ${p.date}` : '';
  const changes: string[] = [];
  const scored = e.criteria.filter((n) => n.criterion.type !== 'pass-fail');
  for (const n of scored) {
    const was = p.weights[n.id];
    const of = n.parent === null ? '' : ` of "${e.criteria.find((k) => k.id === n.parent)?.criterion.title}"`;
    if (was === undefined)
      changes.push(`"${n.criterion.title}" ${weightText(n.weight)}${of} scored, not published`);
    else if (!was.eq(n.weight))
      changes.push(
        `"${n.criterion.title}" ${weightText(was)} published, ${weightText(n.weight)}${of} scored`,
      );
  }
  for (const id of Object.keys(p.weights).sort())
    if (!scored.some((n) => n.id === id)) changes.push(`"${id}" published, no longer a scored criterion`);
  if (changes.length === 0) return `Scored with the weights as published${when}.`;
  const tail = e.model.description
    ? 'The description above is the text as published; the table below gives the weights actually scored.'
    : 'The table below gives the weights actually scored.';
  return `The weights were changed after publication${when}: ${changes.join('; ')}. ${tail}`;
}

function methodSection(e: TenderEvaluation): Block {
  const m = e.model;
  const moderation = m.moderation ?? 'mean';
  const threshold = m.divergenceThreshold ?? DEFAULT_DIVERGENCE_THRESHOLD;
  const title = (id: string) => e.criteria.find((n) => n.id === id)?.criterion.title ?? id;
  const items: { term: string; description: Rich }[] = [
    { term: 'Tender', description: `${m.title} (${m.id}), prices in ${m.currency}` },
    {
      term: "Combining evaluators' scores",
      description: `the moderated score where one was agreed, otherwise the ${moderation} of the evaluators' scores`,
    },
    {
      term: 'Divergence threshold',
      description: `scores differing by more than ${weightText(threshold.times(100))} of the scale maximum are flagged for moderation`,
    },
    {
      term: 'Tie-break',
      description: m.tieBreak?.length
        ? `equal totals are separated by the weighted points on ${m.tieBreak.map((id) => `"${title(id)}"`).join(', then ')}`
        : 'none published: equal totals share a rank',
    },
    {
      term: 'Abnormally low prices',
      description: m.abnormallyLow
        ? `a compliant price below ${weightText(m.abnormallyLow.share.times(100))} of the ${m.abnormallyLow.basis ?? 'mean'} compliant price is flagged (a flag only: the supplier is asked to explain, Procurement Act 2023 s19(4)–(5))`
        : 'no threshold was set in the published method',
    },
    {
      term: 'Rounding',
      description:
        'scores are shown half-up to 2 decimal places (policy score-half-up-2dp); the ranking, margins and weight sensitivity compare them at full precision',
    },
  ];
  const body: Block[] = [];
  if (m.description) body.push({ type: 'paragraph', text: m.description });
  const published = publishedNote(e);
  if (published) body.push({ type: 'paragraph', text: published });
  body.push({ type: 'definitions', items });
  body.push({
    type: 'table',
    caption: published
      ? 'Criteria, weights, scales and scoring methods as scored'
      : 'Criteria, weights, scales and scoring methods as published',
    headers: ['Criterion', 'Type', 'Weight', 'Share of the total', 'Scores available', 'How it is assessed'],
    rows: e.criteria.map((n) => [
      indented(n.criterion.title, n.depth),
      typeText(n.criterion),
      n.criterion.type === 'pass-fail'
        ? '–'
        : n.parent === null
          ? weightText(n.weight)
          : `${weightText(n.weight)} of "${title(n.parent)}"`,
      n.criterion.type === 'pass-fail' ? '–' : weightText(n.effectiveWeight),
      scalesText(n.criterion),
      howAssessed(n, e.criteria, moderation),
    ]),
    align: [undefined, 'left', 'right', 'right', 'left', 'left'],
  });
  return { type: 'section', title: 'Method as published', body };
}

function scoreCell(raw: Decimal | null, gate: 'pass' | 'fail' | null): string {
  return gate ?? (raw === null ? '–' : pts(raw));
}

function summaryBlocks(s: AssessmentSummary, index: number): Block {
  const result: Rich = s.isWinner
    ? [{ strong: 'Result: successful' }, `, ranked 1 of ${s.rankedBids}.`]
    : s.status === 'disqualified'
      ? [{ strong: 'Result: disqualified.' }]
      : s.status === 'incomplete'
        ? [{ strong: 'Result: not ranked' }, ' (evaluation incomplete).']
        : [{ strong: `Result: ranked ${s.rank} of ${s.rankedBids}.` }];
  const who = [s.supplierId ? `identifier ${s.supplierId}` : null, s.address].filter(Boolean).join(', ');
  const body: Block[] = [
    { type: 'paragraph', text: [`Tender ${s.bid} from ${s.bidder}${who ? ` (${who})` : ''}. `, ...result] },
    {
      type: 'table',
      caption: `Scores of ${s.bidder} (${s.bid}) by criterion`,
      headers: [
        'Criterion',
        'Weight',
        'How it was assessed',
        'Scores available',
        'Score',
        'Weighted',
        'Reasons',
      ],
      rows: s.criteria.map((c) => [
        indented(`${c.title}${c.description ? ` (${c.description})` : ''}`, c.depth),
        c.type === 'pass-fail' ? '–' : weightText(c.weight),
        c.howAssessed,
        c.availableScores,
        scoreCell(c.raw, c.gate),
        c.weighted === null ? '–' : pts(c.weighted),
        c.reasons.join('; ') || '–',
      ]),
      align: [undefined, 'right', 'left', 'left', 'right', 'right', 'left'],
    },
    {
      type: 'paragraph',
      text:
        s.total === null
          ? [{ strong: 'Total:' }, ' not available.']
          : [{ strong: 'Total:' }, ` ${pts(s.total)} out of 100.`],
    },
  ];
  if (!s.isWinner && s.whyNotWinner.length) {
    body.push({ type: 'paragraph', text: [{ strong: 'Why this tender was not successful' }] });
    body.push({ type: 'list', items: s.whyNotWinner });
  }
  if (s.winner && !s.isWinner) {
    const w = s.winner;
    body.push({
      type: 'table',
      caption: `The winning tender's scores (${w.bidder})`,
      headers: ['Criterion', 'Score', 'Weighted'],
      rows: w.criteria.map((c, i) => [
        indented(c.title, s.criteria[i]?.depth ?? 0),
        scoreCell(c.raw, c.gate),
        c.weighted === null ? '–' : pts(c.weighted),
      ]),
      footer: [['Total', '', pts(w.total)]],
    });
  }
  body.push({
    type: 'paragraph',
    text: `Scores are shown to 2 decimal places; the ranking compares them at full precision. ${s.legalBasis}.`,
  });
  return {
    type: 'section',
    title: `${s.bidder} (${s.bid})`,
    id: `summary-${index + 1}-${slug(s.bid)}`,
    level: 3,
    body,
  };
}

function tenderDocument(e: TenderEvaluation, options: TenderReportOptions): ReportDocument {
  const h = headline(e);
  const title = options.title ?? `Tender evaluation: ${e.model.title}`;
  const blocks: Block[] = [
    {
      type: 'paragraph',
      lead: true,
      text: `Tender ${e.model.id}. ${e.counts.bids} bids received: ${e.counts.ranked} ranked, ${e.counts.disqualified} disqualified, ${e.counts.incomplete} incomplete. Scores are out of 100.`,
    },
    { type: 'section', title: 'Result', body: resultSection(e, h) },
    scoresSection(e, h),
    flagsSection(e),
    moderationSection(e),
    sensitivitySection(e, h),
    methodSection(e),
  ];
  if (options.summaries ?? true) {
    const summaries = assessmentSummaries(e);
    blocks.push({
      type: 'section',
      title: 'Assessment summaries',
      body: [
        {
          type: 'paragraph',
          text: 'One summary per bidder: its scores and the reasons for them, how each criterion was assessed, why it did not win, and the winning tender’s scores (Procurement Act 2023 s50; Procurement Regulations 2024 reg 31).',
        },
        ...summaries.map(summaryBlocks),
      ],
    });
  }
  for (const x of issuesSection(e.issues, 'Issues found in the evaluation')) blocks.push(x);
  return { title, description: plainText(h.sentence), blocks };
}

/**
 * Renders a tender evaluation as one self-contained HTML page: who won and by how much (margin
 * over the runner-up compared at full precision, shown to 2 d.p.), the ranking, a stacked bar
 * per bid of weighted points by top-level criterion, disqualifications and flags with their
 * reasons, moderation, weight sensitivity, the method as published and one assessment summary
 * per bidder. Pure and deterministic: same evaluation, same bytes.
 *
 * @example
 * ```ts
 * const r = evaluate(input);
 * if (r.ok) writeFileSync('evaluation.html', renderTenderHtml(r.value));
 * ```
 */
export function renderTenderHtml(evaluation: TenderEvaluation, options: TenderReportOptions = {}): string {
  return renderDocumentHtml(tenderDocument(evaluation, options), options.lang);
}

/**
 * Renders a tender evaluation as Markdown, with the same sections, tables and words as
 * {@link renderTenderHtml} (charts become their caption and description).
 *
 * @example
 * ```ts
 * const r = evaluate(input);
 * if (r.ok) console.log(renderTenderMarkdown(r.value, { summaries: false }));
 * ```
 */
export function renderTenderMarkdown(
  evaluation: TenderEvaluation,
  options: TenderReportOptions = {},
): string {
  return renderDocumentMarkdown(tenderDocument(evaluation, options));
}
