// The checking engine shared by the editor and the CLI. It holds the indexed data and a
// list of checkers; each checker owns one or more rule ids.
import type { InTextCitation } from './citations/inText';
import type { MedwriteData } from './data';
import { AnalyzedDocument, analyze } from './document';
import { GlossaryIndex } from './glossary';
import type { Finding, Position, Range, RuleId, Severity, TextDocumentLike } from './types';
import { renderTermHover } from './hover';

export interface RuleSettings {
  enabled?: boolean;
  severity?: Severity;
}

export interface EngineSettings {
  rules?: Partial<Record<RuleId, RuleSettings>>;
  /** Free-form options read by individual checkers (documented where they are read). */
  [option: string]: unknown;
}

/** What a checker is given when it is created. */
export interface EngineContext {
  data: MedwriteData;
  glossary: GlossaryIndex;
  settings: EngineSettings;
}

export interface Checker {
  /** Rule ids this checker can report. */
  readonly rules: readonly RuleId[];
  check(doc: AnalyzedDocument): Finding[];
  /** The in-text citations this checker found when it last checked `doc`, if it looks for them. */
  citationsFound?(doc: AnalyzedDocument): readonly InTextCitation[] | undefined;
}

export interface CheckerFactory {
  (ctx: EngineContext): Checker;
  /** The rules its checker reports, when known up front: an engine with all of them off does not build it. */
  readonly rules?: readonly RuleId[];
}

export interface HoverResult {
  range: Range;
  /** Markdown. */
  contents: string;
}

export class Engine {
  readonly glossary: GlossaryIndex;
  private readonly checkers: Checker[];
  /** When set, `check` adds each checker's time (ms) here, keyed by its first rule id. */
  timings?: Map<RuleId, number>;

  constructor(
    readonly data: MedwriteData,
    readonly settings: EngineSettings,
    factories: readonly CheckerFactory[],
  ) {
    this.glossary = new GlossaryIndex(data.terms);
    const ctx: EngineContext = { data, glossary: this.glossary, settings };
    this.checkers = factories.filter((make) => !make.rules || make.rules.some((r) => this.ruleEnabled(r))).map((make) => make(ctx));
  }

  /** All findings for a document, sorted by position, with rule settings applied. */
  check(input: TextDocumentLike | AnalyzedDocument): Finding[] {
    const doc = input instanceof AnalyzedDocument ? input : analyze(input);
    const out: Finding[] = [];
    for (const checker of this.checkers) {
      if (!checker.rules.some((r) => this.ruleEnabled(r))) continue;
      const t0 = this.timings ? performance.now() : 0;
      const found = checker.check(doc);
      if (this.timings) this.timings.set(checker.rules[0], (this.timings.get(checker.rules[0]) ?? 0) + performance.now() - t0);
      for (const f of found) {
        if (!this.ruleEnabled(f.rule)) continue;
        const severity = this.settings.rules?.[f.rule]?.severity;
        out.push(severity ? { ...f, severity } : f);
      }
    }
    return out.sort(compareFindings);
  }

  /**
   * The in-text citations of `doc` found by its last `check` (by the claim rules), or
   * undefined when no checker looked for them.
   */
  citationsFound(doc: AnalyzedDocument): readonly InTextCitation[] | undefined {
    for (const checker of this.checkers) {
      const found = checker.citationsFound?.(doc);
      if (found) return found;
    }
    return undefined;
  }

  /** Glossary hover for the term under `position`, or null. */
  hover(input: TextDocumentLike | AnalyzedDocument, position: Position): HoverResult | null {
    const doc = input instanceof AnalyzedDocument ? input : analyze(input);
    const lineStart = doc.lineStarts[position.line];
    if (lineStart === undefined) return null;
    const line = doc.lineText(position.line);
    const match = this.glossary.termAt(
      line,
      position.character,
      (s, e) => doc.overlapsExcluded(lineStart + s, lineStart + e),
    );
    if (!match || position.character >= match.end) return null;
    const term = this.glossary.term(match.termId);
    if (!term) return null;
    return {
      range: { start: { line: position.line, character: match.start }, end: { line: position.line, character: match.end } },
      contents: renderTermHover(term, match, this.glossary, this.data),
    };
  }

  private ruleEnabled(rule: RuleId): boolean {
    return this.settings.rules?.[rule]?.enabled !== false;
  }
}

/** Documents longer than this are checked in chunks (see `IncrementalCheck.checkFullInChunks`). */
export const CHUNK_CHARS = 256 * 1024;

/** Splits text into pieces of about `size` characters, cut after a blank line (or any line break, or anywhere as a last resort). */
export function paragraphChunks(text: string, size: number): Array<{ startLine: number; text: string }> {
  const chunks: Array<{ startLine: number; text: string }> = [];
  let start = 0;
  let line = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const para = text.lastIndexOf('\n\n', end);
      const nl = text.lastIndexOf('\n', end);
      if (para > start) end = para + 2;
      else if (nl > start) end = nl + 1;
    }
    const piece = text.slice(start, end);
    chunks.push({ startLine: line, text: piece });
    for (let i = 0; i < piece.length; i++) if (piece.charCodeAt(i) === 10) line++;
    start = end;
  }
  return chunks;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.rule.localeCompare(b.rule)
  );
}
