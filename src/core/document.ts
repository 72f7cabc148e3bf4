// A checked document: its text, line index, and the spans that are not prose
// (code, URLs, citation keys, front matter, LaTeX commands...). Every rule asks this
// one place what to skip, so "never flag inside code" holds for all of them.
import type * as Yaml from 'yaml';
import type { CslItem } from './data';
import type { LanguageId, Position, Range, TextDocumentLike } from './types';

export interface Span {
  start: number;
  end: number;
  kind: SpanKind;
}

export type SpanKind =
  | 'front-matter'
  | 'code-block'
  | 'code-span'
  | 'url'
  | 'email'
  | 'html'
  | 'link-target'
  | 'citation-key'
  | 'latex-command'
  | 'latex-argument'
  | 'latex-comment'
  | 'math';

export class AnalyzedDocument {
  readonly uri: string;
  readonly languageId: LanguageId;
  readonly text: string;
  readonly version?: number;
  readonly lineStarts: number[];
  /** Sorted, non-overlapping spans that no rule checks. */
  readonly excluded: Span[];
  /** Parsed YAML front matter (Markdown/Quarto), or undefined. */
  readonly frontMatter?: Record<string, unknown>;
  /** Why the front matter could not be read as YAML (it is still not checked as prose). */
  readonly frontMatterError?: string;
  /**
   * References from the document's own bibliographies (front matter `bibliography:`),
   * loaded by the node layer; checkers consult them besides the loaded data's references.
   */
  references: CslItem[] = [];

  constructor(doc: TextDocumentLike) {
    this.uri = doc.uri;
    this.languageId = doc.languageId;
    this.text = doc.text;
    this.version = doc.version;
    if (doc.references) this.references = [...doc.references];
    this.lineStarts = computeLineStarts(doc.text);
    const { spans, frontMatter, frontMatterError } = findExcludedSpans(doc.text, doc.languageId);
    this.excluded = spans;
    this.frontMatter = frontMatter;
    this.frontMatterError = frontMatterError;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Text of a line without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line];
    let end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }

  positionAt(offset: number): Position {
    return positionIn(this.lineStarts, Math.max(0, Math.min(offset, this.text.length)));
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineEnd = this.lineStarts[position.line] + this.lineText(position.line).length;
    return Math.min(this.lineStarts[position.line] + Math.max(0, position.character), lineEnd);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** The excluded span containing `offset`, if any (binary search). */
  excludedAt(offset: number): Span | undefined {
    let lo = 0;
    let hi = this.excluded.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.excluded[mid];
      if (offset < s.start) hi = mid - 1;
      else if (offset >= s.end) lo = mid + 1;
      else return s;
    }
    return undefined;
  }

  /** True when [start, end) overlaps any excluded span. */
  overlapsExcluded(start: number, end: number): boolean {
    let lo = 0;
    let hi = this.excluded.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.excluded[mid].end <= start) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.excluded.length && this.excluded[lo].start < end;
  }
}

export function analyze(doc: TextDocumentLike): AnalyzedDocument {
  return new AnalyzedDocument(doc);
}

/** The {line, character} of `offset`, given the offsets where lines start (binary search). */
export function positionIn(lineStarts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - lineStarts[lo] };
}

const LINE_BREAK = /\r\n?|\n/g;

/** Where each line starts (after \n, \r\n or a lone \r); the regex engine does the scan. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  LINE_BREAK.lastIndex = 0;
  while (LINE_BREAK.test(text)) starts.push(LINE_BREAK.lastIndex);
  return starts;
}

const isMarkdownLike = (languageId: LanguageId) =>
  languageId === 'markdown' || languageId === 'quarto' || languageId === 'rmd';

// Inline patterns. Each is linear: no nested quantifiers over overlapping classes.
const URL_RE = /\b(?:https?|ftp):\/\/[^\s<>()\[\]"'`]+|\bwww\.[^\s<>()\[\]"'`]+|\bdoi:\s?10\.\d{4,9}\/[^\s<>"'`]+/giu;
const CITATION_KEY_RE = /(?<![\w@])-?@(?:\{[^{}\n]*\}|[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~\/-]*[\p{L}\p{N}_])|(?<![\w@])-?@[\p{L}\p{N}_]/gu;
// Comments are found by addHtmlComments (a lazy `<!--[\s\S]*?-->` rescans the rest of the text
// for every unclosed `<!--`: quadratic).
const HTML_RE = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/gu;
const LINK_TARGET_RE = /\]\([^()\s]*(?:\s+"[^"\n]*")?\)|^\s{0,3}\[[^\]\n]+\]:\s*\S+.*$/gmu;
const INLINE_MATH_RE = /\$\$[^$]+\$\$|(?<![\\$\w])\$(?=\S)[^$\n]*\S\$(?![\d$])/gu;
const LATEX_COMMENT_RE = /(?<!\\)%.*$/gmu;
const LATEX_COMMAND_RE = /\\(?:[A-Za-z@]+\*?|.)/gu;
/** LaTeX commands whose braced arguments are labels, keys or paths, not prose. */
const LATEX_NON_PROSE_ARGS =
  /\\(?:cite[a-zA-Z]*|parencite|textcite|autocite|footcite|nocite|ref|eqref|cref|Cref|autoref|pageref|label|begin|end|usepackage|documentclass|input|include|includegraphics|bibliography|bibliographystyle|url|href|hypersetup|newcommand|renewcommand|setlength|addbibresource)\*?(?:\s*\[[^\]\n]*\])*\s*\{[^{}\n]*\}/gu;

function findExcludedSpans(text: string, languageId: LanguageId): { spans: Span[]; frontMatter?: Record<string, unknown>; frontMatterError?: string } {
  const spans: Span[] = [];
  let frontMatter: Record<string, unknown> | undefined;
  let frontMatterError: string | undefined;
  const add = (start: number, end: number, kind: SpanKind) => {
    if (end > start) spans.push({ start, end, kind });
  };
  const addAll = (re: RegExp, kind: SpanKind, from = 0, to = text.length) => {
    re.lastIndex = 0;
    const chunk = from === 0 && to === text.length ? text : text.slice(from, to);
    for (let m = re.exec(chunk); m; m = re.exec(chunk)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      add(from + m.index, from + m.index + m[0].length, kind);
    }
  };

  if (isMarkdownLike(languageId)) {
    const fm = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
    if (fm) {
      add(0, fm[0].length, 'front-matter');
      try {
        // yaml is loaded on first use: most documents have no front matter (saves ~20 ms at start-up).
        const parsed = (require('yaml') as typeof Yaml).parse(fm[1]);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) frontMatter = parsed as Record<string, unknown>;
      } catch (err) {
        // Malformed front matter is still not prose; the error is reported by the front ends.
        frontMatterError = (err as Error).message.split('\n')[0];
      }
    }
    addFencedCode(text, add);
    addInlineCode(text, add);
    addHtmlComments(text, add);
    addAll(HTML_RE, 'html');
    addAll(LINK_TARGET_RE, 'link-target');
    addAll(INLINE_MATH_RE, 'math');
  }
  if (languageId === 'latex') {
    addAll(LATEX_COMMENT_RE, 'latex-comment');
    addAll(LATEX_NON_PROSE_ARGS, 'latex-argument');
    addAll(LATEX_COMMAND_RE, 'latex-command');
    addAll(INLINE_MATH_RE, 'math');
  }
  addUrls(text, add);
  addEmails(text, add);
  if (languageId !== 'latex') addAll(CITATION_KEY_RE, 'citation-key');
  return { spans: mergeSpans(spans), frontMatter, frontMatterError };
}

// URL_RE is slow on long prose (its `u` and `i` flags defeat the regex engine's literal
// search: ~50 ms on 0.8 MB). Every match holds `://`, `www.` or `doi:` within its first
// 8 characters, so the search starts just before the next such hint instead: the same
// matches, found in ~1 ms when the text has none.
const URL_HINT_RE = /:\/\/|www\.|doi:/giu;

/** The matches of URL_RE over `text`, as a global exec loop would find them. */
function addUrls(text: string, add: (s: number, e: number, k: SpanKind) => void): void {
  let from = 0;
  for (;;) {
    URL_HINT_RE.lastIndex = from;
    const hint = URL_HINT_RE.exec(text);
    if (!hint) return;
    // A match starting at s has its hint at s (`www.`, `doi:`) or at s + 3..5 (`://`).
    URL_RE.lastIndex = Math.max(from, hint.index - 5);
    const m = URL_RE.exec(text);
    if (!m) return;
    add(m.index, m.index + m[0].length, 'url');
    from = m.index + m[0].length;
  }
}

// An e-mail address. The look-behind makes a match start only at the start of a run: without
// it a long run of `a.a.a...` with no `@` is rescanned from every position (quadratic).
const EMAIL_AT_RE = /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/uy;

/**
 * The matches of EMAIL_AT_RE (made global) over `text`, as a global exec loop would find
 * them, tried only at each `@`: a match starts where the run of [\w.+-] before its `@` starts.
 */
function addEmails(text: string, add: (s: number, e: number, k: SpanKind) => void): void {
  let from = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', Math.max(at + 1, from))) {
    let start = at;
    while (start > from && isEmailRunChar(text.charCodeAt(start - 1))) start--;
    EMAIL_AT_RE.lastIndex = start;
    const m = EMAIL_AT_RE.exec(text);
    if (!m) continue;
    add(m.index, m.index + m[0].length, 'email');
    from = m.index + m[0].length;
  }
}

/** [\w.+-] */
function isEmailRunChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 43 || c === 45;
}

/** `<!-- ... -->` comments; an unclosed one is left alone, and no later one can close either. */
function addHtmlComments(text: string, add: (s: number, e: number, k: SpanKind) => void): void {
  for (let i = text.indexOf('<!--'); i >= 0; ) {
    const close = text.indexOf('-->', i + 4);
    if (close < 0) break;
    add(i, close + 3, 'html');
    i = text.indexOf('<!--', close + 3);
  }
}

/** ``` and ~~~ fenced blocks, line by line (an unclosed fence runs to the end, as in CommonMark). */
function addFencedCode(text: string, add: (s: number, e: number, k: SpanKind) => void): void {
  const fenceRe = /^ {0,3}(`{3,}|~{3,})/;
  let pos = 0;
  let open: { char: string; len: number; start: number } | undefined;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl);
    const m = fenceRe.exec(line);
    if (open) {
      if (m && m[1][0] === open.char && m[1].length >= open.len && line.slice(m[0].length).trim() === '') {
        add(open.start, nl, 'code-block');
        open = undefined;
      }
    } else if (m) {
      open = { char: m[1][0], len: m[1].length, start: pos };
    }
    if (nl >= text.length) break;
    pos = nl + 1;
  }
  if (open) add(open.start, text.length, 'code-block');
}

/** Inline code spans: a run of N backticks closed by the next run of exactly N. */
function addInlineCode(text: string, add: (s: number, e: number, k: SpanKind) => void): void {
  const runs = new Map<number, number[]>(); // length -> start offsets, for closing look-up
  const all: Array<[number, number]> = [];
  for (let i = 0; i < text.length; ) {
    if (text.charCodeAt(i) !== 96) {
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && text.charCodeAt(j) === 96) j++;
    all.push([i, j - i]);
    const list = runs.get(j - i) ?? [];
    list.push(all.length - 1);
    runs.set(j - i, list);
    i = j;
  }
  const cursor = new Map<number, number>();
  for (let k = 0; k < all.length; k++) {
    const [start, len] = all[k];
    if (len >= 3 && (start === 0 || text[start - 1] === '\n')) continue; // fences are handled elsewhere
    const list = runs.get(len)!;
    let c = cursor.get(len) ?? 0;
    while (c < list.length && list[c] <= k) c++;
    cursor.set(len, c);
    if (c >= list.length) continue;
    const closeIdx = list[c];
    const [closeStart] = all[closeIdx];
    // Code spans do not cross a blank line.
    if (text.slice(start, closeStart).includes('\n\n')) continue;
    add(start, closeStart + len, 'code-span');
    k = closeIdx;
    cursor.set(len, c + 1);
  }
}

function mergeSpans(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      if (s.end > last.end) last.end = s.end;
    } else {
      out.push({ ...s });
    }
  }
  return out;
}
