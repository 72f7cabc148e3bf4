// Citation keys in documents: where the writer is typing one (completion context), which key
// is under the cursor (hover, go to definition), every use of a key (find references,
// reference lists), and fuzzy search over a bibliography (completion, Insert Citation).
import Fuse, { type IFuseOptions, type Expression } from 'fuse.js';
import type { CslItem } from '../data';
import type { AnalyzedDocument } from '../document';
import type { LanguageId, Position, Range } from '../types';
import { authorList, journalOf, yearOf } from './format';

export type CitationSyntax = 'pandoc' | 'latex';

export interface CitationContext {
  syntax: CitationSyntax;
  /** What has been typed of the key so far (may be empty). */
  query: string;
  /** Range on the line to replace with the chosen key (the key characters around the cursor, no `@`). */
  range: Range;
  /** Inside `[...]` (Pandoc) or `\cite{...}` (LaTeX). */
  bracketed: boolean;
  /** Keys already present in the same citation group (`[@a; @b]`, `\cite{a,b}`). */
  existingKeys: string[];
}

const isMarkdownLike = (id: LanguageId) => id === 'markdown' || id === 'quarto' || id === 'rmd';

/** Characters a Pandoc citation key may contain (its last character must be a letter, digit or `_`). */
const KEY_CHAR = /[\p{L}\p{N}_:.#$%&+?<>~/-]/u;
const PANDOC_BEFORE = /(?:^|[\s[;(])-?@([\p{L}\p{N}_:.#$%&+?<>~/-]*)$/u;
const LATEX_BEFORE = /\\[A-Za-z]*cite[A-Za-z]*\*?(?:\s*\[[^\]\n]*\])*\s*\{([^{}\n]*)$/;
const LATEX_KEY_CHAR = /[^,{}\s\\%]/;

/** Excluded spans in which no citation is typed (code, URLs, front matter, ...). */
const NO_CITATION_KINDS = new Set(['front-matter', 'code-block', 'code-span', 'url', 'email', 'html', 'link-target', 'math', 'latex-comment']);

/**
 * The citation being typed at `position`, or undefined. Pandoc syntax (`[@`, `@`, `; @`,
 * `[-@`) in Markdown/Quarto; `\cite{`, `\parencite[..]{a,` ... in LaTeX and Markdown.
 */
export function citationContextAt(doc: AnalyzedDocument, position: Position): CitationContext | undefined {
  const line = doc.lineText(position.line);
  const ch = Math.min(position.character, line.length);
  const lineStart = doc.lineStarts[position.line];
  if (lineStart === undefined) return undefined;
  const span = ch > 0 ? doc.excludedAt(lineStart + ch - 1) : undefined;
  if (span && NO_CITATION_KINDS.has(span.kind)) return undefined;
  const before = line.slice(0, ch);

  const latex = LATEX_BEFORE.exec(before);
  if (latex && (doc.languageId === 'latex' || isMarkdownLike(doc.languageId))) {
    const inside = latex[1];
    const lastComma = inside.lastIndexOf(',');
    const typed = inside.slice(lastComma + 1);
    const lead = typed.length - typed.trimStart().length;
    const startCh = ch - typed.length + lead;
    let endCh = ch;
    while (endCh < line.length && LATEX_KEY_CHAR.test(line[endCh])) endCh++;
    const closing = line.indexOf('}', ch);
    const restKeys = closing >= 0 ? line.slice(endCh, closing) : '';
    const existingKeys = [...inside.slice(0, Math.max(0, lastComma)).split(','), ...restKeys.split(',')]
      .map((k) => k.trim())
      .filter(Boolean);
    return {
      syntax: 'latex',
      query: typed.trim(),
      range: { start: { line: position.line, character: startCh }, end: { line: position.line, character: endCh } },
      bracketed: true,
      existingKeys,
    };
  }
  if (!isMarkdownLike(doc.languageId)) return undefined;
  const m = PANDOC_BEFORE.exec(before);
  if (!m) return undefined;
  const typed = m[1];
  const startCh = ch - typed.length;
  let endCh = ch;
  while (endCh < line.length && KEY_CHAR.test(line[endCh])) endCh++;
  // Inside a bracketed group: an unclosed `[` before the `@` on this line.
  const atCh = startCh - 1;
  const open = line.lastIndexOf('[', atCh);
  const bracketed = open >= 0 && line.lastIndexOf(']', atCh) < open;
  let existingKeys: string[] = [];
  if (bracketed) {
    const close = line.indexOf(']', endCh);
    const group = line.slice(open + 1, atCh) + ' ' + (close >= 0 ? line.slice(endCh, close) : '');
    existingKeys = [...group.matchAll(/(?:^|[\s;])-?@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*[\p{L}\p{N}_]|[\p{L}\p{N}_])/gu)].map((x) => x[1]);
  }
  return {
    syntax: 'pandoc',
    query: typed,
    range: { start: { line: position.line, character: startCh }, end: { line: position.line, character: endCh } },
    bracketed,
    existingKeys,
  };
}

export interface CitationUse {
  key: string;
  /** The key's range (without `@`, `-@` or braces). */
  range: Range;
  /** Offset of the key in the document text. */
  offset: number;
  syntax: CitationSyntax;
}

const LATEX_CITE_RE = /\\[A-Za-z]*cite[A-Za-z]*\*?(?:\s*\[[^\]\n]*\])*\s*\{([^{}\n]*)\}/g;

/** Every citation key used in the document, in order of appearance. */
export function findCitationUses(doc: AnalyzedDocument): CitationUse[] {
  const uses: CitationUse[] = [];
  if (doc.languageId !== 'latex') {
    for (const span of doc.excluded) {
      if (span.kind !== 'citation-key') continue;
      let s = span.start;
      let e = span.end;
      if (doc.text[s] === '-') s++;
      if (doc.text[s] === '@') s++;
      if (doc.text[s] === '{' && doc.text[e - 1] === '}') {
        s++;
        e--;
      }
      if (e <= s) continue;
      uses.push({ key: doc.text.slice(s, e), range: doc.rangeOf(s, e), offset: s, syntax: 'pandoc' });
    }
  }
  if (doc.languageId === 'latex' || isMarkdownLike(doc.languageId)) {
    LATEX_CITE_RE.lastIndex = 0;
    for (let m = LATEX_CITE_RE.exec(doc.text); m; m = LATEX_CITE_RE.exec(doc.text)) {
      const span = doc.excludedAt(m.index);
      if (span && span.kind !== 'latex-command' && span.kind !== 'latex-argument') continue;
      let offset = m.index + m[0].length - 1 - m[1].length;
      for (const part of m[1].split(',')) {
        const key = part.trim();
        if (key) {
          const s = offset + part.indexOf(key);
          uses.push({ key, range: doc.rangeOf(s, s + key.length), offset: s, syntax: 'latex' });
        }
        offset += part.length + 1;
      }
    }
    uses.sort((a, b) => a.offset - b.offset);
  }
  return uses;
}

/** The citation key at `position` (cursor on the `@` or on the key), if any. */
export function citationKeyAt(doc: AnalyzedDocument, position: Position): CitationUse | undefined {
  const offset = doc.offsetAt(position);
  return findCitationUsesOnLine(doc, position.line).find((u) => offset >= u.offset - 1 && offset <= u.offset + u.key.length);
}

function findCitationUsesOnLine(doc: AnalyzedDocument, line: number): CitationUse[] {
  const start = doc.lineStarts[line] ?? 0;
  const end = start + doc.lineText(line).length;
  return findCitationUses(doc).filter((u) => u.offset >= start && u.offset <= end);
}

/** The text that cites `keys` in a document of this language: `[@a; @b]` or `\cite{a,b}`. */
export function citationText(keys: string[], languageId: LanguageId): string {
  if (languageId === 'latex') return `\\cite{${keys.join(',')}}`;
  return `[${keys.map((k) => `@${k}`).join('; ')}]`;
}

// ---- fuzzy search ------------------------------------------------------------------------------

export interface IndexedReference {
  item: CslItem;
  key: string;
  authors: string;
  year: string;
  title: string;
  journal: string;
}

export interface SearchHit {
  ref: IndexedReference;
  /** 0 = perfect, 1 = no match (Fuse's scale; exact key prefixes score 0). */
  score: number;
}

const FUSE_OPTIONS: IFuseOptions<IndexedReference> = {
  keys: [
    { name: 'key', weight: 3 },
    { name: 'authors', weight: 2 },
    { name: 'title', weight: 1 },
    { name: 'year', weight: 1 },
    { name: 'journal', weight: 1 },
  ],
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.3,
  minMatchCharLength: 1,
};

const stripTags = (s: string) => s.replace(/<[^>]+>/g, '');

/** Search fields of one item. */
export function describeReference(item: CslItem): IndexedReference {
  const allAuthors = Array.isArray(item.author)
    ? item.author.map((n) => n.literal ?? [n.family, n.given].filter(Boolean).join(' ')).filter(Boolean).join('; ')
    : authorList(item);
  return {
    item,
    key: item.id,
    authors: allAuthors,
    year: yearOf(item),
    title: stripTags(typeof item.title === 'string' ? item.title : ''),
    journal: stripTags(journalOf(item)),
  };
}

/**
 * A bibliography's search index. Build it once per bibliography (the Fuse index is built in
 * the constructor) and call `search` per keystroke.
 */
export class CitationIndex {
  readonly refs: IndexedReference[];
  private readonly byKey = new Map<string, IndexedReference>();
  /** Lower-cased keys, sorted, for exact prefix look-up by binary search. */
  private readonly sortedKeys: Array<[string, IndexedReference]>;
  private readonly fuse: Fuse<IndexedReference>;

  constructor(items: readonly CslItem[]) {
    this.refs = items.map(describeReference);
    for (const r of this.refs) if (!this.byKey.has(r.key)) this.byKey.set(r.key, r);
    this.sortedKeys = this.refs.map((r) => [r.key.toLowerCase(), r] as [string, IndexedReference]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.fuse = new Fuse(this.refs, FUSE_OPTIONS, Fuse.createIndex(FUSE_OPTIONS.keys!, this.refs));
  }

  get size(): number {
    return this.refs.length;
  }

  get(key: string): CslItem | undefined {
    return this.byKey.get(key)?.item;
  }

  /**
   * Best matches for `query`, best first. Keys that start with the query come first (shortest
   * first), then Fuse's fuzzy matches over key, authors, title, year and journal. A query of
   * several words must match every word (each in any field). `preferred` keys are lifted to
   * the top when they match (or, for an empty query, always).
   */
  search(query: string, limit = 50, preferred: readonly string[] = []): SearchHit[] {
    const q = query.trim();
    const out: SearchHit[] = [];
    const seen = new Set<string>();
    const push = (ref: IndexedReference, score: number) => {
      if (seen.has(ref.key) || out.length >= limit) return;
      seen.add(ref.key);
      out.push({ ref, score });
    };
    const pref = preferred.map((k) => this.byKey.get(k)).filter((r): r is IndexedReference => !!r);
    if (!q) {
      for (const r of pref) push(r, 0);
      for (const r of this.refs) push(r, 0);
      return out;
    }
    const hits: SearchHit[] = [];
    const lower = q.toLowerCase();
    // 1. Exact key prefixes (binary search; cheap even for 10,000 keys).
    let lo = 0;
    let hi = this.sortedKeys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sortedKeys[mid][0] < lower) lo = mid + 1;
      else hi = mid;
    }
    const prefixHits: IndexedReference[] = [];
    for (let k = lo; k < this.sortedKeys.length && this.sortedKeys[k][0].startsWith(lower) && prefixHits.length < limit * 4; k++) {
      prefixHits.push(this.sortedKeys[k][1]);
    }
    prefixHits.sort((a, b) => a.key.length - b.key.length || (a.key < b.key ? -1 : 1));
    for (const r of prefixHits) hits.push({ ref: r, score: 0 });
    // 2. Fuzzy matches.
    const words = q.split(/\s+/).filter(Boolean).map((w) => w.slice(0, 32));
    const fuzzy =
      words.length === 1
        ? this.fuse.search(words[0], { limit: limit * 2 })
        : this.fuse.search({ $and: words.map((w) => ({ $or: FUSE_FIELDS.map((f) => ({ [f]: w }) as Expression) })) }, { limit: limit * 2 });
    for (const r of fuzzy) hits.push({ ref: r.item, score: r.score ?? 1 });
    // Preferred (e.g. supporting the claim in the current sentence) first, when they match.
    const prefSet = new Set(pref.map((r) => r.key));
    for (const h of hits) if (prefSet.has(h.ref.key)) push(h.ref, h.score);
    for (const h of hits) push(h.ref, h.score);
    return out;
  }
}

const FUSE_FIELDS = ['key', 'authors', 'title', 'year', 'journal'] as const;

// One index per bibliography object: callers pass the same array while nothing changed.
const indexCache = new WeakMap<readonly CslItem[], CitationIndex>();

/** The (cached) search index of `items`; a new array means a new index. */
export function citationIndexFor(items: readonly CslItem[]): CitationIndex {
  let index = indexCache.get(items);
  if (!index) {
    index = new CitationIndex(items);
    indexCache.set(items, index);
  }
  return index;
}
