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
import { isAscii, nextNonAscii } from '../chars';
import { PREFERRED_FORM_RULES } from '../rules';

interface LineMatch {
  start: number;
  end: number;
  text: string;
  replacement: string;
  termId: string;
}

export class PreferredFormChecker implements Checker {
  readonly rules = PREFERRED_FORM_RULES;
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
  /**
   * Every ASCII key as a regex over an ASCII line (words are [A-Za-z0-9]+; a two-word key's
   * words may be apart by any non-word characters, as the word scan reads them): a line it
   * does not match has no hit. Most lines are answered by it alone, in native code.
   */
  private readonly asciiKeyRe: RegExp | undefined;
  /** asciiKeyRe over a whole document: global, `^` at line starts, key words apart only within a line. */
  private readonly documentKeyRe: RegExp | undefined;

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
    const asciiKeys = [...this.keys].filter((k) => /^[a-z0-9 ]+$/.test(k));
    const keyRe = (separator: string, flags: string) =>
      new RegExp(`(?:^|[^A-Za-z0-9])${trieRegexSource(asciiKeys, (ch) => (ch === ' ' ? separator : ch))}(?![A-Za-z0-9])`, flags);
    this.asciiKeyRe = asciiKeys.length ? keyRe('[^A-Za-z0-9]+', 'i') : undefined;
    this.documentKeyRe = asciiKeys.length ? keyRe('[^A-Za-z0-9\\r\\n]+', 'gim') : undefined;
  }

  /**
   * The lines checkLine may find something on, marked 1: the ASCII lines asciiKeyRe
   * matches and every line with a non-ASCII character. Two native regex scans of the whole
   * text instead of one regex call per line; undefined when every line must be read.
   */
  private candidateLines(doc: AnalyzedDocument): Uint8Array | undefined {
    const re = this.documentKeyRe;
    if (this.anyLine || re === undefined) return undefined;
    const marks = new Uint8Array(doc.lineCount);
    const text = doc.text;
    re.lastIndex = 0;
    // A match ends inside its key, so on the key's line (a match never runs over a line break).
    while (re.test(text)) marks[doc.positionAt(re.lastIndex - 1).line] = 1;
    for (let at = nextNonAscii(text, 0); at >= 0; ) {
      const line = doc.positionAt(at).line;
      marks[line] = 1;
      at = line + 1 < doc.lineCount ? nextNonAscii(text, doc.lineStarts[line + 1]) : -1;
    }
    return marks;
  }

  check(doc: AnalyzedDocument): Finding[] {
    if (!this.hasDiscouraged) return [];
    const found: Array<{ line: number; m: LineMatch }> = [];
    this.lines.forEachLine(
      doc,
      (line, matches) => {
        for (const m of matches) found.push({ line, m });
      },
      this.candidateLines(doc),
    );
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
    if (isAscii(text) && !this.asciiKeyRe?.test(text)) return out; // most lines
    // Word positions, and the words where a discouraged form may start.
    const starts: number[] = [];
    const hits: number[] = [];
    let prev = '';
    for (const m of text.toLowerCase().matchAll(WORD_RE)) {
      const w = m[0];
      if (this.keys.has(w)) hits.push(starts.length);
      else if (prev && this.keys.has(`${prev} ${w}`)) hits.push(starts.length - 1);
      starts.push(m.index!);
      prev = w;
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
