// Sentence splitter for Markdown, plain text and LaTeX. Two passes, both linear:
// 1. blocks: line by line, Markdown/LaTeX structure (headings, list items, table cells,
//    block quotes, captions, the reference list, front matter and code are skipped);
// 2. sentences inside each block: a terminator (. ! ?) ends a sentence only when followed
//    by white space and a sentence start, and not after an abbreviation (et al., e.g., Dr.,
//    vs., Fig.), an initial, or inside a non-prose span (URL, code, citation key).
// Offsets are document offsets (UTF-16 code units), so findings map straight to ranges.
import type { AnalyzedDocument } from './document';
import { isAsciiAlnum } from './chars';

export type SentenceKind =
  | 'prose'
  | 'list-item'
  | 'quote'
  | 'table-cell'
  | 'footnote'
  | 'heading'
  | 'caption'
  | 'reference';

/** Kinds whose sentences rules check; headings, captions and the reference list are skipped. */
export const CHECKED_KINDS: ReadonlySet<SentenceKind> = new Set<SentenceKind>(['prose', 'list-item', 'quote', 'table-cell', 'footnote']);

export function isCheckedKind(kind: SentenceKind): boolean {
  return CHECKED_KINDS.has(kind);
}

export interface Block {
  start: number;
  end: number;
  kind: SentenceKind;
  /** Paragraph number: sentences of one block share it (a list item is its own paragraph). */
  paragraph: number;
  /** List marker of a list item (`1.`, `-`, `[3]`), when there is one. */
  marker?: string;
}

export interface Sentence {
  start: number;
  end: number;
  text: string;
  kind: SentenceKind;
  paragraph: number;
  marker?: string;
}

interface Line {
  start: number;
  /** End without the line break. */
  end: number;
  text: string;
}

const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+|$)/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const LIST_ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)]|\[\d{1,4}\]|\(\d{1,4}\))[ \t]+(?:\[[ xX]\][ \t]+)?/;
const BLOCK_QUOTE = /^ {0,3}>[ \t]?/;
const TABLE_DELIMITER = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const FENCED_DIV = /^ {0,3}:::/;
const FOOTNOTE_DEF = /^ {0,3}\[\^[^\]\s]+\]:[ \t]*/;
const LINK_DEF = /^ {0,3}\[[^\]\n]+\]:[ \t]*\S/;
const IMAGE_LINE = /^[ \t]*!\[/;
const CAPTION_START = /^[ \t]*(?:[*_]{1,2})?(?:(?:Supplementary|Suppl\.?)[ \t]+)?(?:Figure|Fig\.|Table|Chart|Box|Panel)[ \t]+S?\d+[A-Za-z]?[ \t]*[.:|—–-]/i;
const PANDOC_TABLE_CAPTION = /^[ \t]*(?:Table)?:[ \t]+\S/;
const REFERENCE_HEADING = /^(?:\d+[.)]?\s+)?(?:references?|bibliography|works cited|literature cited|literature|sources?|citations|reference list|notes and references|references and notes)\s*:?\s*$/i;
const REFERENCE_PARAGRAPH = /^[ \t]*(?:[*_]{1,2})?(?:Sources?|References?|Bibliography|Citation|Read more)[*_]{0,2}[ \t]*:/i;
const LATEX_HEADING = /^[ \t]*\\(?:part|chapter|section|subsection|subsubsection|paragraph|subparagraph|title|author|date|caption)\*?(?:\[[^\]\n]*\])?\{/;
const LATEX_BEGIN = /^[ \t]*\\begin\{([A-Za-z*]+)\}/;
const LATEX_END = /^[ \t]*\\end\{([A-Za-z*]+)\}/;
const LATEX_ITEM = /^[ \t]*\\item(?:\[[^\]\n]*\])?[ \t]*/;
const LATEX_BIBITEM = /^[ \t]*\\bibitem(?:\[[^\]\n]*\])?\{[^{}\n]*\}[ \t]*/;
const LATEX_COMMAND_ONLY = /^[ \t]*(?:\\[A-Za-z@]+\*?(?:\[[^\]\n]*\])?(?:\{[^{}\n]*\})*[ \t]*)+(?:%.*)?$/;
const LATEX_SKIP_ENVS = new Set([
  'figure', 'figure*', 'table', 'table*', 'equation', 'equation*', 'align', 'align*', 'gather', 'gather*',
  'multline', 'multline*', 'verbatim', 'lstlisting', 'minted', 'tabular', 'tikzpicture', 'displaymath', 'eqnarray',
  'eqnarray*', 'comment',
]);

function linesOf(doc: AnalyzedDocument): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < doc.lineStarts.length; i++) {
    const text = doc.lineText(i);
    out.push({ start: doc.lineStarts[i], end: doc.lineStarts[i] + text.length, text });
  }
  return out;
}

/** Lines that are wholly code, front matter or math are not prose. */
function isNonProseLine(doc: AnalyzedDocument, line: Line): boolean {
  const s = doc.excludedAt(line.start);
  if (!s) return false;
  if (s.kind === 'front-matter' || s.kind === 'code-block') return true;
  return s.end >= line.end && (s.kind === 'html' || s.kind === 'latex-comment' || s.kind === 'math' || s.kind === 'link-target');
}

/** Splits a document into blocks (paragraphs, list items, table cells, headings, ...). */
export function splitBlocks(doc: AnalyzedDocument): Block[] {
  return doc.languageId === 'latex' ? latexBlocks(doc) : markdownBlocks(doc);
}

function markdownBlocks(doc: AnalyzedDocument): Block[] {
  const lines = linesOf(doc);
  const blocks: Block[] = [];
  const markdown = doc.languageId !== 'plaintext';
  let paragraph = 0;
  let current: Block | undefined;
  /** Heading level of the reference section we are in (0: none; 7: plain-text "References" line). */
  let refLevel = 0;
  let inRefDiv = false;
  let quote = false;

  const close = () => {
    if (current && current.end > current.start) blocks.push(current);
    current = undefined;
    quote = false;
  };
  const open = (start: number, end: number, kind: SentenceKind, marker?: string) => {
    close();
    paragraph++;
    current = { start, end, kind: refLevel || inRefDiv ? 'reference' : kind, paragraph, marker };
  };
  const leadingSpace = (text: string) => {
    let i = 0;
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    return i;
  };

  for (let li = 0; li < lines.length; li++) {
    const line = lines[li];
    const text = line.text;
    const lead = leadingSpace(text);
    if (lead === text.length || isNonProseLine(doc, line)) {
      close();
      continue;
    }
    // The first character decides which block patterns can apply (keeps the pass cheap).
    const first = text[lead];
    const fc = first.charCodeAt(0);
    const letter = fc < 128 ? (fc >= 97 && fc <= 122) || (fc >= 65 && fc <= 90) : /[\p{L}]/u.test(first);
    if (markdown && first === ':' && FENCED_DIV.test(text)) {
      close();
      if (/\{[^}]*#refs\b/.test(text)) inRefDiv = true;
      else if (/^ {0,3}:::[ \t]*$/.test(text)) inRefDiv = false;
      continue;
    }
    const atx = markdown && first === '#' ? ATX_HEADING.exec(text) : null;
    if (atx) {
      const level = atx[1].length;
      const title = text.slice(atx[0].length).replace(/[ \t]#+[ \t]*$/, '').replace(/\{[^}]*\}\s*$/, '').trim();
      if (refLevel && level <= refLevel) refLevel = 0;
      open(line.start + atx[0].length, line.end, 'heading');
      if (REFERENCE_HEADING.test(title)) refLevel = level;
      if (current) current.kind = 'heading';
      close();
      continue;
    }
    if (markdown && (first === '=' || first === '-') && current && (current.kind === 'prose' || current.kind === 'reference') && !quote && SETEXT_UNDERLINE.test(text)) {
      // The paragraph above is a heading.
      const title = doc.text.slice(current.start, current.end).trim();
      if (refLevel && refLevel <= 2) refLevel = 0;
      current.kind = 'heading';
      close();
      if (REFERENCE_HEADING.test(title)) refLevel = 2;
      continue;
    }
    if ((first === '*' || first === '-' || first === '_') && THEMATIC_BREAK.test(text)) {
      close();
      continue;
    }
    if (markdown && first === '[' && LINK_DEF.test(text) && !FOOTNOTE_DEF.test(text)) {
      close();
      continue;
    }
    // A plain line that names the reference list ("References", "Bibliography:").
    if (!current && text.length - lead < 40 && REFERENCE_HEADING.test(text.trim()) && /^[ \t]*[A-Z0-9]/.test(text)) {
      close();
      blocks.push({ start: line.start + leadingSpace(text), end: line.end, kind: 'heading', paragraph: ++paragraph });
      refLevel = refLevel || 7;
      continue;
    }
    const bq = markdown && first === '>' ? BLOCK_QUOTE.exec(text) : null;
    if (bq) {
      const rest = text.slice(bq[0].length);
      if (rest.trim() === '') {
        close();
        continue;
      }
      if (current && quote) {
        current.end = line.end;
        continue;
      }
      open(line.start + bq[0].length, line.end, 'quote');
      quote = true;
      continue;
    }
    if (markdown && text.includes('|') && isTableRow(lines, li)) {
      close();
      if (TABLE_DELIMITER.test(text)) continue;
      addTableCells(line, blocks, () => ++paragraph, refLevel > 0 || inRefDiv);
      continue;
    }
    if (markdown && first === '!' && IMAGE_LINE.test(text)) {
      open(line.start + leadingSpace(text), line.end, 'caption');
      close();
      continue;
    }
    const fn = markdown && first === '[' ? FOOTNOTE_DEF.exec(text) : null;
    if (fn) {
      open(line.start + fn[0].length, line.end, 'footnote');
      continue;
    }
    const item = letter ? null : LIST_ITEM.exec(text);
    if (item && (markdown || /^\[|^\(|\d/.test(item[2]) || refLevel > 0)) {
      open(line.start + item[0].length, line.end, 'list-item', item[2]);
      if (current && CAPTION_START.test(text.slice(item[0].length))) current.kind = 'caption';
      continue;
    }
    // In the reference list every unindented line is an entry of its own.
    if ((refLevel || inRefDiv) && current && lead === 0) {
      open(line.start, line.end, 'reference');
      continue;
    }
    if (current && !quote) {
      current.end = line.end;
      continue;
    }
    const start = line.start + lead;
    if (CAPTION_START.test(text) || (markdown && PANDOC_TABLE_CAPTION.test(text))) open(start, line.end, 'caption');
    else if (REFERENCE_PARAGRAPH.test(text)) open(start, line.end, 'reference');
    else open(start, line.end, 'prose');
  }
  close();
  return blocks;
}

function isTableRow(lines: Line[], i: number): boolean {
  const text = lines[i].text;
  if (/^[ \t]*\|/.test(text)) return true;
  if (TABLE_DELIMITER.test(text) && text.includes('-')) return true;
  const next = lines[i + 1]?.text;
  const prev = lines[i - 1]?.text;
  return (next !== undefined && next.includes('-') && TABLE_DELIMITER.test(next) && next.includes('|')) ||
    (prev !== undefined && prev.includes('-') && TABLE_DELIMITER.test(prev) && prev.includes('|'));
}

function addTableCells(line: Line, blocks: Block[], nextParagraph: () => number, inRefs: boolean): void {
  const text = line.text;
  let cellStart = 0;
  for (let i = 0; i <= text.length; i++) {
    const atEnd = i === text.length;
    if (!atEnd && (text[i] !== '|' || (i > 0 && text[i - 1] === '\\'))) continue;
    let s = cellStart;
    let e = i;
    while (s < e && (text[s] === ' ' || text[s] === '\t')) s++;
    while (e > s && (text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
    if (e > s) blocks.push({ start: line.start + s, end: line.start + e, kind: inRefs ? 'reference' : 'table-cell', paragraph: nextParagraph() });
    cellStart = i + 1;
  }
}

function latexBlocks(doc: AnalyzedDocument): Block[] {
  const lines = linesOf(doc);
  const blocks: Block[] = [];
  let paragraph = 0;
  let current: Block | undefined;
  let skipEnv: string | undefined;
  let skipDepth = 0;
  let inBibliography = false;
  let li = 0;
  // Everything before \begin{document} is the preamble.
  const beginDoc = lines.findIndex((l) => /^[ \t]*\\begin\{document\}/.test(l.text));
  if (beginDoc >= 0) li = beginDoc + 1;

  const close = () => {
    if (current && current.end > current.start) blocks.push(current);
    current = undefined;
  };
  const open = (start: number, end: number, kind: SentenceKind, marker?: string) => {
    close();
    current = { start, end, kind: inBibliography ? 'reference' : kind, paragraph: ++paragraph, marker };
  };

  for (; li < lines.length; li++) {
    const line = lines[li];
    const text = line.text;
    const begin = LATEX_BEGIN.exec(text);
    const end = LATEX_END.exec(text);
    if (skipEnv) {
      if (begin && begin[1] === skipEnv) skipDepth++;
      if (end && end[1] === skipEnv && --skipDepth === 0) skipEnv = undefined;
      continue;
    }
    if (/^[ \t]*\\end\{document\}/.test(text)) break;
    if (begin && LATEX_SKIP_ENVS.has(begin[1])) {
      close();
      // An environment opened and closed on one line is skipped with that line.
      if (!(end || new RegExp(`\\\\end\\{${begin[1].replace('*', '\\*')}\\}`).test(text))) {
        skipEnv = begin[1];
        skipDepth = 1;
      }
      continue;
    }
    if (begin && begin[1] === 'thebibliography') {
      close();
      inBibliography = true;
      continue;
    }
    if (end && end[1] === 'thebibliography') {
      close();
      inBibliography = false;
      continue;
    }
    if (text.trim() === '' || isNonProseLine(doc, line)) {
      close();
      continue;
    }
    if (LATEX_HEADING.test(text)) {
      open(line.start, line.end, 'heading');
      close();
      continue;
    }
    const bib = LATEX_BIBITEM.exec(text);
    if (bib) {
      open(line.start + bib[0].length, line.end, 'reference');
      continue;
    }
    const item = LATEX_ITEM.exec(text);
    if (item) {
      open(line.start + item[0].length, line.end, 'list-item', '\\item');
      continue;
    }
    if (LATEX_COMMAND_ONLY.test(text) && !/\\(?:text|emph)/.test(text)) {
      close();
      continue;
    }
    if (current) {
      current.end = line.end;
      continue;
    }
    let s = 0;
    while (s < text.length && (text[s] === ' ' || text[s] === '\t')) s++;
    open(line.start + s, line.end, 'prose');
  }
  close();
  return blocks;
}

// ---------------------------------------------------------------------------------------
// Sentences inside a block.

/** Abbreviations after which a period never ends a sentence (lower case, without the final period). */
const ABBREVIATIONS = new Set([
  'al', 'e.g', 'i.e', 'eg', 'ie', 'dr', 'drs', 'mr', 'mrs', 'ms', 'prof', 'vs', 'v', 'fig', 'figs', 'eq', 'eqs',
  'vol', 'vols', 'pp', 'p', 'ca', 'cf', 'approx', 'resp', 'ref', 'refs', 'st', 'jr', 'sr', 'dept', 'univ', 'ed', 'eds',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'suppl', 'tab', 'ch', 'sec',
  'u.s', 'u.k', 'u.s.a', 'e.u', 'ph.d', 'm.d', 'viz', 'incl', 'esp', 'nb', 'n.b', 'a.k.a', 'aka', 'mt', 'gen', 'col',
  'rev', 'med', 'immunol', 'clin', 'j', 'sci', 'nat', 'proc', 'natl', 'acad', 'biol', 'res', 'int', 'am', 'engl',
  'wk', 'wks', 'mo', 'mos', 'yr', 'yrs', 'hr', 'hrs', 'min', 'max', 'avg', 'est', 'dx', 'tx', 'rx', 'hx',
]);
/** Abbreviations that do not end a sentence when a number follows (`No. 5`, `Nos. 3`). */
const NUMBER_ABBREVIATIONS = new Set(['no', 'nos', 'art', 'chap', 'para', 'sect', 'vol']);

const TERMINATORS = new Set(['.', '!', '?', '…']);
const TERMINATOR_RE = /[.!?…]/g;
const CLOSERS = new Set([')', ']', '"', "'", '”', '’', '»', '*', '_', '}']);

/** Splits a document into sentences with kinds; only `isCheckedKind` kinds are prose to check. */
export function splitSentences(doc: AnalyzedDocument): Sentence[] {
  const out: Sentence[] = [];
  for (const block of splitBlocks(doc)) splitBlock(doc, block, out);
  return out;
}

/** Splits one block; reference entries and headings stay whole. */
export function splitBlock(doc: AnalyzedDocument, block: Block, out: Sentence[] = []): Sentence[] {
  const text = doc.text;
  const push = (s: number, e: number) => {
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) out.push({ start: s, end: e, text: text.slice(s, e), kind: block.kind, paragraph: block.paragraph, marker: block.marker });
  };
  if (block.kind === 'heading' || block.kind === 'reference') {
    push(block.start, block.end);
    return out;
  }
  const end = block.end;
  let sentStart = block.start;
  // The next terminator is found by a regex over the block alone (bounded: no scan past its end).
  const blockText = text.slice(block.start, end);
  for (let i = block.start; i < end; i++) {
    TERMINATOR_RE.lastIndex = i - block.start;
    const tm = TERMINATOR_RE.exec(blockText);
    if (!tm) break;
    i = block.start + tm.index;
    const c = text[i];
    const ex = doc.excludedAt(i);
    // A URL's span swallows the period that ends the sentence after it.
    if (ex && !((ex.kind === 'url' || ex.kind === 'email') && i === ex.end - 1)) continue;
    let j = i;
    while (j < end && TERMINATORS.has(text[j])) j++;
    const run = j - i;
    while (j < end && CLOSERS.has(text[j])) j++;
    j = attachedCitationEnd(text, j, end);
    if (j < end && !isSpace(text.charCodeAt(j))) {
      i = j - 1;
      continue;
    }
    let k = j;
    while (k < end && isSpace(text.charCodeAt(k))) k++;
    if (k < end) {
      if (c === '.' && run === 1 && !endsSentenceAfter(text, block.start, i, text[k])) {
        i = j - 1;
        continue;
      }
      if (!startsSentence(text[k])) {
        i = j - 1;
        continue;
      }
    }
    push(sentStart, j);
    sentStart = k;
    i = k - 1;
  }
  push(sentStart, end);
  return out;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 160 || code === 0x2009 || code === 0x202f;
}

/** A citation glued to the end of a sentence after its period: `.[3]`, `.^3^`, `.³`, `.[^1]`. */
function attachedCitationEnd(text: string, j: number, end: number): number {
  const c = text[j];
  if (c === '[') {
    let k = j + 1;
    const limit = Math.min(end, j + 200);
    while (k < limit && text[k] !== ']' && text[k] !== '[' && text[k] !== '\n') k++;
    if (k < limit && text[k] === ']') {
      const inner = text.slice(j + 1, k);
      if (/^(?:\^\S+|-?@\S.*|\d[\d,\s–—-]*)$/.test(inner) && text[k + 1] !== '(') return k + 1;
    }
    return j;
  }
  if (c === '^') {
    let k = j + 1;
    const limit = Math.min(end, j + 40);
    while (k < limit && /[\d,–\- ]/.test(text[k])) k++;
    if (k < limit && k > j + 1 && text[k] === '^') return k + 1;
    return j;
  }
  let k = j;
  while (k < end && SUPERSCRIPTS.includes(text[k])) k++;
  return k;
}

/** Used in a regex character class by citations/inText.ts: no `]`, backslash, `^` or `-` here. */
export const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹⁻˒⁽⁾';

/** Decides, for a single period at `dot`, whether the word before it lets the sentence end. */
function endsSentenceAfter(text: string, blockStart: number, dot: number, next: string): boolean {
  // The word before the period, dots included (`e.g`, `U.S`). ASCII characters are told by
  // their code (most text), others by the Unicode classes.
  let s = dot;
  while (s > blockStart) {
    const c = text.charCodeAt(s - 1);
    if (c < 128 ? !isAsciiAlnum(c) && c !== 46 : !/[\p{L}\p{N}.]/u.test(text[s - 1])) break;
    s--;
  }
  const word = text.slice(s, dot);
  if (word === '') return true;
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return false;
  if (NUMBER_ABBREVIATIONS.has(lower) && /\d/.test(next)) return false;
  // An initial (`J. Y. Humrich`), but not a sentence ending in a capital abbreviation of 2+
  // letters. (The word holds no surrogate, so one upper-case letter is one code unit.)
  if (word.length === 1 && (word < '\x80' ? word >= 'A' && word <= 'Z' : /^\p{Lu}$/u.test(word))) return false;
  // Dotted abbreviations such as `a.m` or `i.v`.
  if (word.length <= 7 && word[1] === '.' && /^(?:\p{L}\.)+\p{L}$/u.test(word)) return false;
  return true;
}

function startsSentence(c: string): boolean {
  const code = c.charCodeAt(0);
  // ASCII: a capital or digit, or one of the opening marks below.
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || '"\'([*_@\\<#$-'.includes(c);
  if (/[\p{Lu}\p{N}]/u.test(c)) return true;
  return '“‘«–—¡¿'.includes(c) || /\p{Lo}/u.test(c);
}

/** The sentence containing `offset`, by binary search over `splitSentences` output. */
export function sentenceAt(sentences: Sentence[], offset: number): Sentence | undefined {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset > s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}
