// Word formation: a word that is not in the lists is still known when it is a known
// word plus a prefix (`re`+`perfusion`, `up`+`regulated`, `over`+`expression`), plus a
// suffix (`hepatic`+`ally`, `cohort`+`ed`), or the other variety's spelling of a known
// word (`haemorrhage` / `hemorrhage`, `randomised` / `randomized`, `centre` / `center`).
// Bases are restricted so that a typo is not explained away: a prefix needs an ordinary
// word after it (not a technical name), and a suffix needs a base of reasonable length.
import { LANG_GB, LANG_US } from './vocabulary';

export interface Lexicon {
  /**
   * Frequency class of a lower-case word if it is known in the enabled languages:
   * 0 glossary/workspace, 10..70 common, 80 large lists, 90 names, 95 technical lists.
   */
  classOf(word: string): number | undefined;
}

/** Prefixes that form new words from ordinary words. Longest first. */
const PREFIXES = [
  'pharmaco', 'electro', 'counter', 'immuno', 'cardio', 'hepato', 'nephro', 'thermo', 'physio', 'psycho',
  'pseudo', 'stereo', 'ultra', 'under', 'super', 'supra', 'trans', 'intra', 'inter', 'infra', 'extra', 'multi',
  'micro', 'macro', 'retro', 'hyper', 'hypo', 'neuro', 'osteo', 'patho', 'photo', 'radio', 'gastro', 'histo',
  'hetero', 'homo', 'semi', 'anti', 'auto', 'poly', 'mono', 'nano', 'post', 'para', 'peri', 'endo', 'over',
  'down', 'mini', 'mega', 'meta', 'tetra', 'penta', 'hexa', 'cyto', 'sero', 'myo', 'bio', 'epi', 'non', 'pre',
  'pro', 'sub', 'tri', 'mid', 'mis', 'dis', 'cryo', 'hemi', 'iso', 'neo', 'out', 'up', 're', 'co', 'de', 'un',
  'bi', 'di', 'ir', 'im', 'in',
];

interface SuffixRule {
  suffix: string;
  /** What replaces the suffix to give the base ('' = just strip it). */
  bases: string[];
  /** Minimum base length. */
  min: number;
}

const SUFFIXES: SuffixRule[] = [
  { suffix: "'s", bases: [''], min: 2 },
  { suffix: "s'", bases: [''], min: 2 },
  { suffix: 'ies', bases: ['y'], min: 3 },
  { suffix: 'es', bases: ['', 'is', 'e'], min: 3 },
  { suffix: 's', bases: [''], min: 3 },
  { suffix: 'ically', bases: ['ic', 'ical', 'y'], min: 3 },
  { suffix: 'ally', bases: ['', 'al'], min: 3 },
  { suffix: 'ily', bases: ['y'], min: 3 },
  { suffix: 'ly', bases: ['', 'le', 'e'], min: 4 },
  { suffix: 'ied', bases: ['y'], min: 3 },
  { suffix: 'ed', bases: ['', 'e'], min: 3 },
  { suffix: 'ing', bases: ['', 'e'], min: 3 },
  { suffix: 'ers', bases: ['', 'e'], min: 4 },
  { suffix: 'er', bases: ['', 'e'], min: 4 },
  { suffix: 'ical', bases: ['ic', 'y', 'ics'], min: 3 },
  { suffix: 'ic', bases: ['', 'e', 'ia', 'y', 'is', 'a'], min: 4 },
  { suffix: 'ity', bases: ['', 'e', 'ous'], min: 4 },
  { suffix: 'ness', bases: [''], min: 4 },
  { suffix: 'ments', bases: [''], min: 4 },
  { suffix: 'ment', bases: [''], min: 4 },
  { suffix: 'ations', bases: ['e', '', 'ate'], min: 3 },
  { suffix: 'ation', bases: ['e', '', 'ate'], min: 3 },
  { suffix: 'ae', bases: ['a'], min: 3 },
  { suffix: 'al', bases: ['', 'e', 'a', 'um', 'us'], min: 4 },
  { suffix: 'ous', bases: ['', 'e', 'y'], min: 4 },
  { suffix: 'ive', bases: ['e', '', 'ion'], min: 4 },
  { suffix: 'able', bases: ['', 'e', 'ate'], min: 4 },
  { suffix: 'ible', bases: ['', 'e'], min: 4 },
  { suffix: 'less', bases: [''], min: 3 },
  { suffix: 'like', bases: [''], min: 3 },
  { suffix: 'wise', bases: [''], min: 3 },
  { suffix: 'ist', bases: ['', 'y', 'e', 'ism'], min: 4 },
  { suffix: 'ists', bases: ['', 'y', 'e', 'ism'], min: 4 },
  { suffix: 'ism', bases: ['', 'e', 'ic'], min: 4 },
  { suffix: 'ize', bases: ['', 'e', 'y'], min: 4 },
  { suffix: 'ise', bases: ['', 'e', 'y'], min: 4 },
  { suffix: 'ized', bases: ['', 'e', 'y'], min: 4 },
  { suffix: 'ised', bases: ['', 'e', 'y'], min: 4 },
  { suffix: 'izing', bases: ['', 'e', 'y'], min: 4 },
  { suffix: 'ising', bases: ['', 'e', 'y'], min: 4 },
  { suffix: 'ization', bases: ['', 'e', 'y', 'ize'], min: 4 },
  { suffix: 'isation', bases: ['', 'e', 'y', 'ise'], min: 4 },
];

/** The prefixes by their first two letters, and the suffix rules by their last character: a word is tried only against the few that can fit it. */
const PREFIXES_BY_START = groupBy(PREFIXES, (p) => p.slice(0, 2));
const SUFFIXES_BY_END = groupBy(SUFFIXES, (r) => r.suffix.slice(-1));
const NONE: never[] = [];

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Classes at or above this are names or technical entries: never a base for a prefix. */
const CLASS_NAMES = 90;

const VOWEL = /[aeiou]/;

/** a e i o u */
function isVowel(c: number): boolean {
  return c === 97 || c === 101 || c === 105 || c === 111 || c === 117;
}
const AE_STEM = /haem|aem(?:ia|ic)|^aet|aetio|paed|gynae|caes|anaes|aesth|archae|palae|mediaev|^aeon|leukae|praecox|faec/;
const OE_STEM = /oedem|oesoph|oestr|foet|rrhoe|pnoe|coel|amoeb|manoeuv|homoeo|oenophil|^oe/;
/**
 * Words in which an `a` or `o` put before an `e` can give one of the stems above: the stems
 * without that letter (`hem`, `edem`...), or a stem already there. Other words skip the search.
 */
const AE_OE_POSSIBLE = new RegExp(
  `${AE_STEM.source}|${OE_STEM.source}|hem|em(?:ia|ic)|^et|etio|ped|gyne|ces|anes|esth|arche|pale|mediev|^eon|leuke|precox|fec` +
    '|edem|esoph|estr|fet|rrhe|pne|cel|ameb|maneuv|homeo|enophil|^e',
);

/**
 * The spellings of `word` in the other variety of English, each with the variety that
 * `word` itself belongs to (`haemorrhage` -> [`hemorrhage`, GB]).
 */
export function varietyVariants(word: string): Array<{ variant: string; variety: number }> {
  const out: Array<{ variant: string; variety: number }> = [];
  const add = (variant: string, variety: number) => {
    if (variant !== word) out.push({ variant, variety });
  };
  // British -> American. ae/oe only in the Greek and Latin stems that have them
  // (haem-, -aemia, aetio-, paed-, oedema, oesophagus, oestrogen, foetus, diarrhoea...).
  if (word.includes('ae') && AE_STEM.test(word)) add(word.replace(/ae/g, 'e'), LANG_GB);
  if (word.includes('oe') && OE_STEM.test(word)) add(word.replace(/oe/g, 'e'), LANG_GB);
  if (word.includes('our')) add(word.replace(/our(?!n)/g, 'or'), LANG_GB);
  // Each pattern runs only when the letters it needs are there (most words have none).
  const sEnd = word.endsWith('s');
  let m = word.includes('is') ? /is(e|ed|es|ing|ation|ations|er|ers|able)$/.exec(word) : null;
  if (m) add(word.slice(0, m.index) + 'iz' + m[1], LANG_GB);
  m = word.includes('ys') ? /ys(e|ed|es|ing|er|ers)$/.exec(word) : null;
  if (m) add(word.slice(0, m.index) + 'yz' + m[1], LANG_GB);
  m = word.endsWith('re') || word.endsWith('res') ? /([^aeiou])re(s?)$/.exec(word) : null;
  if (m && word.length > 5) add(word.slice(0, m.index) + m[1] + 'er' + m[2], LANG_GB);
  m = word.includes('ll') ? /([aeiou])ll(ed|ing|er|ers|ist|ists)$/.exec(word) : null;
  if (m) add(word.slice(0, m.index) + m[1] + 'l' + m[2], LANG_GB);
  m = word.includes('ogue') ? /ogue(s?)$/.exec(word) : null;
  if (m) add(word.slice(0, m.index) + 'og' + m[1], LANG_GB);
  m = word.includes('ence') ? /ence(s?)$/.exec(word) : null;
  if (m) add(word.slice(0, m.index) + 'ense' + m[1], LANG_GB);
  m = word.includes('amme') ? /amme(s?)$/.exec(word) : null;
  if (m) add(word.slice(0, m.index) + 'am' + m[1], LANG_GB);
  // American -> British
  for (let i = AE_OE_POSSIBLE.test(word) ? word.indexOf('e') : -1; i >= 0; i = word.indexOf('e', i + 1)) {
    if (i > 0 && isVowel(word.charCodeAt(i - 1))) continue;
    const ae = word.slice(0, i) + 'a' + word.slice(i);
    if (AE_STEM.test(ae)) add(ae, LANG_US);
    const oe = word.slice(0, i) + 'o' + word.slice(i);
    if (OE_STEM.test(oe)) add(oe, LANG_US);
  }
  if (word.includes('or') && /or(?!u)/.test(word)) add(word.replace(/or(?!u)/g, 'our'), LANG_US);
  m = word.includes('iz') ? /iz(e|ed|es|ing|ation|ations|er|ers|able)$/.exec(word) : null;
  if (m) add(word.slice(0, m.index) + 'is' + m[1], LANG_US);
  m = word.includes('yz') ? /yz(e|ed|es|ing|er|ers)$/.exec(word) : null;
  if (m) add(word.slice(0, m.index) + 'ys' + m[1], LANG_US);
  m = word.endsWith('er') || word.endsWith('ers') ? /([^aeiou])er(s?)$/.exec(word) : null;
  if (m && word.length > 5) add(word.slice(0, m.index) + m[1] + 're' + m[2], LANG_US);
  m = word.includes('l') ? /([aeiou])l(ed|ing|er|ers|ist|ists)$/.exec(word) : null;
  if (m && word[m.index - 1] !== 'l') add(word.slice(0, m.index) + m[1] + 'll' + m[2], LANG_US);
  m = word.endsWith('og') || (sEnd && word.endsWith('ogs')) ? /og(s?)$/.exec(word) : null;
  if (m) add(word.slice(0, m.index) + 'ogue' + m[1], LANG_US);
  m = word.includes('ense') ? /ense(s?)$/.exec(word) : null;
  if (m) add(word.slice(0, m.index) + 'ence' + m[1], LANG_US);
  return out;
}

/** The other-variety spelling of `word` that is known, when `word`'s own variety is enabled. */
export function knownVariant(word: string, lex: Lexicon, languages: number): string | undefined {
  for (const { variant, variety } of varietyVariants(word)) {
    if ((variety & languages) === 0) continue;
    const cls = lex.classOf(variant);
    if (cls !== undefined && cls < CLASS_NAMES) return variant;
  }
  return undefined;
}

export type Formation = 'variant' | 'suffix' | 'prefix' | 'compound' | 'unit';

/** Metric prefixes and units: `microg`, `kdalton`, `mumol`, `nanomolar`. */
const UNIT_RE =
  /^(?:micro|milli|nano|pico|femto|kilo|mega|centi|deci|mu|k|m|n|p|f|u)(?:g|l|m|mol|mols|molar|s|sec|min|hr|hrs|dalton|daltons|da|gram|grams|litre|litres|liter|liters|metre|metres|meter|meters|unit|units|eq|equiv|osmol|ci|curie|curies|bq|gy|sv|hz|volt|volts|watt|watts|joule|joules|cal|pa|ohm|ohms|amp|amps)$/;

/**
 * True when lower-case `word` is formed from known words. `depth` bounds the chain
 * (`un`+`pre`+`medicated`).
 */
export function knownByMorphology(word: string, lex: Lexicon, languages: number, depth = 2): boolean {
  return formationOf(word, lex, languages, depth) !== undefined;
}

/** How lower-case `word` is formed from known words, if it is. */
export function formationOf(word: string, lex: Lexicon, languages: number, depth = 2): Formation | undefined {
  if (depth <= 0 || word.length < 4) return undefined;
  if (knownVariant(word, lex, languages)) return 'variant';
  if (UNIT_RE.test(word)) return 'unit';
  if (word.length < 5) return undefined;
  if (knownBySuffix(word, lex, languages, depth)) return 'suffix';
  if (knownByPrefix(word, lex, languages, depth)) return 'prefix';
  if (depth >= 2 && knownAsCompound(word, lex)) return 'compound';
  return undefined;
}

function isBase(w: string, lex: Lexicon, maxClass: number, languages: number, depth: number): boolean {
  const cls = lex.classOf(w);
  if (cls !== undefined && cls < maxClass) return true;
  if (depth <= 1) return false;
  return formationOf(w, lex, languages, depth - 1) !== undefined;
}

function knownByPrefix(word: string, lex: Lexicon, languages: number, depth: number): boolean {
  for (const p of PREFIXES_BY_START.get(word.slice(0, 2)) ?? NONE) {
    if (!word.startsWith(p)) continue;
    let rest = word.slice(p.length);
    if (rest.startsWith('-')) rest = rest.slice(1);
    // Short prefixes need a longer word after them: `re`+`action` is fine, `re`+`cent` is not evidence.
    const min = p.length <= 3 ? 5 : p.length === 4 ? 4 : 3;
    if (rest.length < min) continue;
    if (isBase(rest, lex, 81, languages, depth)) return true;
    // A prefix's final vowel merges with the word's first vowel: `para`+`axial` -> `paraxial`.
    if (VOWEL.test(p[p.length - 1]) && !VOWEL.test(rest[0]) && isBase(p[p.length - 1] + rest, lex, 81, languages, depth)) return true;
  }
  return false;
}

/** Two common words written as one (`headspace`, `chestwall`); both parts at least 4 letters. */
function knownAsCompound(word: string, lex: Lexicon): boolean {
  for (let i = 4; i <= word.length - 4; i++) {
    const a = lex.classOf(word.slice(0, i));
    if (a === undefined || a > 50) continue;
    const b = lex.classOf(word.slice(i));
    if (b !== undefined && b <= 50) return true;
  }
  return false;
}

function knownBySuffix(word: string, lex: Lexicon, languages: number, depth: number): boolean {
  for (const r of SUFFIXES_BY_END.get(word.slice(-1)) ?? NONE) {
    if (!word.endsWith(r.suffix)) continue;
    // -ise/-isation are British, -ize/-ization both (Oxford spelling) but mainly American.
    if (/^is(?:e|ed|ing|ation)$/.test(r.suffix) && (languages & LANG_GB) === 0) continue;
    const stem = word.slice(0, word.length - r.suffix.length);
    if (stem.length < r.min) continue;
    if (r.suffix === 's' && /(?:ss|us|is)$/.test(word)) continue;
    for (const b of r.bases) {
      const base = stem + b;
      if (base.length < 3) continue;
      if ((r.suffix === 'ed' || r.suffix === 'ing') && b === '' && doublingExpected(stem, lex)) continue;
      if (isBase(base, lex, CLASS_NAMES, languages, depth)) return true;
    }
    if (r.suffix === 'ed' || r.suffix === 'ing') {
      // Doubled final consonant: `stopped` <- `stop`, `controlling` <- `control`.
      const n = stem.length;
      if (n >= 4 && stem[n - 1] === stem[n - 2] && !VOWEL.test(stem[n - 1])) {
        const base = stem.slice(0, -1);
        if (!lex.classOf(stem) && isBase(base, lex, CLASS_NAMES, languages, depth)) return true;
      }
    }
  }
  return false;
}

/** `occur`+`ing` would be `occurring`: when the doubled spelling is a known word, the plain one is a typo. */
function doublingExpected(stem: string, lex: Lexicon): boolean {
  const n = stem.length;
  if (n < 3) return false;
  const last = stem[n - 1];
  if (VOWEL.test(last) || 'wxy'.includes(last) || !VOWEL.test(stem[n - 2]) || VOWEL.test(stem[n - 3])) return false;
  const doubled = stem + last;
  return lex.classOf(doubled + 'ed') !== undefined || lex.classOf(doubled + 'ing') !== undefined;
}
