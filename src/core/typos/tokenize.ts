// Word tokens for spell checking. Offsets are UTF-16 code units (JS string indices),
// the unit VS Code columns use, so a finding's range always covers exactly the word.
//
// A token is a run of letters, marks and digits, joined inside the word by apostrophes
// (' ’ ʼ), hyphens (- ‐ ‑) and invisible format characters (soft hyphen, zero-width
// joiners, bidi marks). Everything else separates words: spaces including NBSP,
// punctuation, emoji. A token is split at hyphens into parts, which are checked one by
// one (`anti-inflammatory`, `interleukin-2`).

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

const TOKEN_RE =
  /[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}]|\p{Cf}+(?=[\p{L}\p{M}\p{N}])|['’ʼ\-\u2010\u2011](?=[\p{L}\p{M}\p{N}]|\p{Cf}))*/gu;
const FORMAT_RE = /\p{Cf}/gu;
const APOSTROPHE_RE = /[’ʼ]/g;
const HYPHEN_RE = /[-\u2010\u2011]/;
const DIGIT_RE = /\p{N}/u;
const NON_LATIN_LETTER_RE = /(?=\p{L})\P{Script=Latin}/u;

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

function makePart(text: string, start: number, end: number): WordPart {
  const raw = text.slice(start, end);
  const norm = normalizeWord(raw);
  return {
    start,
    end,
    raw,
    norm,
    hasDigit: DIGIT_RE.test(raw),
    latin: !hasSpecial(raw) || !NON_LATIN_LETTER_RE.test(raw),
  };
}

/** Word tokens of `text` (usually one line). */
export function tokenize(text: string): WordToken[] {
  const out: WordToken[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const token = makePart(text, start, end) as WordToken;
    if (HYPHEN_RE.test(m[0])) {
      token.parts = [];
      let s = start;
      for (let i = start; i <= end; i++) {
        if (i === end || HYPHEN_RE.test(text[i])) {
          // Format characters next to a hyphen belong to neither part.
          let a = s;
          let b = i;
          while (a < b && /\p{Cf}/u.test(text[a])) a++;
          while (b > a && /\p{Cf}/u.test(text[b - 1])) b--;
          if (b > a) token.parts.push(makePart(text, a, b));
          s = i + 1;
        }
      }
    } else {
      token.parts = [token];
    }
    out.push(token);
  }
  return out;
}

export type CaseShape = 'lower' | 'capitalised' | 'upper' | 'mixed' | 'none';

/** The case pattern of a word (letters only; apostrophes and marks ignored). */
export function caseShape(word: string): CaseShape {
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
