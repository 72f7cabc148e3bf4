// Draft glossary terms from source documents: abbreviation definitions (short form with
// its long form, where found) and candidate terms (recurring names written with inner
// capitals or digits: "Treg", "IRAK4", "CAR-T") for a person to define.
import type { Provenance } from '../types';
import type { Term } from '../data';
import { findAbbreviations } from '../abbreviations';
import { LineMap, SourceDocument, slugId, uniqueId } from './source';

/** Placeholder for definitions: the builder never writes definitions, a person does. */
export const DRAFT_DEFINITION = 'TODO: define in your own words.';

export interface FoundAbbreviation {
  short: string;
  long: string;
  file: string;
  /** 1-based line of the short form. */
  line: number;
}

export interface TermDrafts {
  /** One draft per short form and long form. */
  abbreviations: Term[];
  /** Recurring names that are not defined in the documents. */
  candidates: Term[];
  /** Every definition found, in document order. */
  found: FoundAbbreviation[];
}

const MAX_PROVENANCE = 5;

/** Long forms compare without case, hyphens or spaces ("Interleukin 2" = "interleukin-2"). */
function longKey(long: string): string {
  return long.toLowerCase().replace(/[\s\-‐–]+/g, '');
}

export function draftTerms(docs: SourceDocument[], takenIds: Set<string> = new Set()): TermDrafts {
  const found: FoundAbbreviation[] = [];
  // short form -> long-form key -> draft
  const bySf = new Map<string, Map<string, { term: Term; count: number }>>();
  const order: Term[] = [];
  for (const doc of docs) {
    for (const d of findAbbreviations(doc.text)) {
      found.push({ short: d.short, long: d.long, file: doc.file, line: d.line });
      let forSf = bySf.get(d.short);
      if (!forSf) bySf.set(d.short, (forSf = new Map()));
      const key = longKey(d.long);
      const prov: Provenance = { file: doc.file, line: d.line };
      const entry = forSf.get(key);
      if (entry) {
        entry.count++;
        if (entry.term.provenance.length < MAX_PROVENANCE && !entry.term.provenance.some((p) => p.file === prov.file && p.line === prov.line)) {
          entry.term.provenance.push(prov);
        }
        continue;
      }
      const term: Term = {
        id: uniqueId(slugId(d.short), takenIds),
        preferred: d.short,
        fullName: sentenceCaseLong(d.long),
        definition: DRAFT_DEFINITION,
        kind: 'abbreviation',
        provenance: [prov],
      };
      forSf.set(key, { term, count: 1 });
      order.push(term);
    }
  }
  const candidates = draftCandidateTerms(docs, new Set(found.map((f) => f.short)), takenIds);
  return { abbreviations: order, candidates, found };
}

/** "Systemic lupus erythematosus" at a sentence start becomes lower case; names keep capitals. */
function sentenceCaseLong(long: string): string {
  const words = long.split(' ');
  if (words.length > 1 && /^\p{Lu}\p{Ll}+$/u.test(words[0]) && words.slice(1).every((w) => !/\p{Lu}/u.test(w))) {
    return long[0].toLowerCase() + long.slice(1);
  }
  return long;
}

const NAME_RE = /[\p{L}\p{N}]+(?:[-/][\p{L}\p{N}]+)*/gu;

/** A word that looks like a technical name: inner capitals ("Treg", "mRNA") or letters with digits ("IRAK4"). */
export function looksLikeName(word: string): boolean {
  if (word.length < 2 || word.length > 30) return false;
  if (!/\p{L}/u.test(word)) return false;
  if (/^\p{Lu}+$/u.test(word) && word.length > 6) return false; // SHOUTED headings: RESULTS, METHODS
  const innerCap = /\p{Lu}/u.test(word.slice(1));
  const mixed = /\p{L}/u.test(word) && /\p{N}/u.test(word) && !/^\p{N}+(st|nd|rd|th|s)$/u.test(word);
  return innerCap || mixed;
}

function draftCandidateTerms(docs: SourceDocument[], defined: Set<string>, takenIds: Set<string>): Term[] {
  const seen = new Map<string, { count: number; provenance: Provenance[] }>();
  for (const doc of docs) {
    const lines = new LineMap(doc.text);
    for (const m of doc.text.matchAll(NAME_RE)) {
      const w = m[0];
      if (!looksLikeName(w) || defined.has(w)) continue;
      // Adjectives made from a name ("IL-17-producing", "IL2-based") and clock times' zones.
      if (/-\p{Ll}{4,}$/u.test(w) || /\d:\d\d\s*$/.test(doc.text.slice(Math.max(0, m.index! - 8), m.index!))) continue;
      // URLs, e-mail addresses and DOIs are not names.
      const before = doc.text.slice(Math.max(0, m.index! - 1), m.index!);
      if (/[/@.:=]/.test(before)) continue;
      let e = seen.get(w);
      if (!e) seen.set(w, (e = { count: 0, provenance: [] }));
      e.count++;
      if (e.provenance.length < MAX_PROVENANCE) {
        const line = lines.lineOf(m.index!);
        if (!e.provenance.some((p) => p.file === doc.file && p.line === line)) e.provenance.push({ file: doc.file, line });
      }
    }
  }
  const out: Term[] = [];
  for (const [w, e] of seen) {
    if (e.count < 2) continue; // named once: probably not worth a glossary entry
    out.push({ id: uniqueId(slugId(w), takenIds), preferred: w, definition: DRAFT_DEFINITION, kind: 'term', provenance: e.provenance });
  }
  return out;
}
