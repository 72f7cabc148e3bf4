// Wording stronger than any evidence can carry in a medical text: "cures", "proven",
// "guaranteed", "completely safe", "for every patient", "breakthrough", "miracle" ...
// Matched on word tokens (phrases word by word), not negated ("not a cure", "no proof").
import type { EvidenceKind } from '../data';
import { negatorBefore, Token } from './matcher';

export interface StrongPhrase {
  /** Token range [from, to). */
  from: number;
  to: number;
  /** The phrase as written (for the message). */
  text: string;
  /** Our canonical entry (`cure`, `proven`, ...). */
  entry: string;
  start: number;
  end: number;
  /** A milder wording to suggest. */
  milder: string;
}

interface Entry {
  words: string[];
  milder: string;
}

function e(phrase: string, milder: string): Entry {
  return { words: phrase.split(' '), milder };
}

/** Lower-case words; `*` ends a word that may take any ending. */
const ENTRIES: Entry[] = [
  e('cure', 'may help treat'), e('cures', 'may help treat'), e('cured', 'improved'), e('curing', 'treating'),
  e('curative', 'promising'), e('proven', 'suggested'), e('proves', 'suggests'), e('proved', 'appeared'),
  e('prove', 'suggest'), e('proof', 'evidence'), e('guarantee*', 'may'), e('definitive*', 'preliminary'),
  e('conclusive*', 'suggestive'), e('undeniabl*', 'reported'), e('unquestionabl*', 'reported'), e('indisputabl*', 'reported'),
  e('beyond doubt', 'so far'), e('beyond any doubt', 'so far'), e('without doubt', 'so far'), e('no doubt', 'likely'),
  e('completely safe', 'generally well tolerated'), e('totally safe', 'generally well tolerated'),
  e('entirely safe', 'generally well tolerated'), e('perfectly safe', 'generally well tolerated'),
  e('100 safe', 'generally well tolerated'), e('absolutely safe', 'generally well tolerated'),
  e('risk free', 'low-risk'), e('riskless', 'low-risk'), e('no side effects', 'few reported side effects'),
  e('without any side effects', 'with few reported side effects'), e('harmless', 'well tolerated'),
  e('for every patient', 'for some patients'), e('for all patients', 'for some patients'), e('in every patient', 'in some patients'),
  e('in all patients', 'in some patients'), e('every patient', 'some patients'), e('all patients', 'some patients'),
  e('everyone with', 'some people with'), e('works for everyone', 'may help some people'), e('always works', 'may help'),
  e('always effective', 'often effective'), e('never fails', 'often helps'), e('100 effective', 'effective in some patients'),
  e('completely effective', 'effective in some patients'), e('fully effective', 'effective in some patients'),
  e('breakthrough*', 'advance'), e('miracle*', 'promising treatment'), e('miraculous*', 'notable'),
  e('revolution*', 'new'), e('game changer*', 'promising development'),
  e('wonder drug*', 'promising drug'), e('magic bullet*', 'targeted treatment'), e('silver bullet*', 'targeted treatment'),
  e('eradicat*', 'reduce'), e('eliminates', 'reduces'), e('completely eliminat*', 'reduces'), e('permanently', 'for a time'),
  e('once and for all', 'for now'), e('certainly', 'probably'), e('definitely', 'probably'), e('clearly proves', 'suggests'),
  e('established fact', 'reported finding'), e('the answer to', 'a possible approach to'), e('solves', 'may help with'),
  e('solved', 'addressed'), e('100 percent', 'largely'), e('reverses', 'may improve'), e('reversed', 'improved'),
];

function wordMatches(word: string, pattern: string): boolean {
  if (pattern.endsWith('*')) return word.startsWith(pattern.slice(0, -1));
  return word === pattern;
}

/** Strong phrases in a tokenised sentence (token text is lower case; `%` and hyphens are dropped). */
/** Entry indexes by exact first word, and prefix entries (`guarantee*`) by their first 3 letters. */
const BY_FIRST = new Map<string, number[]>();
const BY_PREFIX = new Map<string, number[]>();
ENTRIES.forEach((entry, idx) => {
  const w = entry.words[0];
  const map = w.endsWith('*') ? BY_PREFIX : BY_FIRST;
  const key = w.endsWith('*') ? w.slice(0, 3) : w;
  const list = map.get(key);
  if (list) list.push(idx);
  else map.set(key, [idx]);
});
if (ENTRIES.some((x) => x.words[0].endsWith('*') && x.words[0].length < 4)) throw new Error('overclaim: a prefix entry shorter than 3 letters');
const NONE: number[] = [];

/** The entries whose first word may match `word`, in ENTRIES order. */
function candidates(word: string): number[] {
  const exact = BY_FIRST.get(word) ?? NONE;
  const prefix = word.length >= 3 ? BY_PREFIX.get(word.slice(0, 3)) ?? NONE : NONE;
  if (!prefix.length) return exact;
  if (!exact.length) return prefix;
  return [...exact, ...prefix].sort((a, b) => a - b);
}

export function findStrongPhrases(tokens: Token[], text: string): StrongPhrase[] {
  const out: StrongPhrase[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const cands = candidates(tokens[i].text);
    for (let c = 0; c < cands.length; c++) {
      const entry = ENTRIES[cands[c]];
      const n = entry.words.length;
      if (i + n > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < n; k++) {
        if (!wordMatches(tokens[i + k].text, entry.words[k])) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      // "not a cure", "no proof", "far from proven", "has not been proven".
      if (entry.words[0] !== 'no' && negatorBefore(tokens, i)) continue;
      if (/^(?:far|yet|until)$/.test(tokens[i - 1]?.text ?? '') || tokens[i - 1]?.text === 'from' && tokens[i - 2]?.text === 'far') continue;
      // "no doubt" only as emphasis at a clause start or after "there is".
      const start = tokens[i].start;
      const end = tokens[i + n - 1].end;
      out.push({ from: i, to: i + n, text: text.slice(start, end), entry: entry.words.join(' '), start, end, milder: entry.milder });
      i += n - 1;
      break;
    }
  }
  return out;
}

/** Every strong phrase as lower-case words separated by spaces (`*`: any ending), for the claim screen. */
export const STRONG_PHRASES: readonly string[] = ENTRIES.map((x) => x.words.join(' '));

/** Evidence that cannot back strong wording at all. */
export const PRELIMINARY: ReadonlySet<EvidenceKind> = new Set<EvidenceKind>([
  'phase-1-2-trial', 'mouse-model', 'preclinical', 'news-report', 'patient-information',
]);

export function describeEvidence(kind: EvidenceKind): string {
  switch (kind) {
    case 'randomised-trial': return 'randomised trial evidence';
    case 'phase-1-2-trial': return 'early (phase I/II) trial results';
    case 'clinical-study': return 'a clinical study';
    case 'review': return 'a narrative review';
    case 'mouse-model': return 'a mouse-model study';
    case 'preclinical': return 'preclinical research';
    case 'news-report': return 'news reports only';
    case 'patient-information': return 'a patient-information page';
    case 'epidemiology': return 'epidemiological estimates';
    case 'regulatory': return 'a regulatory document';
    default: return String(kind);
  }
}
