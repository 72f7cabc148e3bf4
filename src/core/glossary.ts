// The glossary index: every written form of every term, and a matcher that finds them
// in prose. Matching works on word tokens, so a term never matches inside a word
// (`SLE` not in `isle`, `IL-2` not in `IL-21`), and the longest form wins.
import type { Term } from './data';
import { trieRegexSource } from './trieRegex';
import { isAscii } from './chars';

export type FormStatus = 'accepted' | 'discouraged';

export interface TermForm {
  termId: string;
  form: string;
  status: FormStatus;
  /** For discouraged forms: the accepted form to write instead. */
  replacement?: string;
  /** Forms with capitals (`SLE`, `IL-2`) match exactly; lower-case forms match any case. */
  caseSensitive: boolean;
}

export interface TermMatch {
  termId: string;
  start: number;
  end: number;
  text: string;
  form: TermForm;
}

/** Word tokens: letters and digits; every other non-space character is a token of its own. */
const TOKEN_RE = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;
/** TOKEN_RE for ASCII text, where \p{L} and \p{N} are ASCII letters and digits. */
const ASCII_TOKEN_RE = /[A-Za-z0-9]+|[^\sA-Za-z0-9]/g;

interface Token {
  start: number;
  end: number;
  text: string;
}
const MAX_FORM_TOKENS = 12;

export class GlossaryIndex {
  readonly terms: Term[];
  private readonly byId = new Map<string, Term>();
  /** Exact-case key -> form, for case-sensitive forms. */
  private readonly exact = new Map<string, TermForm>();
  /** Lower-case key -> form, for case-insensitive forms. */
  private readonly folded = new Map<string, TermForm>();
  private maxTokens = 1;
  /** Lower-cased canonical prefixes of every form, at token boundaries (to stop early). */
  private readonly prefixes = new Set<string>();
  /** The ASCII words that begin a form (one-token prefixes), as whole words in lower-cased text; built on first use. */
  private startWords?: RegExp;

  constructor(terms: Term[]) {
    this.terms = terms;
    for (const term of terms) this.byId.set(term.id, term);
    for (const term of terms) this.indexTerm(term);
  }

  term(id: string): Term | undefined {
    return this.byId.get(id);
  }

  /** Every form with its status (used by the typo checker's vocabulary). */
  allForms(): TermForm[] {
    return [...this.exact.values(), ...this.folded.values()];
  }

  /** Looks up one exact string as a form (case rules applied). */
  lookup(text: string): TermForm | undefined {
    return this.lookupKey(formKey(text));
  }

  private lookupKey(key: string): TermForm | undefined {
    const found = this.exact.get(key) ?? this.folded.get(key.toLowerCase());
    if (found) return found;
    // A capital at the start of a sentence: `Regulatory T cells` is the form `regulatory T cells`.
    const first = key.charAt(0);
    if (first !== first.toLowerCase()) return this.exact.get(first.toLowerCase() + key.slice(1));
    return undefined;
  }

  /**
   * Finds glossary forms in `text` (offsets relative to it). `skip(start, end)` rejects
   * matches that overlap non-prose spans. Overlapping matches resolve to the longest.
   */
  findTerms(text: string, skip?: (start: number, end: number) => boolean, baseOffset = 0): TermMatch[] {
    const matches: TermMatch[] = [];
    if (!isAscii(text)) {
      const tokens: Token[] = [];
      TOKEN_RE.lastIndex = 0;
      for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) tokens.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
      let i = 0;
      while (i < tokens.length) {
        const found = isWordChar(tokens[i].text.charCodeAt(0), tokens[i].text) ? this.longestAt(text, tokens, i, skip, baseOffset) : undefined;
        if (found) {
          matches.push(found.match);
          i = found.lastToken + 1;
        } else {
          i++;
        }
      }
      return matches;
    }
    // ASCII text (most): only a word that begins some form can begin a match. One regex of
    // those words (lower case) finds them; the tokens are read from there on, as far as a
    // form reaches. Words inside a match are passed over, as in the scan above.
    const starts = (this.startWords ??= new RegExp(`(?<![a-z0-9])(?:${trieRegexSource([...this.prefixes].filter((p) => /^[a-z0-9]+$/.test(p)))})(?![a-z0-9])`, 'g'));
    const lower = text.toLowerCase();
    starts.lastIndex = 0;
    for (let w = starts.exec(lower); w; w = starts.exec(lower)) {
      const tokens: Token[] = [];
      ASCII_TOKEN_RE.lastIndex = w.index;
      for (let m = ASCII_TOKEN_RE.exec(text); m; m = tokens.length < this.maxTokens ? ASCII_TOKEN_RE.exec(text) : null) {
        tokens.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
      }
      const found = this.longestAt(text, tokens, 0, skip, baseOffset);
      if (found) {
        matches.push(found.match);
        starts.lastIndex = tokens[found.lastToken].end;
      }
    }
    return matches;
  }

  /** The longest form that starts at token `i` (a word) and is not skipped, with the index of its last token. */
  private longestAt(
    text: string,
    tokens: Token[],
    i: number,
    skip: ((start: number, end: number) => boolean) | undefined,
    baseOffset: number,
  ): { match: TermMatch; lastToken: number } | undefined {
    const first = tokens[i];
    let best: { match: TermMatch; lastToken: number } | undefined;
    // Grow the candidate token by token, in the canonical form of `formKey`, and stop as
    // soon as no form starts with it: most words start no form at all.
    let key = '';
    const limit = Math.min(tokens.length, i + this.maxTokens);
    for (let j = i; j < limit; j++) {
      const tok = tokens[j];
      if (j > i) {
        const gap = text.slice(tokens[j - 1].end, tok.start);
        if (gap.includes('\n')) break; // forms do not span a line break
        if (gap !== '') key += ' ';
        else if (key.endsWith('-') && /^\p{L}/u.test(tok.text) && /\p{L}-$/u.test(key)) key = key.slice(0, -1) + ' ';
      }
      key += tok.text;
      if (!this.prefixes.has(key.toLowerCase()) && !(key.endsWith('-') && this.prefixes.has(key.slice(0, -1).toLowerCase() + ' '))) break;
      const form = this.lookupKey(key);
      if (!form) continue;
      const start = first.start + baseOffset;
      const end = tok.end + baseOffset;
      if (skip && skip(start, end)) continue;
      best = { match: { termId: form.termId, start, end, text: text.slice(first.start, tok.end), form }, lastToken: j };
    }
    return best;
  }

  /** The match covering `offset` in `text`, if any. */
  termAt(text: string, offset: number, skip?: (start: number, end: number) => boolean): TermMatch | undefined {
    return this.findTerms(text, skip).find((m) => m.start <= offset && offset <= m.end);
  }

  private indexTerm(term: Term): void {
    const accepted = new Set<string>();
    const base = [term.preferred, term.fullName, ...(term.abbreviations ?? []), ...(term.variants ?? [])].filter(
      (f): f is string => typeof f === 'string' && f.trim() !== '',
    );
    for (const form of base) for (const v of spellingVariants(form)) accepted.add(v);
    for (const form of accepted) this.addForm({ termId: term.id, form, status: 'accepted', caseSensitive: hasUpper(form) });
    for (const form of term.discouraged ?? []) {
      const f = normaliseSpaces(form);
      if (accepted.has(f)) continue;
      this.addForm({
        termId: term.id,
        form: f,
        status: 'discouraged',
        replacement: closestAccepted(f, [term.preferred, term.fullName, ...(term.abbreviations ?? []), ...(term.variants ?? [])]),
        caseSensitive: hasUpper(f),
      });
    }
  }

  private addForm(form: TermForm): void {
    const key = formKey(form.form);
    const map = form.caseSensitive ? this.exact : this.folded;
    const mapKey = form.caseSensitive ? key : key.toLowerCase();
    const existing = map.get(mapKey);
    // An accepted form of one term beats a discouraged form of another; first come otherwise.
    if (existing && (existing.status === 'accepted' || form.status === 'discouraged')) return;
    map.set(mapKey, { ...form, form: normaliseSpaces(form.form) });
    let prefix = '';
    let prevEnd = 0;
    TOKEN_RE.lastIndex = 0;
    for (let m = TOKEN_RE.exec(key); m; m = TOKEN_RE.exec(key)) {
      if (m.index > prevEnd) prefix += ' ';
      prefix += m[0];
      prevEnd = m.index + m[0].length;
      this.prefixes.add(prefix.toLowerCase());
      this.prefixes.add(prefix.toLowerCase() + ' ');
    }
    // Each space of the key may be written as a hyphen token in the text.
    const count = (key.match(TOKEN_RE)?.length ?? 1) + (key.match(/ /g)?.length ?? 0);
    this.maxTokens = Math.min(MAX_FORM_TOKENS, Math.max(this.maxTokens, count));
  }
}

/**
 * The first `count` tokens of a form's lookup key, lower-cased, when the key begins with a
 * word (only such forms can match in `findTerms`); undefined otherwise.
 */
export function leadingKeyTokens(form: string, count: number): string[] | undefined {
  const key = formKey(form);
  const tokens: string[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(key); m && tokens.length < count; m = TOKEN_RE.exec(key)) tokens.push(m[0].toLowerCase());
  return tokens.length && isWordChar(tokens[0].charCodeAt(0), tokens[0]) ? tokens : undefined;
}

/** A form plus its plural. (Hyphen/space variants between words are handled by `formKey`.) */
export function spellingVariants(form: string): string[] {
  const f = normaliseSpaces(form);
  const plural = pluralOf(f);
  return plural ? [f, plural] : [f];
}

/**
 * The lookup key of a written form: spaces normalised, and a hyphen between two letters
 * read as a space, so `T-cells` = `T cells` and `germinal-center` = `germinal center`
 * (but `IL-2` stays apart from `IL 2`).
 */
export function formKey(text: string): string {
  return normaliseSpaces(text).replace(/(?<=\p{L})-(?=\p{L})/gu, ' ');
}

/** English plural of the last word, for forms that end in a letter. */
export function pluralOf(form: string): string | undefined {
  const m = /([\p{L}]+)$/u.exec(form);
  if (!m) return undefined;
  const word = m[1];
  const head = form.slice(0, form.length - word.length);
  if (word.length < 2) return undefined;
  if (/[^aeiou]y$/.test(word)) return head + word.slice(0, -1) + 'ies';
  if (/sis$/.test(word)) return head + word.slice(0, -2) + 'es';
  if (/(?:ia|ae|[^s]s)$/.test(word) && word !== word.toUpperCase()) return undefined; // already plural (mitochondria, Tregs)
  if (/(?:s|x|z|ch|sh)$/.test(word)) return word === word.toUpperCase() ? undefined : head + word + 'es';
  return form + 's';
}

function closestAccepted(discouraged: string, accepted: Array<string | undefined>): string {
  const squash = (s: string) => s.toLowerCase().replace(/[\s-]+/g, '');
  const target = squash(discouraged);
  for (const a of accepted) if (a && squash(a) === target) return normaliseSpaces(a);
  for (const a of accepted) if (a && pluralOf(a) && squash(pluralOf(a)!) === target) return pluralOf(normaliseSpaces(a))!;
  return normaliseSpaces(accepted[0] ?? discouraged);
}

function isWordChar(code: number, text: string): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code > 127 && /^[\p{L}\p{N}]/u.test(text));
}

export function normaliseSpaces(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

function hasUpper(s: string): boolean {
  return s !== s.toLowerCase();
}
