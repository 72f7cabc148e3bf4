// Candidate claims: sentences that report a finding or attribute a statement ("a study
// found", "researchers saw", "was safe and effective", "at least 1.5 million") and name at
// least one glossary term. Each draft carries the sentence as its statement (to be
// restated by a person), its concepts (glossary term ids), the cue words that made it a
// candidate, the document's references and its provenance.
import type { Claim, EvidenceKind, Term } from '../data';
import { analyze } from '../document';
import { GlossaryIndex } from '../glossary';
import { isCheckedKind, splitSentences } from '../sentences';
import { LineMap, SourceDocument, slugId, uniqueId } from './source';

export interface ClaimDraftOptions {
  /** Glossary terms whose mentions become the claim's concepts. */
  terms: Term[];
  /** Reference ids found in each document (by file name), linked to its claims. */
  referencesByFile?: Map<string, string[]>;
  /** Evidence kind guessed per document (by file name); default `news-report`. */
  evidenceByFile?: Map<string, EvidenceKind>;
}

/** Attribution: someone states or found something. */
const ATTRIBUTION = /\b(according to|said|says|stated|explained|reported|reports|found|finds|find|showed|shows|shown|demonstrated|demonstrates|revealed|observed|saw|concluded|suggests?|suggested|identified|researchers|scientists|investigators|authors|study|studies|trial|trials|published)\b/gi;
/** Result wording: a change, an effect, a comparison, a safety or efficacy statement, a number. */
const RESULT = /\b(increas\w*|decreas\w*|reduc\w*|improv\w*|restor\w*|effective\w*|efficac\w*|safe|safety|well tolerated|significant\w*|associated with|linked to|risk\w*|caus\w*|leads? to|higher|lower|fewer|more likely|less likely|respond\w*|remission|promising|success\w*|at least|up to|\d+(?:[.,]\d+)?\s*(?:%|percent|per cent|million|billion|thousand|times|fold))/gi;

const MIN_WORDS = 6;
const MAX_WORDS = 80;

function cueStem(word: string): string {
  const w = word.toLowerCase().replace(/\s+/g, ' ');
  if (/\d/.test(w)) return w.replace(/^[\d.,\s]+/, '').trim() || w; // "1.5 million" -> "million"
  if (w.includes(' ')) return w;
  return w.length > 7 ? w.slice(0, 7) : w;
}

export function draftClaims(docs: SourceDocument[], options: ClaimDraftOptions, takenIds: Set<string> = new Set()): Claim[] {
  const index = new GlossaryIndex(options.terms);
  const out: Claim[] = [];
  const byStatement = new Map<string, Claim>();
  for (const doc of docs) {
    const lines = new LineMap(doc.text);
    const analyzed = analyze({ uri: doc.file, languageId: /\.(md|markdown|qmd|rmd)$/i.test(doc.file) ? 'markdown' : 'plaintext', text: doc.text });
    for (const s of splitSentences(analyzed)) {
      if (!isCheckedKind(s.kind)) continue;
      const text = s.text.replace(/\s+/g, ' ').trim();
      const words = text.split(' ').length;
      if (words < MIN_WORDS || words > MAX_WORDS || text.endsWith('?')) continue;
      const attribution = [...text.matchAll(ATTRIBUTION)].map((m) => m[0]);
      const result = [...text.matchAll(RESULT)].map((m) => m[0]);
      if (!attribution.length && !result.length) continue;
      const concepts: string[] = [];
      for (const m of index.findTerms(text)) {
        if (m.form.status !== 'accepted' || concepts.includes(m.termId)) continue;
        concepts.push(m.termId);
      }
      if (!concepts.length) continue;
      const line = lines.lineOf(s.start);
      const key = text.toLowerCase();
      const prev = byStatement.get(key);
      if (prev) {
        if (!prev.provenance.some((p) => p.file === doc.file && p.line === line)) prev.provenance.push({ file: doc.file, line });
        continue;
      }
      const cues: string[][] = [];
      const resultStems = [...new Set(result.map(cueStem))];
      const attributionStems = [...new Set(attribution.map(cueStem))];
      if (resultStems.length) cues.push(resultStems);
      if (attributionStems.length && !resultStems.length) cues.push(attributionStems);
      const claim: Claim = {
        id: uniqueId(slugId(`${concepts.slice(0, 2).join('-')}-${text.split(' ').slice(0, 4).join(' ')}`).slice(0, 60).replace(/-+$/, ''), takenIds),
        statement: text,
        concepts: concepts.map((c) => [c]),
        cues,
        references: options.referencesByFile?.get(doc.file) ?? [],
        evidence: { kind: options.evidenceByFile?.get(doc.file) ?? 'news-report', note: 'draft: check the evidence kind and restate the claim in your own words' },
        provenance: [{ file: doc.file, line }],
      };
      byStatement.set(key, claim);
      out.push(claim);
    }
  }
  return out;
}
