import { CommonwealError } from '@commonweal/core/issues';
import { escapeHtml } from './escape';
import { REPORT_CSS } from './style';

/**
 * Options of {@link htmlDocument}.
 *
 * @example
 * ```ts
 * const o: HtmlDocumentOptions = { title: 'Tender evaluation', body: '<h1>Tender evaluation</h1>' };
 * ```
 */
export interface HtmlDocumentOptions {
  /** Document title (plain text; escaped). */
  title: string;
  /** Trusted markup for the page's `<main>`, built with this package's primitives. */
  body: string;
  /** Language tag of the content. Default `en-GB`. */
  lang?: string;
  /** Plain-text summary for `<meta name="description">`. */
  description?: string;
  /** Extra trusted CSS appended after {@link REPORT_CSS}. */
  styles?: string;
}

/**
 * Wraps a body in one self-contained HTML file: UTF-8, responsive viewport, the inline
 * {@link REPORT_CSS} stylesheet and a Content-Security-Policy that forbids scripts and every
 * network fetch, so the file reads the same offline, in an email attachment or from an archive.
 * No dates, no generated ids: the same input gives the same bytes.
 *
 * @example
 * ```ts
 * const page = htmlDocument({
 *   title: 'Tender evaluation: Lot 2',
 *   description: 'Scores, ranking and weight sensitivity',
 *   body: heading(1, 'Tender evaluation: Lot 2') + paragraph('Three bids were scored.'),
 * });
 * page.startsWith('<!doctype html>'); // true
 * ```
 */
export function htmlDocument(options: HtmlDocumentOptions): string {
  const { title, body, lang = 'en-GB', description, styles } = options;
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(lang)) {
    throw new CommonwealError('invalid_lang', `lang "${lang}" is not a language tag such as en-GB or cy`);
  }
  if (styles?.toLowerCase().includes('</style')) {
    throw new CommonwealError('invalid_styles', 'styles must not contain "</style"');
  }
  const meta =
    description === undefined ? '' : `\n<meta name="description" content="${escapeHtml(description)}">`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>${meta}
<style>
${REPORT_CSS}${styles === undefined ? '' : `\n${styles}`}
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}
