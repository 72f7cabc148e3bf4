// Loads the glossary, claim base, references and word lists from disk, validates each
// file against its JSON Schema, and merges the layers (shipped data, workspace
// .medwrite/, paths from settings). Errors name file, line and column; a broken file
// keeps contributing its last good content when a cache is passed in.
import * as fs from 'fs';
import * as path from 'path';
import { createHash } from 'crypto';
import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type * as Yaml from 'yaml';
import type { Node } from 'yaml';
import type { Claim, CslItem, MedwriteData, Term } from '../core/data';
import { emptyData } from '../core/data';
import { packagePath } from './packageRoot';

/** yaml, loaded on first use: the CLI and the extension mostly read the shipped data from its snapshot. */
const yaml = (): typeof Yaml => require('yaml');

export type DataKind = 'terms' | 'claims' | 'references';

export interface DataIssue {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
}

export class DataError extends Error {
  constructor(readonly issues: DataIssue[]) {
    super(issues.map(formatIssue).join('\n'));
  }
}

export function formatIssue(i: DataIssue): string {
  return `${i.file}:${i.line}:${i.column}: ${i.message}`;
}

export interface ParsedFile {
  kind: DataKind | 'words';
  entries: unknown[];
  /** 1-based line of each entry, by index. */
  lines: number[];
}

export interface LoadResult {
  data: MedwriteData;
  /** Problems found; files with problems contribute their last good content, if any. */
  issues: DataIssue[];
  /** Every file that was read (to watch for changes). */
  files: string[];
}

/** The glossary folder shipped with the package. */
export function shippedGlossaryDir(): string {
  return packagePath('glossary');
}

/** The nearest `.medwrite/` folder at or above `from`, if any. */
export function findWorkspaceDataDir(from: string): string | undefined {
  let dir = path.resolve(from);
  for (;;) {
    const candidate = path.join(dir, '.medwrite');
    if (fs.existsSync(candidate) && fs.statSync(candidate).isDirectory()) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

const FILE_NAMES: Record<string, DataKind | 'words'> = {
  'terms.yaml': 'terms',
  'terms.yml': 'terms',
  'claims.yaml': 'claims',
  'claims.yml': 'claims',
  'references.yaml': 'references',
  'references.yml': 'references',
  'words.txt': 'words',
};

/** Which kind of data a file holds, judged by its name (`*terms.yaml`, `*claims.yaml`, ...). */
export function dataKindOf(file: string): DataKind | 'words' | undefined {
  const base = path.basename(file).toLowerCase();
  if (FILE_NAMES[base]) return FILE_NAMES[base];
  for (const [suffix, kind] of Object.entries(FILE_NAMES)) if (base.endsWith(`.${suffix}`) || base.endsWith(`-${suffix}`)) return kind;
  return undefined;
}

/** Expands folders into the data files they hold, in a fixed order. */
export function dataFilesOf(sources: string[]): string[] {
  const out: string[] = [];
  for (const src of sources) {
    if (!fs.existsSync(src)) continue;
    if (fs.statSync(src).isDirectory()) {
      for (const name of ['terms.yaml', 'terms.yml', 'claims.yaml', 'claims.yml', 'references.yaml', 'references.yml', 'words.txt']) {
        const f = path.join(src, name);
        if (fs.existsSync(f)) out.push(f);
      }
    } else if (dataKindOf(src)) {
      out.push(src);
    }
  }
  return out;
}

/**
 * Loads and merges data layers in order; later layers override earlier entries with the
 * same id. `lastGood` (optional, kept by the caller between loads) supplies the previous
 * content of a file that is now broken.
 */
export function loadData(sources: string[], lastGood?: Map<string, ParsedFile>): LoadResult {
  const issues: DataIssue[] = [];
  const files = dataFilesOf(sources);
  const missing = sources.filter((s) => !fs.existsSync(s));
  for (const m of missing) issues.push({ file: m, line: 1, column: 1, message: 'no such file or folder' });
  const terms = new Map<string, Term>();
  const claims = new Map<string, Claim>();
  const references = new Map<string, CslItem>();
  const words: string[] = [];
  const data = emptyData();
  for (const file of files) {
    let parsed: ParsedFile | undefined;
    try {
      parsed = parseDataFileCached(file, fs.readFileSync(file, 'utf8'));
      lastGood?.set(file, parsed);
    } catch (err) {
      if (!(err instanceof DataError)) throw err;
      issues.push(...err.issues);
      parsed = lastGood?.get(file);
    }
    if (!parsed) continue;
    parsed.entries.forEach((entry, i) => {
      const location = { file, line: parsed!.lines[i] ?? 1 };
      if (parsed!.kind === 'words') words.push(entry as string);
      else if (parsed!.kind === 'terms') {
        const t = entry as Term;
        terms.set(t.id, t);
        data.locations.set(`term:${t.id}`, location);
      } else if (parsed!.kind === 'claims') {
        const c = entry as Claim;
        claims.set(c.id, c);
        data.locations.set(`claim:${c.id}`, location);
      } else {
        const r = entry as CslItem;
        references.set(r.id, r);
        data.locations.set(`ref:${r.id}`, location);
      }
    });
  }
  data.terms = [...terms.values()];
  data.claims = [...claims.values()];
  data.references = [...references.values()];
  data.words = words;
  issues.push(...crossCheck(data));
  return { data, issues, files };
}

/** Where `npm run build` writes the validated parse of the shipped data files. */
export const SNAPSHOT_FILE = 'data-snapshot.json';
let snapshot: Map<string, ParsedFile> | undefined;

/** The content hash a snapshot entry is keyed by. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * `parseDataFile`, answered from the build-time snapshot when the file's bytes are
 * exactly those that were validated at build time (the shipped glossary); any other
 * content is parsed and validated as usual. Keeps YAML parsing and schema compilation
 * off the activation path.
 */
export function parseDataFileCached(file: string, text: string): ParsedFile {
  snapshot ??= readSnapshot();
  const hit = snapshot.get(contentHash(text));
  if (hit && hit.kind === dataKindOf(file)) return hit;
  return parseDataFile(file, text);
}

function readSnapshot(): Map<string, ParsedFile> {
  const file = packagePath('dist', SNAPSHOT_FILE);
  try {
    return new Map(Object.entries(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, ParsedFile>));
  } catch {
    return new Map(); // no build yet: everything is parsed and validated
  }
}

/** Parses and validates one data file; throws DataError with positions on any problem. */
export function parseDataFile(file: string, text: string): ParsedFile {
  const kind = dataKindOf(file);
  if (!kind) throw new DataError([{ file, line: 1, column: 1, message: 'not a MedWrite data file (expected terms.yaml, claims.yaml, references.yaml or words.txt)' }]);
  if (kind === 'words') return parseWords(text);
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const pos = (offset: number) => lineCounter.linePos(offset);
  if (doc.errors.length) {
    throw new DataError(
      doc.errors.map((e) => {
        const { line, col } = pos(e.pos[0]);
        return { file, line, column: col, message: `YAML syntax error: ${firstLine(e.message)}` };
      }),
    );
  }
  const value = doc.toJS() ?? {};
  const validate = validator(kind);
  if (!validate(value)) {
    throw new DataError(
      (validate.errors ?? []).slice(0, 20).map((e) => {
        const node = nodeAt(doc.contents, e.instancePath);
        const { line, col } = pos(node?.range?.[0] ?? 0);
        return { file, line, column: col, message: describeSchemaError(e) };
      }),
    );
  }
  const listKey = kind;
  const { isMap, isSeq } = yaml();
  const seq = isMap(doc.contents) ? doc.contents.get(listKey, true) : undefined;
  const entries = (value as Record<string, unknown[]>)[listKey] ?? [];
  const lines = entries.map((_, i) => {
    const item = isSeq(seq) ? (seq.items[i] as Node | undefined) : undefined;
    return item?.range ? pos(item.range[0]).line : 1;
  });
  const dupes = duplicateIds(entries as Array<{ id: string }>, lines);
  if (dupes.length) throw new DataError(dupes.map((d) => ({ file, line: d.line, column: 1, message: `duplicate id '${d.id}' (first defined on line ${d.firstLine})` })));
  return { kind, entries, lines };
}

function parseWords(text: string): ParsedFile {
  const entries: string[] = [];
  const lines: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const word = raw.replace(/#.*$/, '').trim();
    if (word) {
      entries.push(word);
      lines.push(i + 1);
    }
  });
  return { kind: 'words', entries, lines };
}

function duplicateIds(entries: Array<{ id: string }>, lines: number[]) {
  const seen = new Map<string, number>();
  const out: Array<{ id: string; line: number; firstLine: number }> = [];
  entries.forEach((e, i) => {
    const first = seen.get(e.id);
    if (first !== undefined) out.push({ id: e.id, line: lines[i], firstLine: first });
    else seen.set(e.id, lines[i]);
  });
  return out;
}

/** References between files: related terms, claim concepts and claim references must exist. */
function crossCheck(data: MedwriteData): DataIssue[] {
  const issues: DataIssue[] = [];
  const termIds = new Set(data.terms.map((t) => t.id));
  const refIds = new Set(data.references.map((r) => r.id));
  const at = (key: string, message: string) => {
    const loc = data.locations.get(key);
    issues.push({ file: loc?.file ?? '(data)', line: loc?.line ?? 1, column: 1, message });
  };
  for (const c of data.claims) {
    for (const id of c.concepts.flat()) if (!termIds.has(id)) at(`claim:${c.id}`, `claim '${c.id}' names unknown term '${id}'`);
    for (const key of c.references) if (!refIds.has(key)) at(`claim:${c.id}`, `claim '${c.id}' cites unknown reference '${key}'`);
  }
  for (const t of data.terms) {
    for (const id of t.related ?? []) if (!termIds.has(id)) at(`term:${t.id}`, `term '${t.id}' relates to unknown term '${id}'`);
  }
  return issues;
}

const validators = new Map<DataKind, ValidateFunction>();
let ajv: Ajv | undefined;

function validator(kind: DataKind): ValidateFunction {
  let v = validators.get(kind);
  if (!v) {
    // Loaded on first use: the shipped data normally comes from the snapshot.
    const AjvClass: typeof Ajv = require('ajv').default;
    ajv ??= new AjvClass({ allErrors: true, strict: false });
    const schemaFile = path.join(shippedGlossaryDir(), 'schema', `${kind}.schema.json`);
    v = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
    validators.set(kind, v);
  }
  return v;
}

/** The YAML node at a JSON pointer such as `/terms/3/definition` (or its nearest parent). */
function nodeAt(root: unknown, pointer: string): Node | undefined {
  let node = root as Node | undefined;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    let next: unknown;
    if (yaml().isMap(node)) next = node.get(key, true);
    else if (yaml().isSeq(node)) next = node.get(Number(key), true);
    if (!next) break;
    node = next as Node;
  }
  return node;
}

function describeSchemaError(e: ErrorObject): string {
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.') : '(top level)';
  let message = e.message ?? 'is invalid';
  if (e.keyword === 'additionalProperties') message = `has unknown field '${(e.params as { additionalProperty: string }).additionalProperty}'`;
  if (e.keyword === 'enum') message = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  return `${where} ${message}`;
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}
