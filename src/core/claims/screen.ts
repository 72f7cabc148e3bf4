// A cheap screen run before the claim analysis of a sentence. Most sentences of a draft
// assert no claim of the claim base and use no strong wording; proving that for them costs
// a regex run or two instead of glossary matching and tokenising. The screen may let a
// sentence through that then yields nothing (a superset test), never the other way round.
//
// A claim hit needs a glossary term of every concept group of the claim, and a term match
// begins with the first word of one of its forms (a run of letters and digits, any case).
// It also needs a cue of every cue group, and a cue's first word begins a token (`wordMatchesCue`:
// the token is the word or starts with it; words of up to two letters match whole tokens only).
// Strong wording is only looked for in sentences that name some glossary term, so it needs a
// concept first word too (what `ClaimChecker.mayNameConcept` tests) and one of the strong phrases,
// word by word with no letter or digit between two words (what separates two tokens).
//
// The regexes are tries of their words (`trieRegexSource`, case-insensitive), so the engine tests a few
// characters per position rather than every word. Lower case is compared as ASCII: texts with
// the two characters whose lower case is ASCII (U+0130, U+212A) are always let through.
import type { GlossaryIndex } from '../glossary';
import type { CompiledClaim } from './matcher';
import { trieRegexSource } from '../trieRegex';
import { STRONG_PHRASES } from './overclaim';

const ASCII_LOWER_CASE = /[\u0130\u212a]/;
const NON_ASCII = /[^\x00-\x7f]/;
/** Concept first words the screen can look for. */
const ALNUM = /^[a-z0-9]+$/;
/** Cue words the screen can look for (lower case; compileClaim writes every apostrophe as `'`). */
const CUE_WORD = /^[a-z0-9]+(?:'[a-z]+)?$/;
/** Strong phrases: words of letters and digits, the last one may end in `*`. */
const PHRASE = /^[a-z0-9]+(?: [a-z0-9]+)*\*?$/;

/** Marks a word after which no letter or digit may follow. */
const END = '\u0000';
/**
 * Characters of the screen's words as regex atoms (for the `i` flag): letters and digits as
 * they are, `'` for either apostrophe, a space for a run of characters other than ASCII
 * letters and digits (what lies between two tokens), END for "no letter or digit follows".
 */
function atom(ch: string): string {
  if (/^[a-z0-9]$/.test(ch)) return ch;
  if (ch === "'") return "['’]";
  if (ch === ' ') return '[^A-Za-z0-9]+';
  if (ch === END) return '(?![A-Za-z0-9])';
  throw new Error(`claim screen: cannot match "${ch}"`);
}

const STRONG_SIGN = new RegExp(
  trieRegexSource(
    STRONG_PHRASES.map((p) => {
      if (!PHRASE.test(p)) throw new Error(`claim screen: cannot screen for the strong phrase "${p}"`);
      return p.replace(/\*$/, '');
    }),
    atom,
  ),
  'i',
);

export class ClaimScreen {
  /** First word (lower case) -> the concept groups (global numbers) one of whose forms it begins. */
  private readonly groupsOf = new Map<string, number[]>();
  /** Per claim: its concept groups (global numbers). */
  private readonly claimGroups: number[][];
  /** The ASCII first words as whole words, any case; undefined when there are none. */
  private readonly words: RegExp | undefined;
  /** Some first word is not ASCII: let every non-ASCII sentence through. */
  private readonly unicodeWords: boolean;
  /** Cue first word (lower case, `'` for any apostrophe) -> the cue groups it, or a cue word that begins it, may satisfy. */
  private readonly cueGroupsOf = new Map<string, number[]>();
  /** Per claim: its cue groups (global numbers, after the concept groups); -1: a group always let through. */
  private readonly claimCues: number[][];
  /** The cue first words at token starts, any case; undefined when there are none. */
  private readonly cueWords: RegExp | undefined;
  /** marks[g] === stamp: group g may be present in the sentence being screened. */
  private readonly marks: Int32Array;
  private stamp = 0;

  constructor(claims: CompiledClaim[], glossary: GlossaryIndex) {
    const formsOf = new Map<string, string[]>();
    for (const f of glossary.allForms()) {
      const w = (/[\p{L}\p{N}]+/u.exec(f.form)?.[0] ?? '').toLowerCase();
      if (!w) continue;
      const list = formsOf.get(f.termId);
      if (list) list.push(w);
      else formsOf.set(f.termId, [w]);
    }
    let groups = 0;
    this.claimGroups = claims.map((cc) =>
      cc.concepts.map((group) => {
        const g = groups++;
        for (const id of group) {
          for (const w of formsOf.get(id) ?? []) {
            const list = this.groupsOf.get(w);
            if (!list) this.groupsOf.set(w, [g]);
            else if (list[list.length - 1] !== g) list.push(g);
          }
        }
        return g;
      }),
    );
    const ascii = [...this.groupsOf.keys()].filter((w) => ALNUM.test(w));
    this.unicodeWords = ascii.length < this.groupsOf.size;
    this.words = ascii.length ? new RegExp(`(?<![A-Za-z0-9])${trieRegexSource(ascii, atom)}(?![A-Za-z0-9])`, 'gi') : undefined;

    // Cues: the groups each first word may satisfy.
    const cueGroups = new Map<string, Set<number>>();
    this.claimCues = claims.map((cc) =>
      cc.cues.map((group) => {
        const g = groups++;
        for (const cue of group) {
          const w = cue.words[0];
          if (!CUE_WORD.test(w)) return -1;
          const set = cueGroups.get(w);
          if (set) set.add(g);
          else cueGroups.set(w, new Set([g]));
        }
        return g;
      }),
    );
    const cueWords = [...cueGroups.keys()];
    // The trie matches the longest cue word at a position; every cue word that matches there
    // too begins it (a whole-token word only where the longer one goes on with no letter or digit).
    for (const m of cueWords) {
      const list: number[] = [];
      for (let k = 1; k <= m.length; k++) {
        const w = m.slice(0, k);
        const gs = cueGroups.get(w);
        if (!gs || (k < m.length && wholeToken(w) && /[a-z0-9]/.test(m[k]))) continue;
        for (const g of gs) list.push(g);
      }
      this.cueGroupsOf.set(m, list);
    }
    this.cueWords = cueWords.length
      ? new RegExp(`(?<![A-Za-z0-9])${trieRegexSource(cueWords.map((w) => (wholeToken(w) ? w + END : w)), atom)}`, 'gi')
      : undefined;
    this.marks = new Int32Array(groups);
  }

  /**
   * False when a sentence without citations can yield no claim hit and no strong wording
   * (its analysis would be empty). `odd`: the text may hold U+0130 or U+212A (pass true
   * when unsure; the check is then made here).
   */
  mayMatter(text: string, odd = true): boolean {
    if (odd && ASCII_LOWER_CASE.test(text)) return true;
    if (this.unicodeWords && NON_ASCII.test(text)) return true;
    const re = this.words;
    if (!re) return false;
    re.lastIndex = 0;
    let m = re.exec(text);
    if (!m) return false;
    if (this.stamp === 0x3fffffff) {
      this.marks.fill(0);
      this.stamp = 0;
    }
    const stamp = ++this.stamp;
    const marks = this.marks;
    for (; m; m = re.exec(text)) {
      for (const g of this.groupsOf.get(m[0].toLowerCase()) ?? []) marks[g] = stamp;
    }
    const possible: number[] = [];
    for (let c = 0; c < this.claimGroups.length; c++) if (allMarked(this.claimGroups[c], marks, stamp)) possible.push(c);
    if (possible.length && this.cueWords) {
      const cre = this.cueWords;
      cre.lastIndex = 0;
      for (let cm = cre.exec(text); cm; cm = cre.exec(text)) {
        for (const g of this.cueGroupsOf.get(cm[0].toLowerCase().replace(/’/g, "'")) ?? []) marks[g] = stamp;
      }
    }
    for (const c of possible) if (allMarked(this.claimCues[c], marks, stamp)) return true;
    return STRONG_SIGN.test(text);
  }
}

/** True when `text` may hold U+0130 or U+212A (for `ClaimScreen.mayMatter`'s `odd`). */
export function mayHoldOddCase(text: string): boolean {
  return ASCII_LOWER_CASE.test(text);
}

/** True when `text` may hold a strong phrase (`findStrongPhrases` finds none otherwise, U+0130 and U+212A aside). */
export function mayHoldStrongPhrase(text: string): boolean {
  return STRONG_SIGN.test(text);
}

function allMarked(groups: number[], marks: Int32Array, stamp: number): boolean {
  for (const g of groups) if (g >= 0 && marks[g] !== stamp) return false;
  return true;
}

/** Cue words of up to two characters (not numbers) match whole tokens only (`wordMatchesCue`). */
function wholeToken(w: string): boolean {
  return w.length <= 2 && !/^\d/.test(w);
}
