// Loading the writer's own bibliographies: BibTeX/BibLaTeX (.bib), CSL-JSON (.json) and
// CSL-YAML (.yaml/.yml), named in settings, found in the workspace .medwrite/ folder, or named
// in a document's front matter `bibliography:` (Pandoc's convention).
//
// A malformed entry is reported with its file and line and the other entries are kept.
// Parsing is async and yields to the event loop between batches, so a 10,000-entry file
// never blocks the extension host for long. Watching files is the adapter's job: it calls
// `BibliographyStore.invalidate(file)` and re-collects.
import * as fs from 'fs';
import * as path from 'path';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { packagePath } from './packageRoot';
import { computeLineStarts, positionIn } from '../core/document';
import type { CslItem, CslName, MedwriteData, SourceLocation } from '../core/data';
import { hasStyle, registerCslStyle } from '../core/citations/format';

export type BibliographyFormat = 'bibtex' | 'csl-json' | 'csl-yaml';

export interface BibliographyIssue {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface Bibliography {
  file: string;
  items: CslItem[];
  /** 1-based line of each entry, by key. */
  lines: Map<string, number>;
  issues: BibliographyIssue[];
}

// ---- styles -----------------------------------------------------------------------------------

/** The CSL styles shipped with the package. */
export function shippedStylesDir(): string {
  return packagePath('styles');
}

/** Registers the shipped AMA style with the formatter (idempotent). */
export function registerShippedStyles(stylesDir = shippedStylesDir()): void {
  if (hasStyle('ama')) return;
  registerCslStyle('ama', fs.readFileSync(path.join(stylesDir, 'american-medical-association.csl'), 'utf8'));
}

// ---- formats ----------------------------------------------------------------------------------

export function formatOfFile(file: string): BibliographyFormat | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.bib') || lower.endsWith('.bibtex') || lower.endsWith('.biblatex')) return 'bibtex';
  if (lower.endsWith('.json')) return 'csl-json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'csl-yaml';
  return undefined;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Parses a bibliography's text. `file` names it in issues. */
export async function parseBibliography(text: string, file: string, format = formatOfFile(file) ?? 'bibtex'): Promise<Bibliography> {
  const bib: Bibliography = { file, items: [], lines: new Map(), issues: [] };
  const raw: Array<{ item: unknown; line: number }> = [];
  if (format === 'bibtex') await parseBibtex(text, file, raw, bib.issues);
  else if (format === 'csl-json') parseCslJson(text, file, raw, bib.issues);
  else parseCslYaml(text, file, raw, bib.issues);
  for (const { item, line } of raw) {
    const clean = normaliseItem(item);
    if (typeof clean === 'string') {
      bib.issues.push({ file, line, column: 1, severity: 'error', message: clean });
      continue;
    }
    if (bib.lines.has(clean.id)) {
      bib.issues.push({
        file, line, column: 1, severity: 'warning',
        message: `duplicate key '${clean.id}' (first defined on line ${bib.lines.get(clean.id)}); this entry is ignored`,
      });
      continue;
    }
    bib.lines.set(clean.id, line);
    bib.items.push(clean);
  }
  return bib;
}

export async function loadBibliographyFile(file: string): Promise<Bibliography> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch (err) {
    return { file, items: [], lines: new Map(), issues: [{ file, line: 1, column: 1, severity: 'error', message: `cannot read bibliography: ${(err as Error).message}` }] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return parseBibliography(text, file);
}

/** Checks one raw entry and turns it into a clean CSL item, or returns the reason it is unusable. */
function normaliseItem(raw: unknown): CslItem | string {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return 'entry is not an object';
  const src = raw as Record<string, unknown>;
  const id = src.id ?? src['citation-key'];
  if ((typeof id !== 'string' && typeof id !== 'number') || String(id).trim() === '') return "entry has no 'id' (citation key)";
  const out: CslItem = { id: String(id).trim(), type: typeof src.type === 'string' && src.type ? src.type : 'document' };
  for (const [k, v] of Object.entries(src)) {
    if (k === 'id' || k === 'type' || k === '_graph' || v === undefined || v === null) continue;
    out[k] = v;
  }
  for (const role of ['author', 'editor']) {
    const names = out[role];
    if (!Array.isArray(names)) continue;
    // BibTeX `and others` means "more authors": drop the pseudo-name, remember the truncation.
    const kept = (names as CslName[]).filter((n) => !(n && !n.given && !n.literal && n.family === 'others'));
    if (kept.length !== names.length) out[`medwrite-${role}-truncated`] = true;
    out[role] = kept;
  }
  return out;
}

// ---- BibTeX -----------------------------------------------------------------------------------

interface BibtexChunk {
  type: string;
  key: string;
  start: number;
  end: number;
  /** 1-based line of the `@`. */
  line: number;
}

/**
 * Splits BibTeX text into entries by balanced braces (text outside entries is a comment, as
 * in BibTeX). An entry that is not closed before the next line starting with `@type{` is
 * reported and skipped, so one broken entry never swallows the rest of the file.
 */
export function scanBibtex(text: string): { entries: BibtexChunk[]; strings: BibtexChunk[]; broken: Array<{ line: number; column: number; message: string }> } {
  const entries: BibtexChunk[] = [];
  const strings: BibtexChunk[] = [];
  const broken: Array<{ line: number; column: number; message: string }> = [];
  let line = 1;
  let lineAt = 0; // offset up to which `line` has been counted
  const lineOf = (offset: number) => {
    for (; lineAt < offset; lineAt++) if (text.charCodeAt(lineAt) === 10) line++;
    return line;
  };
  const headRe = /@([A-Za-z]+)\s*([{(])/y;
  const nextEntryAtLineStart = /\n[ \t]*@[A-Za-z]+\s*[{(]/g;
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('@', i);
    if (at < 0) break;
    headRe.lastIndex = at;
    const head = headRe.exec(text);
    if (!head) {
      i = at + 1;
      continue;
    }
    const type = head[1].toLowerCase();
    const open = head[2];
    const close = open === '{' ? '}' : ')';
    const bodyStart = at + head[0].length;
    // Where the next entry would start if this one were never closed.
    nextEntryAtLineStart.lastIndex = bodyStart;
    const nextHead = nextEntryAtLineStart.exec(text);
    const limit = nextHead ? nextHead.index + 1 : text.length;
    let depth = 0;
    let end = -1;
    const closeCode = close === '}' ? 125 : 41;
    for (let j = bodyStart; j < limit; j++) {
      const c = text.charCodeAt(j);
      if (c === 123) depth++;
      else if (c === 125) {
        if (depth === 0 && closeCode === 125) {
          end = j + 1;
          break;
        }
        depth--;
      } else if (c === 41 && closeCode === 41 && depth === 0) {
        end = j + 1;
        break;
      }
    }
    const entryLine = lineOf(at);
    if (end < 0) {
      const keyMatch = /^\s*([^,\s{}()]*)/.exec(text.slice(bodyStart, bodyStart + 200));
      broken.push({
        line: entryLine,
        column: at - text.lastIndexOf('\n', at - 1),
        message: `entry '${keyMatch?.[1] || '@' + type}' is not closed (unbalanced braces)${nextHead ? '' : ' before the end of the file'}; it is skipped`,
      });
      i = limit;
      continue;
    }
    const chunk: BibtexChunk = { type, key: '', start: at, end, line: entryLine };
    if (type === 'string') strings.push(chunk);
    else if (type !== 'comment' && type !== 'preamble') {
      const keyMatch = /^\s*([^,\s]*)\s*,/.exec(text.slice(bodyStart, Math.min(end, bodyStart + 500)));
      chunk.key = keyMatch ? keyMatch[1] : '';
      entries.push(chunk);
    }
    i = end;
  }
  return { entries, strings, broken };
}

interface CitationJsInput {
  plugins: { input: { chain(data: string, options: Record<string, unknown>): unknown[] } };
}
let bibtexParser: CitationJsInput | undefined;
function citationJsInput(): CitationJsInput {
  if (!bibtexParser) {
    bibtexParser = require('@citation-js/core') as CitationJsInput;
    require('@citation-js/plugin-bibtex');
  }
  return bibtexParser;
}

function parseBibtexText(text: string): unknown[] {
  return citationJsInput().plugins.input.chain(text, {
    target: '@csl/list+object',
    forceType: '@biblatex/text',
    generateGraph: false,
  });
}

const BATCH = 100;

async function parseBibtex(text: string, file: string, out: Array<{ item: unknown; line: number }>, issues: BibliographyIssue[]): Promise<void> {
  citationJsInput();
  await yieldToLoop();
  const { entries, strings, broken } = scanBibtex(text);
  await yieldToLoop();
  for (const b of broken) issues.push({ file, line: b.line, column: b.column, severity: 'error', message: b.message });
  const prefix = strings.map((s) => text.slice(s.start, s.end)).join('\n');
  const prefixLines = prefix ? prefix.split('\n').length : 0;
  const withPrefix = (body: string) => (prefix ? `${prefix}\n${body}` : body);
  for (let b = 0; b < entries.length; b += BATCH) {
    if (b > 0) await yieldToLoop();
    const batch = entries.slice(b, b + BATCH);
    let parsed: unknown[] | undefined;
    try {
      parsed = parseBibtexText(withPrefix(batch.map((e) => text.slice(e.start, e.end)).join('\n')));
    } catch {
      parsed = undefined;
    }
    if (parsed && parsed.length === batch.length) {
      parsed.forEach((item, k) => out.push({ item, line: batch[k].line }));
      continue;
    }
    // Something in the batch is malformed: parse entry by entry to keep the good ones.
    for (const e of batch) {
      try {
        const items = parseBibtexText(withPrefix(text.slice(e.start, e.end)));
        if (items.length === 0) {
          issues.push({ file, line: e.line, column: 1, severity: 'error', message: `entry '${e.key || '@' + e.type}' could not be read; it is skipped` });
        }
        for (const item of items) out.push({ item, line: e.line });
      } catch (err) {
        const msg = String((err as Error).message ?? err).split('\n')[0];
        const m = /at line (\d+) col (\d+)/.exec(msg);
        const relLine = m ? Number(m[1]) - prefixLines : 1;
        issues.push({
          file,
          line: e.line + Math.max(0, relLine - 1),
          column: m && relLine >= 1 ? Number(m[2]) : 1,
          severity: 'error',
          message: `malformed BibTeX entry '${e.key || '@' + e.type}': ${msg.replace(/ at line \d+ col \d+:?$/, '')}; it is skipped`,
        });
      }
    }
  }
}

// ---- CSL-JSON ---------------------------------------------------------------------------------

/** Offsets of the objects that are direct elements of the top-level array. */
function topLevelObjectOffsets(text: string): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (c === 123 && depth === 1) offsets.push(i);
      depth++;
    } else if (c === 93 || c === 125) depth--;
  }
  return offsets;
}

function lineAtOffset(text: string, offset: number, starts: number[] = computeLineStarts(text)): number {
  return positionIn(starts, offset).line + 1;
}

function parseCslJson(text: string, file: string, out: Array<{ item: unknown; line: number }>, issues: BibliographyIssue[]): void {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const lc = /line (\d+) column (\d+)/.exec(msg);
    let line = lc ? Number(lc[1]) : pos ? lineAtOffset(text, Number(pos[1])) : 0;
    let column = lc ? Number(lc[2]) : 1;
    if (!line) {
      // Node 20's message has no position: ask the YAML parser (JSON is YAML) where it breaks.
      const lp = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: true }).errors[0]?.linePos?.[0];
      line = lp?.line ?? 1;
      column = lp?.col ?? 1;
    }
    issues.push({ file, line, column, severity: 'error', message: `invalid JSON: ${msg.split('\n')[0]}` });
    return;
  }
  const list = Array.isArray(data) ? data : data && typeof data === 'object' && Array.isArray((data as { items?: unknown }).items) ? (data as { items: unknown[] }).items : [data];
  const starts = computeLineStarts(text);
  const offsets = Array.isArray(data) ? topLevelObjectOffsets(text) : [];
  list.forEach((item, k) => out.push({ item, line: offsets[k] !== undefined ? lineAtOffset(text, offsets[k], starts) : 1 }));
}

// ---- CSL-YAML ---------------------------------------------------------------------------------

function parseCslYaml(text: string, file: string, out: Array<{ item: unknown; line: number }>, issues: BibliographyIssue[]): void {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  for (const e of doc.errors) {
    const lp = e.linePos?.[0];
    issues.push({ file, line: lp?.line ?? 1, column: lp?.col ?? 1, severity: 'error', message: `YAML: ${e.message.split('\n')[0]}` });
  }
  let seq: unknown = doc.contents;
  if (isMap(seq)) seq = seq.get('references', true);
  if (!isSeq(seq)) {
    if (doc.errors.length === 0) issues.push({ file, line: 1, column: 1, severity: 'error', message: 'expected a list of references (or a `references:` list)' });
    return;
  }
  for (const node of seq.items) {
    const offset = (node as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
    const item = node && typeof (node as { toJSON?: unknown }).toJSON === 'function' ? (node as { toJSON(): unknown }).toJSON() : node;
    out.push({ item, line: lineCounter.linePos(offset).line });
  }
}

// ---- where bibliographies come from -----------------------------------------------------------

/** Data files in .medwrite/ that are not bibliographies (loaded by src/node/load.ts). */
const NOT_BIBLIOGRAPHIES = new Set(['terms.yaml', 'terms.yml', 'claims.yaml', 'claims.yml', 'references.yaml', 'references.yml', 'words.txt']);

/** Is this file in a .medwrite/ folder one we read as a bibliography? */
export function isWorkspaceBibliographyName(name: string): boolean {
  const lower = name.toLowerCase();
  if (NOT_BIBLIOGRAPHIES.has(lower)) return false;
  return /\.(bib|bibtex|biblatex)$/.test(lower) || /\.csl\.(json|ya?ml)$/.test(lower) || /^bibliography\.(json|ya?ml)$/.test(lower);
}

export interface BibliographySources {
  /** `medwrite.bibliographies` setting: files or folders, relative to the workspace folder. */
  settingsPaths?: string[];
  /** Workspace folders (absolute). */
  workspaceFolders?: string[];
  /** The document being edited (absolute path), for front matter and .medwrite/ look-up. */
  documentFile?: string;
  /** The document's parsed front matter (AnalyzedDocument.frontMatter). */
  frontMatter?: Record<string, unknown>;
}

/** Front matter `bibliography:` (a path or a list of paths), resolved against the document's folder. */
export function frontMatterBibliographies(frontMatter: Record<string, unknown> | undefined, documentFile: string | undefined): string[] {
  const value = frontMatter?.bibliography;
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const base = documentFile ? path.dirname(documentFile) : process.cwd();
  return list.map((p) => path.resolve(base, p.trim()));
}

/**
 * Every bibliography file that applies, in priority order (a key found in an earlier file
 * wins): the document's front matter, then settings, then the workspace .medwrite/ folders.
 */
export function bibliographyFiles(src: BibliographySources): string[] {
  const files: string[] = [];
  const add = (f: string) => {
    if (!files.includes(f)) files.push(f);
  };
  for (const f of frontMatterBibliographies(src.frontMatter, src.documentFile)) add(f);
  const base = src.workspaceFolders?.[0] ?? (src.documentFile ? path.dirname(src.documentFile) : process.cwd());
  for (const p of src.settingsPaths ?? []) {
    const full = path.resolve(base, p);
    try {
      if (fs.statSync(full).isDirectory()) {
        for (const name of fs.readdirSync(full).sort()) if (formatOfFile(name)) add(path.join(full, name));
        continue;
      }
    } catch {
      // A missing file is added anyway, so loading reports it.
    }
    add(full);
  }
  const dirs = new Set<string>();
  for (const folder of src.workspaceFolders ?? []) dirs.add(path.join(folder, '.medwrite'));
  if (src.documentFile) {
    let dir = path.dirname(src.documentFile);
    for (;;) {
      const candidate = path.join(dir, '.medwrite');
      if (fs.existsSync(candidate)) {
        dirs.add(candidate);
        break;
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  for (const dir of dirs) {
    let names: string[];
    try {
      names = fs.readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const name of names) if (isWorkspaceBibliographyName(name)) add(path.join(dir, name));
  }
  return files;
}

// ---- a cache shared by the editor and the CLI -------------------------------------------------

export interface MergedBibliography {
  /** All items, first definition of a key wins. */
  items: CslItem[];
  byKey: Map<string, CslItem>;
  /** Where each key is defined. */
  locations: Map<string, SourceLocation>;
  issues: BibliographyIssue[];
  files: string[];
}

/**
 * Loads bibliography files once and keeps them until `invalidate`d. A file that fails to read
 * keeps its last good entries. `collect` returns the same object while nothing changed, so
 * callers can key indexes (e.g. the fuzzy search index) on its identity.
 */
export class BibliographyStore {
  private readonly loaded = new Map<string, Promise<Bibliography>>();
  private readonly lastGood = new Map<string, Bibliography>();
  private merged = new Map<string, { parts: Bibliography[]; base?: MedwriteData; result: MergedBibliography }>();

  constructor(private readonly loader: (file: string) => Promise<Bibliography> = loadBibliographyFile) {}

  /** Loads (or returns the cached) bibliography of one file. */
  load(file: string): Promise<Bibliography> {
    let p = this.loaded.get(file);
    if (!p) {
      p = this.loader(file).then((bib) => {
        const good = this.lastGood.get(file);
        const unreadable = bib.items.length === 0 && bib.issues.some((i) => i.severity === 'error');
        if (unreadable && good) return { ...good, issues: bib.issues };
        this.lastGood.set(file, bib);
        return bib;
      });
      this.loaded.set(file, p);
    }
    return p;
  }

  /** Forget a file (changed or deleted on disk); the next `load`/`collect` re-reads it. */
  invalidate(file: string): void {
    this.loaded.delete(file);
  }

  /** Files loaded so far (for watchers). */
  knownFiles(): string[] {
    return [...this.loaded.keys()];
  }

  /**
   * Merges the given files, and `base.references` (the shipped/workspace references.yaml data)
   * after them. Same files + same loads + same base => the same object.
   */
  async collect(files: string[], base?: MedwriteData): Promise<MergedBibliography> {
    const parts = await Promise.all(files.map((f) => this.load(f)));
    const cacheKey = files.join('\u0000');
    const prev = this.merged.get(cacheKey);
    if (prev && prev.base === base && prev.parts.length === parts.length && prev.parts.every((p, k) => p === parts[k])) return prev.result;
    const result = mergeBibliographies(parts, base);
    this.merged.set(cacheKey, { parts, base, result });
    return result;
  }
}

export function mergeBibliographies(parts: Bibliography[], base?: MedwriteData): MergedBibliography {
  const items: CslItem[] = [];
  const byKey = new Map<string, CslItem>();
  const locations = new Map<string, SourceLocation>();
  const issues: BibliographyIssue[] = [];
  for (const part of parts) {
    issues.push(...part.issues);
    for (const item of part.items) {
      if (byKey.has(item.id)) continue;
      byKey.set(item.id, item);
      items.push(item);
      locations.set(item.id, { file: part.file, line: part.lines.get(item.id) ?? 1 });
    }
  }
  for (const item of base?.references ?? []) {
    if (byKey.has(item.id)) continue;
    byKey.set(item.id, item);
    items.push(item);
    const loc = base?.locations.get(`ref:${item.id}`);
    if (loc) locations.set(item.id, loc);
  }
  return { items, byKey, locations, issues, files: parts.map((p) => p.file) };
}
