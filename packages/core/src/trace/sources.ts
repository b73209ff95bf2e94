import type { Provenance } from './provenance';
import { sha256Hex } from './sha256';

const KEYS = ['accessed', 'edition', 'licence', 'notes', 'priceYear', 'publisher', 'title', 'url'] as const;

// Provenance objects are mostly shared by every line valued from one measure: memoise on
// identity, then on content (copies of one source are common), so each source is hashed once.
const ids = new WeakMap<Provenance, string>();
const byText = new Map<string, string>();
const BY_TEXT_MAX = 4096;

/**
 * Provenance without absent fields, keys in sorted order: how a source is written once in a
 * document's `sources`.
 *
 * @example
 * ```ts
 * plainSource({ title: 'The Green Book', licence: 'OGL-UK-3.0', url: undefined });
 * // { licence: 'OGL-UK-3.0', title: 'The Green Book' }
 * ```
 */
export function plainSource(p: Provenance): Provenance {
  const o: Record<string, unknown> = {};
  for (const k of KEYS) if (p[k] !== undefined) o[k] = p[k];
  return o as Provenance;
}

/**
 * The id a source is referred to by: `src-` and the first 12 hex digits of the SHA-256 of its
 * canonical JSON. Derived from the content, so the same source has the same id in every document.
 *
 * @example
 * ```ts
 * sourceId({ title: 'The Green Book', publisher: 'HM Treasury', edition: '2022', licence: 'OGL-UK-3.0' });
 * // 'src-…' (always the same 16 characters for this source)
 * ```
 */
export function sourceId(p: Provenance): string {
  const known = ids.get(p);
  if (known !== undefined) return known;
  const text = JSON.stringify(plainSource(p));
  let id = byText.get(text);
  if (id === undefined) {
    id = `src-${sha256Hex(text).slice(0, 12)}`;
    if (byText.size >= BY_TEXT_MAX) byText.clear();
    byText.set(text, id);
  }
  ids.set(p, id);
  return id;
}

/**
 * Gathers the sources a document cites, so each is written once (in `sources`, by id) and every
 * trace input refers to it by {@link sourceId}.
 *
 * @example
 * ```ts
 * const index = createSourceIndex();
 * const id = index.add(measure.proxy.source); // 'src-…'
 * index.sources(); // { 'src-…': { licence: …, title: … } }
 * ```
 */
export interface SourceIndex {
  /** Records a source and returns its id. */
  add(p: Provenance): string;
  /** Every source recorded, by id, ids in sorted order. */
  sources(): Record<string, Provenance>;
}

/**
 * Creates an empty {@link SourceIndex}.
 *
 * @example
 * ```ts
 * const index = createSourceIndex();
 * index.add({ title: 'Wellbeing Guidance for Appraisal', licence: 'OGL-UK-3.0' });
 * Object.keys(index.sources()).length; // 1
 * ```
 */
export function createSourceIndex(): SourceIndex {
  const byId = new Map<string, Provenance>();
  return {
    add(p) {
      const id = sourceId(p);
      if (!byId.has(id)) byId.set(id, plainSource(p));
      return id;
    },
    sources() {
      const o: Record<string, Provenance> = {};
      for (const id of [...byId.keys()].sort()) o[id] = byId.get(id) as Provenance;
      return o;
    },
  };
}
