/**
 * HTML elements that never have a closing tag.
 */
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

const TAG =
  /^<(\/?)([A-Za-z][A-Za-z0-9:-]*)((?:\s+[A-Za-z_:][A-Za-z0-9_:.-]*(?:\s*=\s*"[^"<]*")?)*)\s*(\/?)>/;
const ENTITY = /^&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);/;

/**
 * Checks that markup is well formed in the XML sense used by this package's renderers: every
 * `<` opens a real tag, comment or doctype; tags balance (HTML void elements excepted);
 * attributes are double-quoted without a raw `<`; every `&` starts an entity. Returns the
 * problems found (empty when well formed). It is a test aid for report renderers built on this
 * package, not an HTML parser: `<style>` content is skipped, nothing else is special.
 *
 * @example
 * ```ts
 * wellFormedProblems('<p>a &amp; b</p>'); // []
 * wellFormedProblems('<p>a < b</p>'); // ['raw "<" at 5']
 * ```
 */
export function wellFormedProblems(markup: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let i = 0;
  while (i < markup.length) {
    const c = markup[i];
    if (c === '&') {
      if (!ENTITY.test(markup.slice(i, i + 12))) problems.push(`raw "&" at ${i}`);
      i++;
      continue;
    }
    if (c === '>') {
      problems.push(`raw ">" at ${i}`);
      i++;
      continue;
    }
    if (c !== '<') {
      i++;
      continue;
    }
    const rest = markup.slice(i);
    if (rest.startsWith('<!--')) {
      const end = markup.indexOf('-->', i + 4);
      if (end < 0) return [...problems, `unclosed comment at ${i}`];
      i = end + 3;
      continue;
    }
    if (/^<!doctype html>/i.test(rest)) {
      i += '<!doctype html>'.length;
      continue;
    }
    const m = TAG.exec(rest);
    if (!m) {
      problems.push(`raw "<" at ${i}`);
      i++;
      continue;
    }
    const [whole, closing, rawName = '', , selfClosing] = m;
    const name = rawName.toLowerCase();
    i += whole.length;
    if (closing) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> at ${i - whole.length} closes <${open ?? 'nothing'}>`);
    } else if (!selfClosing && !VOID.has(name)) {
      if (name === 'style') {
        const end = markup.indexOf('</style>', i);
        if (end < 0) return [...problems, `unclosed <style> at ${i}`];
        i = end + '</style>'.length;
        continue;
      }
      stack.push(name);
    }
  }
  for (const open of stack.reverse()) problems.push(`<${open}> is never closed`);
  return problems;
}
