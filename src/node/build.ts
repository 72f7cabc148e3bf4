// `medwrite build` and "MedWrite: Build Glossary from Documents...": reads source documents,
// drafts terms / references / claims with the pure builders in src/core/build, and merges the
// drafts into the YAML files of an output folder without touching what is already there.
//
// Reading: UTF-8 (BOM stripped), UTF-16 with a BOM, and Latin-1 as the fallback for bytes that
// are not valid UTF-8 (reported). Empty, binary and huge files are skipped with a message.
// Merging: existing files are parsed with `yaml`'s Document API, only to find where their
// sequence ends and which entries exist; new entries are serialised and inserted after the last
// item, so every existing byte (comments, order, layout) stays as it was. Curated entries are
// never changed or dropped. Rejections recorded in `curation.yaml` are not drafted again.
import * as fs from 'fs';
import * as path from 'path';
import { collectFiles } from './files';
import * as YAML from 'yaml';
import type { Claim, CslItem, EvidenceKind, Term } from '../core/data';
import { draftClaims, draftReferences, draftTerms, FoundAbbreviation, SourceDocument } from '../core/build';

export type FileStatus = 'ok' | 'latin1' | 'skipped';

export interface SourceFileReport {
  file: string;
  status: FileStatus;
  /** Why it was skipped, or how it was read. */
  message?: string;
}

export interface OutputReport {
  file: string;
  /** Entries added by this run. */
  added: number;
  /** Entries that were already there (kept as they are). */
  kept: number;
  /** Set when the existing file could not be parsed: it is left untouched. */
  error?: string;
}

export interface BuildResult {
  files: SourceFileReport[];
  outputs: OutputReport[];
  /** Every abbreviation definition found in the sources. */
  abbreviations: FoundAbbreviation[];
  /** Files skipped (empty, binary, too large, unreadable). */
  skipped: number;
}

export type BuildProgress = (done: number, total: number, file: string) => void;

export interface BuildOptions {
  /** Terms already known (e.g. the shipped glossary): used for claim concepts, not drafted again. */
  knownTerms?: Term[];
  /** Folder that provenance file names are relative to (default: the sources' common folder). */
  provenanceBase?: string;
}

/** Files larger than this are skipped. */
export const MAX_SOURCE_BYTES = 20 * 1024 * 1024;

export const SOURCE_EXTENSIONS = new Set(['.txt', '.text', '.md', '.markdown', '.qmd', '.rmd', '.nbib', '.medline', '.tex']);

export type ReadSourceResult = { ok: true; text: string; encoding: 'utf-8' | 'utf-16' | 'latin1' } | { ok: false; reason: string };

function isBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return n > 0 && control / n > 0.05;
}

/** Decodes a source file's bytes; never throws. */
export function decodeSource(buf: Buffer): ReadSourceResult {
  if (buf.length === 0) return { ok: false, reason: 'empty file' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return finish(buf.subarray(2).toString('utf16le'), 'utf-16');
  if (buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2));
    swapped.swap16();
    return finish(swapped.toString('utf16le'), 'utf-16');
  }
  if (isBinary(buf)) return { ok: false, reason: 'binary file, not text' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return finish(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, 'utf-8');
  } catch {
    return finish(buf.toString('latin1'), 'latin1');
  }
}

function finish(text: string, encoding: 'utf-8' | 'utf-16' | 'latin1'): ReadSourceResult {
  if (!text.trim()) return { ok: false, reason: 'empty file (only white space)' };
  return { ok: true, text: text.replace(/\r\n?/g, '\n'), encoding };
}

export function readSource(file: string): ReadSourceResult {
  let size: number;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return { ok: false, reason: 'not a file' };
    size = st.size;
  } catch (err) {
    return { ok: false, reason: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  if (size > MAX_SOURCE_BYTES) {
    return { ok: false, reason: `too large (${(size / 1048576).toFixed(1)} MB; the limit is ${MAX_SOURCE_BYTES / 1048576} MB)` };
  }
  try {
    return decodeSource(fs.readFileSync(file));
  } catch (err) {
    return { ok: false, reason: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
}

/** Expands folders (recursively, text-like extensions only, READMEs left out); missing paths are returned apart. */
export function expandSources(inputs: string[], cwd = process.cwd()): { files: string[]; missing: string[] } {
  return collectFiles(inputs, cwd, { extensions: SOURCE_EXTENSIONS, skipFile: (name) => /^readme\./i.test(name) });
}

function commonDir(files: string[]): string {
  if (!files.length) return process.cwd();
  let dir = path.dirname(files[0]);
  for (const f of files) while (!(f.startsWith(dir + path.sep) || path.dirname(f) === dir) && dir !== path.dirname(dir)) dir = path.dirname(dir);
  return dir;
}

// ---------------------------------------------------------------------------------------
// Curation records

export interface Rejection {
  short: string;
  long?: string;
  reason: string;
}

/** Reads `curation.yaml` (`rejected: [{short, long?, reason}]`) from a folder, if present. */
export function readCuration(dir: string): Rejection[] {
  const file = path.join(dir, 'curation.yaml');
  if (!fs.existsSync(file)) return [];
  const data = YAML.parse(fs.readFileSync(file, 'utf8')) as { rejected?: Rejection[] } | null;
  return (data?.rejected ?? []).filter((r) => r && typeof r.short === 'string');
}

export function isRejected(rejections: Rejection[], short: string, long: string): boolean {
  return rejections.some((r) => r.short === short && (!r.long || r.long.toLowerCase() === long.toLowerCase()));
}

// ---------------------------------------------------------------------------------------
// Merging

type Kind = 'terms' | 'references' | 'claims';

const HEADERS: Record<Kind, string> = {
  terms:
    ' Draft glossary terms written by `medwrite build` (shape: Term in MedWrite).\n' +
    ' Curate: write each definition in your own words, fix forms, delete what you do not want.\n' +
    ' Re-running the build adds new entries only; curated entries are never changed.',
  references:
    ' Draft references (CSL-YAML) written by `medwrite build` from citation lines, PubMed records and DOIs.\n' +
    ' Check every field against the source; `provenance` is MedWrite\'s own field (file + line).',
  claims:
    ' Draft claims written by `medwrite build`: sentences with attribution or result wording.\n' +
    ' Curate: restate each statement in your own words, check concepts, cues, references and evidence.',
};

function termForms(t: Partial<Term>): string[] {
  // Discouraged spellings count as known: the glossary already has an opinion on them.
  return [t.preferred, t.fullName, ...(t.abbreviations ?? []), ...(t.variants ?? []), ...(t.discouraged ?? [])].filter((x): x is string => typeof x === 'string');
}

function provKeys(e: { provenance?: { file: string; line: number }[] }): string[] {
  return (e.provenance ?? []).map((p) => `${p.file}:${p.line}`);
}

/** Decides whether a draft is already present among existing entries. */
function makeIsKnown(kind: Kind, existing: Record<string, unknown>[], extraTerms: Term[]): (e: Record<string, unknown>) => boolean {
  const ids = new Set(existing.map((e) => String(e.id)));
  if (kind === 'terms') {
    const forms = new Set<string>();
    for (const t of [...(existing as Partial<Term>[]), ...extraTerms]) for (const f of termForms(t)) forms.add(f);
    const lower = new Set([...forms].map((f) => f.toLowerCase()));
    return (e) => {
      const t = e as unknown as Term;
      if (ids.has(t.id) && existing.some((x) => x.preferred === t.preferred)) return true;
      if (forms.has(t.preferred)) return true;
      // A candidate written only in lower case elsewhere ("treg" vs "Treg") is known too.
      return t.kind !== 'abbreviation' && lower.has(t.preferred.toLowerCase());
    };
  }
  if (kind === 'references') {
    const dois = new Set(existing.map((e) => String(e.DOI ?? '').toLowerCase()).filter(Boolean));
    const titles = new Set(existing.map((e) => String(e.title ?? '').toLowerCase().replace(/\W+/g, '')).filter(Boolean));
    return (e) => {
      const r = e as CslItem;
      if (r.DOI && dois.has(String(r.DOI).toLowerCase())) return true;
      const t = String(r.title ?? '').toLowerCase().replace(/\W+/g, '');
      return Boolean(t && titles.has(t));
    };
  }
  const seen = new Set(existing.flatMap((e) => provKeys(e as { provenance?: { file: string; line: number }[] })));
  const statements = new Set(existing.map((e) => String(e.statement ?? '').toLowerCase()));
  return (e) => {
    const c = e as unknown as Claim;
    return statements.has(c.statement.toLowerCase()) || provKeys(c).some((k) => seen.has(k));
  };
}

/** Flow style for short lists and provenance records, like the shipped glossary. */
function styleNode(doc: YAML.Document): void {
  YAML.visit(doc, {
    Seq(_, node) {
      if (node.items.every((i) => YAML.isScalar(i) || (YAML.isSeq(i) && i.items.every((j) => YAML.isScalar(j))))) node.flow = true;
    },
    Pair(_, pair) {
      if (YAML.isScalar(pair.key) && pair.key.value === 'provenance' && YAML.isSeq(pair.value)) {
        for (const item of pair.value.items) if (YAML.isMap(item)) item.flow = true;
      }
    },
  });
}

function serialise(kind: Kind, entries: unknown[], header?: string): string {
  const doc = new YAML.Document({ [kind]: entries }, { aliasDuplicateObjects: false });
  styleNode(doc);
  if (header) doc.commentBefore = header;
  return doc.toString({ lineWidth: 110, flowCollectionPadding: false });
}

/** Existing entries and the text with `entries` merged in; `undefined` text when nothing changes. */
export function mergeEntries(kind: Kind, existingText: string | undefined, drafts: Record<string, unknown>[], extraKnown: Term[] = []): { text?: string; added: number; kept: number; existing: Record<string, unknown>[] } {
  if (existingText === undefined || !existingText.trim()) {
    if (!drafts.length) return { text: existingText === undefined ? serialise(kind, [], HEADERS[kind]) : undefined, added: 0, kept: 0, existing: [] };
    const isKnown = makeIsKnown(kind, [], extraKnown);
    const fresh = drafts.filter((d) => !isKnown(d));
    return { text: serialise(kind, fresh, HEADERS[kind]), added: fresh.length, kept: 0, existing: [] };
  }
  const doc = YAML.parseDocument(existingText);
  if (doc.errors.length) throw new Error(`cannot parse: ${doc.errors[0].message.split('\n')[0]}`);
  const js = (doc.toJS() ?? {}) as Record<string, unknown>;
  if (typeof js !== 'object' || Array.isArray(js)) throw new Error(`expected a mapping with a '${kind}' list`);
  const existing = (Array.isArray(js[kind]) ? js[kind] : []) as Record<string, unknown>[];
  const isKnown = makeIsKnown(kind, existing, extraKnown);
  const fresh = drafts.filter((d) => !isKnown(d));
  if (!fresh.length) return { added: 0, kept: existing.length, existing };
  const seq = doc.get(kind, true);
  let text: string | undefined;
  if (YAML.isSeq(seq) && !seq.flow && seq.items.length && seq.range) {
    // Insert after the last item, at the same indentation, leaving every existing byte alone.
    const first = seq.items[0] as YAML.Node;
    const firstStart = first.range ? first.range[0] : seq.range[0];
    const lineStart = existingText.lastIndexOf('\n', firstStart - 1) + 1;
    const dash = existingText.indexOf('-', lineStart);
    const indent = dash >= 0 && dash < firstStart ? dash - lineStart : 2;
    const last = seq.items[seq.items.length - 1] as YAML.Node;
    const lastEnd = last.range ? last.range[1] : seq.range[1];
    const insertAt = existingText.indexOf('\n', Math.max(lastEnd - 1, 0));
    const body = serialise(kind, fresh)
      .split('\n')
      .slice(1) // drop "kind:"
      .filter((l, i, arr) => i < arr.length - 1 || l !== '')
      .map((l) => (l ? ' '.repeat(indent) + l.replace(/^ {2}/, '') : l));
    const block = `\n${' '.repeat(indent)}# added by medwrite build: drafts to curate\n${body.join('\n')}`;
    text = insertAt < 0 ? `${existingText}${block}\n` : existingText.slice(0, insertAt) + block + existingText.slice(insertAt);
    // Check the result; fall back to the Document API if the text surgery went wrong.
    try {
      const check = YAML.parse(text) as Record<string, unknown[]>;
      if (!Array.isArray(check?.[kind]) || check[kind].length !== existing.length + fresh.length) text = undefined;
    } catch {
      text = undefined;
    }
  }
  if (text === undefined) {
    let target = seq;
    if (!YAML.isSeq(target)) {
      target = doc.createNode([]);
      doc.set(kind, target);
    }
    for (const e of fresh) (target as YAML.YAMLSeq).add(doc.createNode(e, { aliasDuplicateObjects: false }));
    styleNode(doc);
    text = doc.toString({ lineWidth: 110, flowCollectionPadding: false });
  }
  return { text, added: fresh.length, kept: existing.length, existing };
}

// ---------------------------------------------------------------------------------------

function readExisting(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

function existingIds(text: string | undefined, kind: Kind): string[] {
  if (!text) return [];
  try {
    const js = YAML.parse(text) as Record<string, { id?: unknown }[]> | null;
    return (js?.[kind] ?? []).map((e) => String(e?.id));
  } catch {
    return [];
  }
}

/**
 * Builds draft terms.yaml / references.yaml / claims.yaml in `outDir` from `sources` (files or
 * folders), merging into files already there. The function the CLI and the editor call.
 */
export async function buildGlossary(sources: string[], outDir: string, onProgress?: BuildProgress, options: BuildOptions = {}): Promise<BuildResult> {
  const { files, missing } = expandSources(sources);
  const reports: SourceFileReport[] = missing.map((m) => ({ file: m, status: 'skipped' as const, message: 'no such file or folder' }));
  const base = options.provenanceBase ?? commonDir(files);
  const docs: SourceDocument[] = [];
  const evidenceByFile = new Map<string, EvidenceKind>();
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    const name = path.relative(base, file).split(path.sep).join('/') || path.basename(file);
    const r = readSource(file);
    if (!r.ok) reports.push({ file, status: 'skipped', message: r.reason });
    else {
      reports.push(r.encoding === 'latin1' ? { file, status: 'latin1', message: 'not valid UTF-8; read as Latin-1' } : { file, status: 'ok' });
      docs.push({ file: name, text: r.text });
      if (/^PMID- /m.test(r.text) || /^doi:\s*10\./im.test(r.text)) evidenceByFile.set(name, /^\s*Review\s*$/m.test(r.text) ? 'review' : 'clinical-study');
    }
    onProgress?.(i + 1, files.length, file);
    if (i % 8 === 7) await new Promise((res) => setImmediate(res));
  }

  fs.mkdirSync(outDir, { recursive: true });
  const paths = { terms: path.join(outDir, 'terms.yaml'), references: path.join(outDir, 'references.yaml'), claims: path.join(outDir, 'claims.yaml') };
  const texts = { terms: readExisting(paths.terms), references: readExisting(paths.references), claims: readExisting(paths.claims) };
  const rejections = readCuration(outDir);

  const termIds = new Set([...existingIds(texts.terms, 'terms'), ...(options.knownTerms ?? []).map((t) => t.id)]);
  const drafts = draftTerms(docs, termIds);
  const abbreviations = drafts.abbreviations.filter((t) => !isRejected(rejections, t.preferred, t.fullName ?? ''));
  const candidates = drafts.candidates.filter((t) => !rejections.some((r) => r.short === t.preferred && !r.long));
  const refIds = new Set(existingIds(texts.references, 'references'));
  const references = draftReferences(docs, refIds);
  const referencesByFile = new Map<string, string[]>();
  for (const r of references) for (const p of r.provenance) referencesByFile.set(p.file, [...(referencesByFile.get(p.file) ?? []), r.id]);

  const outputs: OutputReport[] = [];
  const write = (kind: Kind, entries: Record<string, unknown>[], extra: Term[] = []) => {
    try {
      const merged = mergeEntries(kind, texts[kind], entries, extra);
      if (merged.text !== undefined && merged.text !== texts[kind]) fs.writeFileSync(paths[kind], merged.text);
      outputs.push({ file: paths[kind], added: merged.added, kept: merged.kept });
      return merged.existing;
    } catch (err) {
      outputs.push({ file: paths[kind], added: 0, kept: 0, error: (err as Error).message });
      return undefined;
    }
  };
  const existingTerms = write('terms', [...abbreviations, ...candidates] as unknown as Record<string, unknown>[], options.knownTerms ?? []) as Term[] | undefined;
  write('references', references as unknown as Record<string, unknown>[]);
  const allTerms = [...(options.knownTerms ?? []), ...(existingTerms ?? []), ...abbreviations, ...candidates].filter((t) => t && t.id && t.preferred);
  const claimIds = new Set(existingIds(texts.claims, 'claims'));
  const claims = draftClaims(docs, { terms: allTerms, referencesByFile, evidenceByFile }, claimIds);
  write('claims', claims as unknown as Record<string, unknown>[]);

  return { files: reports, outputs, abbreviations: drafts.found, skipped: reports.filter((r) => r.status === 'skipped').length };
}
