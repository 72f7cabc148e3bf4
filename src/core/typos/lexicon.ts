// Decides, for one lower-case word, whether it is known, a likely typo (with ranked
// suggestions), or unknown and close to nothing (probably a valid technical term).
// Combines the big vocabulary, the glossary and the workspace's words; results are
// cached per word.
import type { GlossaryIndex } from '../glossary';
import { Formation, formationOf, Lexicon } from './morphology';
import { tokenize } from './tokenize';
import { addEntry, buildVocabularyArrays, candidateKeys, CLASS_GLOSSARY, CompactVocabulary, LANG_ALL, MAX_INDEXED_LENGTH, vocabularyFromWords } from './vocabulary';
import type { Candidate, Vocabulary, VocabularyEntry } from './vocabulary';

/** One shape for every verdict (a union of shapes made the checker's hot loop polymorphic). */
export interface WordVerdict {
  kind: 'known' | 'unknown' | 'typo';
  /** Ranked suggestions of a typo (empty otherwise). */
  suggestions: string[];
  /** A typo whose best suggestion is a glossary or workspace word one edit away. */
  glossary: boolean;
}

export interface Suggestion {
  word: string;
  distance: number;
  cls: number;
  glossary: boolean;
}

/** Cell and molecule names that are valid but look like typos of ordinary words. Our own short list. */
export const NOMENCLATURE_WORDS = [
  'treg', 'tregs', 'breg', 'bregs', 'tfh', 'teff', 'teffs', 'tconv', 'tconvs', 'nkt', 'ilc', 'ilcs', 'pdc', 'pdcs',
  'mdsc', 'mdscs', 'tcr', 'tcrs', 'bcr', 'bcrs',
];

const MAX_SUGGESTIONS = 5;
const KNOWN: WordVerdict = { kind: 'known', suggestions: [], glossary: false };
const UNKNOWN: WordVerdict = { kind: 'unknown', suggestions: [], glossary: false };
const CACHE_LIMIT = 200_000;
/** Words this long are looked up at distance 2; shorter ones at distance 1. */
const MIN_DISTANCE_TWO = 8;
/** Class of the glossary and workspace words that are known but not offered as suggestions. */
const NOT_SUGGESTED = 1;

export interface LexiconOptions {
  vocabulary?: Vocabulary;
  glossary?: GlossaryIndex;
  /** Workspace and settings words (any case). */
  words?: Iterable<string>;
  /** LANG_* mask of the varieties of English accepted. */
  languages?: number;
}

export class TypoLexicon implements Lexicon {
  readonly languages: number;
  private vocabulary?: Vocabulary;
  /** Glossary and workspace words, lower-case, class 0. */
  private readonly extra = new Map<string, number>();
  /**
   * Every glossary and workspace word, as a small index: class CLASS_GLOSSARY for the words
   * offered as suggestions (accepted forms, workspace words), NOT_SUGGESTED for the others.
   */
  private readonly extraIndex: CompactVocabulary;
  /** The suggestion words of extraIndex long enough for distance 2 ... */
  private readonly deepWords: string[];
  /** ... indexed by their two-letter deletions too, on the first search at distance 2 (not at activation). */
  private deepIndex?: CompactVocabulary;
  private readonly cache = new Map<string, WordVerdict>();
  /** isKnown answers (hyphenated words ask it directly, many times over). */
  private readonly knownCache = new Map<string, boolean>();

  constructor(opts: LexiconOptions) {
    this.vocabulary = opts.vocabulary;
    this.languages = opts.languages ?? LANG_ALL;
    const suggestible = new Set<string>();
    for (const w of NOMENCLATURE_WORDS) this.extra.set(w, CLASS_GLOSSARY);
    for (const form of opts.glossary?.allForms() ?? []) {
      const tokens = tokenize(form.form);
      // A discouraged phrase may hold a misspelt word (`systemic lupus erythmatosus`): its words
      // are not vouched for. A discouraged single word is left to the preferred-form rule.
      if (form.status === 'discouraged' && tokens.length > 1) continue;
      for (const token of tokens) {
        for (const part of token.parts) {
          const lw = part.norm.toLowerCase();
          this.extra.set(lw, CLASS_GLOSSARY);
          if (form.status === 'accepted' && !part.hasDigit && lw.length >= 4) suggestible.add(lw);
        }
        // Hyphenated forms also count as one word (`anti-inflammatory`).
        if (token.parts.length > 1) this.extra.set(token.norm.toLowerCase(), CLASS_GLOSSARY);
      }
    }
    for (const w of opts.words ?? []) {
      const lw = w.trim().toLowerCase();
      if (!lw) continue;
      this.extra.set(lw, CLASS_GLOSSARY);
      if (lw.length >= 4 && /^[\p{L}'-]+$/u.test(lw)) suggestible.add(lw);
    }
    const entries = new Map<string, VocabularyEntry>();
    for (const w of this.extra.keys()) {
      addEntry(entries, w, { cls: suggestible.has(w) ? CLASS_GLOSSARY : NOT_SUGGESTED, flags: 0, suggest: true });
    }
    this.extraIndex = new CompactVocabulary(buildVocabularyArrays(entries));
    // Two substitutions are looked for in words of MIN_DISTANCE_TWO letters or more (see suggest).
    this.deepWords = [...suggestible].filter((w) => w.length >= MIN_DISTANCE_TWO);
  }

  get hasVocabulary(): boolean {
    return this.vocabulary !== undefined;
  }

  /** Takes the big vocabulary when it arrives after the lexicon was built (answers given before are forgotten). */
  useVocabulary(vocabulary: Vocabulary): void {
    this.vocabulary = vocabulary;
    this.cache.clear();
    this.knownCache.clear();
  }

  classOf(word: string): number | undefined {
    const e = this.extra.get(word);
    if (e !== undefined) return e;
    const v = this.vocabulary;
    if (!v) return undefined;
    if (v.lookup) {
      const cls = v.lookup(word, this.languages);
      return cls < 0 ? undefined : cls;
    }
    if (!v.has(word, this.languages)) return undefined;
    return v.classOf ? v.classOf(word) : 50;
  }

  /** True when the lower-case word is known as it is, without its accents, or by word formation. */
  isKnown(word: string): boolean {
    let known = this.knownCache.get(word);
    if (known === undefined) {
      known = this.computeKnown(word);
      if (this.knownCache.size >= CACHE_LIMIT) this.knownCache.clear();
      this.knownCache.set(word, known);
    }
    return known;
  }

  private computeKnown(word: string): boolean {
    if (this.classOf(word) !== undefined) return true;
    const plain = stripMarks(word);
    if (plain !== word && this.classOf(plain) !== undefined) return true;
    if (word.includes("'")) {
      const m = /^(.*?)(?:'s|s')$/.exec(word);
      if (m && m[1].length >= 2 && this.classOf(m[1]) !== undefined) return true;
    }
    const formation = formationOf(plain, this, this.languages);
    if (!formation) return false;
    if (formation === 'variant' || formation === 'unit') return true;
    // A formed word near a listed word is more likely a typo of it (`cytokin` is not
    // `cyto`+`kin`, `inflamation` is not `inflame`+`ation`, `autoimunits` is not
    // `auto`+`im`+`units`), unless the edit is in the ending, where inflections differ
    // (`inversed` / `inverse`).
    return !this.nearListedWord(plain, formation);
  }

  /**
   * True when a listed word other than an inflection of `word` is near it: one edit from a word
   * of the big lists, or (for words of MIN_DISTANCE_TWO letters or more) up to two edits from a
   * glossary or workspace word that is not an affix away (`ir`+`resectable`).
   */
  private nearListedWord(word: string, formation: Formation): boolean {
    const near = (c: Candidate) => c.word !== word && !(formation === 'suffix' && firstDifference(word, c.word) >= word.length - 4);
    const v = this.vocabulary;
    if (!v) return false;
    for (const c of v.candidates(word, 1, this.languages)) if (c.cls <= 80 && near(c)) return true;
    if (word.length < MIN_DISTANCE_TWO || word.length > MAX_INDEXED_LENGTH) return false;
    // Deletions only: a word two letters longer than this one is left out, at a fifth of the probes.
    for (const c of this.glossaryCandidates(word, 2, candidateKeys(word, 2, false))) if (!affixApart(word, c.word) && near(c)) return true;
    return false;
  }

  /** The glossary and workspace words offered as suggestions within `maxDistance` of `word`, found with its probe `keys`. */
  private glossaryCandidates(word: string, maxDistance: number, keys: Uint32Array): Candidate[] {
    const found = this.extraIndex.candidatesByKeys(word, maxDistance, keys);
    // Two substitutions: only the deep index holds the longer words' two-letter deletions.
    if (maxDistance === 2) found.push(...this.getDeepIndex().candidatesByKeys(word, maxDistance, keys));
    return found.filter((c) => c.cls === CLASS_GLOSSARY);
  }

  verdict(word: string): WordVerdict {
    let v = this.cache.get(word);
    if (v) return v;
    v = this.compute(word);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, v);
    return v;
  }

  /**
   * Verdict for a capitalised word inside a sentence (a name), which is reported only as a
   * typo one letter off a glossary or workspace word. When no such word is one letter away,
   * the suggestion search is skipped and `unknown` returned (not cached: the same word in
   * lower case still gets its full verdict).
   */
  nameVerdict(word: string): WordVerdict {
    const cached = this.cache.get(word);
    if (cached) return cached;
    if (this.isKnown(word)) return KNOWN;
    if (word.length <= MAX_INDEXED_LENGTH - 2 && !this.nearExtraWord(word)) return UNKNOWN;
    return this.verdict(word);
  }

  /** True when some glossary or workspace word (any, suggestible or not) is one edit from `word`. */
  private nearExtraWord(word: string): boolean {
    for (const c of this.extraIndex.candidates(word, 1)) if (c.distance === 1) return true;
    return false;
  }

  /** Ranked suggestions for a lower-case word (empty when nothing known is close). */
  suggest(word: string): Suggestion[] {
    const len = [...word].length;
    const maxDistance = len < 4 ? 0 : len < MIN_DISTANCE_TWO ? 1 : 2;
    if (maxDistance === 0) return [];
    const found = new Map<string, Suggestion>();
    // The indexes are probed with the same keys: compute them once.
    const keys = word.length <= MAX_INDEXED_LENGTH ? candidateKeys(word, maxDistance) : undefined;
    for (const c of keys ? this.glossaryCandidates(word, maxDistance, keys) : []) {
      if (!found.has(c.word)) found.set(c.word, { word: c.word, distance: c.distance, cls: CLASS_GLOSSARY, glossary: true });
    }
    const v = this.vocabulary;
    if (v) {
      const near = keys && v instanceof CompactVocabulary ? v.candidatesByKeys(word, maxDistance, keys, this.languages) : v.candidates(word, maxDistance, this.languages);
      for (const c of near) {
        if (!found.has(c.word)) found.set(c.word, { ...c, glossary: this.extra.has(c.word) });
      }
    }
    const out: Suggestion[] = [];
    for (const s of found.values()) {
      if (s.word === word) continue;
      if (len === 4 && !s.glossary && s.cls > 50) continue; // short words: only common neighbours
      if (s.distance >= 2) {
        if (!s.glossary && s.cls > 70) continue;
        // `irresectable` is `ir` + `resectable`, not a typo of it.
        if (affixApart(word, s.word)) continue;
      }
      out.push(s);
    }
    return out.sort(compareSuggestions(word)).slice(0, MAX_SUGGESTIONS);
  }

  private getDeepIndex(): CompactVocabulary {
    return (this.deepIndex ??= vocabularyFromWords(this.deepWords, { cls: CLASS_GLOSSARY, deep: true }));
  }

  private compute(word: string): WordVerdict {
    // Not through isKnown: this verdict is cached already, a second cache entry would only cost.
    if (this.computeKnown(word)) return KNOWN;
    const suggestions = this.suggest(word);
    if (suggestions.length === 0) return UNKNOWN;
    return { kind: 'typo', suggestions: suggestions.map((s) => s.word), glossary: suggestions[0].glossary && suggestions[0].distance <= 1 };
  }
}

/** Glossary terms first where close, then distance, then a kept first letter, then frequency. */
function compareSuggestions(word: string) {
  const first = word[0];
  return (a: Suggestion, b: Suggestion): number =>
    a.distance - (a.glossary ? 0.5 : 0) - (b.distance - (b.glossary ? 0.5 : 0)) ||
    (a.word[0] === first ? 0 : 1) - (b.word[0] === first ? 0 : 1) ||
    a.cls - b.cls ||
    Math.abs(a.word.length - word.length) - Math.abs(b.word.length - word.length) ||
    (a.word < b.word ? -1 : a.word > b.word ? 1 : 0);
}

/** True when one word is the other with letters added before or after it (`ir`+`resectable`). */
function affixApart(a: string, b: string): boolean {
  return a.startsWith(b) || a.endsWith(b) || b.startsWith(a) || b.endsWith(a);
}

function firstDifference(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function stripMarks(word: string): string {
  for (let i = 0; i < word.length; i++) {
    if (word.charCodeAt(i) > 0x7f) return word.normalize('NFD').replace(/\p{M}/gu, '');
  }
  return word;
}
