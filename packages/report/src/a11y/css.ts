// A small reader of our own stylesheets (REPORT_CSS, the workbench's style.css) for the colour
// tests: rules and declarations, custom properties resolved, @media print left out (it drops
// backgrounds and prints black). Not a general CSS parser, nor exported from the package.
import { AA, contrast, parseColour } from './contrast';

/** One style rule: its selector, its declarations (custom properties resolved), where it sits. */
export interface CssRule {
  selector: string;
  decls: Record<string, string>;
  line: number;
}

/** A foreground/background pair the tests hold to a WCAG AA threshold. */
export interface ColourPair {
  kind: 'text' | 'non-text';
  fg: string;
  bg: string;
  where: string;
  need: number;
  ratio: number;
}

const COLOUR = /#[0-9a-fA-F]{3,8}\b|rgba?\([^)]*\)|\b(?:white|black)\b/g;

/** The rules of a stylesheet, `@media print` and comments dropped, `var(--x)` resolved. */
export function cssRules(css: string): CssRule[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  const rules: CssRule[] = [];
  let i = 0;
  const media: boolean[] = [];
  while (i < text.length) {
    const open = text.indexOf('{', i);
    const close = text.indexOf('}', i);
    if (close !== -1 && (open === -1 || close < open)) {
      media.pop();
      i = close + 1;
      continue;
    }
    if (open === -1) break;
    const head = text.slice(i, open).trim();
    const line = text.slice(0, open).split('\n').length;
    if (head.startsWith('@media') || head.startsWith('@supports')) {
      media.push(/\bprint\b/.test(head));
      i = open + 1;
      continue;
    }
    const end = text.indexOf('}', open);
    const body = text.slice(open + 1, end);
    if (!media.includes(true) && !head.startsWith('@')) {
      const decls: Record<string, string> = {};
      for (const d of body.split(';')) {
        const k = d.indexOf(':');
        if (k > 0) decls[d.slice(0, k).trim().toLowerCase()] = d.slice(k + 1).trim();
      }
      rules.push({ selector: head.replace(/\s+/g, ' '), decls, line });
    }
    i = end + 1;
  }
  const vars: Record<string, string> = {};
  for (const r of rules) for (const [k, v] of Object.entries(r.decls)) if (k.startsWith('--')) vars[k] = v;
  const resolve = (v: string): string =>
    v.replace(/var\((--[\w-]+)\)/g, (_, name: string) => resolve(vars[name] ?? ''));
  for (const r of rules) for (const k of Object.keys(r.decls)) r.decls[k] = resolve(r.decls[k] as string);
  return rules;
}

/** The colours in a declaration value (`2px solid #1d70b8` → `['#1d70b8']`). */
export function coloursIn(value: string | undefined): string[] {
  return value ? [...value.matchAll(COLOUR)].map((m) => m[0]).filter((c) => parseColour(c)) : [];
}

const BORDERS = /^(border(-(top|right|bottom|left))?(-color)?|outline(-color)?)$/;

/**
 * Every colour pair a stylesheet can put on screen: a rule's `color` on its own background, or on
 * every surface (a background set without a text colour) when it sets none; each meaningful
 * border and outline on the same. `decorative` names colours used only for separators (WCAG
 * 1.4.11 asks nothing of them), `focus` the selectors whose outline and box-shadow ring together
 * make the focus indicator (one of the two must contrast with the surface).
 */
export function cssPairs(
  css: string,
  where: string,
  o: { decorative: readonly string[]; surface?: string },
): ColourPair[] {
  const rules = cssRules(css);
  const bgOf = (r: CssRule) => coloursIn(r.decls['background-color'] ?? r.decls.background)[0];
  const surfaces = new Set<string>([o.surface ?? '#fff']);
  for (const r of rules) {
    const bg = bgOf(r);
    if (bg && r.decls.color === undefined) surfaces.add(bg.toLowerCase());
  }
  const deco = new Set(o.decorative.map((c) => c.toLowerCase()));
  const pairs: ColourPair[] = [];
  const add = (kind: ColourPair['kind'], fg: string, bgs: Iterable<string>, at: string) => {
    for (const bg of bgs) {
      const need = kind === 'text' ? AA.text : AA.nonText;
      pairs.push({ kind, fg: fg.toLowerCase(), bg, where: at, need, ratio: contrast(fg, bg) });
    }
  };
  for (const r of rules) {
    const at = `${where}:${r.line} ${r.selector}`;
    const own = bgOf(r);
    const under = own ? [own.toLowerCase()] : surfaces;
    for (const fg of coloursIn(r.decls.color)) add('text', fg, under, `${at} color`);
    const focus = coloursIn(r.decls.outline).concat(coloursIn(r.decls['box-shadow']));
    if (r.selector.includes(':focus')) {
      // the indicator is the yellow outline and the dark ring around it: the best of them counts
      for (const bg of surfaces) {
        const best = focus.reduce((b, c) => (contrast(c, bg) > contrast(b, bg) ? c : b), focus[0] ?? '#fff');
        add('non-text', best, [bg], `${at} focus indicator`);
      }
      continue;
    }
    // a border is seen against what lies around the element: every surface
    for (const [k, v] of Object.entries(r.decls)) {
      if (!BORDERS.test(k)) continue;
      for (const c of coloursIn(v))
        if (!deco.has(c.toLowerCase())) add('non-text', c, surfaces, `${at} ${k}`);
    }
  }
  return pairs;
}
