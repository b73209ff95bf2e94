import { CommonwealError } from '@commonweal/core/issues';
import { escapeHtml } from './escape';

/**
 * A heading level, 1 to 6.
 *
 * @example
 * ```ts
 * const level: HeadingLevel = 2;
 * ```
 */
export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

function checkLevel(level: number): HeadingLevel {
  if (!Number.isInteger(level) || level < 1 || level > 6) {
    throw new CommonwealError('invalid_heading_level', `heading level must be 1 to 6, got ${level}`);
  }
  return level as HeadingLevel;
}

/**
 * Makes a stable id (or anchor) from text: lower case, accents removed, anything else than
 * letters and digits turned into single hyphens. Ids come from content, never from counters
 * or randomness, so output stays deterministic.
 *
 * @example
 * ```ts
 * slug('Price & quality — Lot 2'); // 'price-quality-lot-2'
 * slug('Évaluation'); // 'evaluation'
 * slug('***'); // 'section'
 * ```
 */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'section' : /^[0-9]/.test(s) ? `s-${s}` : s;
}

/**
 * A heading element with escaped text and an optional id (escaped; use {@link slug} to make
 * one from text).
 *
 * @example
 * ```ts
 * heading(2, 'Ranking & scores', 'ranking'); // '<h2 id="ranking">Ranking &amp; scores</h2>'
 * ```
 */
export function heading(level: HeadingLevel, text: string, id?: string): string {
  const l = checkLevel(level);
  const idAttr = id === undefined ? '' : ` id="${escapeHtml(id)}"`;
  return `<h${l}${idAttr}>${escapeHtml(text)}</h${l}>`;
}

/**
 * A paragraph of plain text (escaped). Pass `lead: true` for a larger, muted introduction.
 *
 * @example
 * ```ts
 * paragraph('Bids < £10k are exempt.'); // '<p>Bids &lt; £10k are exempt.</p>'
 * ```
 */
export function paragraph(text: string, options: { lead?: boolean } = {}): string {
  return `<p${options.lead ? ' class="cw-lead"' : ''}>${escapeHtml(text)}</p>`;
}

/**
 * Options of {@link section}.
 *
 * @example
 * ```ts
 * const s: SectionOptions = { title: 'Ranking', body: '<p>…</p>' };
 * ```
 */
export interface SectionOptions {
  /** Heading text (plain; escaped). */
  title: string;
  /** Trusted markup of the section's content. */
  body: string;
  /** Id of the heading, the section's anchor. Default `slug(title)`. */
  id?: string;
  /** Heading level. Default 2. */
  level?: HeadingLevel;
}

/**
 * A `<section>` named by its heading (`aria-labelledby`), so it is a navigable region for
 * screen readers and an anchor for links.
 *
 * @example
 * ```ts
 * section({ title: 'Ranking', body: paragraph('Bid B ranks first.') });
 * // '<section aria-labelledby="ranking">\n<h2 id="ranking">Ranking</h2>\n<p>Bid B ranks first.</p>\n</section>'
 * ```
 */
export function section(options: SectionOptions): string {
  const id = options.id ?? slug(options.title);
  return `<section aria-labelledby="${escapeHtml(id)}">\n${heading(options.level ?? 2, options.title, id)}\n${options.body}\n</section>`;
}

/**
 * A key figure: a short label, the figure already formatted (see `fmtMoney`, `fmtScore`), and an
 * optional note. All plain text.
 *
 * @example
 * ```ts
 * const f: KeyFigure = { label: 'Social value', value: '£1,234,567.00', note: '2024 prices' };
 * ```
 */
export interface KeyFigure {
  /** What the figure is. */
  label: string;
  /** The formatted figure. */
  value: string;
  /** Basis, caveat or comparison. */
  note?: string;
}

/**
 * Key figures as a row of cards (a description list, so each figure is read with its label).
 * An empty list renders nothing.
 *
 * @example
 * ```ts
 * keyFigures([
 *   { label: 'Bids received', value: '3' },
 *   { label: 'Highest score', value: '78.25', note: 'Bid B' },
 * ]);
 * ```
 */
export function keyFigures(figures: readonly KeyFigure[]): string {
  if (figures.length === 0) return '';
  const cards = figures.map((f) => {
    const note = f.note === undefined ? '' : `<dd class="cw-note">${escapeHtml(f.note)}</dd>`;
    return `<div class="cw-key-figure"><dt>${escapeHtml(f.label)}</dt><dd class="cw-value">${escapeHtml(f.value)}</dd>${note}</div>`;
  });
  return `<dl class="cw-key-figures">\n${cards.join('\n')}\n</dl>`;
}

/**
 * Kind of a {@link callout}; each has its own status word, icon and border pattern, so it never
 * depends on colour alone.
 *
 * @example
 * ```ts
 * const k: CalloutKind = 'warning';
 * ```
 */
export type CalloutKind = 'info' | 'warning' | 'danger';

const CALLOUT: Record<CalloutKind, { word: string; icon: string }> = {
  info: {
    word: 'Note',
    icon: '<circle cx="10" cy="10" r="9" fill="none" stroke="currentColor" stroke-width="2"/><rect x="9" y="8" width="2" height="7" fill="currentColor"/><rect x="9" y="4.5" width="2" height="2" fill="currentColor"/>',
  },
  warning: {
    word: 'Warning',
    icon: '<path d="M10 1.5L19 18H1Z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/><rect x="9" y="7" width="2" height="6" fill="currentColor"/><rect x="9" y="14.5" width="2" height="2" fill="currentColor"/>',
  },
  danger: {
    word: 'Danger',
    icon: '<path d="M6.3 1h7.4L19 6.3v7.4L13.7 19H6.3L1 13.7V6.3Z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/><path d="M6.5 6.5l7 7M13.5 6.5l-7 7" stroke="currentColor" stroke-width="2"/>',
  },
};

/**
 * A callout box: status word (Note, Warning, Danger) and icon, an optional title, and trusted
 * markup. Kinds differ by word, icon and border pattern (solid, dashed, double) as well as colour.
 *
 * @example
 * ```ts
 * callout('warning', paragraph('Bid C was late and was not scored.'), 'Late bid');
 * ```
 */
export function callout(kind: CalloutKind, html: string, title?: string): string {
  const c = CALLOUT[kind];
  if (!c) throw new CommonwealError('invalid_callout_kind', `callout kind must be info, warning or danger`);
  const t = title === undefined ? '' : ` ${escapeHtml(title)}`;
  const icon = `<svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 20 20">${c.icon}</svg>`;
  return `<div class="cw-callout cw-callout-${kind}" role="note">\n<p class="cw-callout-title">${icon}<span>${c.word}:${t}</span></p>\n${html}\n</div>`;
}

/**
 * One entry of a {@link definitionList}: a term (plain text) and its description, as plain text
 * or `{ html }` for trusted markup.
 *
 * @example
 * ```ts
 * const e: Definition = { term: 'Deadweight', description: 'What would have happened anyway.' };
 * ```
 */
export interface Definition {
  /** The term. */
  term: string;
  /** Its description. */
  description: string | { html: string };
}

/**
 * A description list (`<dl>`) of terms and descriptions, laid out as two columns on wide screens.
 *
 * @example
 * ```ts
 * definitionList([
 *   { term: 'Proxy', description: 'A monetary value standing for an outcome.' },
 *   { term: 'Source', description: { html: '<cite>HM Treasury Green Book (2022)</cite>' } },
 * ]);
 * ```
 */
export function definitionList(items: readonly Definition[]): string {
  if (items.length === 0) return '';
  const rows = items.map((d) => {
    const desc = typeof d.description === 'string' ? escapeHtml(d.description) : d.description.html;
    return `<dt>${escapeHtml(d.term)}</dt><dd>${desc}</dd>`;
  });
  return `<dl class="cw-dl">\n${rows.join('\n')}\n</dl>`;
}

/**
 * A figure: trusted content (usually an SVG chart from this package) with a plain-text caption.
 * Printing keeps a figure on one page.
 *
 * @example
 * ```ts
 * figure(barChart({ title: 'Scores', description: 'Total score by bid', bars: [{ label: 'A', value: 71 }] }),
 *   'Figure 1. Total weighted score by bid (out of 100).');
 * ```
 */
export function figure(content: string, caption?: string): string {
  const cap = caption === undefined ? '' : `\n<figcaption>${escapeHtml(caption)}</figcaption>`;
  return `<figure class="cw-figure">\n${content}${cap}\n</figure>`;
}
