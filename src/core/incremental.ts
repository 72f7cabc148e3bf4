// Incremental re-checking for the editor: after a one-line edit only the paragraph around
// the change is checked again (as a small document of its own), the findings before it
// are kept and the ones after it are moved by the change in line count.
//
// Moving them is done in place: the kept findings are copies owned by this module (made
// when they come in from the engine, so no engine cache is touched), and a line-break edit
// adds the line delta to the positions of each later finding and its fixes' edits instead
// of copying ~1,000 findings with their fixes (which cost milliseconds and GC pauses on a
// 10,000-line document). The preferred-form "fix all" fix lists the very edit objects of
// each finding's own fix, so it moves with them and is rebuilt only when the set of
// preferred-form findings changes.
//
// When is that the same as checking the whole document? Every rule is local to a
// blank-line-bounded paragraph (typos and preferred forms are per line; claims are per
// block and sentence) except for a few pieces of document-wide context, which are tracked
// here and make an edit fall back to a full check when it could touch them:
//  - non-prose spans that cross lines: fenced code, front matter, HTML (comments and tags
//    can run over blank lines), `$$` math, link definitions, LaTeX environments;
//  - the reference section (its paragraphs are reference entries, not prose);
//  - the citation style of the document (fixes insert citations in it) and a numbered
//    reference list (numbers resolve through it): exact only while every citation of the
//    document is a Pandoc one; otherwise the result is marked inexact;
//  - `medwrite-ignore:` directives, which act on the whole document;
//  - the preferred-form "fix all in document" fix, rebuilt here from the merged findings.
// An inexact result is fine to show at once; the editor runs a full check when the writer
// pauses. Pure engine code: no `vscode`, no `fs`.
import { ignoredWords } from './typos/checker';
import type { CslItem } from './data';
import { analyze, AnalyzedDocument, SpanKind } from './document';
import { CHUNK_CHARS, Engine, paragraphChunks } from './engine';
import { findCitations, InTextCitation, NO_CITATION_KINDS } from './citations/inText';
import { splitSentences, SUPERSCRIPTS } from './sentences';
import type { Finding, Fix, LanguageId, Range, RuleId, TextDocumentLike } from './types';

/** One change as VS Code reports it: the replaced range of the previous text and the new text. */
export interface TextChange {
  range: Range;
  text: string;
}

export interface IncrementalOptions {
  /** Largest paragraph (in lines, after expansion) checked as a region; longer ones get a full check. */
  maxRegionLines?: number;
}

export interface IncrementalResult {
  /**
   * The document's findings, sorted by position. They are owned by the IncrementalCheck
   * and live: a later edit that adds or removes lines moves the ones after it in place
   * (so a kept list stays in step with the document). Copy a finding to keep it as it was.
   */
  findings: Finding[];
  /** `region`: only the paragraph around the change was checked; `full`: the whole document. */
  mode: 'full' | 'region';
  /** True when the findings are those a full check gives; false when document-level context may differ. */
  exact: boolean;
  /** Lines of the re-checked region in the new document, `end` exclusive (mode `region`). */
  region?: { start: number; end: number };
}

/** Why a change could not be checked as a region (the caller then runs a full check). */
export interface NeedsFullCheck {
  mode: 'needs-full';
  reason: string;
}

/** Document facts for the region path: what the engine's document analysis needs besides the text. */
export interface DocumentInfo {
  uri: string;
  languageId: LanguageId;
  version?: number;
  references?: CslItem[];
}

interface LineSpan {
  /** First and last line (inclusive) of an excluded span that covers more than one line. */
  start: number;
  end: number;
  kind: SpanKind;
}

interface DocState {
  info: DocumentInfo;
  refsKey: string;
  lines: string[];
  eol: '\n' | '\r\n';
  findings: Finding[];
  spans: LineSpan[];
  /** Line intervals (inclusive, `end` may be Infinity) that a region must not touch. */
  unsafe: Array<{ start: number; end: number; why: string }>;
  /** The citation style is the fallback one and no numbers are cited: see `citationsArePandoc`. */
  pandocOnly: boolean;
  hasHtmlStart: boolean;
  hasDoubleDollar: boolean;
  ignored?: Set<string>;
  /** Findings of rules this module does not know to be paragraph-local were seen. */
  foreignRules: boolean;
  /** The findings equal a full check's (false after an inexact region update, until the next full check). */
  exact: boolean;
}

/** Rules known to depend only on their paragraph (preferred-form's fix-all is rebuilt here). */
const LOCAL_RULES = new Set<RuleId>([
  'typo', 'unknown-word', 'preferred-form',
  'uncited-claim', 'unsupported-citation', 'unknown-citation', 'overclaim', 'claim-mismatch',
]);

const DEFAULT_MAX_REGION_LINES = 200;
const LINE_BREAK = /\r\n|\r|\n/;
const FENCE = /^ {0,3}(?:`{3,}|~{3,})/;
const HTML_START = /<[A-Za-z/!]/;
const LINK_DEFINITION = /^\s{0,3}\[[^\]]+\]:/;
/** Lines that may open a reference section (broader than the sentence splitter's own test). */
const REFERENCE_MARKER =
  /^[ \t]*(?:#{1,6}[ \t]*)?(?:[*_]{1,2})?(?:\d+[.)]?[ \t]+)?(?:references?|bibliography|works cited|literature cited|literature|sources?|citations|reference list|notes and references|references and notes)[*_]{0,2}[ \t]*:?[*_]{0,2}[ \t]*#*[ \t]*(?:\{[^}]*\}[ \t]*)?$|#refs\b/i;
const LATEX_BEGIN = /^[ \t]*\\begin\{([A-Za-z*]+)\}/;
const LATEX_END = /^[ \t]*\\end\{([A-Za-z*]+)\}/;
const LATEX_STRUCTURE = /\\(?:begin|end|bibitem|item\b)|\\(?:document|thebibliography)/;
/** Characters without which a sentence holds no citation of any style. */
const CITATION_CHARS = new RegExp(`[\\[@^(<\\\\${SUPERSCRIPTS}]`);

const isMarkdownLike = (languageId: LanguageId) => languageId === 'markdown' || languageId === 'quarto' || languageId === 'rmd';

/**
 * Per-document findings kept between edits, and the region re-check. One instance per
 * engine: when the engine changes, make a new one.
 */
export class IncrementalCheck {
  private readonly docs = new Map<string, DocState>();
  private readonly maxRegionLines: number;

  constructor(
    readonly engine: Engine,
    opts: IncrementalOptions = {},
  ) {
    this.maxRegionLines = opts.maxRegionLines ?? DEFAULT_MAX_REGION_LINES;
  }

  /** The last findings of a document, or undefined when none are kept. */
  findings(uri: string): Finding[] | undefined {
    return this.docs.get(uri)?.findings;
  }

  /** Whether the kept findings of a document equal a full check's. */
  isExact(uri: string): boolean {
    return this.docs.get(uri)?.exact ?? false;
  }

  forget(uri: string): void {
    this.docs.delete(uri);
  }

  /** Checks the whole document in one go and keeps what later edits need. */
  checkFull(doc: TextDocumentLike): IncrementalResult {
    const analyzed = analyze(doc);
    this.seed(doc, [{ startLine: 0, analyzed, findings: this.engine.check(analyzed) }]);
    return { findings: this.docs.get(doc.uri)!.findings, mode: 'full', exact: true };
  }

  /**
   * The full check for the editor: a long document is checked in chunks ending at paragraph
   * breaks, calling `pause()` between them; undefined when
   * `stillWanted()` turns false. Results of a chunked check are marked inexact (each chunk is
   * checked as a document of its own).
   */
  async checkFullInChunks(
    doc: TextDocumentLike,
    pause: () => Promise<void>,
    stillWanted: () => boolean = () => true,
    chunkChars = CHUNK_CHARS,
  ): Promise<IncrementalResult | undefined> {
    if (doc.text.length <= chunkChars) return this.checkFull(doc);
    const parts: Part[] = [];
    for (const chunk of paragraphChunks(doc.text, chunkChars)) {
      const analyzed = analyze({ ...doc, text: chunk.text });
      parts.push({ startLine: chunk.startLine, analyzed, findings: this.engine.check(analyzed) });
      await pause();
      if (!stillWanted()) return undefined;
    }
    const state = this.seed(doc, parts);
    state.exact = false;
    return { findings: state.findings, mode: 'full', exact: false };
  }

  /**
   * Re-checks after `changes` (VS Code's contentChanges of one event) by checking only the
   * paragraph around a single change. Returns why not when it cannot (the kept state is then
   * dropped, so the caller must run `checkFull`).
   */
  checkChange(info: DocumentInfo, changes: readonly TextChange[]): IncrementalResult | NeedsFullCheck {
    const state = this.docs.get(info.uri);
    const fail = (reason: string): NeedsFullCheck => {
      this.docs.delete(info.uri);
      return { mode: 'needs-full', reason };
    };
    if (!state) return fail('no earlier check');
    if (info.languageId !== state.info.languageId) return fail('language changed');
    if (info.references && referencesKey(info.references) !== state.refsKey) return fail('bibliography changed');
    if (changes.length !== 1) return fail(changes.length ? 'several changes' : 'no change');
    if (info.version !== undefined && state.info.version !== undefined && info.version !== state.info.version + 1) return fail('missed a version');
    const ch = changes[0];
    const lines = state.lines;
    const { start, end } = ch.range;
    if (start.line < 0 || end.line >= lines.length || start.line > end.line || (start.line === end.line && start.character > end.character)) {
      return fail('change outside the document');
    }
    if (state.eol === '\n' ? ch.text.includes('\r') : /\r(?!\n)|(?<!\r)\n/.test(ch.text)) return fail('mixed line breaks');
    const newLines = (lines[start.line].slice(0, start.character) + ch.text + lines[end.line].slice(end.character)).split(LINE_BREAK);
    if (newLines.length > this.maxRegionLines) return fail('large change');
    const first = start.line;
    const oldEnd = end.line;
    const newEnd = first + newLines.length - 1;
    const delta = newEnd - oldEnd;
    const oldLines = lines.slice(first, oldEnd + 1);

    // Typing the language after an opening fence (```` ``` ```` -> ```` ```r ````) leaves the block as it is.
    const infoEdit = oldLines.length === 1 && newLines.length === 1 && isInfoStringEdit(state, first, oldLines[0], newLines[0]);
    const trigger = this.structureTrigger(state, oldLines, infoEdit) ?? this.structureTrigger(state, newLines, infoEdit);
    if (trigger) return fail(trigger);
    if (first === 0 && (oldLines[0].startsWith('---') || newLines[0].startsWith('---'))) return fail('front matter');

    replaceLines(lines, first, oldEnd, newLines);
    const lang = state.info.languageId;
    state.info = { ...state.info, version: info.version };

    // Inside a fenced code block (not on its fences): nothing there is checked. Backticks and
    // empty lines are left alone: an inline code span may pair backticks across the block.
    const plain = (ls: string[]) => ls.every((l) => l !== '' && !l.includes('`'));
    const code = plain(oldLines) && plain(newLines) ? state.spans.find((s) => s.kind === 'code-block' && s.start < first && s.end > oldEnd) : undefined;
    if (code) {
      const findings = this.merge(state, first, oldEnd, delta, []);
      for (const s of state.spans) {
        if (s === code) s.end += delta;
        else if (s.start > oldEnd) {
          s.start += delta;
          s.end += delta;
        }
      }
      shiftIntervals(state.unsafe, oldEnd, delta);
      state.findings = findings;
      return { findings, mode: 'region', exact: state.exact && !state.foreignRules, region: { start: first, end: newEnd + 1 } };
    }

    // The paragraph around the change, bounded by empty lines, grown over any multi-line
    // span (code block, HTML comment, display math) that crosses its edges. Spans are in old
    // line numbers: lines before the change keep theirs, lines after it moved by `delta`.
    let rs = first;
    let re = newEnd;
    for (let grown = true; grown; ) {
      grown = false;
      while (rs > 0 && lines[rs - 1] !== '') rs--;
      while (re + 1 < lines.length && lines[re + 1] !== '') re++;
      if (re - rs >= this.maxRegionLines) return fail('long paragraph');
      const oldRe = re - delta;
      for (const s of state.spans) {
        if (s.start < rs && s.end >= rs) {
          rs = s.start;
          grown = true;
        }
        if (s.start <= oldRe && s.end > oldRe) {
          re = s.end + delta;
          grown = true;
        }
      }
    }
    const oldRe = re - delta;
    for (const u of state.unsafe) if (u.start <= oldRe && u.end >= rs) return fail(u.why);
    if (lang === 'latex') {
      const opensWithArgument = (l: string | undefined) => l !== undefined && /^\s*[[{]/.test(l);
      let next = re + 1;
      while (next < lines.length && lines[next].trim() === '') next++;
      if (opensWithArgument(lines[rs]) || opensWithArgument(lines[next]) || opensWithArgument(oldLines[0])) return fail('LaTeX argument on a new line');
    }

    const regionDoc = analyze({ ...state.info, text: lines.slice(rs, re + 1).join(state.eol), references: state.info.references });
    let regionFindings = this.engine.check(regionDoc);
    if (state.ignored) regionFindings = regionFindings.filter((f) => !isIgnored(f, state.ignored!));
    if (regionFindings.some((f) => !LOCAL_RULES.has(f.rule))) state.foreignRules = true;
    if (state.pandocOnly && !this.citationsArePandoc(regionDoc)) return fail('citation style');
    // Nothing fails from here on: the kept findings may now be changed in place.
    regionFindings = regionFindings.map((f) => ownCopy(f, rs));

    const findings = this.merge(state, rs, oldRe, delta, regionFindings);
    const spansAfter = state.spans.filter((s) => s.start > oldRe);
    shiftIntervals(spansAfter, -1, delta);
    state.spans = [...state.spans.filter((s) => s.end < rs), ...multiLineSpans(regionDoc, rs), ...spansAfter];
    shiftIntervals(state.unsafe, oldRe, delta);
    state.findings = findings;
    if (!state.pandocOnly) state.exact = false;
    return { findings, mode: 'region', exact: state.exact && !state.foreignRules, region: { start: rs, end: re + 1 } };
  }

  /**
   * `checkChange`, and a full check when it cannot be done as a region. `text` gives the
   * document's new text for that full check.
   */
  check(info: DocumentInfo, changes: readonly TextChange[], text: () => string): IncrementalResult & { reason?: string } {
    const r = this.checkChange(info, changes);
    if (r.mode !== 'needs-full') return r;
    return { ...this.checkFull({ ...info, text: text() }), reason: r.reason };
  }

  /** Why changed lines may alter document-level structure, or undefined (`fenceKept`: a fence line stays the same fence). */
  private structureTrigger(state: DocState, lines: string[], fenceKept = false): string | undefined {
    const markdown = isMarkdownLike(state.info.languageId);
    const latex = state.info.languageId === 'latex';
    for (const l of lines) {
      if (markdown && !fenceKept && FENCE.test(l)) return 'code fence';
      if (l.includes('medwrite-ignore')) return 'ignore directive';
      if (REFERENCE_MARKER.test(l)) return 'reference list';
      if (markdown && LINK_DEFINITION.test(l)) return 'link definition';
      if (markdown || latex) {
        if (l.includes('$$') || (state.hasDoubleDollar && l.includes('$'))) return 'display math';
      }
      if (markdown) {
        if (HTML_START.test(l)) return 'HTML';
        if (state.hasHtmlStart && (l.includes('<') || l.includes('>'))) return 'HTML';
        if (state.eol === '\r\n' && l.includes('`')) return 'code span';
      }
      if (latex && LATEX_STRUCTURE.test(l)) return 'LaTeX environment';
    }
    return undefined;
  }

  /** Old findings before line `from`, the region's, and the old ones after `oldTo` shifted by `delta`. */
  private merge(state: DocState, from: number, oldTo: number, delta: number, region: Finding[]): Finding[] {
    const old = state.findings;
    const i = firstAtOrAfter(old, from);
    const j = firstAtOrAfter(old, oldTo + 1);
    const isPf = (f: Finding) => f.rule === 'preferred-form';
    const oldPf = old.slice(i, j).filter(isPf);
    const newPf = region.filter(isPf);
    let touchesPreferred = oldPf.length > 0 || newPf.length > 0;
    if (touchesPreferred && !delta && samePreferred(oldPf, newPf)) {
      // The same discouraged forms at the same places: the fix-all stays as it was.
      touchesPreferred = false;
      let k = 0;
      region = region.map((f) => (isPf(f) ? { ...f, fixes: oldPf[k++].fixes } : f));
    }
    // One array of the final size (no growing copies): this runs after every keystroke.
    const out: Finding[] = new Array(i + region.length + old.length - j);
    let n = 0;
    for (let k = 0; k < i; k++) out[n++] = old[k];
    for (let k = 0; k < region.length; k++) out[n++] = region[k];
    // Moved in place; a preferred-form finding's fix-all holds the other findings' own
    // edits (moved with them), so only its own fix is moved.
    for (let k = j; k < old.length; k++) {
      const f = old[k];
      if (delta) moveFinding(f, delta, isPf(f));
      out[n++] = f;
    }
    if (touchesPreferred) rebuildFixAll(out);
    return out;
  }

  /**
   * `citationsArePandoc` for a document the engine has just checked: from the citations the
   * claim rules found (splitting a long document into sentences again cost a third of a full
   * check), else found here.
   */
  private citationsArePandoc(doc: AnalyzedDocument): boolean {
    const found = this.engine.citationsFound(doc);
    return found ? stylesArePandoc(found, doc.languageId === 'latex') : citationsArePandoc(doc);
  }

  private seed(doc: TextDocumentLike, parts: Part[]): DocState {
    const text = doc.text;
    const lines = text.split(LINE_BREAK);
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const findings = keptOrCopied(this.docs.get(doc.uri)?.findings ?? [], parts);
    const markdown = isMarkdownLike(doc.languageId);
    const unsafe: DocState['unsafe'] = [];
    if (eol === '\r\n' ? /\r(?!\n)|(?<!\r)\n/.test(text) : text.includes('\r')) unsafe.push({ start: 0, end: Infinity, why: 'mixed line breaks' });
    const fm = parts[0]?.analyzed.excluded.find((s) => s.kind === 'front-matter');
    if (fm) unsafe.push({ start: 0, end: parts[0].analyzed.positionAt(fm.end - 1).line, why: 'front matter' });
    else if (markdown && lines[0].startsWith('---')) unsafe.push({ start: 0, end: Infinity, why: 'front matter' });
    const refLine = lines.findIndex((l) => REFERENCE_MARKER.test(l));
    if (refLine >= 0) unsafe.push({ start: refLine, end: Infinity, why: 'reference list' });
    if (doc.languageId === 'latex') unsafe.push(...latexContext(lines));
    const spans: LineSpan[] = [];
    for (const p of parts) spans.push(...multiLineSpans(p.analyzed, p.startLine));
    const state: DocState = {
      info: { uri: doc.uri, languageId: doc.languageId, version: doc.version, references: doc.references ?? [] },
      refsKey: referencesKey(doc.references ?? []),
      lines,
      eol,
      findings: rebuildFixAll(findings),
      spans,
      unsafe,
      pandocOnly: parts.every((p) => this.citationsArePandoc(p.analyzed)),
      hasHtmlStart: markdown && HTML_START.test(text),
      hasDoubleDollar: text.includes('$$'),
      ignored: ignoredWords(text),
      foreignRules: findings.some((f) => !LOCAL_RULES.has(f.rule)),
      exact: true,
    };
    this.docs.set(doc.uri, state);
    return state;
  }
}

interface Part {
  startLine: number;
  analyzed: AnalyzedDocument;
  /** The engine's findings for the part, positions relative to `startLine`. */
  findings: Finding[];
}

/** Index of the first finding starting on or after `line` (findings are sorted by position). */
function firstAtOrAfter(findings: Finding[], line: number): number {
  let lo = 0;
  let hi = findings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (findings[mid].range.start.line < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `lines[first..oldEnd]` replaced by `newLines`, in place: `splice` copies the whole
 * 10,000-entry array into a new one whenever it grows.
 */
function replaceLines(lines: string[], first: number, oldEnd: number, newLines: string[]): void {
  const oldLength = lines.length;
  const delta = newLines.length - (oldEnd - first + 1);
  if (delta > 0) {
    for (let k = 0; k < delta; k++) lines.push('');
    for (let k = oldLength - 1; k > oldEnd; k--) lines[k + delta] = lines[k];
  } else if (delta < 0) {
    for (let k = oldEnd + 1; k < oldLength; k++) lines[k + delta] = lines[k];
    lines.length = oldLength + delta;
  }
  for (let k = 0; k < newLines.length; k++) lines[first + k] = newLines[k];
}

function shiftIntervals(list: Array<{ start: number; end: number }>, after: number, delta: number): void {
  if (!delta) return;
  for (const u of list) {
    if (u.start > after) u.start += delta;
    if (u.end > after) u.end += delta;
  }
}

function shiftRange(r: Range, lines: number): Range {
  return { start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } };
}

/**
 * A copy of an engine finding moved down by `lines`, owned by the kept state: its range and
 * every fix edit's range are new objects (moved in place later by `moveFinding`), and a
 * preferred-form finding keeps only its own fix (`rebuildFixAll` adds the fix-all). Texts,
 * suggestions and related information are shared: they hold no document positions.
 */
function ownCopy(f: Finding, lines: number): Finding {
  const out: Finding = { ...f, range: shiftRange(f.range, lines) };
  if (f.fixes) {
    out.fixes = (f.rule === 'preferred-form' ? f.fixes.slice(0, 1) : f.fixes).map((fix) =>
      fix.edits.length ? { ...fix, edits: fix.edits.map((e) => ({ ...e, range: shiftRange(e.range, lines) })) } : fix,
    );
  }
  return out;
}

/**
 * Moves a kept finding (see `ownCopy`) by `lines` in place; `ownFixOnly`: not the fixes
 * after the first. Indexed loops: `for...of` allocates iterators until the code is optimized.
 */
function moveFinding(f: Finding, lines: number, ownFixOnly: boolean): void {
  moveRange(f.range, lines);
  const fixes = f.fixes;
  if (!fixes) return;
  const n = ownFixOnly ? Math.min(1, fixes.length) : fixes.length;
  for (let k = 0; k < n; k++) {
    const edits = fixes[k].edits;
    for (let m = 0; m < edits.length; m++) moveRange(edits[m].range, lines);
  }
}

function moveRange(r: Range, lines: number): void {
  r.start.line += lines;
  r.end.line += lines;
}

/**
 * The preferred-form rule gives each finding a "fix all in document" fix when there are two
 * or more; after a merge it is rebuilt from all of them (same title and edits as the rule's).
 */
function rebuildFixAll(findings: Finding[]): Finding[] {
  const idx: number[] = [];
  for (let i = 0; i < findings.length; i++) if (findings[i].rule === 'preferred-form' && findings[i].fixes?.length) idx.push(i);
  if (idx.length === 0) return findings;
  const own = (f: Finding): Fix => f.fixes![0];
  const fixAll: Fix | undefined =
    idx.length > 1
      ? {
        title: `Use the preferred form everywhere in this document (${idx.length} places)`,
        kind: 'edit',
        edits: idx.map((i) => own(findings[i]).edits[0]),
      }
      : undefined;
  // In place: the findings are the kept state's own (see `ownCopy`).
  for (const i of idx) {
    const f = findings[i];
    f.fixes = fixAll ? [own(f), fixAll] : [own(f)];
  }
  return findings;
}

/**
 * The findings of a full check (`parts`, in document order) as kept objects: a finding
 * equal to one kept from before (`old`, same position) is that object, so a full check
 * that confirms what the region re-checks found leaves the ~2,000 findings of a long
 * document as they were (no new copies for the garbage collector to move, and the
 * editor's diagnostics made for them stay valid); any other is a new copy.
 */
function keptOrCopied(old: Finding[], parts: Part[]): Finding[] {
  const out: Finding[] = [];
  const used = new Set<Finding>();
  let k = 0;
  for (const p of parts) {
    for (const f of p.findings) {
      const line = f.range.start.line + p.startLine;
      const character = f.range.start.character;
      while (k < old.length && (old[k].range.start.line < line || (old[k].range.start.line === line && old[k].range.start.character < character))) k++;
      let kept: Finding | undefined;
      for (let m = k; m < old.length && old[m].range.start.line === line && old[m].range.start.character === character; m++) {
        if (!used.has(old[m]) && sameValue(old[m], f, p.startLine, f.rule === 'preferred-form')) {
          kept = old[m];
          used.add(kept);
          break;
        }
      }
      out.push(kept ?? ownCopy(f, p.startLine));
    }
  }
  return out;
}

/**
 * Whether kept value `a` equals engine value `b` with its document ranges (values under a
 * `range` key) moved down by `lines`: same keys in the same order (so both print the same
 * JSON). `ownFixOnly`: of a preferred-form finding's fixes only the first counts (the
 * fix-all is rebuilt).
 */
function sameValue(a: unknown, b: unknown, lines: number, ownFixOnly = false, key = ''): boolean {
  if (a === b) return !lines || key !== 'range';
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (key === 'range') {
    const ra = a as Range;
    const rb = b as Range;
    return ra.start.line === rb.start.line + lines && ra.start.character === rb.start.character && ra.end.line === rb.end.line + lines && ra.end.character === rb.end.character;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return false;
    const n = ownFixOnly && key === 'fixes' ? 1 : a.length;
    if (a.length < n || b.length < n || (!ownFixOnly && a.length !== b.length)) return false;
    for (let i = 0; i < n; i++) if (!sameValue(a[i], b[i], lines, false, '')) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i]) return false;
    if (!sameValue((a as Record<string, unknown>)[ka[i]], (b as Record<string, unknown>)[ka[i]], lines, ownFixOnly && ka[i] === 'fixes', ka[i])) return false;
  }
  return true;
}

/** Same preferred-form findings (position and replacement), so the document's fix-all is unchanged. */
function samePreferred(a: Finding[], b: Finding[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    if (JSON.stringify(a[k].range) !== JSON.stringify(b[k].range) || JSON.stringify(a[k].fixes?.[0]) !== JSON.stringify(b[k].fixes?.[0])) return false;
  }
  return true;
}

const FENCE_PARTS = /^( {0,3})(`{3,}|~{3,})(.*)$/;

/**
 * True when `line` opens a fenced code block of `state` and the edit to `edited` changes only
 * its info string: the same indent and marker, and (for backticks) no backtick after it, so the
 * line still opens the same block, which the same closing fence still ends.
 */
function isInfoStringEdit(state: DocState, line: number, old: string, edited: string): boolean {
  if (!isMarkdownLike(state.info.languageId)) return false;
  const a = FENCE_PARTS.exec(old);
  const b = FENCE_PARTS.exec(edited);
  if (!a || !b || a[1] !== b[1] || a[2] !== b[2]) return false;
  if (a[2][0] === '`' && (a[3].includes('`') || b[3].includes('`'))) return false;
  return state.spans.some((s) => s.kind === 'code-block' && s.start === line);
}

/** Excluded spans of `doc` that cover more than one line, as line intervals shifted by `base`. */
function multiLineSpans(doc: AnalyzedDocument, base: number): LineSpan[] {
  const out: LineSpan[] = [];
  for (const s of doc.excluded) {
    const a = doc.positionAt(s.start).line;
    const b = doc.positionAt(Math.max(s.start, s.end - 1)).line;
    if (b > a) out.push({ start: a + base, end: b + base, kind: s.kind });
  }
  return out;
}

/**
 * True when the claim check's citation style of `doc` is the one any part of it would get on
 * its own: every citation it sees is a Pandoc one (`\cite` in LaTeX) or a footnote, so the
 * style is fixed and no numbered reference list is consulted.
 */
function citationsArePandoc(doc: AnalyzedDocument): boolean {
  const latex = doc.languageId === 'latex';
  for (const s of splitSentences(doc)) {
    if (s.kind === 'heading' || s.kind === 'reference' || !CITATION_CHARS.test(s.text)) continue;
    const excluded = (o: number) => {
      const x = doc.excludedAt(s.start + o);
      return x !== undefined && NO_CITATION_KINDS.has(x.kind);
    };
    if (!stylesArePandoc(findCitations(s.text, { excluded, latex }), latex)) return false;
  }
  return true;
}

/** True when no citation but footnotes is of another style than the one a region without citations falls back to: Pandoc, or `\cite` in LaTeX. */
function stylesArePandoc(citations: readonly InTextCitation[], latex: boolean): boolean {
  for (const c of citations) {
    if (c.style === 'footnote') continue;
    if (latex ? c.style !== 'latex' || !/^(?:cite$|text|nocite)/.test(c.command ?? 'cite') : c.style !== 'pandoc' && c.style !== 'latex') return false;
  }
  return true;
}

/** LaTeX: the preamble, the end matter and every environment are not regions. */
function latexContext(lines: string[]): Array<{ start: number; end: number; why: string }> {
  const out: Array<{ start: number; end: number; why: string }> = [];
  const why = 'LaTeX environment';
  const stack: Array<{ name: string; line: number }> = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!l.includes('\\')) continue;
    const b = LATEX_BEGIN.exec(l);
    const e = LATEX_END.exec(l);
    if (b && b[1] === 'document') {
      out.push({ start: 0, end: i, why: 'LaTeX preamble' });
      continue;
    }
    if (e && e[1] === 'document') {
      out.push({ start: i, end: Infinity, why: 'LaTeX end matter' });
      continue;
    }
    if (b) stack.push({ name: b[1], line: i });
    if (e) {
      const k = stack.map((x) => x.name).lastIndexOf(e[1]);
      if (k >= 0) {
        if (k === 0) out.push({ start: stack[0].line, end: i, why });
        stack.length = k;
      }
    }
  }
  if (stack.length) out.push({ start: stack[0].line, end: Infinity, why });
  return out;
}

function isIgnored(f: Finding, ignored: Set<string>): boolean {
  if (f.rule !== 'typo' && f.rule !== 'unknown-word') return false;
  const word = f.fixes?.find((x) => x.kind === 'add-word')?.word;
  return word !== undefined && ignored.has(word.toLowerCase());
}

function referencesKey(refs: CslItem[]): string {
  let key = `${refs.length}`;
  for (const r of refs) key += `|${r.id}`;
  return key;
}
