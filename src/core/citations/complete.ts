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

/** Queries of this many characters or fewer match word starts only (fuzzy matching of one or two letters is noise). */
const SHORT_QUERY = 2;
/** At most this many pre-filtered candidates go to Fuse (the best by shared bigrams). */
const MAX_FUSE_CANDIDATES = 400;

/**
 * A bibliography's search index. Build it once per bibliography and call `search` per
 * keystroke. Fuse.js ranks the matches; to stay fast on 10,000 entries, a bigram index first
 * selects the entries that can match at all (the q-gram lemma: a substring within `e` edits
 * of an `m`-letter word shares at least `m - 1 - 2e` of its bigrams), and Fuse scores only
 * those, through a sub-index that reuses the records built once here.
 */
export class CitationIndex {
  readonly refs: IndexedReference[];
  private readonly byKey = new Map<string, IndexedReference>();
  /** Lower-cased keys, sorted, for exact prefix look-up by binary search. */
  private readonly sortedKeys: Array<[string, IndexedReference]>;
  private readonly fuseIndex: ReturnType<typeof Fuse.createIndex<IndexedReference>>;
  /** Lower-cased search text of each ref (all fields), for word-start matching. */
  private readonly texts: string[];
  /** Lower-cased key + authors of each ref (the heaviest fields). */
  private readonly heads: string[];
  /** Bigram -> ids of refs whose text contains it (ascending). */
  private readonly bigrams = new Map<number, number[]>();
  private readonly counts: Uint16Array;
  private readonly shared: Uint16Array;

  constructor(items: readonly CslItem[], buildNow = true) {
    this.refs = items.map(describeReference);
    for (const r of this.refs) if (!this.byKey.has(r.key)) this.byKey.set(r.key, r);
    this.sortedKeys = this.refs.map((r) => [r.key.toLowerCase(), r] as [string, IndexedReference]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.fuseIndex = Fuse.createIndex(FUSE_OPTIONS.keys!, [] as IndexedReference[]);
    this.heads = this.refs.map((r) => `${r.key} ${r.authors}`.toLowerCase());
    this.texts = this.refs.map((r) => ` ${r.key} ${r.authors} ${r.title} ${r.year} ${r.journal}`.toLowerCase());
    this.counts = new Uint16Array(this.refs.length);
    this.shared = new Uint16Array(this.refs.length);
    if (buildNow) this.buildRange(0, this.refs.length);
  }

  /**
   * Builds the index in slices, yielding to the event loop between them, so a 10,000-entry
   * bibliography never blocks the editor for long.
   */
  static async build(items: readonly CslItem[], slice = 1000): Promise<CitationIndex> {
    const index = new CitationIndex(items, false);
    for (let from = 0; from < index.refs.length; from += slice) {
      if (from > 0) await new Promise<void>((resolve) => setTimeout(resolve, 0));
      index.buildRange(from, Math.min(index.refs.length, from + slice));
    }
    return index;
  }

  private built = 0;

  /** Adds refs [from, to) to the Fuse records and the bigram index (in order). */
  private buildRange(from: number, to: number): void {
    for (let id = from; id < to; id++) {
      this.fuseIndex.add(this.refs[id], id);
      const text = this.texts[id];
      for (let i = 0; i + 1 < text.length; i++) {
        const bg = text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1);
        let list = this.bigrams.get(bg);
        if (!list) this.bigrams.set(bg, (list = []));
        if (list[list.length - 1] !== id) list.push(id);
      }
    }
    this.built = to;
  }

  /** True once every ref is indexed (`build` resolves only then). */
  get ready(): boolean {
    return this.built === this.refs.length;
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
    const words = lower.split(/\s+/).filter(Boolean).map((w) => w.slice(0, 32));
    if (words.every((w) => w.length <= SHORT_QUERY)) {
      for (const id of this.wordStarts(words, limit * 2)) hits.push({ ref: this.refs[id], score: 0.5 });
    } else {
      const candidates = this.candidates(words);
      if (candidates.length > 0) {
        const sub = Fuse.parseIndex<IndexedReference>({ keys: this.fuseIndex.keys, records: candidates.map((id) => this.fuseIndex.records[id]) });
        const fuse = new Fuse(this.refs, FUSE_OPTIONS, sub);
        const fuzzy =
          words.length === 1
            ? fuse.search(words[0], { limit: limit * 2 })
            : fuse.search({ $and: words.map((w) => ({ $or: FUSE_FIELDS.map((f) => ({ [f]: w }) as Expression) })) }, { limit: limit * 2 });
        for (const r of fuzzy) hits.push({ ref: r.item, score: r.score ?? 1 });
      }
    }
    // Preferred (e.g. supporting the claim in the current sentence) first, when they match.
    const prefSet = new Set(pref.map((r) => r.key));
    for (const h of hits) if (prefSet.has(h.ref.key)) push(h.ref, h.score);
    for (const h of hits) push(h.ref, h.score);
    return out;
  }

  /** Ids of refs where every (short) word starts a word of the text, in index order. */
  private wordStarts(words: string[], limit: number): number[] {
    const out: number[] = [];
    for (let id = 0; id < this.texts.length && out.length < limit; id++) {
      const text = this.texts[id];
      if (words.every((w) => startsWord(text, w))) out.push(id);
    }
    return out;
  }

  /**
   * Refs that may match every word within Fuse's threshold. When there are more than Fuse can
   * score quickly, the best are kept: most shared bigrams, then a word found in the key or the
   * authors (the heaviest fields), then shorter text.
   */
  private candidates(words: string[]): number[] {
    let ids: number[] | undefined;
    const shared = this.shared;
    const sharedTouched: number[] = [];
    for (const word of words) {
      const m = word.length;
      if (m <= SHORT_QUERY) {
        ids = (ids ?? [...this.refs.keys()]).filter((id) => startsWord(this.texts[id], word));
      } else {
        const maxErrors = Math.floor(m * (FUSE_OPTIONS.threshold ?? 0.3) + 1e-9);
        const need = Math.max(1, m - 1 - 2 * maxErrors);
        const counts = this.counts;
        const touched: number[] = [];
        for (let i = 0; i + 1 < m; i++) {
          const list = this.bigrams.get(word.charCodeAt(i) * 65536 + word.charCodeAt(i + 1));
          if (!list) continue;
          for (const id of list) {
            if (counts[id] === 0) touched.push(id);
            counts[id]++;
          }
        }
        if (ids) {
          ids = ids.filter((id) => counts[id] >= need);
        } else {
          ids = touched.filter((id) => counts[id] >= need);
        }
        for (const id of ids) {
          if (shared[id] === 0) sharedTouched.push(id);
          shared[id] += counts[id];
        }
        for (const id of touched) counts[id] = 0;
      }
      if (ids.length === 0) break;
    }
    let list = ids ?? [];
    if (list.length > MAX_FUSE_CANDIDATES) {
      const prio = new Float64Array(this.refs.length);
      for (const id of list) {
        const head = this.heads[id];
        const inHead = words.some((w) => head.includes(w)) ? 1 : 0;
        prio[id] = shared[id] * 4 + inHead * 2 - this.texts[id].length / 10000;
      }
      list = [...list].sort((a, b) => prio[b] - prio[a] || a - b).slice(0, MAX_FUSE_CANDIDATES);
      list.sort((a, b) => a - b);
    }
    for (const id of sharedTouched) shared[id] = 0;
    return list;
  }
}

/** Does `word` start a word in `text` (lower case, text starts with a space)? */
function startsWord(text: string, word: string): boolean {
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
    const before = text.charCodeAt(i - 1);
    if (!((before >= 97 && before <= 122) || (before >= 48 && before <= 57))) return true;
  }
  return false;
}

const FUSE_FIELDS = ['key', 'authors', 'title', 'year', 'journal'] as const;

// One index per bibliography object: callers pass the same array while nothing changed.
const indexCache = new WeakMap<readonly CslItem[], CitationIndex>();
const pendingCache = new WeakMap<readonly CslItem[], Promise<CitationIndex>>();

/** The (cached) search index of `items`; a new array means a new index. */
export function citationIndexFor(items: readonly CslItem[]): CitationIndex {
  let index = indexCache.get(items);
  if (!index) {
    index = new CitationIndex(items);
    indexCache.set(items, index);
  }
  return index;
}

/** Like `citationIndexFor`, but builds in slices without blocking (call it right after loading). */
export function citationIndexForAsync(items: readonly CslItem[]): Promise<CitationIndex> {
  const ready = indexCache.get(items);
  if (ready) return Promise.resolve(ready);
  let pending = pendingCache.get(items);
  if (!pending) {
    pending = CitationIndex.build(items).then((index) => {
      indexCache.set(items, index);
      return index;
    });
    pendingCache.set(items, pending);
  }
  return pending;
}
