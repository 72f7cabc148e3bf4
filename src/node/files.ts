// Finding and reading the documents to check.
import * as fs from 'fs';
import * as path from 'path';

export const CHECKED_EXTENSIONS: Record<string, string> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.qmd': 'quarto',
  '.rmd': 'markdown',
  '.txt': 'plaintext',
  '.tex': 'latex',
};

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'out', 'dist', '.medwrite', '.vscode-test']);

export function languageIdForFile(file: string): string {
  return CHECKED_EXTENSIONS[path.extname(file).toLowerCase()] ?? 'plaintext';
}

export interface CollectOptions {
  /** File extensions (lower case, with the dot) picked up when walking folders. */
  extensions?: ReadonlySet<string>;
  /** Files to pass over when walking folders (files named explicitly are always kept). */
  skipFile?: (name: string) => boolean;
}

const CHECKED = new Set(Object.keys(CHECKED_EXTENSIONS));

/**
 * Expands files and folders into the documents to check. Folders are walked for
 * .md/.qmd/.txt/.tex files (or `extensions`), skipping hidden folders, node_modules and
 * build output; files named explicitly are always included. Missing paths are reported
 * in `missing`.
 */
export function collectFiles(inputs: string[], cwd: string, opts: CollectOptions = {}): { files: string[]; missing: string[] } {
  const extensions = opts.extensions ?? CHECKED;
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) walk(full);
      } else if (e.isFile() && extensions.has(path.extname(e.name).toLowerCase()) && !opts.skipFile?.(e.name)) {
        files.push(full);
      }
    }
  };
  for (const input of inputs) {
    const full = path.resolve(cwd, input);
    if (!fs.existsSync(full)) missing.push(input);
    else if (fs.statSync(full).isDirectory()) walk(full);
    else files.push(full);
  }
  return { files: [...new Set(files)], missing };
}

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

/** Above this size a document is refused with a clear message rather than checked. */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

/** Reads a document as text, refusing binary files and decoding non-UTF-8 text as Latin-1. */
export function readDocument(file: string): ReadResult {
  let buf: Buffer;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_DOCUMENT_BYTES) return { ok: false, reason: `too large to check (${(size / 1048576).toFixed(1)} MB; limit ${MAX_DOCUMENT_BYTES / 1048576} MB)` };
    buf = fs.readFileSync(file);
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
  if (looksBinary(buf)) return { ok: false, reason: 'binary file (not text); skipped' };
  const text = buf.toString('utf8');
  // Invalid UTF-8 decodes to U+FFFD; such files are most often Latin-1.
  if (text.includes('\ufffd') && !buf.includes(Buffer.from('\ufffd', 'utf8'))) return { ok: true, text: buf.toString('latin1') };
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** NUL bytes or many control characters in the first 8 KB mean binary. */
export function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.1;
}
