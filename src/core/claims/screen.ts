// A cheap screen run before the claim analysis of a sentence. Most sentences of a draft
// assert no claim of the claim base and use no strong wording; proving that for them costs
// a regex run or two instead of the full analysis (glossary terms, tokens, cues, negation,
// the assertion filter). The screen may let a sentence through that then yields nothing (a
// superset test), never the other way round.
//
// A claim hit needs a glossary term of every concept group of the claim and a cue of every
// cue group. A term match begins with the first word of one of its forms (a run of letters
// and digits, any case): one regex of all those first words tells which concept groups may
// be there. Only when all concept groups of some claim may be there, a second regex looks for
// the cues' first words at the start of a token (`wordMatchesCue`: the token is the word or
// starts with it; words of up to two letters match whole tokens only). Only when a claim has
// both, the glossary terms themselves are found (`findTerms`, as the analysis would).
// Strong wording is only looked for in sentences that name some glossary term, so it needs a
// concept first word too (what `ClaimChecker.mayNameConcept` tests) and one of the strong
// phrases, word by word with no letter or digit between two words (what separates two tokens),
// beginning where a token may begin: not after an ASCII letter or digit (`prove` in `improve`
// is no strong wording, and `improve` is common in abstracts).
//
// The regexes are case-insensitive (ASCII letters only, as the `i` flag without `u` has it)
// and are tries of their words (`trieRegexSource`), so the engine tests a few characters per
// position rather than every word. Texts with the two characters whose lower case is ASCII
// (U+0130, U+212A) are always let through.
import { GlossaryIndex, leadingKeyTokens } from '../glossary';
import type { CompiledClaim } from './matcher';
import { trieRegexSource } from '../trieRegex';
import { STRONG_PHRASES } from './overclaim';
import { isAscii, isAsciiAlnum } from '../chars';

const ASCII_LOWER_CASE = /[\u0130\u212a]/;
/** Concept first words the screen can look for. */
const ALNUM = /^[a-z0-9]+$/;
/** Cue words the screen can look for (lower case; compileClaim writes every apostrophe as `'`). */
const CUE_WORD = /^[a-z0-9]+(?:'[a-z]+)?$/;
/** Strong phrases: words of letters and digits, the last one may end in `*`. */
const PHRASE = /^[a-z0-9]+(?: [a-z0-9]+)*\*?$/;

/** Marks a word after which no letter or digit may follow. */
const END = '\u0000';
/**
 * Characters of the screen's words as regex atoms (lower case; the regexes take the `i` flag): letters and digits
 * as they are, `'` for either apostrophe, a space for a run of characters other than ASCII
 * letters and digits (what lies between two tokens), END for "no letter or digit follows".
 */
function atom(ch: string): string {
  if (/^[a-z0-9]$/.test(ch)) return ch;
  if (ch === "'") return "['’]";
  if (ch === ' ') return '[^a-z0-9]+';
  if (ch === END) return '(?![a-z0-9])';
  throw new Error(`claim screen: cannot match "${ch}"`);
}

/**
 * Where a token may begin, as the start of a regex: the text's start, or a character other than
 * an ASCII letter or digit, consumed. The same places as the lookbehind `(?<![a-z0-9])`, but V8
 * scans a regex that begins by consuming a character class about a third faster.
 */
const TOKEN_START = '(?:^|[^a-z0-9])';

const STRONG_SIGN = new RegExp(
  `${TOKEN_START}${trieRegexSource(
    STRONG_PHRASES.map((p) => {
      if (!PHRASE.test(p)) throw new Error(`claim screen: cannot screen for the strong phrase "${p}"`);
      return p.replace(/\*$/, '');
    }),
    atom,
  )}`,
  'i',
);

export class ClaimScreen {
  /** First word (lower case) -> the concept groups with a form of that one word. */
  private readonly alone = new Map<string, number[]>();
  /** First word -> the concept groups with a form that begins with it (when a second token follows). */
  private readonly then = new Map<string, number[]>();
  /** First word -> the second tokens of its forms: words, and punctuation marks (one string). */
  private readonly nextWords = new Map<string, string[]>();
  private readonly nextMarks = new Map<string, string>();
  /** Per claim: its concept groups and its cue groups (numbers into `marks`). */
  private readonly claimGroups: number[][];
  /** Per concept group: its term ids. */
  private readonly groupIds: Array<Set<string>> = [];
  /** The ASCII first words as whole words (any case). */
  readonly words: RegExp | undefined;
  /** Some first or second token is not ASCII: let every non-ASCII sentence through. */
  private readonly unicodeWords: boolean;
  /** Per claim, per cue group: the first words of its cues, as written in lower-cased text (both apostrophes); null: let through. */
  private readonly claimCues: Array<Array<string[] | null>>;
  /** Per concept group: the claim it belongs to. */
  private readonly claimOf: number[] = [];
  /** marks[g] === stamp: group g may be present in the sentence being screened. */
  private readonly marks: Int32Array;
  /** counts[c]: how many concept groups of claim c may be present (valid where counted[c] === stamp). */
  private readonly counts: Int32Array;
  private readonly counted: Int32Array;
  /** The claims all of whose concept groups are marked for the sentence being screened. */
  private readonly possible: number[] = [];
  /** Cue word -> whether it begins a token of the text being judged. */
  private readonly cueSeen = new Map<string, boolean>();
  private stamp = 0;

  constructor(
    claims: CompiledClaim[],
    private readonly glossary: GlossaryIndex,
  ) {
    // Per concept term, by the first two tokens of its forms (lower case): the first words of
    // its one-word forms, and the first words of its longer forms with their second tokens
    // (`t` + `cells` for `T cells`).
    const conceptIds = new Set(claims.flatMap((cc) => cc.concepts.flatMap((ids) => [...ids])));
    const formsOf = new Map<string, { alone: Set<string>; then: Map<string, Set<string>> }>();
    let unicodeWords = false;
    for (const f of glossary.allForms()) {
      if (!conceptIds.has(f.termId)) continue;
      // A form must begin with a word to match (`findTerms`).
      const tokens = leadingKeyTokens(f.form, 2);
      if (!tokens) continue;
      if (!isAscii(tokens.join(''))) unicodeWords = true;
      let forms = formsOf.get(f.termId);
      if (!forms) formsOf.set(f.termId, (forms = { alone: new Set(), then: new Map() }));
      if (tokens.length === 1) forms.alone.add(tokens[0]);
      else {
        const next = forms.then.get(tokens[0]);
        if (next) next.add(tokens[1]);
        else forms.then.set(tokens[0], new Set([tokens[1]]));
      }
    }
    let groups = 0;
    const firstWords = new Map<string, { alone: number[]; then: number[]; next: Set<string> }>();
    const entryOf = (first: string) => {
      let entry = firstWords.get(first);
      if (!entry) firstWords.set(first, (entry = { alone: [], then: [], next: new Set() }));
      return entry;
    };
    const add = (list: number[], g: number) => {
      if (list[list.length - 1] !== g) list.push(g);
    };
    this.claimGroups = claims.map((cc, c) =>
      cc.concepts.map((ids) => {
        const g = groups++;
        this.groupIds[g] = ids;
        this.claimOf[g] = c;
        for (const id of ids) {
          const forms = formsOf.get(id);
          if (!forms) continue;
          for (const first of forms.alone) add(entryOf(first).alone, g);
          for (const [first, seconds] of forms.then) {
            const entry = entryOf(first);
            add(entry.then, g);
            for (const second of seconds) entry.next.add(second);
          }
        }
        return g;
      }),
    );
    this.unicodeWords = unicodeWords;
    // The first words as whole words (one regex); the token after one is then checked by
    // `goesOn` where forms go on.
    const ascii = [...firstWords.keys()].filter((w) => ALNUM.test(w));
    for (const w of ascii) {
      const entry = firstWords.get(w)!;
      this.alone.set(w, entry.alone);
      this.then.set(w, [...entry.alone, ...entry.then]);
      const next = [...entry.next].filter((t) => isAscii(t));
      this.nextWords.set(w, next.filter((t) => ALNUM.test(t)));
      this.nextMarks.set(w, next.filter((t) => !ALNUM.test(t)).join(''));
    }
    this.words = ascii.length ? new RegExp(`${TOKEN_START}${trieRegexSource(ascii, atom)}(?![a-z0-9])`, 'gi') : undefined;

    this.claimCues = claims.map((cc) =>
      cc.cues.map((group) => {
        const words = new Set<string>();
        for (const cue of group) {
          const w = cue.words[0];
          if (!CUE_WORD.test(w)) return null;
          words.add(w);
          if (w.includes("'")) words.add(w.replace("'", '’'));
        }
        return [...words];
      }),
    );
    this.marks = new Int32Array(groups);
    this.counts = new Int32Array(claims.length);
    this.counted = new Int32Array(claims.length);
  }

  /**
   * False when a sentence without citations can yield no claim hit and no strong wording
   * (its analysis would be empty). `odd`: the text may hold U+0130 or U+212A (pass true
   * when unsure; the check is then made here). `plain`: no part of the sentence is excluded
   * from checking (code, URL, math ...), so its glossary terms are those `findTerms` finds.
   */
  mayMatter(text: string, odd = true, plain = false): boolean {
    if (odd && ASCII_LOWER_CASE.test(text)) return true;
    if (this.unicodeWords && !isAscii(text)) return true;
    const re = this.words;
    if (!re) return false;
    re.lastIndex = 0;
    let m = re.exec(text);
    if (!m) return false;
    const stamp = this.nextStamp();
    for (; m; m = re.exec(text)) {
      // The match is the word, after the character before it unless the text starts with it.
      const lead = isAsciiAlnum(m[0].charCodeAt(0)) ? 0 : 1;
      const w = (lead ? m[0].slice(1) : m[0]).toLowerCase();
      this.mark(w, this.goesOn(text, m.index + lead + w.length, w), stamp);
    }
    return this.judge(text, plain);
  }

  /**
   * False when no sentence of a block (paragraph, list item, cell) can yield a claim hit or
   * strong wording: `mayMatter` of the whole block, as if parts of it were excluded. It is a
   * superset of the test on each sentence, whatever `plain` that test is given: a sentence is
   * a stretch of the block with white space (or the block's edge) on both sides, so the
   * block holds each of its whole words, each token that may follow one of them (and more,
   * where a sentence's end cut it short), each cue word at the start of a token, and each
   * strong phrase; and `plain` only ever turns a sentence down.
   */
  mayMatterInBlock(block: string, odd = true): boolean {
    return this.mayMatter(block, odd, false);
  }

  private nextStamp(): number {
    if (this.stamp === 0x3fffffff) {
      this.marks.fill(0);
      this.counted.fill(0);
      this.stamp = 0;
    }
    this.possible.length = 0;
    return ++this.stamp;
  }

  /**
   * Whether a form that begins with `word` may go on at `at` in `text` with its second token:
   * a word after white space other than a line break or after a hyphen (how `findTerms` joins
   * two words of a form), or a punctuation mark after such white space or none.
   */
  private goesOn(text: string, at: number, word: string): boolean {
    let k = at;
    while (k < text.length && isSpaceInLine(text.charCodeAt(k))) k++;
    const marks = this.nextMarks.get(word)!;
    if (marks && k < text.length && marks.includes(text[k])) return true;
    const words = this.nextWords.get(word)!;
    if (!words.length) return false;
    if (k === at) {
      if (text[k] !== '-') return false;
      k++;
    }
    for (const next of words) {
      const end = k + next.length;
      if (text.slice(k, end).toLowerCase() === next && !(end < text.length && isAsciiAlnum(text.charCodeAt(end)))) return true;
    }
    return false;
  }

  /** Marks the concept groups a first word (lower case) may begin, with or without a second token; counts the claims that then have all. */
  private mark(first: string, twoTokens: boolean, stamp: number): void {
    for (const g of (twoTokens ? this.then : this.alone).get(first)!) {
      if (this.marks[g] === stamp) continue;
      this.marks[g] = stamp;
      const c = this.claimOf[g];
      if (this.counted[c] !== stamp) {
        this.counted[c] = stamp;
        this.counts[c] = 0;
      }
      if (++this.counts[c] === this.claimGroups[c].length) this.possible.push(c);
    }
  }

  /** The rest of the screen, once first words are marked: cues, terms, strong wording. */
  private judge(text: string, plain: boolean): boolean {
    // Lower case keeps every offset (U+0130 aside) and is ASCII only where the text is.
    if (this.possible.length) {
      const lower = text.toLowerCase();
      this.cueSeen.clear();
      // Without the terms test (`plain` false), one claim with its cues is enough.
      if (!plain) return this.possible.some((c) => this.mayHaveCues(lower, c)) || STRONG_SIGN.test(text);
      const cued = this.possible.filter((c) => this.mayHaveCues(lower, c));
      if (!cued.length) return STRONG_SIGN.test(text);
      // The terms themselves, as the analysis finds them when nothing in the sentence is excluded.
      const present = new Set<string>();
      for (const t of this.glossary.findTerms(text)) present.add(t.termId);
      if (cued.some((c) => this.claimGroups[c].every((g) => hasAny(this.groupIds[g], present)))) return true;
    }
    return STRONG_SIGN.test(text);
  }

  /** Whether claim `c` may have a cue of every cue group in `lower`: the first word of one of its cues begins a token. */
  private mayHaveCues(lower: string, c: number): boolean {
    return this.claimCues[c].every((words) => words === null || words.some((w) => this.beginsToken(lower, w)));
  }

  /** `beginsToken`, remembered per text being judged (claims share cue words: `limit`, `reduc` ...). */
  private beginsToken(lower: string, word: string): boolean {
    let found = this.cueSeen.get(word);
    if (found === undefined) this.cueSeen.set(word, (found = beginsToken(lower, word)));
    return found;
  }
}

/** True when `word` occurs in `lower` at the start of a token (a whole token for short words, as `wordMatchesCue`). */
function beginsToken(lower: string, word: string): boolean {
  const whole = wholeToken(word);
  for (let i = lower.indexOf(word); i >= 0; i = lower.indexOf(word, i + 1)) {
    if (i > 0 && isAsciiAlnum(lower.charCodeAt(i - 1))) continue;
    if (whole && i + word.length < lower.length && isAsciiAlnum(lower.charCodeAt(i + word.length))) continue;
    return true;
  }
  return false;
}

/** White space as `\\s` has it, but for the line feed (a form does not span a line break). */
function isSpaceInLine(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13 && c !== 10);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function hasAny(ids: Set<string>, present: Set<string>): boolean {
  for (const id of ids) if (present.has(id)) return true;
  return false;
}

/** True when `text` may hold U+0130 or U+212A (for `ClaimScreen.mayMatter`'s `odd`). */
export function mayHoldOddCase(text: string): boolean {
  return ASCII_LOWER_CASE.test(text);
}

/** True when `text` may hold a strong phrase (`findStrongPhrases` finds none otherwise, U+0130 and U+212A aside). */
export function mayHoldStrongPhrase(text: string): boolean {
  return STRONG_SIGN.test(text);
}

/** The screen's regexes, for tests: the strong-phrase sign and a screen's first-word regex. */
export function screenRegexes(screen?: ClaimScreen): { strong: RegExp; words?: RegExp } {
  return { strong: STRONG_SIGN, words: screen?.words };
}

/** Cue words of up to two characters (not numbers) match whole tokens only (`wordMatchesCue`). */
function wholeToken(w: string): boolean {
  return w.length <= 2 && !/^\d/.test(w);
}
