// Formatting CSL items as references (AMA by default, Vancouver, APA) with citation-js +
// citeproc. Pure: no `fs`. citation-js ships Vancouver and APA; the AMA style XML is
// shipped in styles/ and registered by the node layer (src/node/bibliography.ts,
// `registerShippedStyles`) or by anyone holding its text (`registerCslStyle`).
import type { CslItem, CslName } from '../data';

export type CitationStyle = 'ama' | 'vancouver' | 'apa';
export const CITATION_STYLES: readonly CitationStyle[] = ['ama', 'vancouver', 'apa'];

/** Output markup: plain text, Markdown (italics kept as `*...*`) or HTML. */
export type ReferenceMarkup = 'text' | 'markdown' | 'html';

/** Numbered styles list references in order of first citation; the others alphabetically. */
export function isNumericStyle(style: CitationStyle): boolean {
  return style !== 'apa';
}

export function parseCitationStyle(value: unknown, fallback: CitationStyle = 'ama'): CitationStyle {
  const v = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return (CITATION_STYLES as readonly string[]).includes(v) ? (v as CitationStyle) : fallback;
}

// citation-js is loaded lazily (about 70 ms), so importing this module stays cheap.
interface CitationJs {
  plugins: {
    config: { get(name: string): { styles: { add(name: string, xml: string): void; has(name: string): boolean } } };
    output: { format(name: string, data: unknown[], options?: Record<string, unknown>): unknown };
  };
}
let citationJs: CitationJs | undefined;
function cjs(): CitationJs {
  if (!citationJs) {
    citationJs = require('@citation-js/core') as CitationJs;
    require('@citation-js/plugin-csl');
  }
  return citationJs;
}

/** Template names inside citation-js for our style ids. */
const TEMPLATE: Record<CitationStyle, string> = { ama: 'medwrite-ama', vancouver: 'vancouver', apa: 'apa' };

/** Registers a CSL style's XML under one of our style ids (AMA is not built into citation-js). */
export function registerCslStyle(style: CitationStyle, xml: string): void {
  cjs().plugins.config.get('@csl').styles.add(TEMPLATE[style], xml);
  cache.clear();
}

export function hasStyle(style: CitationStyle): boolean {
  return cjs().plugins.config.get('@csl').styles.has(TEMPLATE[style]);
}

function template(style: CitationStyle): string {
  if (!hasStyle(style)) {
    throw new Error(`citation style '${style}' is not registered (call registerShippedStyles() from src/node/bibliography)`);
  }
  return TEMPLATE[style];
}

/** Fields that are MedWrite's own or editorial, never printed in a reference. */
const PRIVATE_FIELDS = new Set(['provenance', 'note', 'annote', 'abstract', 'keyword', 'file']);

/**
 * A copy of `item` that citeproc accepts: numbers in text fields become strings (citeproc
 * calls `.match` on them), MedWrite's own fields are dropped.
 */
export function toCiteprocItem(item: CslItem): CslItem {
  const out: CslItem = { id: String(item.id), type: item.type || 'article' };
  for (const [k, v] of Object.entries(item)) {
    if (k === 'id' || k === 'type' || PRIVATE_FIELDS.has(k) || v === undefined || v === null) continue;
    if (typeof v === 'number') out[k] = String(v);
    else out[k] = v;
  }
  return out;
}

// Formatted references, cached per style and markup, keyed by item object.
const cache = new Map<string, WeakMap<CslItem, string>>();

/**
 * One reference, formatted in `style`, without the list number (`He J, Zhang X, ...`).
 * Results are cached per item object, so hovering or resolving a completion is cheap.
 */
export function formatReference(item: CslItem, style: CitationStyle = 'ama', markup: ReferenceMarkup = 'text'): string {
  const cacheKey = `${style}|${markup}`;
  let byItem = cache.get(cacheKey);
  if (!byItem) cache.set(cacheKey, (byItem = new WeakMap()));
  const hit = byItem.get(item);
  if (hit !== undefined) return hit;
  const [entry] = formatEntries([item], style, markup, true);
  const text = entry?.text ?? fallbackReference(item);
  byItem.set(item, text);
  return text;
}

export interface FormattedEntry {
  id: string;
  /** The reference without its number. */
  text: string;
}

/**
 * Formats several items at once. With `keepOrder` (numbered lists) the given order is kept;
 * otherwise the style's own sort is used (APA: alphabetical by author, then year).
 */
export function formatEntries(
  items: CslItem[],
  style: CitationStyle = 'ama',
  markup: ReferenceMarkup = 'text',
  keepOrder = isNumericStyle(style),
): FormattedEntry[] {
  if (items.length === 0) return [];
  const data = items.map(toCiteprocItem);
  const raw = cjs().plugins.output.format('bibliography', data, {
    template: template(style),
    lang: 'en-US',
    format: 'html',
    nosort: keepOrder,
    asEntryArray: true,
  }) as Array<[string, string]>;
  return raw.map(([id, html]) => ({ id, text: htmlEntryTo(html, markup) }));
}

/** Turns citeproc's HTML for one entry into text/Markdown/HTML without the list number. */
function htmlEntryTo(html: string, markup: ReferenceMarkup): string {
  let body = html.replace(/<div class="csl-left-margin">[\s\S]*?<\/div>/, '');
  body = body.replace(/<\/?div[^>]*>/g, '').replace(/\s+/g, ' ').trim();
  if (markup === 'html') return body;
  if (markup === 'markdown') {
    body = body
      .replace(/<(i|em)>([\s\S]*?)<\/\1>/g, (_m, _t, inner: string) => (inner.trim() ? `\u0001${inner}\u0001` : inner))
      .replace(/<(b|strong)>([\s\S]*?)<\/\1>/g, (_m, _t, inner: string) => (inner.trim() ? `\u0002${inner}\u0002` : inner));
  }
  const text = decodeEntities(body.replace(/<[^>]+>/g, ''));
  if (markup === 'text') return text.replace(/[\u0001\u0002]/g, '').trim();
  return escapeMarkdown(text).replace(/\u0001/g, '*').replace(/\u0002/g, '**').trim();
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|#38);/gi, (_m, e: string) => {
    const lower = e.toLowerCase();
    if (lower === 'amp') return '&';
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    return String.fromCodePoint(parseInt(lower.slice(1), 10));
  });
}

/** Escapes characters that Markdown would read as markup. */
export function escapeMarkdown(s: string): string {
  return s.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

/** A plain reference when citeproc cannot format an item (never throws). */
export function fallbackReference(item: CslItem): string {
  const parts = [authorList(item), item.title, item['container-title'], yearOf(item)].filter(Boolean);
  return parts.join('. ') || String(item.id);
}

// ---- short descriptions for pickers, completion details and snippets ----------------------------

export function nameOf(n: CslName): string {
  if (n.literal) return n.literal;
  return [n.family, n.given].filter(Boolean).join(', ') || '';
}

/** `He, Zhang, Wei` / `He et al.` (more than `max` authors) / `World Health Organization`. */
export function authorList(item: CslItem, max = 3): string {
  const names = (Array.isArray(item.author) ? item.author : Array.isArray(item.editor) ? (item.editor as CslName[]) : [])
    .map((n) => n.literal ?? n.family ?? n.given ?? '')
    .filter(Boolean);
  if (names.length === 0) return '';
  if (names.length > max) return `${names[0]} et al.`;
  return names.join(', ');
}

/** The year of issue as text, or '' (`n.d.` is left to the styles). */
export function yearOf(item: CslItem): string {
  const parts = item.issued?.['date-parts']?.[0];
  if (parts && parts[0] !== undefined && parts[0] !== '') return String(parts[0]);
  const literal = item.issued?.literal ?? (item.issued as { raw?: string } | undefined)?.raw;
  const m = typeof literal === 'string' ? /\d{4}/.exec(literal) : null;
  return m ? m[0] : '';
}

export function journalOf(item: CslItem): string {
  const c = item['container-title'] ?? item['container-title-short'] ?? item.publisher;
  return typeof c === 'string' ? c : '';
}

/** `https://doi.org/...` for an item with a DOI, else its URL, else undefined. */
export function linkOf(item: CslItem): string | undefined {
  if (typeof item.DOI === 'string' && item.DOI.trim()) {
    const doi = item.DOI.trim().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '');
    return `https://doi.org/${doi}`;
  }
  return typeof item.URL === 'string' && item.URL.trim() ? item.URL.trim() : undefined;
}
