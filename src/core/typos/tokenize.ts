// Word tokens for spell checking. Offsets are UTF-16 code units (JS string indices),
// the unit VS Code columns use, so a finding's range always covers exactly the word.
//
// A token is a run of letters, marks and digits, joined inside the word by apostrophes
// (' ’ ʼ), hyphens (- ‐ ‑) and invisible format characters (soft hyphen, zero-width
// joiners, bidi marks). Everything else separates words: spaces including NBSP,
// punctuation, emoji. A token is split at hyphens into parts, which are checked one by
// one (`anti-inflammatory`, `interleukin-2`).
import { isAscii } from '../chars';

export interface WordPart {
  /** Offsets in the text given to `tokenize` (UTF-16 code units). */
  start: number;
  end: number;
  /** The text as written. */
  raw: string;
  /** Lookup form: NFC, format characters removed, curly apostrophes made straight. */
  norm: string;
  hasDigit: boolean;
  /** Only Latin letters (plus marks, digits, apostrophes): the words we can check. */
  latin: boolean;
}

export interface WordToken extends WordPart {
  /** Hyphen-separated parts (one part when there is no hyphen). */
  parts: WordPart[];
}

const FORMAT_RE = /\p{Cf}/gu;
const APOSTROPHE_RE = /[’ʼ]/g;
const NON_LATIN_LETTER_RE = /(?=\p{L})\P{Script=Latin}/u;
const WORD_CHAR_RE = /^[\p{L}\p{M}\p{N}]$/u;
const FORMAT_CHAR_RE = /^\p{Cf}$/u;
const DIGIT_CHAR_RE = /^\p{N}$/u;

const OTHER = 0;
const WORD = 1;
const DIGIT = 2;
const FORMAT = 3;
const JOIN = 4; // apostrophes
const HYPHEN = 5;

const classCache = new Map<number, number>();

/** Character class of the code point `cp` (cached for non-ASCII). */
function classify(cp: number): number {
  if (cp < 128) {
    if ((cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90)) return WORD;
    if (cp >= 48 && cp <= 57) return DIGIT;
    if (cp === 39) return JOIN;
    if (cp === 45) return HYPHEN;
    return OTHER;
  }
  let c = classCache.get(cp);
  if (c === undefined) {
    const ch = String.fromCodePoint(cp);
    if (cp === 0x2019 || cp === 0x2bc) c = JOIN;
    else if (cp === 0x2010 || cp === 0x2011) c = HYPHEN;
    else if (DIGIT_CHAR_RE.test(ch)) c = DIGIT;
    else if (WORD_CHAR_RE.test(ch)) c = WORD;
    else if (FORMAT_CHAR_RE.test(ch)) c = FORMAT;
    else c = OTHER;
    if (classCache.size < 4096) classCache.set(cp, c);
  }
  return c;
}

export function normalizeWord(raw: string): string {
  let s = raw;
  if (s.length > 0 && hasSpecial(s)) {
    s = s.replace(FORMAT_RE, '').replace(APOSTROPHE_RE, "'");
    s = s.normalize('NFC');
  }
  return s;
}

function hasSpecial(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return true;
  return false;
}

function makePart(text: string, start: number, end: number, hasDigit: boolean, nonAscii: boolean): WordPart {
  const raw = text.slice(start, end);
  return {
    start,
    end,
    raw,
    norm: nonAscii ? normalizeWord(raw) : raw,
    hasDigit,
    latin: !nonAscii || !NON_LATIN_LETTER_RE.test(raw),
  };
}

/** Word tokens of `text` (usually one line). */
export function tokenize(text: string): WordToken[] {
  const out: WordToken[] = [];
  const len = text.length;
  let i = 0;
  let cls = 0;
  let width = 1;
  // Class and width (1 or 2 code units) of the character at `at`.
  const read = (at: number): void => {
    const cu = text.charCodeAt(at);
    if (cu >= 0xd800 && cu <= 0xdbff && at + 1 < len) {
      const cp = text.codePointAt(at)!;
      width = cp > 0xffff ? 2 : 1;
      cls = classify(cp);
    } else {
      width = 1;
      cls = classify(cu);
    }
  };
  while (i < len) {
    read(i);
    if (cls !== WORD && cls !== DIGIT) {
      i += width;
      continue;
    }
    const start = i;
    let hasDigit = false;
    let nonAscii = false;
    let hyphen = false;
    let end = i;
    let j = i;
    // j is at a word character: consume it, then joiners that lead to another word character.
    for (;;) {
      if (j >= len) break;
      read(j);
      if (cls === WORD || cls === DIGIT) {
        if (cls === DIGIT) hasDigit = true;
        if (text.charCodeAt(j) > 0x7f) nonAscii = true;
        j += width;
        end = j;
        continue;
      }
      // A run of joiners/format characters is kept only when a word character follows.
      let k = j;
      let sawJoin = 0;
      let sawHyphen = false;
      for (;;) {
        if (k >= len) break;
        read(k);
        if (cls === FORMAT) {
          k += width;
          continue;
        }
        if ((cls === JOIN || cls === HYPHEN) && sawJoin === 0) {
          sawJoin = 1;
          if (cls === HYPHEN) sawHyphen = true;
          k += width;
          continue;
        }
        break;
      }
      if (k > j && k < len && (cls === WORD || cls === DIGIT)) {
        for (let a = j; a < k; a++) if (text.charCodeAt(a) > 0x7f) nonAscii = true;
        if (sawHyphen) hyphen = true;
        j = k;
        continue;
      }
      break;
    }
    const token = makePart(text, start, end, hasDigit, nonAscii) as WordToken;
    token.parts = hyphen ? splitParts(text, start, end) : [token];
    out.push(token);
    i = end;
  }
  return out;
}

function splitParts(text: string, start: number, end: number): WordPart[] {
  const parts: WordPart[] = [];
  let s = start;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : 45;
    if (c === 45 || c === 0x2010 || c === 0x2011) {
      let a = s;
      let b = i;
      // Format characters next to a hyphen belong to neither part.
      while (a < b && classify(text.charCodeAt(a)) === FORMAT) a++;
      while (b > a && classify(text.charCodeAt(b - 1)) === FORMAT) b--;
      if (b > a) {
        let hasDigit = false;
        let nonAscii = false;
        for (let k = a; k < b; k++) {
          const cu = text.charCodeAt(k);
          if (cu > 0x7f) {
            nonAscii = true;
            if (classify(cu) === DIGIT) hasDigit = true;
          } else if (cu >= 48 && cu <= 57) hasDigit = true;
        }
        parts.push(makePart(text, a, b, hasDigit, nonAscii));
      }
      s = i + 1;
    }
  }
  return parts;
}

export type CaseShape = 'lower' | 'capitalised' | 'upper' | 'mixed' | 'none';

/** The case pattern of a word (letters only; apostrophes and marks ignored). */
export function caseShape(word: string): CaseShape {
  if (isAscii(word)) return asciiCaseShape(word);
  let upper = 0;
  let lower = 0;
  let firstUpper = false;
  let seen = 0;
  for (const ch of word) {
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    if (lo === up) continue; // not a cased letter
    if (ch === up) {
      upper++;
      if (seen === 0) firstUpper = true;
    } else lower++;
    seen++;
  }
  if (seen === 0) return 'none';
  if (upper === 0) return 'lower';
  if (lower === 0) return seen === 1 ? 'capitalised' : 'upper';
  if (firstUpper && upper === 1) return 'capitalised';
  return 'mixed';
}

/** Gives `suggestion` the case pattern of `original` (`Interlukin` -> `Interleukin`). */
export function matchCase(original: string, suggestion: string): string {
  if (suggestion !== suggestion.toLowerCase()) return suggestion; // a form with its own capitals (IL-2)
  switch (caseShape(original)) {
    case 'upper':
      return suggestion.toUpperCase();
    case 'capitalised':
      return suggestion.charAt(0).toUpperCase() + suggestion.slice(1);
    default:
      return suggestion;
  }
}

// asciiCaseShape with native regex tests: no per-character loop before the JIT has warmed up.
const HAS_UPPER = /[A-Z]/;
const HAS_LOWER = /[a-z]/;
const TWO_UPPER = /[A-Z][^A-Z]*[A-Z]/;
/** The first letter is a capital and the only one. */
const ONE_LEADING_UPPER = /^[^A-Za-z]*[A-Z][^A-Z]*$/;

function asciiCaseShape(word: string): CaseShape {
  if (!HAS_UPPER.test(word)) return HAS_LOWER.test(word) ? 'lower' : 'none';
  if (!HAS_LOWER.test(word)) return TWO_UPPER.test(word) ? 'upper' : 'capitalised';
  return ONE_LEADING_UPPER.test(word) ? 'capitalised' : 'mixed';
}
