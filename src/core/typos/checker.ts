// The `typo` rule (and the opt-in `unknown-word` report). Line based: each line's
// findings are cached by its text (plus the non-prose spans that cut it), so after an
// edit only changed lines are tokenised again.
//
// Settings read (EngineSettings):
//   rules['unknown-word'].enabled  must be true to report unknown words (off by default)
//   words: string[]                extra accepted words (with data.words from .medwrite/words.txt)
//   languages: string[]            'en-US', 'en-GB' (or 'en' for both; default both)
import { firstSpanAfter, lineSkip, LineResults, OffsetSpan } from './lines';
import type { AnalyzedDocument } from '../document';
import type { Checker, EngineContext } from '../engine';
import type { MedwriteData } from '../data';
import type { Finding, Fix, Range } from '../types';
import { TypoLexicon } from './lexicon';
import { caseShape, matchCase, tokenize, WordPart, WordToken } from './tokenize';
import { LANG_ALL, LANG_GB, LANG_US } from './vocabulary';
import type { Vocabulary } from './vocabulary';
import { isAscii, isAsciiAlnum, nextNonAscii } from '../chars';
import { TYPO_RULES } from '../rules';

/** A finding relative to its line, as cached. */
export interface LineFinding {
  kind: 'typo' | 'unknown';
  start: number;
  end: number;
  word: string;
  suggestions: string[];
}

const MIN_LENGTH = 4;
/**
 * All-capital words this long are checked like names (reported only one edit from a glossary
 * or workspace word: `INTERLUKIN` in a heading); shorter ones are taken as acronyms.
 */
const MIN_CAPS_LENGTH = 6;
const MAX_LENGTH = 45;
/** Characters that make an adjacent word part of an identifier, path, entity or markup. */
const GLUE = new Uint8Array(128);
for (const ch of '\\/@#$%&=<>{}|~^') GLUE[ch.charCodeAt(0)] = 1;
/**
 * One ASCII word, `[A-Za-z0-9]+(?:['-][A-Za-z0-9]+)*`, whole. The first alternative captures
 * a lower-case word of MIN_LENGTH..MAX_LENGTH letters that nothing glues to its neighbours
 * (the tests of isGluedAt, written as lookarounds); the second takes every other word with
 * a run of four letters or digits (a word whose parts are all shorter is never checked).
 */
const ASCII_WORD =
  /(?<![\\/@#$%&=<>{}|~^)\]]|[A-Za-z0-9][._])([a-z]{4,45})(?![A-Za-z0-9'\-\\/@#$%&=<>{}|~^([]|[._][A-Za-z0-9])|(?<![A-Za-z0-9]|[A-Za-z0-9]['-])(?:[A-Za-z0-9]{1,3}['-])*[A-Za-z0-9]{4}[A-Za-z0-9]*(?:['-][A-Za-z0-9]+)*/g;
const NO_SKIP: Array<[number, number]> = [];
const NO_SPANS: readonly OffsetSpan[] = [];
const LINE_START: readonly number[] = [0];
const IGNORE_DIRECTIVE = /medwrite-ignore:([^\n]*?)(?:-->|\*\/|$)/gm;

export function languagesMask(languages: unknown): number {
  if (!Array.isArray(languages) || languages.length === 0) return LANG_ALL;
  let mask = 0;
  for (const l of languages) {
    const s = String(l).toLowerCase().replace('_', '-');
    if (s === 'en' || s === 'en-*') mask |= LANG_ALL;
    else if (s === 'en-us' || s === 'en-ca') mask |= LANG_US;
    else if (s.startsWith('en-')) mask |= LANG_GB;
  }
  return mask || LANG_ALL;
}

export interface TypoCheckerOptions {
  vocabulary?: Vocabulary;
  reportUnknown?: boolean;
}

export class TypoChecker implements Checker {
  readonly rules = TYPO_RULES;
  readonly lexicon: TypoLexicon;
  private readonly reportUnknown: boolean;
  private readonly lines = new LineResults<LineFinding[]>((text, skip) => this.checkLine(text, skip));
  private checkedBefore = false;
  private readonly data: MedwriteData;

  constructor(ctx: EngineContext, opts: TypoCheckerOptions = {}) {
    this.data = ctx.data;
    const settings = ctx.settings;
    const extraWords = Array.isArray(settings.words) ? (settings.words as unknown[]).map(String) : [];
    this.lexicon = new TypoLexicon({
      vocabulary: opts.vocabulary ?? ctx.data.vocabulary,
      glossary: ctx.glossary,
      words: [...ctx.data.words, ...extraWords],
      languages: languagesMask(settings.languages),
    });
    this.reportUnknown = opts.reportUnknown ?? settings.rules?.['unknown-word']?.enabled === true;
  }

  check(doc: AnalyzedDocument): Finding[] {
    // The vocabulary may arrive after the engine was built (the CLI reads it meanwhile).
    if (!this.lexicon.hasVocabulary && this.data.vocabulary) this.lexicon.useVocabulary(this.data.vocabulary);
    // Without the big vocabulary every rare word would look unknown: stay silent until it loads.
    if (!this.lexicon.hasVocabulary) return [];
    const ignored = ignoredWords(doc.text);
    const out: Finding[] = [];
    const visit = (line: number, found: LineFinding[]) => {
      for (const f of found) {
        if (ignored && ignored.has(f.word.toLowerCase())) continue;
        if (f.kind === 'unknown' && !this.reportUnknown) continue;
        out.push(toFinding(f, line));
      }
    };
    // A first check (the CLI's only one) reads the document in one scan; later checks go line by
    // line, and keep each line's findings for the next check.
    if (this.checkedBefore) this.lines.forEachLine(doc, visit);
    else this.checkDocument(doc, visit);
    this.checkedBefore = true;
    return out;
  }

  /** Findings of the whole document, line by line (offsets relative to their line), without the line cache. */
  private checkDocument(doc: AnalyzedDocument, visit: (line: number, found: LineFinding[]) => void): void {
    const text = doc.text;
    const starts = doc.lineStarts;
    const spans = doc.excluded;
    const found: LineFinding[] = [];
    let from = 0;
    let line = 0; // the line of `from`
    while (from < text.length) {
      // ASCII lines up to the next line with another character, scanned at once; that line alone.
      const at = nextNonAscii(text, from);
      const odd = at >= 0 ? lineOf(starts, at, line) : doc.lineCount;
      const to = odd < doc.lineCount ? starts[odd] : text.length;
      if (to > from) this.scanAscii(text, from, to, starts, line, spans, found);
      if (odd < doc.lineCount) {
        const lineText = doc.lineText(odd);
        const skip = lineSkip(spans, starts[odd], starts[odd] + lineText.length);
        if (skip !== undefined) for (const f of this.checkLine(lineText, skip)) found.push(shift(f, starts[odd]));
      }
      from = odd + 1 < doc.lineCount ? starts[odd + 1] : text.length;
      line = odd + 1;
    }
    // Back to line-relative offsets, one visit per line, in order.
    let i = 0;
    let at = 0;
    while (i < found.length) {
      at = lineOf(starts, found[i].start, at);
      const group: LineFinding[] = [];
      for (; i < found.length && lineOf(starts, found[i].start, at) === at; i++) group.push(shift(found[i], -starts[at]));
      visit(at, group);
    }
  }

  /** Findings of one line; `skip` holds [start, end) spans (relative) that are not prose. */
  checkLine(text: string, skip: Array<[number, number]> = []): LineFinding[] {
    const out: LineFinding[] = [];
    if (!isAscii(text)) {
      for (const token of tokenize(text)) this.checkToken(text, token, skip, 0, out);
      return out;
    }
    const spans = skip.length ? skip.map(([start, end]) => ({ start, end })) : NO_SPANS;
    this.scanAscii(text, 0, text.length, LINE_START, 0, spans, out);
    return out;
  }

  /**
   * Findings of the ASCII lines of text[from, to), offsets in `text`: the regex engine finds
   * the words, which costs little before the JIT has warmed up (a CLI run is over by then).
   * Its first alternative captures a plain lower-case word with nothing beside it that could
   * glue it to an identifier, path or markup (see isGluedAt): most words of prose, looked up
   * at once. `starts` are the line starts (`line` the one of `from`), `spans` what is not prose.
   */
  private scanAscii(text: string, from: number, to: number, starts: readonly number[], line: number, spans: readonly OffsetSpan[], out: LineFinding[]): void {
    const n = text.length;
    const re = ASCII_WORD;
    let si = firstSpanAfter(spans, from);
    re.lastIndex = from;
    for (let m = re.exec(text); m !== null && m.index < to; m = re.exec(text)) {
      const start = m.index;
      const plain = m[1];
      const end = start + (plain !== undefined ? plain.length : m[0].length);
      while (si < spans.length && spans[si].end <= start) si++;
      if (si < spans.length && spans[si].start < end) continue; // not prose
      if (plain !== undefined) {
        const v = this.lexicon.verdict(plain);
        if (v.kind !== 'known') out.push({ kind: v.kind, start, end, word: plain, suggestions: v.suggestions.slice() });
        continue;
      }
      const len = end - start;
      if (len < MIN_LENGTH) continue;
      let upper = 0;
      let digit = false;
      let hyphen = false;
      let apostrophe = false;
      for (let i = start; i < end; i++) {
        const c = text.charCodeAt(i);
        if (c >= 65 && c <= 90) upper++;
        else if (c === 45) hyphen = true;
        else if (c === 39) apostrophe = true;
        else if (c < 65) digit = true;
      }
      line = lineOf(starts, start, line);
      if (hyphen || apostrophe || digit) {
        // A single part with a digit is nomenclature or a number (`IL2`, `2010`): never checked.
        if (!hyphen && digit) continue;
        this.checkToken(text, asciiToken(text, start, end, digit, hyphen), NO_SKIP, starts[line], out);
        continue;
      }
      if (len > MAX_LENGTH || isGluedAt(text, start, end)) continue;
      // Acronyms and gene names (`NHANES`, `mRNA`); a long all-capital word (a heading) is read as a name.
      const allCaps = upper === len && len >= MIN_CAPS_LENGTH;
      if (!allCaps && (upper > 1 || (upper === 1 && text.charCodeAt(start) > 90))) continue;
      const word = text.slice(start, end);
      const lw = upper ? word.toLowerCase() : word;
      const last = text.charCodeAt(end - 1);
      if ((last === 111 || last === 105) && end < n && text.charCodeAt(end) === 45) continue; // `mineralo- and`
      // A capital inside a sentence marks a name, unless it is one letter off a glossary term (`Interlukin`).
      this.checkWord(word, lw, start, end, allCaps || (upper === 1 && !atSentenceStart(text, start, starts[line])), out);
    }
  }

  /**
   * The finding for `word` at [start, end), if any (`lw`: it in lower case). A name (`nameLike`)
   * is reported only as a typo one letter off a glossary or workspace word.
   */
  private checkWord(word: string, lw: string, start: number, end: number, nameLike: boolean, out: LineFinding[]): void {
    const v = nameLike ? this.lexicon.nameVerdict(lw) : this.lexicon.verdict(lw);
    if (v.kind === 'known') return;
    if (nameLike && !(v.kind === 'typo' && v.glossary)) return;
    out.push({
      kind: v.kind,
      start,
      end,
      word,
      suggestions: v.kind === 'typo' ? v.suggestions.map((s) => matchCase(word, s)) : [],
    });
  }

  private checkToken(text: string, token: WordToken, skip: Array<[number, number]>, lineStart: number, out: LineFinding[]): void {
    if (token.end - token.start < MIN_LENGTH) return;
    if (skip.length && overlapsAny(skip, token.start, token.end)) return;
    if (isGluedAt(text, token.start, token.end)) return;
    const parts = token.parts;
    const before = out.length;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const len = part.norm.length;
      if (len < MIN_LENGTH || len > MAX_LENGTH || part.hasDigit || !part.latin) continue;
      const shape = caseShape(part.norm);
      const allCaps = shape === 'upper' && len >= MIN_CAPS_LENGTH;
      if (shape !== 'lower' && shape !== 'capitalised' && !allCaps) continue; // acronyms, gene names (`IRAK`, `mRNA`)
      const lw = shape === 'lower' ? part.norm : part.norm.toLowerCase();
      // A capital inside a sentence marks a name; at a sentence start it is just a capital.
      const nameLike = allCaps || (shape === 'capitalised' && (i > 0 || !atSentenceStart(text, token.start, lineStart)));
      if (parts.length > 1) {
        // Next to a number or an acronym in a hyphenated name: nomenclature (`IL-2-induced`, `anti-CD3`).
        if (len < 6 && neighbours(parts, i).some((p) => p.hasDigit || caseShape(p.norm) === 'upper')) continue;
        // Combining forms before a hyphen: `gastro-`, `maxillo-`, `immuno-`.
        if (i < parts.length - 1 && /[oi]$/.test(lw)) continue;
      } else if (/[oi]$/.test(lw) && codeAt(text, token.end) === 45) {
        continue; // `mineralo- and glucocorticoid`
      }
      this.checkWord(part.norm, lw, part.start, part.end, nameLike, out);
    }
    // A hyphenated word that is known as one word (or without its hyphens) is fine. Asked
    // only when a part was found wanting: word formation on the joined form is costly.
    if (out.length > before && parts.length > 1 && !token.hasDigit) {
      const joined = token.norm.toLowerCase();
      if (this.lexicon.isKnown(joined) || this.lexicon.isKnown(joined.replace(/-/g, ''))) out.length = before;
    }
  }
}

/**
 * The token `tokenize` gives for an ASCII word [A-Za-z0-9]+(?:['-][A-Za-z0-9]+)* at
 * [start, end) of `text`, built directly: parts split at hyphens, the lookup form as written.
 */
function asciiToken(text: string, start: number, end: number, hasDigit: boolean, hyphen: boolean): WordToken {
  const raw = text.slice(start, end);
  const token = { start, end, raw, norm: raw, hasDigit, latin: true } as WordToken;
  if (!hyphen) {
    token.parts = [token];
    return token;
  }
  const parts: WordPart[] = [];
  let s = start;
  let partDigit = false;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : 45;
    if (c === 45) {
      const partRaw = text.slice(s, i);
      parts.push({ start: s, end: i, raw: partRaw, norm: partRaw, hasDigit: partDigit, latin: true });
      s = i + 1;
      partDigit = false;
    } else if (c >= 48 && c <= 57) partDigit = true;
  }
  token.parts = parts;
  return token;
}

/** The line holding `offset`, searching on from line `from` (offsets only grow in a scan). */
function lineOf(starts: readonly number[], offset: number, from: number): number {
  let line = from;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return line;
}

/** A finding moved by `delta` code units. */
function shift(f: LineFinding, delta: number): LineFinding {
  return { ...f, start: f.start + delta, end: f.end + delta };
}

function overlapsAny(skip: Array<[number, number]>, start: number, end: number): boolean {
  for (const [s, e] of skip) if (s < end && e > start) return true;
  return false;
}

function neighbours<T>(parts: T[], i: number): T[] {
  return [parts[i - 1], parts[i + 1]].filter((p): p is T => p !== undefined);
}

/** The code unit at `i`, or -1 outside the text (no out-of-bounds reads: they deoptimise). */
function codeAt(text: string, i: number): number {
  return i >= 0 && i < text.length ? text.charCodeAt(i) : -1;
}

/** A letter, mark or digit (one UTF-16 code unit; a lone surrogate is none; -1 is none). */
function isWordCode(c: number): boolean {
  if (c < 0) return false;
  if (c < 128) return isAsciiAlnum(c);
  return WORD_CHAR.test(String.fromCharCode(c));
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/** Words that are part of identifiers, file names, paths, entities, or written with optional letters. */
function isGluedAt(text: string, start: number, end: number): boolean {
  const before = codeAt(text, start - 1); // -1 at the start of the line
  const after = codeAt(text, end); // -1 at the end
  if (isGlue(before) || isGlue(after)) return true;
  if (before === 95 && isWordCode(codeAt(text, start - 2))) return true; // _
  if (after === 95 && isWordCode(codeAt(text, end + 1))) return true;
  if (after === 46 && isWordCode(codeAt(text, end + 1))) return true; // file.ext, example.org, e.g
  if (before === 46 && isWordCode(codeAt(text, start - 2))) return true;
  if (after === 40 || before === 41) return true; // homocyst(e)ine, tumo(u)r
  if (after === 91 || before === 93) return true; // [ ]
  return false;
}

function isGlue(c: number): boolean {
  return c >= 0 && c < 128 && GLUE[c] === 1;
}

/** True when the word at `offset` starts a sentence, a heading or a list item on its line (which starts at `lineStart`). */
export function atSentenceStart(text: string, offset: number, lineStart = 0): boolean {
  let i = offset - 1;
  // Opening quotes, brackets and emphasis before the word.
  while (i >= lineStart && isOpener(text.charCodeAt(i))) i--;
  if (i < lineStart) return true;
  const c = text.charCodeAt(i);
  // . ! ? : > # | •
  if (c === 46 || c === 33 || c === 63 || c === 58 || c === 62 || c === 35 || c === 124 || c === 0x2022) return true;
  // List markers: `-`, `+`, `1.` at the start of the line (only a short prefix can be one).
  return i - lineStart < 12 && LIST_MARKER.test(text.slice(lineStart, i + 1));
}

const LIST_MARKER = /^\s*(?:[-+]|\d+[.)])$/;

function isOpener(c: number): boolean {
  // space, tab, " ' ( [ * _, curly opening quotes, NBSP
  return c === 32 || c === 9 || c === 34 || c === 39 || c === 40 || c === 91 || c === 42 || c === 95 || c === 0x201c || c === 0x2018 || c === 0xa0;
}

/** Words of `medwrite-ignore:` directives anywhere in the text (lower case), or undefined when there are none. */
export function ignoredWords(text: string): Set<string> | undefined {
  if (!text.includes('medwrite-ignore:')) return undefined;
  const out = new Set<string>();
  IGNORE_DIRECTIVE.lastIndex = 0;
  for (let m = IGNORE_DIRECTIVE.exec(text); m; m = IGNORE_DIRECTIVE.exec(text)) {
    for (const w of m[1].split(/[\s,]+/)) if (w) out.add(w.toLowerCase());
  }
  return out;
}

function toFinding(f: LineFinding, line: number): Finding {
  const range: Range = { start: { line, character: f.start }, end: { line, character: f.end } };
  const fixes: Fix[] = f.suggestions.map((s, i) => ({
    title: `Change to "${s}"`,
    kind: 'edit',
    edits: [{ range, newText: s }],
    isPreferred: i === 0,
  }));
  fixes.push(
    { title: `Add "${f.word}" to the workspace word list`, kind: 'add-word', edits: [], word: f.word },
    { title: `Ignore "${f.word}" in this document`, kind: 'ignore-in-document', edits: [], word: f.word },
  );
  if (f.kind === 'typo') {
    return {
      rule: 'typo',
      severity: 'warning',
      range,
      message: `Possible typo: "${f.word}"${f.suggestions.length ? ` (did you mean "${f.suggestions[0]}"?)` : ''}`,
      suggestions: f.suggestions,
      fixes,
    };
  }
  return {
    rule: 'unknown-word',
    severity: 'information',
    range,
    message: `Unknown word: "${f.word}"`,
    suggestions: [],
    fixes,
  };
}

export function createTypoChecker(ctx: EngineContext): Checker {
  return new TypoChecker(ctx);
}
