// In-text citations: finding them in a sentence, resolving them to reference keys, and
// formatting new ones in the document's own style. Recognised forms:
//   Pandoc      [@key], [@a; @b, p. 4], [see @a], @key, [-@key]
//   numeric     [3], [2, 5-7], ^3^, <sup>3</sup>, ³ (Unicode superscripts), footnote [^1]
//   author-year (He et al., 2016), (Humrich et al. 2016), (Humrich & Riemekasten, 2016), He et al. (2016)
//   LaTeX       \cite{a,b}, \citep[p.~4]{a}, \textcite{a}, \parencite{a}, \autocite{a} ...
// Every pattern is linear: bracket and parenthesis groups are scanned by hand with a length
// cap, and the regular expressions only run on those short, bounded groups.
import type { CslItem } from '../data';
import type { SpanKind } from '../document';
import { SUPERSCRIPTS } from '../sentences';
import { isAscii } from '../chars';

/** Excluded span kinds inside which nothing is a citation (what the claim check and the incremental check skip). */
export const NO_CITATION_KINDS: ReadonlySet<SpanKind> = new Set<SpanKind>(['code-block', 'code-span', 'url', 'email', 'math', 'link-target', 'front-matter', 'latex-comment']);

export type InTextStyle = 'pandoc' | 'numeric' | 'author-year' | 'latex' | 'footnote';

export interface CitationItem {
  /** Pandoc / LaTeX key. */
  key?: string;
  /** Numeric reference number. */
  number?: number;
  /** Author-year: first author's family name and the year (with suffix letter, `2016a`). */
  family?: string;
  year?: string;
  /** Offsets of the key / number / author-year text (absolute). */
  start: number;
  end: number;
}

export interface InTextCitation {
  style: InTextStyle;
  /** Absolute offsets of the whole citation (`[@a; @b]`, `(He et al., 2016)`). */
  start: number;
  end: number;
  raw: string;
  items: CitationItem[];
  /** Pandoc: bracketed `[@a]` rather than in-text `@a`; numeric: `[3]` rather than `^3^`. */
  bracketed: boolean;
  /** Numeric: written as a superscript (`^3^`, `³`, `<sup>`). */
  superscript?: boolean;
  /** LaTeX: the command used (`citep`). */
  command?: string;
  /** Author-year: written in the running text (`He et al. (2016)`). */
  narrative?: boolean;
}

const MAX_GROUP = 400;
const PANDOC_KEY = /(-?)@(\{[^{}\n]{1,200}\}|[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]{0,200})/gu;
const CROSS_REF = /^(?:fig|tbl|eq|sec|lst|table|figure):/i;
const NUMERIC_BODY = /^\s*\d{1,4}(?:\s*[-–—]\s*\d{1,4})?(?:\s*[,;]\s*\d{1,4}(?:\s*[-–—]\s*\d{1,4})?)*\s*$/;
const LATEX_CITE = /\\([A-Za-z]{0,12}cite[A-Za-z]{0,6})\*?((?:\s{0,3}\[[^\]\n]{0,200}\]){0,2})\s{0,3}\{([^{}\n]{0,400})\}/g;
/**
 * Author names and the author-year patterns, with `upper` and `letter` standing for an
 * upper-case letter and a letter. Built on first use (most texts never need them): the Unicode
 * forms (`\p{Lu}`, `\p{L}`, flag `u`) for text with non-ASCII characters, and ASCII forms
 * (`[A-Z]`, `A-Za-z`, no flag) that match exactly the same in ASCII text and cost a fraction to
 * compile on a cold run.
 */
export function authorYearPatterns(unicode: boolean): { segment: RegExp; narrativeTail: RegExp } {
  const upper = unicode ? String.raw`\p{Lu}` : 'A-Z';
  const letter = unicode ? String.raw`\p{L}` : 'A-Za-z';
  const name = String.raw`(?:(?:van|von|de|der|den|del|della|di|da|le|la|du|dos|das|ten|ter)\s+)?[${upper}][${letter}'’-]{0,40}`;
  const authors = String.raw`(${name})(?:\s+et\s+al\.?|\s+(?:and|&)\s+${name}|,\s+${name},?\s+(?:and|&)\s+${name})?`;
  const flags = unicode ? 'u' : '';
  return {
    segment: new RegExp(
      String.raw`^\s*(?:(?:see also|see|e\.g\.,?|cf\.|also|reviewed in|as reviewed by|as in|for example,?|for a review,? see)\s+)?${authors},?\s+((?:\d{4}[a-z]?|in press|n\.d\.)(?:\s*,\s*\d{4}[a-z]?)*)(?:\s*[,:]\s*(?:p|pp|ch|chap|fig)\.?\s*[\d–-]{1,12})?\s*$`,
      flags,
    ),
    narrativeTail: new RegExp(String.raw`${authors}\s*$`, flags),
  };
}
const authorYear: { ascii?: ReturnType<typeof authorYearPatterns>; unicode?: ReturnType<typeof authorYearPatterns> } = {};
/** The author-year patterns for `text`: the ASCII ones when it is all ASCII. */
function authorYearFor(text: string): ReturnType<typeof authorYearPatterns> {
  return isAscii(text) ? (authorYear.ascii ??= authorYearPatterns(false)) : (authorYear.unicode ??= authorYearPatterns(true));
}
const NARRATIVE_YEAR = /^\((\d{4}[a-z]?)(?:\s*[,:]\s*(?:p|pp)\.?\s*[\d–-]{1,12})?\)/;
/** Capitalised words that precede a year in parentheses without naming an author. */
const NOT_NAMES = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'spring',
  'summer', 'autumn', 'fall', 'winter', 'in', 'since', 'from', 'until', 'till', 'before', 'after', 'during', 'by',
  'circa', 'about', 'around', 'early', 'late', 'mid', 'between', 'of', 'and', 'approximately', 'year', 'years',
  'the', 'to', 'on', 'at', 'for', 'as', 'published', 'updated', 'accessed', 'approved', 'founded', 'established',
  'launched', 'version', 'edition', 'q1', 'q2', 'q3', 'q4', 'fy', 'through', 'vs', 'versus', 'or', 'than', 'also',
]);

/** Options for `findCitations`. */
export interface FindOptions {
  /** Offset of `text` in the document: returned offsets are `base + index`. */
  base?: number;
  /** Returns true for document offsets inside code, URLs or math, where nothing is a citation. */
  excluded?: (offset: number) => boolean;
  /** Look for LaTeX `\cite` commands (LaTeX documents). */
  latex?: boolean;
}

/**
 * A parenthesis group whose inner text holds a year, `in press` or `n.d.`: an opening
 * parenthesis, up to MAX_GROUP - 2 characters other than parentheses and line breaks, the
 * closing one. The regex finds exactly the groups (and no others) that a scan from each `(`
 * to the first `(`, `)` or line break within MAX_GROUP characters would keep.
 */
const YEAR_GROUP = new RegExp(String.raw`\((?=[^()\n]{0,${MAX_GROUP - 2}}\))[^()\n]*?(?:\d{4}|in press|n\.d\.)`, 'g');

/**
 * What every citation needs (a cheap test run before `findCitations`, false for most
 * sentences): a `[`, an `@`, a `^`, `<sup>`, a superscript digit, a parenthesis group (closed
 * within the author-year scan's bound, no line break) holding a year, `in press` or `n.d.`,
 * and in LaTeX a `\...cite` command. Keep it a superset of what the finders below accept.
 */
const CITATION_SIGN = new RegExp(String.raw`[[@^⁰¹²³⁴⁵⁶⁷⁸⁹]|<sup>|${YEAR_GROUP.source}`);
const CITATION_SIGN_LATEX = new RegExp(String.raw`${CITATION_SIGN.source}|\\[A-Za-z]{0,12}cite`);

/** False when `text` cannot hold a citation (`findCitations` would find none); true when it may. */
export function mayHoldCitation(text: string, latex = false): boolean {
  return (latex ? CITATION_SIGN_LATEX : CITATION_SIGN).test(text);
}

/** Every citation in `text`, in order of position. */
export function findCitations(text: string, opts: FindOptions = {}): InTextCitation[] {
  const base = opts.base ?? 0;
  const out: InTextCitation[] = [];
  // Characters already inside a citation (citations are short, so marking them is cheap).
  // Allocated with the first citation: most sentences have none.
  let taken: Uint8Array | undefined;
  const isTaken = (s: number, e: number) => {
    if (!taken) return false;
    for (let k = s; k < e; k++) if (taken[k]) return true;
    return false;
  };
  const add = (c: InTextCitation) => {
    if (opts.excluded && opts.excluded(c.start)) return;
    if (isTaken(c.start - base, c.end - base)) return;
    if (!taken) taken = new Uint8Array(text.length + 1);
    taken.fill(1, c.start - base, c.end - base);
    out.push(c);
  };

  if (opts.latex) findLatex(text, base, add);
  findBracketed(text, base, add);
  findBareKeys(text, base, add, isTaken);
  findSuperscripts(text, base, add);
  findAuthorYear(text, base, add);
  return out.sort((a, b) => a.start - b.start);
}

function findLatex(text: string, base: number, add: (c: InTextCitation) => void): void {
  LATEX_CITE.lastIndex = 0;
  for (let m = LATEX_CITE.exec(text); m; m = LATEX_CITE.exec(text)) {
    const command = m[1];
    if (/^nocite$/i.test(command)) continue;
    const bodyStart = m.index + m[0].length - 1 - m[3].length;
    const items: CitationItem[] = [];
    let pos = 0;
    for (const part of m[3].split(',')) {
      const lead = part.length - part.trimStart().length;
      const key = part.trim();
      if (key) items.push({ key, start: base + bodyStart + pos + lead, end: base + bodyStart + pos + lead + key.length });
      pos += part.length + 1;
    }
    if (items.length) add({ style: 'latex', start: base + m.index, end: base + m.index + m[0].length, raw: m[0], items, bracketed: true, command });
  }
}

/** `[...]` groups: Pandoc `[@a; @b]`, numeric `[3]`, footnote references `[^1]`. */
function findBracketed(text: string, base: number, add: (c: InTextCitation) => void): void {
  for (let i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) {
    if (i > 0 && (text[i - 1] === '!' || text[i - 1] === '\\' || text[i - 1] === ']')) continue; // image, escape, reference link
    let j = i + 1;
    const limit = Math.min(text.length, i + MAX_GROUP);
    while (j < limit && text[j] !== ']' && text[j] !== '[' && text[j] !== '\n') j++;
    if (j >= limit || text[j] !== ']') continue;
    const after = text[j + 1];
    if (after === '(' || after === ':' || after === '[') continue; // a link or a link definition
    const inner = text.slice(i + 1, j);
    const raw = text.slice(i, j + 1);
    if (inner.startsWith('^')) {
      if (/^\^[^\s\]]+$/.test(inner)) add({ style: 'footnote', start: base + i, end: base + j + 1, raw, items: [], bracketed: true });
      i = j;
      continue;
    }
    if (inner.includes('@')) {
      const items: CitationItem[] = [];
      let suppress = false;
      PANDOC_KEY.lastIndex = 0;
      for (let m = PANDOC_KEY.exec(inner); m; m = PANDOC_KEY.exec(inner)) {
        const prev = m.index > 0 ? inner[m.index - 1] : ' ';
        if (/[\p{L}\p{N}_]/u.test(prev)) continue; // an e-mail address
        const key = cleanKey(m[2]);
        if (!key || CROSS_REF.test(key)) continue;
        if (m[1]) suppress = true;
        const keyStart = i + 1 + m.index + m[1].length + 1 + (m[2].startsWith('{') ? 1 : 0);
        items.push({ key, start: base + keyStart, end: base + keyStart + key.length });
      }
      if (items.length) add({ style: 'pandoc', start: base + i, end: base + j + 1, raw, items, bracketed: true, narrative: suppress || undefined });
      i = j;
      continue;
    }
    if (NUMERIC_BODY.test(inner)) {
      const items = numbersOf(inner).map((n) => ({ number: n, start: base + i + 1, end: base + j }));
      if (items.length) add({ style: 'numeric', start: base + i, end: base + j + 1, raw, items, bracketed: true });
      i = j;
    }
  }
}

/** Trailing punctuation is not part of a Pandoc key (`@he2016.` ends a sentence). */
function cleanKey(k: string): string {
  if (k.startsWith('{')) return k.slice(1, -1).trim();
  let e = k.length;
  while (e > 0 && /[:.#$%&+?<>~/-]/.test(k[e - 1])) e--;
  return k.slice(0, e);
}

function findBareKeys(text: string, base: number, add: (c: InTextCitation) => void, isTaken: (s: number, e: number) => boolean): void {
  if (!text.includes('@')) return; // every key starts at an `@` (most sentences have none)
  PANDOC_KEY.lastIndex = 0;
  for (let m = PANDOC_KEY.exec(text); m; m = PANDOC_KEY.exec(text)) {
    const prev = m.index > 0 ? text[m.index - 1] : ' ';
    if (/[\p{L}\p{N}_@.\\]/u.test(prev)) continue;
    const key = cleanKey(m[2]);
    if (!key || CROSS_REF.test(key)) continue;
    const start = m.index;
    const keyStart = m.index + m[1].length + 1 + (m[2].startsWith('{') ? 1 : 0);
    const end = keyStart + key.length + (m[2].startsWith('{') ? 1 : 0);
    if (isTaken(start, end)) continue;
    // `@key [p. 33]`: the locator belongs to the citation.
    add({
      style: 'pandoc',
      start: base + start,
      end: base + end,
      raw: text.slice(start, end),
      items: [{ key, start: base + keyStart, end: base + keyStart + key.length }],
      bracketed: false,
      narrative: true,
    });
  }
}

const SUPERSCRIPT_CHAR = new RegExp(`[${SUPERSCRIPTS}]`, 'g');

function findSuperscripts(text: string, base: number, add: (c: InTextCitation) => void): void {
  // Pandoc superscript ^3^ / ^2,5-7^.
  for (let i = text.indexOf('^'); i >= 0; i = text.indexOf('^', i + 1)) {
    if (text[i - 1] === '[') continue;
    let j = i + 1;
    const limit = Math.min(text.length, i + 40);
    while (j < limit && /[\d,;–\- ]/.test(text[j])) j++;
    if (j < limit && text[j] === '^' && j > i + 1 && NUMERIC_BODY.test(text.slice(i + 1, j))) {
      const items = numbersOf(text.slice(i + 1, j)).map((n) => ({ number: n, start: base + i + 1, end: base + j }));
      add({ style: 'numeric', start: base + i, end: base + j + 1, raw: text.slice(i, j + 1), items, bracketed: false, superscript: true });
      i = j;
    }
  }
  // HTML <sup>3</sup>.
  for (let i = text.indexOf('<sup>'); i >= 0; i = text.indexOf('<sup>', i + 1)) {
    const close = text.indexOf('</sup>', i);
    if (close < 0 || close - i > 60) continue;
    const inner = text.slice(i + 5, close);
    if (!NUMERIC_BODY.test(inner)) continue;
    const items = numbersOf(inner).map((n) => ({ number: n, start: base + i + 5, end: base + close }));
    add({ style: 'numeric', start: base + i, end: base + close + 6, raw: text.slice(i, close + 6), items, bracketed: false, superscript: true });
  }
  // Unicode superscript digits after a word of 3+ letters or punctuation (not exponents: 10⁶, m²).
  // The next superscript character is found by a regex (runs compiled even while this code is cold).
  SUPERSCRIPT_CHAR.lastIndex = 0;
  for (let sm = SUPERSCRIPT_CHAR.exec(text); sm; sm = SUPERSCRIPT_CHAR.exec(text)) {
    const i = sm.index;
    if (i > 0 && SUPERSCRIPTS.includes(text[i - 1])) continue;
    let j = i;
    while (j < text.length && SUPERSCRIPTS.includes(text[j])) j++;
    let w = i;
    while (w > 0 && i - w < 3 && /\p{L}/u.test(text[w - 1])) w--;
    const prev = text[i - 1] ?? ' ';
    const ok = i - w >= 3 || /[.,;:)\]”"’]/.test(prev);
    const digits = [...text.slice(i, j)].map((ch) => '⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(ch));
    if (ok && digits.some((d) => d >= 0)) {
      const plain = [...text.slice(i, j)].map((ch) => {
        const d = '⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(ch);
        return d >= 0 ? String(d) : ch === '⁻' ? '-' : ',';
      }).join('');
      const items = numbersOf(plain).map((n) => ({ number: n, start: base + i, end: base + j }));
      if (items.length) add({ style: 'numeric', start: base + i, end: base + j, raw: text.slice(i, j), items, bracketed: false, superscript: true });
    }
    SUPERSCRIPT_CHAR.lastIndex = j;
  }
}

function findAuthorYear(text: string, base: number, add: (c: InTextCitation) => void): void {
  YEAR_GROUP.lastIndex = 0;
  for (let g = YEAR_GROUP.exec(text); g; g = YEAR_GROUP.exec(text)) {
    const i = g.index;
    const j = text.indexOf(')', i);
    // The next group starts after this one (no `(` inside it).
    YEAR_GROUP.lastIndex = j + 1;
    const inner = text.slice(i + 1, j);
    // Narrative: `He et al. (2016)`.
    const ny = NARRATIVE_YEAR.exec(text.slice(i, j + 1));
    if (ny) {
      const before = text.slice(Math.max(0, i - 80), i);
      const m = authorYearFor(before).narrativeTail.exec(before);
      if (m && isName(m[1])) {
        const start = i - (before.length - m.index);
        add({
          style: 'author-year',
          start: base + start,
          end: base + j + 1,
          raw: text.slice(start, j + 1),
          items: [{ family: familyOf(m[1]), year: ny[1], start: base + start, end: base + j + 1 }],
          bracketed: false,
          narrative: true,
        });
      }
      continue;
    }
    const items: CitationItem[] = [];
    let pos = 0;
    for (const seg of inner.split(';')) {
      const m = authorYearFor(seg).segment.exec(seg);
      if (m && isName(m[1])) {
        for (const y of m[2].split(',')) {
          items.push({ family: familyOf(m[1]), year: y.trim(), start: base + i + 1 + pos, end: base + i + 1 + pos + seg.length });
        }
      }
      pos += seg.length + 1;
    }
    if (items.length) add({ style: 'author-year', start: base + i, end: base + j + 1, raw: text.slice(i, j + 1), items, bracketed: true, narrative: false });
  }
}

function isName(name: string): boolean {
  const last = name.trim().split(/\s+/).pop() ?? '';
  return !NOT_NAMES.has(last.toLowerCase()) && !NOT_NAMES.has(name.trim().toLowerCase());
}

function familyOf(name: string): string {
  return name.trim();
}

/** `2, 5-7` -> [2, 5, 6, 7] (ranges capped at 200 numbers). */
export function numbersOf(body: string): number[] {
  const out: number[] = [];
  for (const part of body.split(/[,;]/)) {
    const m = /^\s*(\d{1,4})(?:\s*[-–—]\s*(\d{1,4}))?\s*$/.exec(part);
    if (!m) continue;
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    for (let n = a; n <= b && n - a < 200; n++) out.push(n);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Resolution.

export interface NumberedEntry {
  number: number;
  text: string;
  /** The reference key the entry was matched to, if any. */
  key?: string;
}

export interface Resolution {
  /** Keys of known references the citation points at. */
  keys: string[];
  /** Items that could not be tied to a known reference (numeric without list, unknown authors). */
  unresolved: CitationItem[];
  /** Pandoc / LaTeX items whose key is in no loaded bibliography. */
  unknownKeys: CitationItem[];
}

export function foldName(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function yearOf(item: CslItem): string | undefined {
  const parts = item.issued?.['date-parts']?.[0];
  if (parts && parts[0] !== undefined && parts[0] !== '') return String(parts[0]);
  const lit = item.issued?.literal;
  const m = lit ? /\d{4}/.exec(lit) : null;
  return m ? m[0] : undefined;
}

/** Resolves citations to reference keys: Pandoc keys directly, numbers via the document's list, author-year by name + year. */
export class CitationResolver {
  private readonly byKey = new Map<string, CslItem>();
  private readonly byKeyFolded = new Map<string, string>();
  private readonly byFirstAuthorYear = new Map<string, string[]>();
  private readonly byAnyAuthorYear = new Map<string, string[]>();
  readonly numbered: Map<number, NumberedEntry>;

  constructor(readonly references: CslItem[], numbered: NumberedEntry[] = []) {
    for (const r of references) {
      const key = String(r.id);
      this.byKey.set(key, r);
      this.byKeyFolded.set(key.toLowerCase(), key);
      const year = yearOf(r);
      if (!year) continue;
      (r.author ?? []).forEach((a, idx) => {
        const fam = foldName(a.family ?? a.literal ?? '');
        if (!fam) return;
        const k = `${fam}|${year}`;
        if (idx === 0) push(this.byFirstAuthorYear, k, key);
        push(this.byAnyAuthorYear, k, key);
      });
    }
    this.numbered = new Map(numbered.map((e) => [e.number, e]));
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  reference(key: string): CslItem | undefined {
    return this.byKey.get(key);
  }

  /** The number of `key` in the document's numbered reference list, if listed. */
  numberOf(key: string): number | undefined {
    for (const e of this.numbered.values()) if (e.key === key) return e.number;
    return undefined;
  }

  resolve(c: InTextCitation): Resolution {
    const res: Resolution = { keys: [], unresolved: [], unknownKeys: [] };
    const addKey = (k: string) => {
      if (!res.keys.includes(k)) res.keys.push(k);
    };
    for (const item of c.items) {
      if (item.key !== undefined) {
        const k = this.byKey.has(item.key) ? item.key : this.byKeyFolded.get(item.key.toLowerCase());
        if (k) addKey(k);
        else res.unknownKeys.push(item);
      } else if (item.number !== undefined) {
        const k = this.numbered.get(item.number)?.key;
        if (k) addKey(k);
        else res.unresolved.push(item);
      } else if (item.family && item.year) {
        const k = this.authorYear(item.family, item.year);
        if (k) addKey(k);
        else res.unresolved.push(item);
      } else {
        res.unresolved.push(item);
      }
    }
    if (c.style === 'footnote') res.unresolved.push({ start: c.start, end: c.end });
    return res;
  }

  /** A reference key by first author's family name and year (`2016b` picks the second). */
  authorYear(family: string, year: string): string | undefined {
    const m = /^(\d{4})([a-z])?$/.exec(year);
    if (!m) return undefined;
    const fam = foldName(family.replace(/^(?:van|von|de|der|den|del|della|di|da|le|la|du|dos|das|ten|ter)\s+/i, ''));
    const famFull = foldName(family);
    const keys =
      this.byFirstAuthorYear.get(`${famFull}|${m[1]}`) ??
      this.byFirstAuthorYear.get(`${fam}|${m[1]}`) ??
      this.byAnyAuthorYear.get(`${famFull}|${m[1]}`) ??
      this.byAnyAuthorYear.get(`${fam}|${m[1]}`);
    if (!keys || keys.length === 0) return undefined;
    if (m[2]) {
      const bySuffix = keys.find((k) => k.endsWith(m[1] + m[2]));
      if (bySuffix) return bySuffix;
      return keys[m[2].charCodeAt(0) - 97] ?? keys[0];
    }
    return keys[0];
  }

  /** Known keys close to `key` (edit distance, shared prefix), best first. */
  closeKeys(key: string, max = 3): string[] {
    const target = key.toLowerCase();
    const scored: Array<[number, string]> = [];
    for (const k of this.byKey.keys()) {
      const kl = k.toLowerCase();
      const limit = Math.min(4, Math.max(2, Math.floor(Math.max(target.length, kl.length) / 4)));
      const d = editDistance(target, kl, limit);
      let score = d <= limit ? d : Infinity;
      // Same family name with another year, or the same year with a typo in the name.
      const ta = /^([a-z]+)(\d{4})/.exec(target);
      const ka = /^([a-z]+)(\d{4})/.exec(kl);
      if (score === Infinity && ta && ka && ta[1] === ka[1]) score = 3.5;
      if (score !== Infinity) scored.push([score, k]);
    }
    return scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1])).slice(0, max).map((s) => s[1]);
  }
}

function push(map: Map<string, string[]>, k: string, v: string): void {
  const list = map.get(k);
  if (list) {
    if (!list.includes(v)) list.push(v);
  } else map.set(k, [v]);
}

/** Levenshtein distance, stopping early once it exceeds `cap`. */
export function editDistance(a: string, b: string, cap = Infinity): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > cap) return cap + 1;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Reads a numbered reference list (`1. He J, ... 2016.`, `[2] Humrich JY ...`) from the
 * reference-list entries of a document and ties each entry to a known reference when its
 * key, or its first author's family name and year, or its title appears in it.
 */
export function numberedReferenceList(entries: Array<{ text: string; marker?: string }>, references: CslItem[]): NumberedEntry[] {
  const out: NumberedEntry[] = [];
  for (const e of entries) {
    let num: number | undefined;
    let body = e.text;
    const fromMarker = e.marker ? /\d+/.exec(e.marker) : null;
    if (fromMarker) num = Number(fromMarker[0]);
    else {
      const m = /^\s*(?:\[(\d{1,4})\]|\((\d{1,4})\)|(\d{1,4})[.)])\s+/.exec(body);
      if (m) {
        num = Number(m[1] ?? m[2] ?? m[3]);
        body = body.slice(m[0].length);
      }
    }
    if (num === undefined) continue;
    out.push({ number: num, text: body, key: matchEntry(body, references) });
  }
  return out;
}

function matchEntry(body: string, references: CslItem[]): string | undefined {
  const folded = ` ${body.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')} `;
  for (const r of references) {
    const key = String(r.id);
    if (folded.includes(`@${key.toLowerCase()}`)) return key;
  }
  let best: { key: string; score: number } | undefined;
  for (const r of references) {
    const key = String(r.id);
    let score = 0;
    const fam = r.author?.[0]?.family ?? r.author?.[0]?.literal;
    const year = yearOf(r);
    if (fam && new RegExp(`(?:^|[^\\p{L}])${escapeRe(fam.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, ''))}(?:[^\\p{L}]|$)`, 'u').test(folded)) score += 2;
    if (year && folded.includes(year)) score += 1;
    const title = (r.title ?? '').toLowerCase().replace(/[^\p{L}\p{N} ]/gu, '').trim();
    const plain = folded.replace(/[^\p{L}\p{N} ]/gu, '');
    if (title.length >= 12 && plain.includes(title.slice(0, Math.min(40, title.length)))) score += 3;
    if (score >= 3 && (!best || score > best.score)) best = { key, score };
  }
  return best?.key;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------
// The document's citation style, and new citations written in it.

export interface CitationFormat {
  style: 'pandoc' | 'numeric' | 'author-year' | 'latex';
  /** Numeric: superscript (`^3^`) rather than brackets. */
  superscript?: boolean;
  /** Author-year: a comma between names and year (`He et al., 2016`). */
  comma?: boolean;
  /** LaTeX: the cite command most used (`cite`, `citep`, `parencite`). */
  command?: string;
}

/** The style most of a document's citations use; Pandoc (or `\cite` in LaTeX) when it has none. */
export function detectCitationFormat(citations: InTextCitation[], languageId: string): CitationFormat {
  const counts = { pandoc: 0, numeric: 0, 'author-year': 0, latex: 0 };
  let superscripts = 0;
  let commas = 0;
  const commands = new Map<string, number>();
  for (const c of citations) {
    if (c.style === 'footnote') continue;
    counts[c.style]++;
    if (c.style === 'numeric' && c.superscript) superscripts++;
    if (c.style === 'author-year' && !c.narrative && /,\s*\d{4}/.test(c.raw)) commas++;
    if (c.style === 'latex' && c.command) commands.set(c.command, (commands.get(c.command) ?? 0) + 1);
  }
  const fallback: CitationFormat['style'] = languageId === 'latex' ? 'latex' : 'pandoc';
  let style: CitationFormat['style'] = fallback;
  let best = 0;
  for (const s of ['pandoc', 'latex', 'numeric', 'author-year'] as const) {
    if (counts[s] > best) {
      best = counts[s];
      style = s;
    }
  }
  if (style === 'latex' && languageId !== 'latex') style = fallback;
  const fmt: CitationFormat = { style };
  if (style === 'numeric') fmt.superscript = superscripts * 2 > counts.numeric;
  if (style === 'author-year') fmt.comma = commas * 2 >= counts['author-year'];
  if (style === 'latex') {
    let cmd = 'cite';
    let n = 0;
    for (const [k, v] of commands) if (v > n && !/^(?:text|nocite)/.test(k)) [cmd, n] = [k, v];
    fmt.command = cmd;
  }
  return fmt;
}

/**
 * A citation of `keys` in the document's style: `[@a; @b]`, `[1, 3]`, `^1,3^`,
 * `(He et al., 2016; Humrich, 2016)`, `\cite{a,b}`. Falls back to Pandoc when a key has no
 * number in a numbered document or no author/year for author-year.
 */
export function formatCitation(keys: string[], fmt: CitationFormat, resolver: CitationResolver): string {
  const pandoc = `[${keys.map((k) => `@${k}`).join('; ')}]`;
  switch (fmt.style) {
    case 'latex':
      return `\\${fmt.command ?? 'cite'}{${keys.join(',')}}`;
    case 'numeric': {
      const nums = keys.map((k) => resolver.numberOf(k));
      if (nums.some((n) => n === undefined)) return pandoc;
      const body = (nums as number[]).sort((a, b) => a - b).join(fmt.superscript ? ',' : ', ');
      return fmt.superscript ? `^${body}^` : `[${body}]`;
    }
    case 'author-year': {
      const parts: string[] = [];
      for (const k of keys) {
        const r = resolver.reference(k);
        const year = r ? yearOf(r) : undefined;
        const names = (r?.author ?? []).map((a) => a.family ?? a.literal).filter((n): n is string => Boolean(n));
        if (!year || names.length === 0) return pandoc;
        const who = names.length === 1 ? names[0] : names.length === 2 ? `${names[0]} & ${names[1]}` : `${names[0]} et al.`;
        parts.push(`${who}${fmt.comma === false ? '' : ','} ${year}`);
      }
      return `(${parts.join('; ')})`;
    }
    default:
      return pandoc;
  }
}
