// The `preferred-form` rule: a glossary form marked discouraged (`IL2`, `interleukin 2`,
// `CD4 +`) gets a finding with a quick fix to the preferred form, plus a "fix all in
// document" fix that replaces every discouraged form in the document at once.
// Line based with a per-line cache, like the typo rule.
import { LineResults } from './lines';
import { trieRegexSource } from '../trieRegex';
import type { AnalyzedDocument } from '../document';
import type { Checker, EngineContext } from '../engine';
import type { GlossaryIndex, TermMatch } from '../glossary';
import type { Finding, Fix, Range, TextEdit } from '../types';
import { isAscii, isAsciiAlnum } from '../chars';

interface LineMatch {
  start: number;
  end: number;
  text: string;
  replacement: string;
  termId: string;
}

export class PreferredFormChecker implements Checker {
  readonly rules = ['preferred-form'] as const;
  private readonly glossary: GlossaryIndex;
  private readonly lines = new LineResults<LineMatch[]>((text, skip) => this.checkLine(text, skip));
  private readonly hasDiscouraged: boolean;
  /**
   * Keys that start a discouraged form: its first word (one-word forms) or its first two
   * words joined by a space, lower-case. Only windows around them go to the glossary matcher.
   */
  private readonly keys = new Set<string>();
  /** A discouraged form that does not start with a word: check every line in full. */
  private anyLine = false;
  /** [length * 128 + first character] of every key's first word (ASCII), for a quick "cannot be a key". */
  private readonly startTable = new Uint8Array(MAX_TABLE_LENGTH * 128);
  /** First words of the two-word keys. */
  private readonly pairFirstWords = new Set<string>();
  /**
   * Every ASCII key as a regex over an ASCII line (words are [A-Za-z0-9]+; a two-word key's
   * words may be apart by any non-word characters, as `asciiHits` reads them): a line it
   * does not match has no hit. Most lines are answered by it alone, in native code.
   */
  private readonly asciiKeyRe: RegExp | undefined;

  constructor(ctx: EngineContext) {
    this.glossary = ctx.glossary;
    let any = false;
    for (const f of ctx.glossary.allForms()) {
      if (f.status !== 'discouraged') continue;
      any = true;
      const lower = f.form.toLowerCase();
      const words = [...lower.matchAll(WORD_RE)];
      if (words.length === 0 || words[0].index !== 0) this.anyLine = true;
      else this.keys.add(words.length === 1 ? words[0][0] : `${words[0][0]} ${words[1][0]}`);
    }
    this.hasDiscouraged = any;
    for (const key of this.keys) {
      const space = key.indexOf(' ');
      const first = space < 0 ? key : key.slice(0, space);
      if (space >= 0) this.pairFirstWords.add(first);
      const c = first.charCodeAt(0);
      if (first.length < MAX_TABLE_LENGTH && c < 128) this.startTable[first.length * 128 + c] = 1;
    }
    const asciiKeys = [...this.keys].filter((k) => /^[a-z0-9 ]+$/.test(k));
    this.asciiKeyRe = asciiKeys.length
      ? new RegExp(`(?:^|[^A-Za-z0-9])${trieRegexSource(asciiKeys, (ch) => (ch === ' ' ? '[^A-Za-z0-9]+' : ch))}(?![A-Za-z0-9])`, 'i')
      : undefined;
  }

  check(doc: AnalyzedDocument): Finding[] {
    if (!this.hasDiscouraged) return [];
    const found: Array<{ line: number; m: LineMatch }> = [];
    this.lines.forEachLine(doc, (line, matches) => {
      for (const m of matches) found.push({ line, m });
    });
    if (found.length === 0) return [];
    const rangeOf = (line: number, m: LineMatch): Range => ({
      start: { line, character: m.start },
      end: { line, character: m.end },
    });
    const allEdits: TextEdit[] = found.map(({ line, m }) => ({ range: rangeOf(line, m), newText: m.replacement }));
    const fixAll: Fix | undefined =
      found.length > 1
        ? { title: `Use the preferred form everywhere in this document (${found.length} places)`, kind: 'edit', edits: allEdits }
        : undefined;
    return found.map(({ line, m }) => {
      const range = rangeOf(line, m);
      const fixes: Fix[] = [
        { title: `Change to "${m.replacement}"`, kind: 'edit', edits: [{ range, newText: m.replacement }], isPreferred: true },
      ];
      if (fixAll) fixes.push(fixAll);
      return {
        rule: 'preferred-form',
        severity: 'warning',
        range,
        message: `Use the preferred form "${m.replacement}" instead of "${m.text}".`,
        suggestions: [m.replacement],
        fixes,
      };
    });
  }

  /** Discouraged forms in one line (offsets relative to it), outside the `skip` spans. */
  checkLine(text: string, skip: Array<[number, number]> = []): LineMatch[] {
    const out: LineMatch[] = [];
    const overlaps = (s: number, e: number) => skip.some(([a, b]) => a < e && b > s);
    const push = (match: TermMatch) => {
      if (match.form.status !== 'discouraged' || !match.form.replacement) return;
      if (out.length && out[out.length - 1].start >= match.start) return; // seen in an earlier window
      out.push({
        start: match.start,
        end: match.end,
        text: match.text,
        replacement: adaptReplacement(match.text, match.form.replacement),
        termId: match.termId,
      });
    };
    if (this.anyLine) {
      for (const match of this.glossary.findTerms(text, overlaps)) push(match);
      return out;
    }
    // Word positions, and the words where a discouraged form may start.
    const starts: number[] = [];
    const hits: number[] = [];
    if (isAscii(text)) {
      if (!this.asciiKeyRe?.test(text)) return out; // most lines
      this.asciiHits(text, hits);
      if (hits.length === 0) return out; // most lines
      asciiWordStarts(text, starts);
    } else {
      const lower = text.toLowerCase();
      let prev = '';
      for (const m of lower.matchAll(WORD_RE)) {
        const w = m[0];
        if (this.keys.has(w)) hits.push(starts.length);
        else if (prev && this.keys.has(`${prev} ${w}`)) hits.push(starts.length - 1);
        starts.push(m.index!);
        prev = w;
      }
    }
    // The glossary matcher on a window around each hit: a few words before (a longer accepted
    // form may start there) and enough after for the longest form.
    let doneTo = -1;
    for (const h of hits) {
      const from = Math.max(0, h - WINDOW_BEFORE);
      const to = Math.min(starts.length - 1, h + WINDOW_AFTER);
      if (h <= doneTo) continue;
      const ws = starts[from];
      const we = to + 1 < starts.length ? starts[to + 1] : text.length;
      for (const match of this.glossary.findTerms(text.slice(ws, we), overlaps, ws)) push(match);
      doneTo = to - MAX_FORM_TOKENS; // a form starting after this may run past the window
    }
    return out;
  }

  /**
   * Word indexes of the hits in an ASCII line (words are [A-Za-z0-9]+): the loop of checkLine without a regex and without a
   * string for words that cannot start a key: only a word whose length and first letter some
   * key's first word has, or the word after a two-word key's first word, is looked up.
   */
  private asciiHits(text: string, hits: number[]): void {
    const n = text.length;
    let pairFirst: string | undefined; // the previous word, when it starts a two-word key
    let idx = -1; // index of the current word
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (!isAsciiAlnum(c)) {
        i++;
        continue;
      }
      const a = i;
      while (++i < n && isAsciiAlnum(text.charCodeAt(i)));
      const len = i - a;
      idx++;
      const maybeKey = len >= MAX_TABLE_LENGTH || this.startTable[len * 128 + (c >= 65 && c <= 90 ? c | 32 : c)] === 1;
      if (!maybeKey && pairFirst === undefined) continue;
      const w = text.slice(a, i).toLowerCase();
      if (maybeKey && this.keys.has(w)) hits.push(idx);
      else if (pairFirst !== undefined && this.keys.has(`${pairFirst} ${w}`)) hits.push(idx - 1);
      pairFirst = maybeKey && this.pairFirstWords.has(w) ? w : undefined;
    }
  }
}

const MAX_TABLE_LENGTH = 64;

/** Start offsets of the words ([A-Za-z0-9]+) of an ASCII line. */
function asciiWordStarts(text: string, starts: number[]): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isAsciiAlnum(text.charCodeAt(i))) {
      i++;
      continue;
    }
    starts.push(i);
    while (++i < n && isAsciiAlnum(text.charCodeAt(i)));
  }
}

const WINDOW_BEFORE = 4;
const WINDOW_AFTER = 16;
/** The glossary matcher's longest form, in tokens. */
const MAX_FORM_TOKENS = 12;
const WORD_RE = /[\p{L}\p{N}]+/gu;

/** Keeps a capital at the start of a sentence when the preferred form is all lower-case. */
function adaptReplacement(written: string, replacement: string): string {
  if (replacement === replacement.toLowerCase() && /^\p{Lu}/u.test(written) && written.slice(1) === written.slice(1).toLowerCase()) {
    return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  }
  return replacement;
}

export function createPreferredFormChecker(ctx: EngineContext): Checker {
  return new PreferredFormChecker(ctx);
}
