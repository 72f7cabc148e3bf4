// The `preferred-form` rule: a glossary form marked discouraged (`IL2`, `interleukin 2`,
// `CD4 +`) gets a finding with a quick fix to the preferred form, plus a "fix all in
// document" fix that replaces every discouraged form in the document at once.
// Line based with a per-line cache, like the typo rule.
import type { AnalyzedDocument } from '../document';
import type { Checker, EngineContext } from '../engine';
import type { GlossaryIndex } from '../glossary';
import type { Finding, Fix, Range, TextEdit } from '../types';

interface LineMatch {
  start: number;
  end: number;
  text: string;
  replacement: string;
  termId: string;
}

const LINE_CACHE_LIMIT = 100_000;

export class PreferredFormChecker implements Checker {
  readonly rules = ['preferred-form'] as const;
  private readonly glossary: GlossaryIndex;
  private readonly lineCache = new Map<string, LineMatch[]>();
  private readonly hasDiscouraged: boolean;
  /** Lower-case first words of the discouraged forms: a line without one of them cannot match. */
  private readonly firstWords = new Set<string>();

  constructor(ctx: EngineContext) {
    this.glossary = ctx.glossary;
    for (const f of ctx.glossary.allForms()) {
      if (f.status !== 'discouraged') continue;
      const first = WORD_RE.exec(f.form.toLowerCase());
      WORD_RE.lastIndex = 0;
      // A form that does not start with a word (rare) disables the shortcut.
      this.firstWords.add(first && first.index === 0 ? first[0] : '');
    }
    this.hasDiscouraged = this.firstWords.size > 0;
  }

  check(doc: AnalyzedDocument): Finding[] {
    if (!this.hasDiscouraged) return [];
    const found: Array<{ line: number; m: LineMatch }> = [];
    const spans = doc.excluded;
    let si = 0;
    for (let line = 0; line < doc.lineCount; line++) {
      const start = doc.lineStarts[line];
      const text = doc.lineText(line);
      const end = start + text.length;
      while (si < spans.length && spans[si].end <= start) si++;
      const skip: Array<[number, number]> = [];
      for (let k = si; k < spans.length && spans[k].start < end; k++) {
        skip.push([Math.max(0, spans[k].start - start), Math.min(text.length, spans[k].end - start)]);
      }
      if (skip.length === 1 && skip[0][0] === 0 && skip[0][1] >= text.length) continue;
      const key = skip.length ? skip.map(([s, e]) => `${s}-${e}`).join(',') + '\u0000' + text : text;
      let matches = this.lineCache.get(key);
      if (!matches) {
        matches = this.checkLine(text, skip);
        if (this.lineCache.size >= LINE_CACHE_LIMIT) this.lineCache.clear();
        this.lineCache.set(key, matches);
      }
      for (const m of matches) found.push({ line, m });
    }
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
    if (!this.firstWords.has('') && !this.mayMatch(text)) return out;
    const overlaps = (s: number, e: number) => skip.some(([a, b]) => a < e && b > s);
    for (const match of this.glossary.findTerms(text, overlaps)) {
      if (match.form.status !== 'discouraged' || !match.form.replacement) continue;
      out.push({
        start: match.start,
        end: match.end,
        text: match.text,
        replacement: adaptReplacement(match.text, match.form.replacement),
        termId: match.termId,
      });
    }
    return out;
  }

  private mayMatch(text: string): boolean {
    const lower = text.toLowerCase();
    WORD_RE.lastIndex = 0;
    for (let m = WORD_RE.exec(lower); m; m = WORD_RE.exec(lower)) {
      if (this.firstWords.has(m[0])) {
        WORD_RE.lastIndex = 0;
        return true;
      }
    }
    return false;
  }
}

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
