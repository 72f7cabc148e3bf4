// Claim matching: does a sentence assert a claim of the claim base?
// A claim matches when the sentence names a glossary term from every concept group (any
// variant or abbreviation, via the glossary index) and a cue from every cue group, and the
// assertion is not negated ("IL-2 did not restore ..."), asked ("Does IL-2 ...?") or merely
// announced as a topic ("we examine whether ...", "In this section we discuss ...").
// Cues are word stems matched at word starts: long stems (5+ letters) match any word they
// begin; short ones only with an ordinary English ending (`low` -> lower, not `allow`).
import type { Claim } from '../data';
import type { GlossaryIndex, TermMatch } from '../glossary';
import { trieRegexSource } from '../trieRegex';
import { isAscii, isAsciiAlnum } from '../chars';

export interface Token {
  /** Lower-case text. */
  text: string;
  /** Offsets relative to the sentence. */
  start: number;
  end: number;
  /** Clause number: commas, semicolons, colons, dashes, brackets and contrastive words start a new one. */
  clause: number;
  /** Term id when the token lies inside a glossary term match. */
  termId?: string;
}

export interface CueHit {
  cue: string;
  /** Token index range [from, to). */
  from: number;
  to: number;
  negated: boolean;
  negator?: string;
}

export interface ConceptHit {
  termId: string;
  text: string;
  start: number;
  end: number;
}

export interface ClaimHit {
  claim: Claim;
  concepts: ConceptHit[];
  cues: CueHit[];
  /** 0..1: how much of the sentence's content the match explains (used to rank overlapping claims). */
  score: number;
}

export interface SentenceClaims {
  hits: ClaimHit[];
  /** Claims whose concepts and cues were all present but which the sentence negates or only asks about. */
  negated: Array<{ claim: Claim; reason: string }>;
  tokens: Token[];
  terms: TermMatch[];
  /** Why the sentence as a whole does not assert anything, if so. */
  nonAssertive?: string;
}

const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?|[,;:()[\]—–]|\s-\s/gu;
/** WORD_RE restricted to ASCII text (where \p{L} is [A-Za-z], \p{N} is [0-9], and ’ — – do not occur). */
const ASCII_WORD_RE = /[A-Za-z0-9]+(?:'[A-Za-z]+)?|[,;:()[\]]|\s-\s/g;
/** The one-character punctuation tokens of WORD_RE. */
const PUNCT_TOKENS = new Set([',', ';', ':', '(', ')', '[', ']', '—', '–']);
function isPunctToken(w: string): boolean {
  if (w.length === 1) return PUNCT_TOKENS.has(w);
  if (isAsciiAlnum(w.charCodeAt(0))) return false;
  return !/[\p{L}\p{N}]/u.test(w[0]);
}
const CLAUSE_BREAKERS = new Set(['but', 'although', 'though', 'whereas', 'however', 'yet', 'while', 'unlike', 'despite']);

/** Short-stem endings: a cue of up to 4 characters matches a word only with one of these. */
const ENDINGS = new Set([
  '', 's', 'es', 'ed', 'd', 'ing', 'er', 'ers', 'est', 'ly', 'e', 'y', 'ies', 'ied', 'ation', 'ations', 'ion', 'ions',
  'ment', 'ments', 'al', 'ally', 'ive', 'ively', 'ity', 'ty', 'ness', 'ous', 'ful', 'ance', 'ances', 'ence', 'ences',
  'ant', 'ants', 'ent', 'ents', 'ate', 'ates', 'ated', 'ating', 'ative', 'atively', 'or', 'ors', 'ure', 'ures', 'ic',
  'ical', 'ically', 'ise', 'ize', 'ised', 'ized', 'ises', 'izes', 'ising', 'izing', 'th', 'n', 'en', 'led', 'ling',
  'ped', 'ping', 'ted', 'ting', 'ned', 'ning', 'ged', 'ging', 'red', 'ring', 'able', 'ably', 'ible', 'ibly', 'ial',
  'ially', 'ian', 'ians', 'ory', 'ories', 'ary', 'aries', 'age', 'ages', 'ee', 'ees', 'ling', 'lings', 'ward', 'wards',
]);

/** Words that negate a cue that follows them within the same clause (up to NEG_WINDOW tokens). */
const NEGATORS = new Set([
  'not', 'no', 'never', 'neither', 'nor', 'without', 'cannot', 'fail', 'fails', 'failed', 'failing', 'unable',
  'unlikely', 'lack', 'lacks', 'lacked', 'lacking', 'none', 'nothing', 'hardly', 'barely', 'absence', 'absent',
  'insufficient', 'refute', 'refuted', 'disproved', 'disproven', 'contrary', 'rather', 'instead', 'neither',
]);
const NEG_WINDOW = 5;
/** Negator words that, followed by the given word, do not negate (`not only`, `no doubt`). */
const NOT_NEGATING = new Map<string, Set<string>>([
  ['not', new Set(['only', 'just', 'merely', 'simply'])],
  ['no', new Set(['doubt', 'question'])],
  ['without', new Set(['doubt', 'question'])],
]);

/** Any of the words or phrases, as a prefix-sharing group (compiles faster than a flat alternation). */
function any(...phrases: string[]): string {
  return `(?:${trieRegexSource(phrases)})`;
}

/**
 * Phrases that turn a sentence into a question, a plan or a topic rather than an assertion.
 * Matched on the lower-cased sentence; linear patterns over bounded words. Built on first use
 * (`nonAssertiveReason`): a short run that never asks spends nothing on them.
 */
let nonAssertivePatterns: Array<[RegExp, string]> | undefined;
const buildNonAssertive = (): Array<[RegExp, string]> => [
  [/\bwhether\b/, 'asks whether'],
  [/\bhypothes[ie]\w*/, 'states a hypothesis'],
  [
    new RegExp(
      String.raw`\b${any('aim', 'aims', 'aimed', 'sought', 'seek', 'seeks', 'set out', 'intend', 'intends', 'intended', 'plan', 'plans', 'planned')} to ` +
        String.raw`${any('assess', 'determine', 'evaluate', 'examine', 'investigate', 'explore', 'test', 'study', 'measure', 'compare', 'establish', 'find out', 'learn', 'understand', 'see', 'ask', 'check')}\b`,
    ),
    'states an aim',
  ],
  [
    new RegExp(String.raw`\b${any('to', 'will', 'we')} ${any('assess', 'determine', 'evaluate', 'examine', 'investigate', 'explore', 'study', 'measure', 'compare', 'find out', 'ask', 'check')}\b`),
    'states an aim',
  ],
  [
    new RegExp(
      String.raw`\b${any('was', 'were', 'is', 'are', 'will be', 'to be', 'being', 'been')} ` +
        String.raw`${any('assessed', 'evaluated', 'examined', 'investigated', 'explored', 'studied', 'measured', 'analysed', 'analyzed', 'compared', 'questioned', 'debated', 'discussed', 'reviewed', 'unclear', 'unknown', 'uncertain', 'not known', 'controversial')}\b`,
    ),
    'describes a study, not a finding',
  ],
  [
    new RegExp(
      String.raw`\b${any('we', 'this section', 'this chapter', 'this paper', 'this article', 'this review', 'this report', 'this note', 'this document', 'this study', 'this essay', 'here we', 'below we', 'next we', 'the following section')} (?:briefly )?` +
        String.raw`${any('discuss', 'discusses', 'review', 'reviews', 'describe', 'describes', 'summarise', 'summarises', 'summarize', 'summarizes', 'outline', 'outlines', 'consider', 'considers', 'introduce', 'introduces', 'present', 'presents', 'look at', 'looks at', 'turn to', 'turns to', 'focus on', 'focuses on', 'ask', 'asks', 'cover', 'covers', 'explain', 'explains', 'examine', 'examines', 'explore', 'explores')}\b`,
    ),
    'announces a topic',
  ],
  [
    new RegExp(String.raw`\b${any('in this section', 'in this chapter', 'in this paper', 'in this article', 'in this review', 'as a topic', 'the topic of', 'the question of', 'the relationship between', 'the link between', 'the role of')}\b`),
    'announces a topic',
  ],
  [new RegExp(String.raw`\b${any('no', 'little', 'insufficient', 'limited', 'no convincing', 'no good')} evidence ${any('that', 'for', 'of')}\b`), 'denies the evidence'],
  [
    new RegExp(
      String.raw`\b(?:it is )?${any('not known', 'not clear', 'not established', 'not proven', 'not shown', 'not yet known', 'not yet clear', 'not yet established', 'not yet proven', 'not yet shown', 'unclear', 'unknown', 'uncertain', 'debated', 'controversial')} ` +
        String.raw`${any('whether', 'if', 'that', 'how')}\b`,
    ),
    'says it is not known',
  ],
  [
    new RegExp(String.raw`\b${any('is', 'are', 'was', 'were')} (?:a )?myths?\b|\bmyth that\b|\b${any('wrongly', 'falsely', 'mistakenly')} ${any('believed', 'claimed', 'assumed', 'thought')}\b`),
    'reports a false belief',
  ],
];

/** Words of a sentence, with clause numbers and the glossary terms they belong to. */
export function tokenize(text: string, terms: TermMatch[]): Token[] {
  const tokens: Token[] = [];
  let clause = 0;
  let t = 0;
  // ASCII text (most sentences): the same tokens from a non-Unicode regex, which runs faster.
  const re = isAscii(text) ? ASCII_WORD_RE : WORD_RE;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const w = m[0];
    // Punctuation matches are single characters or ` - `; every word match begins with a letter or digit.
    if (isPunctToken(w)) {
      clause++;
      continue;
    }
    let lower = w.toLowerCase();
    if (lower.includes('’')) lower = lower.replace(/’/g, "'");
    if (CLAUSE_BREAKERS.has(lower)) clause++;
    const start = m.index;
    const end = m.index + w.length;
    while (t < terms.length && terms[t].end <= start) t++;
    const termId = t < terms.length && terms[t].start <= start && end <= terms[t].end ? terms[t].termId : undefined;
    tokens.push({ text: lower, start, end, clause, termId });
  }
  return tokens;
}

/** True when `word` is `cue` or begins with it in an allowed way. */
export function wordMatchesCue(word: string, cue: string): boolean {
  if (word === cue) return true;
  if (!word.startsWith(cue)) {
    // Possessives and contractions: `patient's` for `patient`.
    return false;
  }
  const rest = word.slice(cue.length);
  if (/^\d/.test(cue)) return /^\d{0,2}s?$/.test(rest);
  if (cue.length >= 5) return true;
  if (cue.length <= 2) return false;
  if (rest.startsWith("'")) return rest === "'s";
  return ENDINGS.has(rest) || (ENDINGS.has(rest.slice(1)) && rest[0] === cue[cue.length - 1]);
}

interface CompiledCue {
  text: string;
  words: string[];
}

export interface CompiledClaim {
  claim: Claim;
  concepts: Array<Set<string>>;
  cues: CompiledCue[][];
}

/**
 * The words of a cue, lower case, apostrophes as `'`. In ASCII (most cues) letters and digits
 * are [a-z0-9] once lower-cased: the same words as the Unicode pattern, which costs more to
 * compile on a cold run.
 */
function cueWords(cue: string): string[] {
  const lower = cue.toLowerCase().replace(/’/g, "'");
  return (isAscii(lower) ? lower.match(/[a-z0-9]+(?:'[a-z]+)?/g) : lower.match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu)) ?? [];
}

export function compileClaim(claim: Claim): CompiledClaim {
  return {
    claim,
    concepts: claim.concepts.map((g) => new Set(g)),
    cues: claim.cues.map((g) =>
      g.map((c) => ({ text: c, words: cueWords(c) })).filter((c) => c.words.length > 0),
    ),
  };
}

/**
 * Finds every cue of a group in the tokens. Phrases match word by word; one adverb in -ly
 * may stand between two words ("acted selectively on" for `acted on`).
 */
function findCue(tokens: Token[], cue: CompiledCue, excludedTerms: Set<string>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const n = cue.words.length;
  const first = cue.words[0];
  for (let i = 0; i + n <= tokens.length; i++) {
    const t0 = tokens[i];
    if ((t0.termId && excludedTerms.has(t0.termId)) || !wordMatchesCue(t0.text, first)) continue;
    let j = i + 1;
    let ok = true;
    for (let k = 1; k < n && ok; k++) {
      let tok = tokens[j];
      if (tok && tok.text.length > 4 && tok.text.endsWith('ly') && !wordMatchesCue(tok.text, cue.words[k]) && tokens[j + 1]) tok = tokens[++j];
      ok = Boolean(tok) && !(tok.termId && excludedTerms.has(tok.termId)) && wordMatchesCue(tok.text, cue.words[k]) && tok.clause === t0.clause;
      j++;
    }
    if (ok) out.push([i, j]);
  }
  return out;
}

/** Copular cues (`is a`, `acts as`) need the claim's subject (first concept group) just before them. */
const COPULAR = new Set(['is', 'are', 'was', 'were', 'acts', 'act', 'serves', 'serve', 'belongs', 'belong', 'remains']);
function subjectBefore(tokens: Token[], from: number, subject: Set<string>): boolean {
  for (let i = from - 1; i >= 0 && i >= from - 4; i--) {
    const id = tokens[i].termId;
    if (id && subject.has(id)) return true;
  }
  return false;
}

/** "Without IL-2, Tregs cannot survive": a negation answering a sentence-initial "without" affirms. */
function doubleNegative(tokens: Token[], from: number): boolean {
  const w0 = tokens[0]?.text;
  const startsWithout = w0 === 'without' || (w0 === 'in' && tokens[1]?.text === 'the' && tokens[2]?.text === 'absence');
  return startsWithout && tokens[from].clause > tokens[0].clause;
}

/** The negating word before token `from` in its clause, if any. */
export function negatorBefore(tokens: Token[], from: number, ignore?: Set<number>): string | undefined {
  const clause = tokens[from]?.clause;
  for (let i = from - 1; i >= 0 && i >= from - NEG_WINDOW; i--) {
    const tok = tokens[i];
    if (tok.clause !== clause) break;
    if (ignore?.has(i)) continue;
    const w = tok.text;
    const next = tokens[i + 1]?.text;
    if (NEGATORS.has(w) || w.endsWith("n't")) {
      if (next && NOT_NEGATING.get(w)?.has(next)) continue;
      if (w === 'no' && tokens[i + 1] && tokens[i + 1].clause === clause && i + 1 < from && /^(?:longer)$/.test(next ?? '')) return 'no longer';
      return w;
    }
  }
  return undefined;
}

/** Why a sentence does not assert anything (question, aim, topic), or undefined. */
export function nonAssertiveReason(text: string): string | undefined {
  const trimmed = text.trim().replace(/[\s*_)"”’\]]+$/, '');
  if (trimmed.endsWith('?')) return 'is a question';
  const lower = text.toLowerCase();
  for (const [re, why] of (nonAssertivePatterns ??= buildNonAssertive())) if (re.test(lower)) return why;
  // "If ..., then ...": a conditional (two searches, no backtracking between them).
  const cond = /\b(?:if|unless|suppose|supposing|imagine)\b/.exec(lower);
  if (cond && /\bthen\b/.test(lower.slice(cond.index))) return 'is conditional';
  return undefined;
}

/**
 * Gives `result` a `nonAssertive` worked out on first read (`nonAssertiveReason(text)`); once
 * read, it is a plain property, absent when the sentence asserts.
 */
function lazyReason(result: SentenceClaims, text: string): void {
  Object.defineProperty(result, 'nonAssertive', {
    configurable: true,
    enumerable: true,
    get(this: SentenceClaims) {
      const why = nonAssertiveReason(text);
      delete this.nonAssertive;
      if (why) this.nonAssertive = why;
      return why;
    },
    set(this: SentenceClaims, value: string | undefined) {
      Object.defineProperty(this, 'nonAssertive', { value, writable: true, enumerable: true, configurable: true });
    },
  });
}

function hasAny(group: Set<string>, present: Set<string>): boolean {
  for (const id of group) if (present.has(id)) return true;
  return false;
}

/** Per claim list: the indexes of the claims that name each term id (claims without concepts under ''). */
const CLAIM_INDEX = new WeakMap<CompiledClaim[], { n: number; index: Map<string, number[]> }>();

/** Indexes, ascending, of the claims that name at least one present term (or no concept at all). */
function candidateClaims(claims: CompiledClaim[], present: Set<string>): number[] {
  let index = CLAIM_INDEX.get(claims)?.n === claims.length ? CLAIM_INDEX.get(claims)!.index : undefined;
  if (!index) {
    index = new Map();
    claims.forEach((cc, ci) => {
      const ids = new Set<string>();
      for (const g of cc.concepts) for (const id of g) ids.add(id);
      if (!cc.concepts.length) ids.add('');
      for (const id of ids) {
        const list = index!.get(id);
        if (list) list.push(ci);
        else index!.set(id, [ci]);
      }
    });
    CLAIM_INDEX.set(claims, { n: claims.length, index });
  }
  const seen = new Set<number>(index.get('') ?? []);
  for (const id of present) for (const ci of index.get(id) ?? []) seen.add(ci);
  return [...seen].sort((a, b) => a - b);
}

/**
 * Matches one sentence against the compiled claims (a list indexed on first use: do not
 * change its claims in place; appending is noticed). `skip(start, end)` (offsets relative to
 * the sentence) rejects glossary matches in non-prose spans and citations.
 */
export function matchSentence(
  text: string,
  claims: CompiledClaim[],
  glossary: GlossaryIndex,
  skip?: (start: number, end: number) => boolean,
): SentenceClaims {
  const terms = glossary.findTerms(text, skip);
  return matchTerms(text, claims, terms, tokenize(text, terms));
}

/**
 * `matchSentence` with the sentence's terms and tokens found already. `wantReason`: false
 * when the caller has no use for `nonAssertive` unless a claim matches (it is then only worked
 * out where a claim needs it).
 */
export function matchTerms(text: string, claims: CompiledClaim[], terms: TermMatch[], tokens: Token[], wantReason = true): SentenceClaims {
  const result: SentenceClaims = { hits: [], negated: [], tokens, terms };
  if (terms.length === 0) return result;
  const present = new Set(terms.map((t) => t.termId));
  // Why the sentence asserts nothing, worked out when first needed (undefined: it asserts).
  let reason: string | undefined | null = null;
  const nonAssertiveOf = () => (reason === null ? (reason = nonAssertiveReason(text)) : reason);
  for (const ci of candidateClaims(claims, present)) {
    const cc = claims[ci];
    if (!cc.concepts.every((g) => hasAny(g, present))) continue;
    const conceptIds = new Set<string>();
    for (const g of cc.concepts) for (const id of g) if (present.has(id)) conceptIds.add(id);
    const cueHits: CueHit[] = [];
    let allGroups = true;
    let negatedBy: string | undefined;
    // Negating words that belong to one of the claim's own cues ("do not know" for an
    // unknown cause) do not negate its other cues.
    const ownNegators = new Set<number>();
    for (const group of cc.cues) {
      for (const cue of group) {
        if (!cue.words.some((w) => NEGATORS.has(w) || w.endsWith("n't"))) continue;
        for (const [from, to] of findCue(tokens, cue, conceptIds)) for (let k = from; k < to; k++) ownNegators.add(k);
      }
    }
    for (const group of cc.cues) {
      let best: CueHit | undefined;
      let firstNegated: CueHit | undefined;
      for (const cue of group) {
        for (const [from, to] of findCue(tokens, cue, conceptIds)) {
          if (COPULAR.has(cue.words[0]) && cue.words.length > 1 && !subjectBefore(tokens, from, cc.concepts[0])) continue;
          let neg = cue.words.some((w) => NEGATORS.has(w) || w.endsWith("n't")) ? undefined : negatorBefore(tokens, from, ownNegators);
          if (neg && doubleNegative(tokens, from)) neg = undefined;
          const hit: CueHit = { cue: cue.text, from, to, negated: Boolean(neg), negator: neg };
          if (!neg && !best) best = hit;
          if (neg && !firstNegated) firstNegated = hit;
        }
        if (best) break;
      }
      if (best) cueHits.push(best);
      else {
        allGroups = false;
        if (firstNegated) negatedBy = negatedBy ?? `"${firstNegated.negator}" negates "${tokens.slice(firstNegated.from, firstNegated.to).map((t) => t.text).join(' ')}"`;
      }
    }
    if (!allGroups) {
      if (negatedBy) result.negated.push({ claim: cc.claim, reason: negatedBy });
      continue;
    }
    // A concept that is itself negated ("patients without lupus") does not count.
    const concepts: ConceptHit[] = [];
    for (const t of terms) if (conceptIds.has(t.termId)) concepts.push({ termId: t.termId, text: t.text, start: t.start, end: t.end });
    const nonAssertive = nonAssertiveOf();
    if (nonAssertive) {
      // Cue words that are themselves inquiry words ("being tested") keep the claim.
      if (!cueHits.some((h) => /test|investigat|explor|studi|evaluat|trial/.test(h.cue))) {
        result.negated.push({ claim: cc.claim, reason: `the sentence ${nonAssertive}` });
        continue;
      }
    }
    const used = cueHits.reduce((n, h) => n + (h.to - h.from), 0) + cc.concepts.length;
    result.hits.push({ claim: cc.claim, concepts, cues: cueHits, score: used / Math.max(1, tokens.length) + cc.concepts.length + cc.cues.length * 0.5 });
  }
  if (result.hits.length === 0) {
    if (reason !== null) {
      if (reason) result.nonAssertive = reason;
    } else if (wantReason) {
      // Worked out when first read: most sentences without a hit never need it, and its
      // patterns cost a few milliseconds to compile in a short run.
      lazyReason(result, text);
    }
  }
  result.hits.sort((a, b) => b.score - a.score);
  return result;
}

/** "'IL-2' → IL-2; 'lupus' → SLE; cue 'restores' (restor)" for hovers and reports. */
export function explainHit(hit: ClaimHit, tokens: Token[], text: string, glossary: GlossaryIndex): string {
  const seen = new Set<string>();
  const concepts: string[] = [];
  for (const c of hit.concepts) {
    const key = `${c.termId}|${c.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const term = glossary.term(c.termId);
    concepts.push(`"${c.text}" → ${term?.preferred ?? c.termId}`);
  }
  const cues = hit.cues.map((h) => {
    const words = text.slice(tokens[h.from].start, tokens[h.to - 1].end);
    return `"${words}" (cue \`${h.cue}\`)`;
  });
  return `Matched claim \`${hit.claim.id}\` — ${hit.claim.statement}\nConcepts: ${concepts.join(', ')}\nCues: ${cues.join(', ')}`;
}
