// The compact vocabulary: which words are known, and which known words can be offered
// as suggestions. Everything lives in typed arrays so a vocabulary of a million words
// loads from one file without building a million JS strings:
//   - a "known" table: open addressing over two 32-bit hashes of every lower-case word,
//     with a language flag per slot (US-only / GB-only spellings);
//   - the suggestion words (one UTF-8 blob + byte offsets + a frequency class per word);
//   - a deletion index (SymSpell style) over the suggestion words: the hash of every
//     word and of every one-character deletion of it (polynomial hashes, see candidateKeys),
//     sorted, pointing at word ids, with a one-bit-per-key filter in front of it.
// Pure TypeScript, no file access: src/node/vocabulary.ts reads and writes the bytes.
import { hash1, hash2 } from './hash';
import { boundedDistance } from './distance';

/** Language flags of a word: 0 = every variety of English. */
export const LANG_US = 1;
export const LANG_GB = 2;
export const LANG_ALL = LANG_US | LANG_GB;

/** Frequency classes: lower is more common. SCOWL sizes 10..70; 80 = large lists; 95 = technical lists. */
export const CLASS_GLOSSARY = 0;
export const CLASS_LARGE = 80;
export const CLASS_TECHNICAL = 95;

export interface Candidate {
  word: string;
  distance: number;
  /** Frequency class (lower is more common). */
  cls: number;
}

/** What the typo checker needs from a vocabulary (the compact one below, or a test double). */
export interface Vocabulary {
  /** Number of known words. */
  readonly size: number;
  /** True when the lower-case `word` is known in one of the `languages` (a LANG_* mask). */
  has(word: string, languages?: number): boolean;
  /** Frequency class of a known word, or undefined. */
  classOf?(word: string): number | undefined;
  /** Class of `word` when known in `languages`, else -1. */
  lookup?(word: string, languages?: number): number;
  /** Suggestion words within `maxDistance` (Damerau, transpositions count 1) of lower-case `word`. */
  candidates(word: string, maxDistance: number, languages?: number): Candidate[];
}

export interface VocabularyEntry {
  /** Frequency class (lower = more common). */
  cls: number;
  /** 0 for every variety, else LANG_US / LANG_GB bits. */
  flags: number;
  /** Offered as a suggestion (ordinary lower-case words); technical names are known only. */
  suggest: boolean;
  /**
   * Also indexed by its two-letter deletions, so a probe of a word's two-letter deletions
   * finds it two substitutions away (the glossary's longer words; for the big vocabulary it
   * would multiply the index).
   */
  deep?: boolean;
}

/** The arrays a compact vocabulary is made of (what is stored on disk). */
export interface VocabularyArrays {
  known1: Uint32Array;
  known2: Uint32Array;
  knownFlags: Uint8Array;
  knownClass: Uint8Array;
  /** UTF-8 bytes of the suggestion words, back to back. */
  wordBytes: Uint8Array;
  /** Byte offsets of each suggestion word in `wordBytes` (length n + 1). */
  wordOffsets: Uint32Array;
  delKeys: Uint32Array;
  delIds: Uint32Array;
  /** Start offset in `delKeys` of each key range (key >>> 13): one memory access per probe instead of a binary search. */
  delBuckets: Uint32Array;
  /**
   * A bit set (a Bloom filter with one hash): bit `key & (bits - 1)` is set for every key in
   * `delKeys`. Nearly every probe key of a search is in no word (~250 per word, a few hits),
   * and the shipped keys and ids take 16 MB: one read of this 2 MB set turns most away.
   */
  delFilter: Uint32Array;
}

/** Longest word in the deletion index (longer words get no candidates). */
export const MAX_INDEXED_LENGTH = 40;
const MAX_DELETE_INDEX_LENGTH = MAX_INDEXED_LENGTH;

export class CompactVocabulary implements Vocabulary {
  // The arrays are copied into fields so every instance has the same shape, whether the
  // arrays came from a file or were built in memory (two shapes made the hot paths polymorphic).
  private readonly known1: Uint32Array;
  private readonly known2: Uint32Array;
  private readonly knownFlags: Uint8Array;
  private readonly knownClass: Uint8Array;
  private readonly wordOffsets: Uint32Array;
  private readonly delKeys: Uint32Array;
  private readonly delIds: Uint32Array;
  private readonly delBuckets: Uint32Array;
  private readonly delFilter: Uint32Array;
  private readonly filterMask: number;
  private readonly mask: number;
  /** Keys are grouped in ranges of 2^shift: `delBuckets` has 2^(32 - shift) + 1 entries. */
  private readonly shift: number;
  private readonly wordBytes: Uint8Array;
  private readonly decoder = new TextDecoder();
  private count = -1;
  /** Per suggestion word: the stamp of the last query that collected it. */
  private seen = new Uint32Array(0);
  private stamp = 0;

  constructor(readonly arrays: VocabularyArrays) {
    this.known1 = arrays.known1;
    this.known2 = arrays.known2;
    this.knownFlags = arrays.knownFlags;
    this.knownClass = arrays.knownClass;
    this.wordOffsets = arrays.wordOffsets;
    this.wordBytes = arrays.wordBytes;
    this.delKeys = arrays.delKeys;
    this.delIds = arrays.delIds;
    this.delBuckets = arrays.delBuckets;
    this.delFilter = arrays.delFilter;
    this.filterMask = arrays.delFilter.length * 32 - 1;
    this.mask = arrays.known1.length - 1;
    this.shift = 32 - Math.round(Math.log2(arrays.delBuckets.length - 1));
  }

  get size(): number {
    if (this.count < 0) {
      let n = 0;
      const k2 = this.known2;
      for (let i = 0; i < k2.length; i++) if (k2[i] !== 0) n++;
      this.count = n;
    }
    return this.count;
  }

  get suggestionCount(): number {
    return this.wordOffsets.length - 1;
  }

  /** Bytes held by the arrays (for memory reports). */
  get byteLength(): number {
    const a = this.arrays;
    return (
      a.known1.byteLength + a.known2.byteLength + a.knownFlags.byteLength + a.knownClass.byteLength +
      a.wordBytes.byteLength + a.wordOffsets.byteLength + a.delKeys.byteLength + a.delIds.byteLength + a.delBuckets.byteLength + a.delFilter.byteLength
    );
  }

  private slot(word: string): number {
    const known1 = this.known1;
    const known2 = this.known2;
    const mask = this.mask;
    const h1 = hash1(word);
    const h2 = hash2(word);
    for (let i = h1 & mask; ; i = (i + 1) & mask) {
      const k2 = known2[i];
      if (k2 === 0) return -1;
      if (k2 === h2 && known1[i] === h1) return i;
    }
  }

  has(word: string, languages = LANG_ALL): boolean {
    const i = this.slot(word);
    if (i < 0) return false;
    const flags = this.knownFlags[i];
    return flags === 0 || (flags & languages) !== 0;
  }

  classOf(word: string): number | undefined {
    const i = this.slot(word);
    return i < 0 ? undefined : this.knownClass[i];
  }

  /** Class of `word` when it is known in `languages`, else -1 (one probe instead of has + classOf). */
  lookup(word: string, languages = LANG_ALL): number {
    const i = this.slot(word);
    if (i < 0) return -1;
    const flags = this.knownFlags[i];
    return flags === 0 || (flags & languages) !== 0 ? this.knownClass[i] : -1;
  }

  word(id: number): string {
    // One word decoded at a time: a check looks at a few hundred of them, not 200,000.
    return this.decoder.decode(this.wordBytes.subarray(this.wordOffsets[id], this.wordOffsets[id + 1]));
  }

  candidates(word: string, maxDistance: number, languages = LANG_ALL): Candidate[] {
    if (maxDistance <= 0 || word.length > MAX_DELETE_INDEX_LENGTH) return [];
    return this.candidatesByKeys(word, maxDistance, candidateKeys(word, maxDistance), languages);
  }

  /** `candidates` with the probe keys already computed (`candidateKeys(word, maxDistance)`), to share them between indexes. */
  candidatesByKeys(word: string, maxDistance: number, keys: Uint32Array, languages = LANG_ALL): Candidate[] {
    if (maxDistance <= 0 || word.length > MAX_DELETE_INDEX_LENGTH) return [];
    const n = this.suggestionCount;
    if (this.seen.length < n) this.seen = new Uint32Array(n);
    if (++this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    const ids: number[] = [];
    this.collect(keys, ids);
    const out: Candidate[] = [];
    for (let k = 0; k < ids.length; k++) {
      const w = this.word(ids[k]);
      const d = boundedDistance(word, w, maxDistance);
      if (d > maxDistance) continue;
      const i = this.slot(w);
      if (i >= 0) {
        const flags = this.knownFlags[i];
        if (flags !== 0 && (flags & languages) === 0) continue;
      }
      out.push({ word: w, distance: d, cls: i >= 0 ? this.knownClass[i] : CLASS_LARGE });
    }
    return out;
  }

  /** Ids of the suggestion words indexed under any of `probe` (each once, in probe order). */
  private collect(probe: Uint32Array, ids: number[]): void {
    const keys = this.delKeys;
    const delIds = this.delIds;
    const buckets = this.delBuckets;
    const filter = this.delFilter;
    const filterMask = this.filterMask;
    const seen = this.seen;
    const stamp = this.stamp;
    const shift = this.shift;
    for (let k = 0; k < probe.length; k++) {
      const key = probe[k];
      const bit = key & filterMask;
      if ((filter[bit >>> 5] & (1 << (bit & 31))) === 0) continue; // no word has this key
      const bucket = key >>> shift;
      let lo = buckets[bucket];
      const end = buckets[bucket + 1];
      while (lo < end && keys[lo] < key) lo++;
      for (let i = lo; i < end && keys[i] === key; i++) {
        const id = delIds[i];
        if (seen[id] !== stamp) {
          seen[id] = stamp;
          ids.push(id);
        }
      }
    }
  }
}

/**
 * Keys are grouped in 2^13-wide ranges (about 4 keys per range in the shipped vocabulary);
 * `delBuckets` holds where each range starts. Small indexes (glossary and workspace words)
 * use wider ranges, so they do not carry a 2 MB table.
 */
const BUCKET_SHIFT = 13;
const MIN_BUCKET_BITS = 8;
const MIN_FILTER_BITS = 10;

let keyBuf = new Uint32Array(1024);
/** prefix[i]: key hash of word[0..i); suffix[i]: of word[i..n); power[k]: KEY_BASE^k. */
let prefix = new Int32Array(64);
let suffix = new Int32Array(64);
let power = new Int32Array(0);

/**
 * Keys are polynomial hashes (h = h * KEY_BASE + c, mod 2^32), mixed by `keyMix`. The hash
 * of a concatenation follows from the hashes of its parts, so every deletion or insertion
 * key costs a few multiplications, whatever the word's length: a cold run computes ~100,000.
 */
const KEY_BASE = 0x9e3779b1 | 0;

function ensureKeyTables(n: number): void {
  if (prefix.length < n + 2) {
    prefix = new Int32Array(n * 2 + 2);
    suffix = new Int32Array(n * 2 + 2);
  }
  if (power.length < n + 2) {
    power = new Int32Array(Math.max(n * 2 + 2, 64));
    power[0] = 1;
    for (let k = 1; k < power.length; k++) power[k] = Math.imul(power[k - 1], KEY_BASE);
  }
}

/** A 32-bit finaliser (MurmurHash3's), so the top bits that pick a key range are well mixed. */
function keyMix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Hash keys to probe for `word`, computed without building the strings. The index holds
 * every suggestion word `w` and its one-character deletions, so probing `word` and its
 * deletions finds all words within distance 1. For distance 2 we also probe
 * two-character deletions (two extra letters, or an extra letter plus a substitution) and
 * one-letter insertions (two missing letters, or a missing letter plus a substitution).
 * Two substitutions are found only for words indexed with their two-letter deletions
 * (VocabularyEntry.deep), as the glossary's longer words are. Without `insertions`, the keys are the
 * word's and its deletions': what an index stores for a word.
 */
export function candidateKeys(word: string, maxDistance: number, insertions = true): Uint32Array {
  const count = writeKeys(word, maxDistance, insertions);
  return keyBuf.slice(0, count); // the caller's own: an index built meanwhile reuses keyBuf
}

/** Writes `candidateKeys(word, maxDistance, insertions)` to the start of keyBuf; returns how many. */
function writeKeys(word: string, maxDistance: number, insertions: boolean): number {
  const n = word.length;
  ensureKeyTables(n);
  const pre = prefix;
  const suf = suffix;
  const pow = power;
  pre[0] = 0;
  for (let i = 0; i < n; i++) pre[i + 1] = (Math.imul(pre[i], KEY_BASE) + word.charCodeAt(i)) | 0;
  suf[n] = 0;
  for (let i = n - 1; i >= 0; i--) suf[i] = (Math.imul(word.charCodeAt(i), pow[n - 1 - i]) + suf[i + 1]) | 0;
  const need = 1 + n + (maxDistance >= 2 ? (n * (n - 1)) / 2 + 26 * (n + 1) : 0);
  if (keyBuf.length < need) keyBuf = new Uint32Array(need * 2);
  const buf = keyBuf;
  let k = 0;
  buf[k++] = keyMix(pre[n]);
  for (let i = 0; i < n; i++) {
    if (i > 0 && word.charCodeAt(i) === word.charCodeAt(i - 1)) continue; // same deletion as the previous one
    buf[k++] = keyMix((Math.imul(pre[i], pow[n - i - 1]) + suf[i + 1]) | 0);
  }
  if (maxDistance >= 2) {
    // Without letters i < j: word[0..i) + word[i+1..j) + word[j+1..n).
    for (let i = 0; i < n - 1; i++) {
      const head = Math.imul(pre[i], pow[n - i - 2]);
      for (let j = i + 1; j < n; j++) {
        const middle = (pre[j] - Math.imul(pre[i + 1], pow[j - i - 1])) | 0;
        buf[k++] = keyMix((head + Math.imul(middle, pow[n - j - 1]) + suf[j + 1]) | 0);
      }
    }
    // With a letter before i: word[0..i) + letter + word[i..n).
    for (let i = 0; insertions && i <= n; i++) {
      const rest = (Math.imul(pre[i], pow[n - i + 1]) + suf[i]) | 0;
      const at = pow[n - i];
      for (let letter = 97; letter <= 122; letter++) buf[k++] = keyMix((rest + Math.imul(letter, at)) | 0);
    }
  }
  return k;
}

/** Builds the arrays from a word map (lower-case words). */
export function buildVocabularyArrays(entries: Map<string, VocabularyEntry>): VocabularyArrays {
  let cap = 1024;
  while (cap < entries.size * 1.6) cap *= 2;
  const known1 = new Uint32Array(cap);
  const known2 = new Uint32Array(cap);
  const knownFlags = new Uint8Array(cap);
  const knownClass = new Uint8Array(cap);
  const mask = cap - 1;
  const suggest: Array<[string, number, 1 | 2]> = [];
  for (const [word, e] of entries) {
    const h1 = hash1(word);
    const h2 = hash2(word);
    let i = h1 & mask;
    while (known2[i] !== 0 && !(known2[i] === h2 && known1[i] === h1)) i = (i + 1) & mask;
    known1[i] = h1;
    known2[i] = h2;
    knownFlags[i] = e.flags;
    knownClass[i] = Math.min(255, e.cls);
    if (e.suggest && word.length <= MAX_DELETE_INDEX_LENGTH) suggest.push([word, e.cls, e.deep ? 2 : 1]);
  }
  // Common words first, so ties in later ranking favour them and ids are stable.
  suggest.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const encoder = new TextEncoder();
  const encoded = suggest.map((s) => encoder.encode(s[0]));
  const wordOffsets = new Uint32Array(suggest.length + 1);
  let total = 0;
  for (let id = 0; id < suggest.length; id++) {
    wordOffsets[id] = total;
    total += encoded[id].length;
  }
  wordOffsets[suggest.length] = total;
  const wordBytes = new Uint8Array(total);
  for (let id = 0; id < suggest.length; id++) wordBytes.set(encoded[id], wordOffsets[id]);

  // Deletion index: (hash, id) pairs packed in one float64 (32 + 21 bits) and sorted.
  if (suggest.length >= 1 << 21) throw new Error('vocabulary: too many suggestion words for the index');
  // The keys of a word and of its deletions are its probe keys without insertions.
  const pairList: number[] = [];
  for (let id = 0; id < suggest.length; id++) {
    const count = writeKeys(suggest[id][0], suggest[id][2], false);
    for (let k = 0; k < count; k++) pairList.push(keyBuf[k] * 2097152 + id);
  }
  const packed = Float64Array.from(pairList).sort();
  const pairs = packed.length;
  const delKeys = new Uint32Array(pairs);
  const delIds = new Uint32Array(pairs);
  for (let i = 0; i < pairs; i++) {
    const v = packed[i];
    const id = v % 2097152;
    delIds[i] = id;
    delKeys[i] = (v - id) / 2097152;
  }
  // One range per ~4 keys, at most 2^(32 - BUCKET_SHIFT) ranges.
  let bits = MIN_BUCKET_BITS;
  while (bits < 32 - BUCKET_SHIFT && 1 << bits < pairs / 4) bits++;
  const shift = 32 - bits;
  const delBuckets = new Uint32Array((1 << bits) + 1);
  for (let i = 0; i < pairs; i++) delBuckets[(delKeys[i] >>> shift) + 1]++;
  for (let b = 1; b < delBuckets.length; b++) delBuckets[b] += delBuckets[b - 1];
  // 6 to 12 bits per key: 10-15% of the probe keys no word has get past the filter.
  let filterBits = 1 << MIN_FILTER_BITS;
  while (filterBits < pairs * 6 && filterBits < 2 ** 32) filterBits *= 2;
  const delFilter = new Uint32Array(filterBits / 32);
  const filterMask = filterBits - 1;
  for (let i = 0; i < pairs; i++) {
    const bit = delKeys[i] & filterMask;
    delFilter[bit >>> 5] |= 1 << (bit & 31);
  }
  return { known1, known2, knownFlags, knownClass, wordBytes, wordOffsets, delKeys, delIds, delBuckets, delFilter };
}

/** Convenience: a vocabulary from plain word lists (tests, small workspaces). */
export function vocabularyFromWords(
  words: Iterable<string>,
  opts: { cls?: number; flags?: number; suggest?: boolean; deep?: boolean } = {},
): CompactVocabulary {
  const entries = new Map<string, VocabularyEntry>();
  for (const w of words) addEntry(entries, w.toLowerCase(), { cls: opts.cls ?? 50, flags: opts.flags ?? 0, suggest: opts.suggest ?? true, deep: opts.deep });
  return new CompactVocabulary(buildVocabularyArrays(entries));
}

/** Merges an entry: the most common class wins, a variety-neutral listing clears flags, suggest is sticky. */
export function addEntry(entries: Map<string, VocabularyEntry>, word: string, e: VocabularyEntry): void {
  const old = entries.get(word);
  if (!old) {
    entries.set(word, { ...e });
    return;
  }
  old.cls = Math.min(old.cls, e.cls);
  old.flags = old.flags === 0 || e.flags === 0 ? 0 : old.flags | e.flags;
  old.suggest = old.suggest || e.suggest;
  old.deep = old.deep || e.deep;
}

// ---- serialisation (bytes only; the node layer reads and writes files) ----

const MAGIC = 0x3456574d; // "MWV4" little-endian (MWV3 had no delFilter; MWV2 FNV-1a deletion keys and code-unit word offsets)
const FIELDS: Array<keyof VocabularyArrays> = [
  'known1', 'known2', 'knownFlags', 'knownClass', 'wordBytes', 'wordOffsets', 'delKeys', 'delIds', 'delBuckets', 'delFilter',
];

/** One buffer: magic, field count, then per field its byte length, then the fields 4-byte aligned. */
export function serializeVocabulary(arrays: VocabularyArrays): Uint8Array {
  const header = 8 + FIELDS.length * 4;
  let size = header;
  for (const f of FIELDS) size += align4(arrays[f].byteLength);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, FIELDS.length, true);
  let pos = header;
  FIELDS.forEach((f, i) => {
    const a = arrays[f];
    view.setUint32(8 + i * 4, a.byteLength, true);
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), pos);
    pos += align4(a.byteLength);
  });
  return out;
}

/** Views into `bytes` (no copy when it is 4-byte aligned). Throws on a foreign or truncated file. */
export function deserializeVocabulary(bytes: Uint8Array): VocabularyArrays {
  if (bytes.byteOffset % 4 !== 0) bytes = bytes.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8 || view.getUint32(0, true) !== MAGIC || view.getUint32(4, true) !== FIELDS.length) {
    throw new Error('not a MedWrite vocabulary file (or an older format)');
  }
  let pos = 8 + FIELDS.length * 4;
  const out: Partial<Record<keyof VocabularyArrays, unknown>> = {};
  FIELDS.forEach((f, i) => {
    const len = view.getUint32(8 + i * 4, true);
    if (pos + len > bytes.byteLength) throw new Error('vocabulary file is truncated');
    const start = bytes.byteOffset + pos;
    const isBytes = f === 'knownFlags' || f === 'knownClass' || f === 'wordBytes';
    out[f] = isBytes ? new Uint8Array(bytes.buffer, start, len) : new Uint32Array(bytes.buffer, start, len / 4);
    pos += align4(len);
  });
  const arrays = out as VocabularyArrays;
  const cap = arrays.known1.length;
  const ranges = arrays.delBuckets.length - 1;
  const filterWords = arrays.delFilter.length;
  if (cap === 0 || (cap & (cap - 1)) !== 0 || arrays.known2.length !== cap || ranges < 1 << MIN_BUCKET_BITS || ranges > 1 << (32 - BUCKET_SHIFT) || (ranges & (ranges - 1)) !== 0 ||
    filterWords < (1 << MIN_FILTER_BITS) / 32 || (filterWords & (filterWords - 1)) !== 0) {
    throw new Error('vocabulary file is corrupt');
  }
  return arrays;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
