const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML and SVG, in element content and in quoted attribute values alike:
 * `& < > " '` become entities. Every primitive in this package escapes the plain text it is
 * given (labels, captions, titles); only parameters named `html` or `body` are trusted markup.
 *
 * @example
 * ```ts
 * escapeHtml('<script>alert("x")</script> & Sons'); // '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Sons'
 * ```
 */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
