// Abbreviation definitions in running text: "systemic lupus erythematosus (SLE)",
// "SLE (systemic lupus erythematosus)", "interleukin (IL)-2", "(PEPCase; EC 4.1.1.31)".
//
// Method: Schwartz & Hearst (2003) find a parenthesised short form and search backwards
// for a long form whose words contain the short form's characters in order, the first one
// at the start of a word. We keep that frame and change the parts where it goes wrong,
// in the spirit of Ab3P (Sohn et al. 2008):
//  - the alignment of short-form characters to the long form is not greedy but the best
//    one under a score (letters at word starts beat letters inside words, a run of letters
//    continuing a matched letter is fine, words the short form skips cost), so the long
//    form's start is chosen by that score instead of "the nearest word that begins with
//    the first letter";
//  - then precision checks grouped into ordered strategies (all words start-matched, then
//    one skipped function word, then letters inside words...) decide whether the pair is
//    kept, with stricter checks for riskier shapes (one-letter short forms, lower-case
//    short forms, short forms before their long form);
//  - things in parentheses that are not short forms (p values, "n = 12", numbers with
//    units, years, references, figure numbers, enumerations, Latin names, URLs) are
//    rejected before any search, and only the first `;`/`,` part of a parenthetical is a
//    candidate ("(SLE; n = 20)");
//  - the search window stops at sentence and clause boundaries and at earlier brackets.
//
// Pure engine: no `fs`, no `vscode`.
import { computeLineStarts, positionIn } from './document';
import type { Range } from './types';

export interface AbbreviationDefinition {
  /** The short form as written: `SLE`, `IL`, `TNF-sR`. */
  short: string;
  /** The long form as written in the text: `systemic lupus erythematosus`. */
  long: string;
  /** 1-based line of the short form. */
  line: number;
  /** 0-based column (UTF-16 code units) of the short form in its line. */
  character: number;
  /** 0-based range of the short form. */
  range: Range;
  /** 0-based range of the long form. */
  longRange: Range;
  /** `long-short`: "long form (SF)"; `short-long`: "SF (long form)". */
  pattern: 'long-short' | 'short-long';
  /** Name of the matching strategy that accepted the pair (strictest first). */
  strategy: string;
  /** Offsets into the text (0-based, UTF-16). */
  offset: number;
  longOffset: number;
}

export interface AbbreviationOptions {
  /** Also look for "SF (long form)" (default true). */
  shortBeforeLong?: boolean;
}

// ---------------------------------------------------------------------------------------
// Character classes

const ALNUM = /[\p{L}\p{N}]/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const DIGIT = /\p{N}/u;

function isAlnum(ch: string | undefined): boolean {
  return ch !== undefined && ALNUM.test(ch);
}

const GREEK: Record<string, string> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ζ: 'zeta', η: 'eta', θ: 'theta',
  ι: 'iota', κ: 'kappa', λ: 'lambda', μ: 'mu', ν: 'nu', ξ: 'xi', ο: 'omicron', π: 'pi', ρ: 'rho',
  σ: 'sigma', τ: 'tau', υ: 'upsilon', φ: 'phi', χ: 'chi', ψ: 'psi', ω: 'omega',
  Α: 'alpha', Β: 'beta', Γ: 'gamma', Δ: 'delta', Ε: 'epsilon', Κ: 'kappa', Λ: 'lambda',
  Σ: 'sigma', Ω: 'omega', Φ: 'phi', Ψ: 'psi', Θ: 'theta', µ: 'mu',
};

/** Words a long form may skip (they rarely lend a letter to the short form). */
const FUNCTION_WORDS = new Set([
  'a', 'an', 'the', 'of', 'and', 'or', 'in', 'on', 'for', 'to', 'with', 'by', 'at', 'from', 'as',
  'into', 'via', 'per', 'de', 'du', 'des', 'la', 'le', 'les', 'et', 'der', 'die', 'das', 'und', 'von',
]);

/** Words that start a long form only by accident (determiners, verbs of reporting...). */
const BAD_FIRST_WORDS = new Set([
  'the', 'a', 'an', 'and', 'or', 'of', 'in', 'on', 'for', 'to', 'with', 'by', 'at', 'from', 'as',
  'is', 'are', 'was', 'were', 'be', 'been', 'this', 'that', 'these', 'those', 'its', 'their',
  'our', 'we', 'which', 'who', 'using', 'used', 'use', 'called', 'termed', 'named', 'known',
  'both', 'than', 'also', 'each', 'all', 'between', 'such', 'other', 'some', 'any', 'no', 'not',
  'during', 'after', 'before', 'while', 'when', 'where', 'whereas', 'but', 'if', 'then',
]);

// ---------------------------------------------------------------------------------------
// Short-form candidates

const POINTERS = /^(?:e\.g|i\.e|cf|see|viz|fig|figs|figure|figures|table|tables|ref|refs|eq|eqs|vs|et al|appendix|panel|supplementary|online|mean|median|range|total|ratio|approximately|about|ca)(?![\p{L}])/iu;

const NOT_SHORT_FORM: RegExp[] = [
  /[=<>±≤≥%×]/, // statistics, comparisons, percentages
  // Pointers, not terms ("(e.g. ...)", "(see Table 2)", "(Fig. 3)"); all-capital forms
  // such as "EG" or "REF" may be real short forms.
  POINTERS,
  /^(19|20)\d\d[a-z]?$/, // years
  /^(i{1,3}|iv|vi{0,3}|ix|xi{0,3})$/i, // roman enumerations
  /^[a-z]$/, // (a), (b)
  /^[\d.,\-–/:]+$/, // numbers, ranges
  /^\d[\d.,]*\s/, // quantities: "10 mg", "5 patients"
  /^\d[\d.,]*(?:[mµunpk]?[glmMsL]|mmol|mol|h|hr|hrs|min|d|wk|wks|yr|yrs|y|kDa|Da|bp|kb|Mb|Hz|kHz|MHz|°C|mmHg|IU|U|x)$/, // "10mg", "3.5kDa"
  /^(https?:|www\.|doi:|#|\/)/i,
];

function cleanShortForm(raw: string): string | undefined {
  let s = raw.trim();
  // Only the first part of "(SLE; n = 20)", "(PEPCase, EC 4.1.1.31)".
  const cut = /;\s|,\s|\s[-–]\s|:\s/.exec(s);
  if (cut) s = s.slice(0, cut.index).trim();
  // "C.A.H." keeps its last period; other trailing punctuation goes.
  if (!/^(?:\p{L}\.){2,}$/u.test(s)) s = s.replace(/[.,;:]+$/, '');
  return s || undefined;
}

export function isShortFormCandidate(s: string): boolean {
  if (s.length < 1 || s.length > 15) return false;
  if (!isAlnum(s[0]) && !(s[0] in GREEK)) return false;
  if (!/\p{L}/u.test(s)) return false;
  for (const re of NOT_SHORT_FORM) if (re.test(s) && !(re === POINTERS && /^[\p{Lu}\p{N}]+$/u.test(s))) return false;
  const words = s.split(/\s+/);
  if (words.length > 2) return false;
  const hasUpper = UPPER.test(s);
  const hasDigit = DIGIT.test(s);
  if (words.length === 2) {
    // "TNF alpha", "ACS II", "CB 3717", "gamma IFN": one word carries capitals or digits.
    if (!UPPER.test(s) && !hasDigit) return false;
    if (/^\p{Lu}\p{Ll}+$/u.test(words[0]) && /^\p{Ll}+$/u.test(words[1])) return false; // "Homo sapiens"
  }
  // Ordinary words in parentheses ("(tretinoin)", "(Basiliscus)") are not short forms.
  if (!hasUpper && !hasDigit && s.replace(/[^\p{L}]/gu, '').length > 4) return false;
  if (/^\p{Lu}\p{Ll}{4,}$/u.test(s)) return false; // "(Monash)", "(Nature)"
  return true;
}

// ---------------------------------------------------------------------------------------
// Text windows

interface Window {
  /** Window text (original characters). */
  text: string;
  /** Offset of the window in the document. */
  offset: number;
}

const SENTENCE_ABBREV = /(?:^|[\s(])(?:e\.g|i\.e|vs|al|cf|Dr|Mr|Mrs|Ms|Prof|Fig|Figs|No|approx|ca|St|sp|spp|var|Inc|Ltd|Co)\.$/;

/** Text before `end` back to the nearest sentence / clause / bracket boundary. */
function windowBefore(text: string, end: number, maxChars = 400): Window {
  let i = end - 1;
  const stop = Math.max(0, end - maxChars);
  let depth = 0;
  for (; i >= stop; i--) {
    const ch = text[i];
    if (ch === ')' || ch === ']') {
      // A bracket group that stands alone ("(SLE) and ...") ends the window; one glued
      // to a word ("GABA(A)/benzodiazepine", "N(2)O") is part of that word.
      if (depth === 0 && (i + 1 >= text.length || /[\s,;:]/.test(text[i + 1]))) {
        const open = matchingOpenBefore(text, i);
        if (open < 0 || open === 0 || /\s/.test(text[open - 1])) break;
      }
      depth++;
      continue;
    }
    if (ch === '(' || ch === '[') {
      if (depth === 0) break; // enclosing bracket
      depth--;
      continue;
    }
    if (depth > 0) continue;
    if (ch === '\n') {
      // A blank line, or a line that starts a Markdown block, ends the window.
      if (text[i - 1] === '\n' || text[i - 1] === '\r') break;
      const rest = text.slice(i + 1, i + 4);
      if (/^\s*(?:[#>*+-]\s|\d+\.\s|\|)/.test(rest)) break;
      continue;
    }
    if ((ch === ';' || ch === ':' || ch === ',') && /\s/.test(text[i + 1] ?? ' ')) break;
    if ((ch === '.' || ch === '?' || ch === '!') && /\s/.test(text[i + 1] ?? ' ')) {
      if (ch !== '.') break;
      const before = text.slice(Math.max(0, i - 8), i + 1);
      if (/(?:^|[\s(])\p{Lu}\.$/u.test(before)) continue; // initial: "T. kodakaraensis"
      if (SENTENCE_ABBREV.test(before)) continue;
      break;
    }
  }
  const offset = i + 1;
  return { text: text.slice(offset, end), offset };
}

function matchingOpenBefore(text: string, close: number): number {
  const open = text[close] === ')' ? '(' : '[';
  const closeCh = text[close];
  let depth = 0;
  for (let i = close; i >= Math.max(0, close - 300); i--) {
    if (text[i] === closeCh) depth++;
    else if (text[i] === open) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function matchingClose(text: string, open: number): number {
  const openCh = text[open];
  const closeCh = openCh === '(' ? ')' : ']';
  let depth = 0;
  for (let i = open; i < text.length && i < open + 400; i++) {
    const ch = text[i];
    if (ch === '\n' && text[i + 1] === '\n') return -1;
    if (ch === openCh) depth++;
    else if (ch === closeCh) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

// ---------------------------------------------------------------------------------------
// Alignment of a short form to a long form

interface Token {
  start: number; // in window text
  end: number;
  text: string;
}

interface Subword {
  start: number;
  end: number;
  token: number; // index of the whitespace token
  fn: boolean; // function word
  num: boolean; // digits only
}

interface Prepared {
  /** Lower-cased window with Greek letters spelled out; `map[i]` = index in window text. */
  norm: string;
  map: number[];
  /** Subword index of each normalised position, -1 outside words. */
  sub: Int32Array;
  wordStart: Uint8Array;
  subwords: Subword[];
  tokens: Token[];
}

function prepare(win: string): Prepared {
  let norm = '';
  const map: number[] = [];
  for (let i = 0; i < win.length; i++) {
    const ch = win[i];
    const g = GREEK[ch];
    if (g) {
      for (const c of g) {
        norm += c;
        map.push(i);
      }
    } else {
      norm += ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch;
      map.push(i);
    }
  }
  const n = norm.length;
  const sub = new Int32Array(n).fill(-1);
  const wordStart = new Uint8Array(n);
  const subwords: Subword[] = [];
  const tokens: Token[] = [];
  const tokenRe = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = tokenRe.exec(norm))) tokens.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  let t = 0;
  for (let i = 0; i < n; i++) {
    while (t < tokens.length && tokens[t].end <= i) t++;
    if (!isAlnum(norm[i])) continue;
    const orig = win[map[i]];
    const prevOrig = i > 0 ? win[map[i - 1]] : undefined;
    const newWord =
      i === 0 ||
      !isAlnum(norm[i - 1]) ||
      (map[i] !== map[i - 1] && UPPER.test(orig) && prevOrig !== undefined && LOWER.test(prevOrig)) ||
      (map[i] !== map[i - 1] && GREEK[orig] !== undefined) ||
      (DIGIT.test(norm[i]) !== DIGIT.test(norm[i - 1]) && !DIGIT.test(norm[i]) && false);
    if (newWord) {
      wordStart[i] = 1;
      subwords.push({ start: i, end: i + 1, token: t, fn: false, num: false });
    }
    const sw = subwords[subwords.length - 1];
    sw.end = i + 1;
    sub[i] = subwords.length - 1;
  }
  for (const sw of subwords) {
    const w = norm.slice(sw.start, sw.end);
    sw.fn = FUNCTION_WORDS.has(w);
    sw.num = /^\p{N}+$/u.test(w);
  }
  return { norm, map, sub, wordStart, subwords, tokens };
}

interface Alignment {
  positions: number[]; // normalised positions of each short-form character
  score: number;
  starts: number; // characters matched at word starts
  inside: number; // characters matched inside words, not continuing a previous match
  skipped: number; // content subwords without a matched character
  skippedFn: number;
  firstToken: number;
  /** The last word of the window lends no character. */
  lastSkipped: boolean;
  /** The first character matched the start of a whitespace token (not a compound's part). */
  atTokenStart: boolean;
}

const SCORE_START = 3;
const SCORE_CONT = 2;
const SCORE_INSIDE = 0;
const PENALTY_SKIP = 4;
const PENALTY_SKIP_FN = 1;
const PENALTY_SKIP_NUM = 0.5;

/** Characters of a short form that must be found: letters and digits, Greek spelled out. */
function shortChars(sf: string): string {
  let out = '';
  for (const ch of sf) {
    const g = GREEK[ch];
    if (g) out += g;
    else if (isAlnum(ch)) out += ch.toLowerCase();
  }
  return out;
}

function skipPenalty(p: Prepared, from: number, to: number): [number, number, number] {
  // Penalty for subwords strictly between subword indexes `from` and `to`. A part of a
  // compound whose other part lends a letter ("insulin-like", "X-ray") costs little.
  let pen = 0;
  let skipped = 0;
  let skippedFn = 0;
  const tFrom = p.subwords[from]?.token ?? -1;
  const tTo = p.subwords[to]?.token ?? -1;
  for (let s = from + 1; s < to; s++) {
    const sw = p.subwords[s];
    if (sw.token === tFrom || sw.token === tTo) pen += PENALTY_SKIP_NUM;
    else if (sw.fn) {
      pen += PENALTY_SKIP_FN;
      skippedFn++;
    } else if (sw.num) pen += PENALTY_SKIP_NUM;
    else {
      pen += PENALTY_SKIP;
      skipped++;
    }
  }
  return [pen, skipped, skippedFn];
}

/**
 * Best alignment of the short form's characters `sc` in `p.norm`, the first character
 * at the word start `first`. Dynamic programming over matching positions.
 */
function align(p: Prepared, sc: string, first: number): Alignment | undefined {
  const n = p.norm.length;
  const m = sc.length;
  // cands[k] = positions where sc[k] may match (after `first`).
  let prevPos = [first];
  let prevScore = [SCORE_START];
  const back: number[][] = [[-1]];
  const posLists: number[][] = [[first]];
  for (let k = 1; k < m; k++) {
    const ch = sc[k];
    const pos: number[] = [];
    const score: number[] = [];
    const bp: number[] = [];
    for (let i = first + 1; i < n; i++) {
      if (p.norm[i] !== ch || p.sub[i] < 0) continue;
      let best = -Infinity;
      let arg = -1;
      for (let j = 0; j < prevPos.length; j++) {
        const q = prevPos[j];
        if (q >= i) break;
        let gain: number;
        if (p.wordStart[i]) gain = SCORE_START;
        else if (q === i - 1 && p.sub[q] === p.sub[i]) gain = SCORE_CONT;
        else gain = SCORE_INSIDE;
        // The short form's letters come from the long form's words in order: a word that
        // lends no letter between two matches is "skipped".
        let pen = 0;
        if (p.sub[i] !== p.sub[q]) {
          pen = skipPenalty(p, p.sub[q], p.sub[i])[0];
          // A letter inside a word whose start lent nothing: Ab3P's riskiest strategy.
          if (!p.wordStart[i]) pen += 1.5;
        }
        const s = prevScore[j] + gain - pen;
        if (s > best) {
          best = s;
          arg = j;
        }
      }
      if (arg >= 0) {
        pos.push(i);
        score.push(best);
        bp.push(arg);
      }
    }
    if (!pos.length) return undefined;
    prevPos = pos;
    prevScore = score;
    back.push(bp);
    posLists.push(pos);
  }
  // Close: words after the last match up to the end of the window are skipped too.
  let bestTotal = -Infinity;
  let bestJ = -1;
  const lastSub = p.subwords.length;
  for (let j = 0; j < prevPos.length; j++) {
    const tail = skipPenalty(p, p.sub[prevPos[j]], lastSub)[0];
    const s = prevScore[j] - tail;
    if (s > bestTotal) {
      bestTotal = s;
      bestJ = j;
    }
  }
  const positions = new Array<number>(m);
  let j = bestJ;
  for (let k = m - 1; k >= 0; k--) {
    positions[k] = posLists[k][j];
    j = back[k][j];
  }
  // Statistics for the precision checks.
  let starts = 0;
  let inside = 0;
  const used = new Set<number>();
  for (let k = 0; k < m; k++) {
    const i = positions[k];
    used.add(p.sub[i]);
    if (p.wordStart[i]) starts++;
    else if (!(k > 0 && positions[k - 1] === i - 1)) inside++;
  }
  let skipped = 0;
  let skippedFn = 0;
  const usedTokens = new Set<number>();
  for (const s of used) usedTokens.add(p.subwords[s].token);
  // Skipped words are counted per whitespace token ("IgG" is one word, not "Ig" + "G").
  const skippedTokens = new Set<number>();
  for (let s = p.sub[first]; s < lastSub; s++) {
    if (used.has(s)) continue;
    const sw = p.subwords[s];
    if (usedTokens.has(sw.token) || skippedTokens.has(sw.token)) continue;
    if (sw.fn) skippedFn++;
    else if (!sw.num) {
      skipped++;
      skippedTokens.add(sw.token);
    }
  }
  return {
    positions,
    score: bestTotal,
    starts,
    inside,
    skipped,
    skippedFn,
    firstToken: p.subwords[p.sub[first]].token,
    lastSkipped: !usedTokens.has(p.tokens.length - 1),
    atTokenStart: p.tokens[p.subwords[p.sub[first]].token].start === first,
  };
}

// ---------------------------------------------------------------------------------------
// Strategies: ordered from the most to the least precise. A pair is accepted by the first
// strategy whose checks it passes; among long-form candidates, the better strategy wins,
// then the shorter long form (Schwartz & Hearst's preference).

const STRATEGIES = [
  'first-letters', // every short-form character starts a word: "general anesthesia (GA)"
  'first-letters-skip-function-words', // "Department of Energy (DOE)"
  'letters-within-words', // "5-hydroxytryptamine (5HT)", "phosphoenolpyruvate carboxylase (PEPCase)"
  'one-word-long-form', // "angiotensin (Ang)", "ubiquitin (Ub)"
  'any-letters',
  'first-letters-one-skipped', // "Staphylococcus aureus enterotoxin B (SEB)"
  'head-noun-skipped', // "medial preoptic nucleus (MPO)"
] as const;

interface Judged {
  level: number;
  strategy: string;
}

function judged(level: number): Judged {
  return { level, strategy: STRATEGIES[level] };
}

function judge(a: Alignment, sf: string, lfTokens: number, pattern: 'long-short' | 'short-long'): Judged | undefined {
  const m = a.positions.length;
  const letters = sf.replace(/[^\p{L}]/gu, '').length;
  const lowerSf = !UPPER.test(sf);
  // One-character short forms: only a single word that starts with it ("testosterone (T)").
  if (m === 1) return lfTokens === 1 && a.skipped === 0 && a.skippedFn === 0 ? judged(0) : undefined;
  // Two characters: no letter picked from inside a word ("resistance (Rt)" is not a definition).
  // (An all-capital pair may take its second letter from inside a word: "monozygotic (MZ)",
  // "gentamicin (GM)"; a lower-case second letter is a subscript: "resistance (Rt)".)
  if (m === 2 && a.inside > 0 && !/^[^\p{Ll}]*$/u.test(sf)) return undefined;
  if (a.skipped === 0) {
    if (a.inside === 0 && a.skippedFn === 0) return judged(0);
    if (a.inside === 0 && a.skippedFn <= 2) return judged(1);
    // Letters inside words: fine when every word still lends its first letter and most
    // characters sit on word starts or runs.
    if (a.skippedFn <= 2 && a.inside <= Math.max(1, Math.floor(m / 2)) && a.starts >= lfTokens) return judged(2);
    if (pattern === 'long-short' && lfTokens === 1 && a.inside <= Math.ceil(m / 2) && !lowerSf) return judged(3);
    if (pattern === 'long-short' && a.skippedFn === 0 && a.inside <= 2 && a.starts >= 2 && letters >= 3) return judged(4);
    return undefined;
  }
  // One content word skipped: only in longer long forms where everything else lines up
  // with word starts.
  if (pattern === 'long-short' && a.skipped === 1 && a.inside === 0 && (a.starts >= 3 || (a.starts >= 2 && !a.lastSkipped && m >= 2)) && (lfTokens >= 4 || !a.lastSkipped)) return judged(5);
  // A head noun after the spelled-out part: "medial preoptic nucleus (MPO)",
  // "Hamilton Depression Scale (HAM-D)".
  if (pattern === 'long-short' && a.skipped === 1 && a.lastSkipped && a.atTokenStart && a.skippedFn === 0 && m >= 3 && ((a.inside <= 1 && a.starts >= 2) || a.inside === 0)) return judged(6);
  return undefined;
}

// ---------------------------------------------------------------------------------------

interface Candidate {
  long: string;
  longStart: number; // offset in document
  strategy: string;
}

const MAX_LONG_TOKENS_EXTRA = 5;

/** Long form for `sf` ending at the end of `win` (pattern "long form (SF)"). */
function longFormBefore(sfWritten: string, win: Window): Candidate | undefined {
  // A plural short form ("DCs", "IIPs") stands for a plural long form: its final "s"
  // is the long form's plural ending, not a letter to look for.
  const plural = /\p{Lu}s$/u.test(sfWritten) && /s\s*$/.test(win.text);
  const sf = plural ? sfWritten.slice(0, -1) : sfWritten;
  const sc = shortChars(sf);
  if (!sc.length) return undefined;
  const p = prepare(win.text);
  if (!p.tokens.length) return undefined;
  const maxTokens = Math.min(sc.length + MAX_LONG_TOKENS_EXTRA, sc.length * 2);
  const firstTok = Math.max(0, p.tokens.length - maxTokens);
  let best: { a: Alignment; j: Judged; start: number } | undefined;
  // Try every word start that carries the first character, nearest first.
  for (let s = p.subwords.length - 1; s >= 0; s--) {
    const sw = p.subwords[s];
    if (sw.token < firstTok) break;
    if (p.norm[sw.start] !== sc[0]) continue;
    const a = align(p, sc, sw.start);
    if (!a) continue;
    // The long form begins at the start of its whitespace token ("2,6-diaminopurine"),
    // unless what precedes the word in that token is punctuation of the sentence
    // ("(SCID)/beige", "Ngn3/paired", "malformations--persistent").
    const tok = p.tokens[a.firstToken];
    const prefix = p.norm.slice(tok.start, sw.start);
    let start = tok.start;
    if (/(?:\/|--|[—–:=])$/.test(prefix)) start = sw.start;
    // Leading quotes go; a leading bracket only when it is not closed within the word
    // ("(-)-[125I]-cyanopindolol" keeps its brackets).
    while (start < sw.start && /["'“‘*_`[(]/.test(p.norm[start])) {
      const tokText = p.norm.slice(start, tok.end);
      const open = tokText[0];
      if ((open === '(' && tokText.includes(')')) || (open === '[' && tokText.includes(']'))) break;
      start++;
    }
    const firstWord = p.norm.slice(start).replace(/[^\p{L}\p{N}].*$/su, '');
    if (BAD_FIRST_WORDS.has(firstWord) && sc.length > 1) continue;
    const lfTokens = p.tokens.length - a.firstToken;
    const j = judge(a, sf, lfTokens, 'long-short');
    if (!j) continue;
    if (!best || j.level < best.j.level) best = { a, j, start };
  }
  if (!best) return undefined;
  const startOrig = p.map[best.start];
  let long = win.text.slice(startOrig).replace(/[\s,;:*_`"'”’]+$/u, '');
  long = long.replace(/\s+/g, ' ');
  if (!long) return undefined;
  return { long, longStart: win.offset + startOrig, strategy: best.j.strategy };
}

/** Pattern "SF (long form)": `lf` is the bracket text. */
function longFormAfter(sf: string, lf: string): string | undefined {
  const sc = shortChars(sf);
  if (sc.length < 2) return undefined;
  const p = prepare(lf);
  if (p.tokens.length < 1 || p.tokens.length > sc.length + MAX_LONG_TOKENS_EXTRA) return undefined;
  const first = p.subwords[0];
  if (!first || first.start !== p.tokens[0].start) return undefined;
  if (p.norm[first.start] !== sc[0]) return undefined;
  const a = align(p, sc, first.start);
  if (!a) return undefined;
  const j = judge(a, sf, p.tokens.length, 'short-long');
  if (!j) return undefined;
  return j.strategy;
}

function looksLikeShortFormToken(s: string): boolean {
  if (s.length < 2 || s.length > 10) return false;
  if (!UPPER.test(s.slice(1)) && !(UPPER.test(s[0]) && DIGIT.test(s))) return false; // "SLE", "IL-2", "mRNA"; not "Patients"
  if (!isAlnum(s[0])) return false;
  return isShortFormCandidate(s);
}

// ---------------------------------------------------------------------------------------

/**
 * Finds abbreviation definitions in `text`, in text order. Every definition found is
 * returned (a short form defined twice appears twice); see `uniqueAbbreviations`.
 */
export function findAbbreviations(text: string, options: AbbreviationOptions = {}): AbbreviationDefinition[] {
  const out: AbbreviationDefinition[] = [];
  const starts = computeLineStarts(text);
  const shortBeforeLong = options.shortBeforeLong !== false;
  const push = (short: string, sOff: number, long: string, lOff: number, pattern: AbbreviationDefinition['pattern'], strategy: string) => {
    const s = positionIn(starts, sOff);
    const se = positionIn(starts, sOff + short.length);
    const l = positionIn(starts, lOff);
    const le = positionIn(starts, lOff + long.length);
    out.push({
      short,
      long,
      line: s.line + 1,
      character: s.character,
      range: { start: s, end: se },
      longRange: { start: l, end: le },
      pattern,
      strategy,
      offset: sOff,
      longOffset: lOff,
    });
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '(' && ch !== '[') continue;
    // Markdown links "[text](url)" and citations "[1]" are skipped by the checks below.
    if (ch === '(' && text[i - 1] === ']') continue;
    const close = matchingClose(text, i);
    if (close < 0) continue;
    const inner = text.slice(i + 1, close);
    // A bracket glued to the previous word is part of a formula or name ("N(2)O",
    // "GABA(A)", "NAD(P)H"), unless it follows a plain word and holds a short form:
    // "ubiquitin(Ub)/proteasome".
    const glued = i > 0 && isAlnum(text[i - 1]);
    if (glued) {
      const word = /[\p{L}\p{N}-]+$/u.exec(text.slice(Math.max(0, i - 40), i))?.[0] ?? '';
      if (!/^\p{L}*\p{Ll}{4,}$/u.test(word) || isAlnum(text[close + 1]) || !/^\p{L}[\p{L}\p{N}]+$/u.test(inner)) continue;
    }
    const lead = inner.length - inner.trimStart().length;
    const sf = cleanShortForm(inner);
    let found = false;
    if (sf && isShortFormCandidate(sf)) {
      const win = windowBefore(text, i);
      let cand = longFormBefore(sf, win);
      // "interrupted aortic arch (IAA-B)", "(TAS-20)": a qualifier joined to the short
      // form that the long form does not spell out.
      const base = /^(.*\p{Lu}.*)[-\s][\p{L}\p{N}]{1,2}$/u.exec(sf)?.[1];
      if (!cand && base && base.length >= 2) cand = longFormBefore(base, win);
      // "17-beta-estradiol (E2)", "triiodothyronine (T3)": a number the long form does not spell.
      const letters = /^(\p{L}+)\d{1,2}$/u.exec(sf)?.[1];
      if (!cand && letters && /\p{Lu}/u.test(letters)) {
        const c = longFormBefore(letters, win);
        if (c && !/\s/.test(c.long) && !/\d/.test(c.long.slice(-3))) cand = c;
      }
      if (cand && acceptPair(sf, cand.long)) {
        push(sf, i + 1 + lead, cand.long, cand.longStart, 'long-short', cand.strategy);
        found = true;
      }
    }
    if (!found && !glued && /[,;]\s/.test(inner)) {
      // "(arylhydrocarbon receptor nuclear translocator, ARNT)": long form, then short form.
      const m = /^(.*\S)\s*[,;]\s+(\S+)\s*$/su.exec(inner);
      if (m && looksLikeShortFormToken(m[2]) && m[1].split(/\s+/).length <= shortChars(m[2]).length + MAX_LONG_TOKENS_EXTRA) {
        const lf = m[1].trim();
        const strat = longFormAfter(m[2], lf);
        if (strat && acceptPair(m[2], lf)) {
          push(m[2], i + 1 + inner.lastIndexOf(m[2]), lf.replace(/\s+/g, ' '), i + 1 + lead, 'long-short', strat);
          found = true;
        }
      }
    }
    if (!found && !glued && shortBeforeLong && ch === '(') {
      // "SLE (systemic lupus erythematosus)"
      const m = /(\S+)\s+$/.exec(text.slice(Math.max(0, i - 40), i));
      if (m) {
        const sfTok = m[1].replace(/^["'“‘*_`]+/, '');
        const sfStart = i - m[0].length + (m[1].length - sfTok.length);
        if (looksLikeShortFormToken(sfTok)) {
          const lfRaw = inner.trim();
          const parts = [lfRaw];
          const semi = lfRaw.split(/;\s/)[0];
          if (semi !== lfRaw) parts.push(semi);
          const comma = semi.split(/,\s/)[0];
          if (comma !== semi) parts.push(comma);
          for (const lf of parts) {
            if (!lf || /[=<>±%]/.test(lf) || /^\p{N}/u.test(lf)) continue;
            if (lf.split(/\s+/).length < 2 && lf.length < sfTok.length + 3) continue;
            const strat = longFormAfter(sfTok, lf);
            if (strat && acceptPair(sfTok, lf)) {
              push(sfTok, sfStart, lf.replace(/\s+/g, ' '), i + 1 + lead, 'short-long', strat);
              break;
            }
          }
        }
      }
    }
  }
  return out;
}

function acceptPair(sf: string, lf: string): boolean {
  if (lf.length <= sf.length) return false;
  // "L1CAM (L1)": a name and its shorter alias, not a definition.
  if (lf.startsWith(sf) && !/^\p{Ll}/u.test(lf.slice(sf.length))) return false;
  const lfLower = lf.toLowerCase();
  const sfLower = sf.toLowerCase();
  // The long form must not contain the short form as a word of its own.
  const words = lfLower.split(/[\s/]+/);
  if (words.includes(sfLower)) return false;
  // Unbalanced brackets: the long form crossed a bracket boundary.
  const opens = (lf.match(/[([]/g) ?? []).length;
  const closes = (lf.match(/[)\]]/g) ?? []).length;
  if (opens !== closes) return false;
  return true;
}

/** One entry per (short, long-lower-case) pair, first occurrence kept. */
export function uniqueAbbreviations(defs: AbbreviationDefinition[]): AbbreviationDefinition[] {
  const seen = new Set<string>();
  const out: AbbreviationDefinition[] = [];
  for (const d of defs) {
    const k = `${d.short}\u0000${d.long.toLowerCase()}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(d);
  }
  return out;
}
