// The claim check: uncited-claim, unsupported-citation, unknown-citation, overclaim and
// claim-mismatch. Sentences are analysed once per distinct text (cached), so re-checking a
// document after an edit only re-examines the sentences that changed; the document-level
// pass that follows (citation style, numbered reference list, paragraph scope) is cheap.
import type { Claim, CslItem, MedwriteData } from '../data';
import type { AnalyzedDocument, Span } from '../document';
import type { Checker, EngineContext } from '../engine';
import type { GlossaryIndex } from '../glossary';
import type { Finding, Fix, RelatedInfo, Severity } from '../types';
import { CLAIM_RULES } from '../rules';
import { isCheckedKind, Sentence, splitBlock, splitBlocks } from '../sentences';
import {
  CitationFormat,
  CitationResolver,
  detectCitationFormat,
  findCitations,
  formatCitation,
  InTextCitation,
  mayHoldCitation,
  NO_CITATION_KINDS,
  numberedReferenceList,
  Resolution,
} from '../citations/inText';
import { CompiledClaim, compileClaim, explainHit, matchTerms, SentenceClaims, tokenize } from './matcher';
import { ClaimScreen, mayHoldOddCase } from './screen';
import { trieRegexSource } from '../trieRegex';
import { describeEvidence, findStrongPhrases, PRELIMINARY, StrongPhrase } from './overclaim';
import { claimInterval, describeQuantity, findQuantities, overlaps, QuantityMention, relevantMentions } from './quantity';
import { isAscii } from '../chars';

/** Glossary kinds a treatment promise can be about. */
const TREATMENT_KINDS = new Set(['disease', 'therapy', 'drug']);

/** Strong wording that promises a treatment result; the noun "a cure" (as in "the search for a cure") is left alone. */
const TREATMENT_PROMISES = /^(?:cures|cured|curing|eradicat|eliminates|completely eliminat|completely safe|totally safe|entirely safe|perfectly safe|absolutely safe|100 safe|risk free|no side effects|without any side effects|for every patient|for all patients|in every patient|in all patients|works for everyone|always works|always effective|never fails|100 effective|completely effective|fully effective|miracle|miraculous|wonder drug|breakthrough|guarantee|proven|reverses)/;

function isTreatmentPromise(p: StrongPhrase): boolean {
  return TREATMENT_PROMISES.test(p.entry.replace(/\*$/, ''));
}

export { CLAIM_RULES };

export type CitationScope = 'sentence' | 'paragraph';

/** What one sentence text yields, independent of the rest of the document (cached). */
export interface SentenceAnalysis {
  /** Citations, offsets relative to the sentence. */
  citations: InTextCitation[];
  match: SentenceClaims;
  strong: StrongPhrase[];
  quantities: QuantityMention[];
  /** Multi-concept claims whose concepts are all named (for strong wording without a cue). */
  conceptClaims: Claim[];
}

interface CachedSentence {
  /** Offsets relative to the block. */
  start: number;
  end: number;
  text: string;
  analysis: SentenceAnalysis;
  /** Findings for the last document context this sentence was seen in. */
  memo?: { key: string; findings: RelFinding[]; occurrences: ClaimOccurrence[] };
}

interface CachedBlock {
  /** Block kind, language and excluded spans: the rest of the cache key. */
  meta: string;
  /** The last check that used this entry. */
  gen: number;
  /** Its sentences with their analyses (none for a quiet block). */
  sentences: CachedSentence[];
  /** No sentence of the block can report anything (proved on the whole block, which was not split). */
  quiet?: boolean;
}

/** Offsets relative to a sentence. */
interface Rel {
  start: number;
  end: number;
}
type RelFix = Omit<Fix, 'edits'> & { edits: Array<{ rel: Rel; newText: string }> };
type RelFinding = Omit<Finding, 'range' | 'fixes'> & { rel: Rel; fixes?: RelFix[] };

export type ClaimStatus = 'uncited' | 'cited' | 'unsupported' | 'mismatch' | 'covered';

export interface ClaimOccurrence {
  claim: Claim;
  status: ClaimStatus;
  /** The claim is this sentence's main match (others are overlapping claims). */
  primary: boolean;
}

export interface SentenceResult {
  sentence: Sentence;
  analysis: SentenceAnalysis;
  /** Citations of this sentence, absolute offsets. */
  citations: InTextCitation[];
  resolutions: Resolution[];
  /** Index of the later sentence whose citations cover this one (paragraph scope). */
  coveredBy?: number;
  occurrences: ClaimOccurrence[];
  /** The cache entry behind this sentence (memoised findings). */
  cached?: CachedSentence;
}

export interface DocumentClaims {
  doc: AnalyzedDocument;
  /** Sentences with citations, claims or strong wording (others are not materialised). */
  sentences: SentenceResult[];
  format: CitationFormat;
  resolver: CitationResolver;
  /** Keys of known references cited anywhere in the document. */
  citedKeys: Set<string>;
  findings: Finding[];
}

export interface ClaimCheckStats {
  sentences: number;
  /** Sentences analysed from scratch in the last check. */
  examined: number;
  /** Sentences whose analysis came from the cache. */
  reused: number;
  /** Blocks proved to have nothing to report without being split into sentences (not counted above). */
  quietBlocks: number;
}

const NONE: InTextCitation[] = [];

/**
 * The analysis of every sentence with nothing to report: no citation, no claim, no strong
 * wording (shared; such sentences are never materialised, so it is never shown or changed).
 */
const NOTHING: SentenceAnalysis = Object.freeze({
  citations: Object.freeze([]) as unknown as InTextCitation[],
  match: Object.freeze({ hits: Object.freeze([]), negated: Object.freeze([]), tokens: Object.freeze([]), terms: Object.freeze([]) }) as unknown as SentenceClaims,
  strong: Object.freeze([]) as unknown as StrongPhrase[],
  quantities: Object.freeze([]) as unknown as QuantityMention[],
  conceptClaims: Object.freeze([]) as unknown as Claim[],
});

export class ClaimChecker implements Checker {
  readonly rules = CLAIM_RULES;
  private readonly compiled: CompiledClaim[];
  private readonly multiConcept: CompiledClaim[];
  /** Per block (paragraph, list item, cell): its sentences and their analyses, keyed by text. */
  private cache = new Map<string, CachedBlock[]>();
  private generation = 0;
  /** Lower-case first words of every form of every concept term: a cheap pre-filter. */
  private readonly firstWords: Set<string>;
  /** The first words made of [a-z0-9] only, as whole words, for ASCII sentences (undefined: none). */
  private readonly asciiFirstWord: RegExp | undefined;
  /** Tells the sentences that cannot yield a claim or strong wording (most) before analysing them. */
  private readonly screen: ClaimScreen;
  stats: ClaimCheckStats = { sentences: 0, examined: 0, reused: 0, quietBlocks: 0 };
  /** The citations of each document analysed (while the document is kept by someone else). */
  private readonly citationsByDoc = new WeakMap<AnalyzedDocument, InTextCitation[]>();

  constructor(
    readonly data: MedwriteData,
    readonly glossary: GlossaryIndex,
    readonly scope: CitationScope = 'sentence',
  ) {
    this.compiled = data.claims.filter((c) => c.concepts?.length && c.cues).map(compileClaim);
    this.multiConcept = this.compiled.filter((c) => c.concepts.length >= 2);
    const conceptIds = new Set(this.compiled.flatMap((c) => c.claim.concepts.flat()));
    this.firstWords = new Set(
      glossary
        .allForms()
        .filter((f) => conceptIds.has(f.termId))
        // The first word (letters and digits); in an ASCII form, a run of [A-Za-z0-9] (no Unicode pattern to compile).
        .map((f) => ((isAscii(f.form) ? /[A-Za-z0-9]+/ : /[\p{L}\p{N}]+/u).exec(f.form)?.[0] ?? '').toLowerCase())
        .filter(Boolean),
    );
    // As a prefix-sharing group (compiles faster than a flat alternation of the words).
    const ascii = [...this.firstWords].filter((w) => /^[a-z0-9]+$/.test(w)).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.asciiFirstWord = ascii.length ? new RegExp(`(?<![a-z0-9])(?:${trieRegexSource(ascii)})(?![a-z0-9])`) : undefined;
    this.screen = new ClaimScreen(this.compiled, glossary);
  }

  /** True when some word of `text` can begin a concept term (most sentences cannot). */
  private mayNameConcept(text: string): boolean {
    // ASCII text (most sentences): its words, lower-cased, are runs of [a-z0-9] (what the Unicode
    // regex below finds there), so one regex of the ASCII first words, bounded by non-[a-z0-9]
    // characters, answers at once (faster than a Set lookup per word, and linear: literals only).
    if (isAscii(text)) return this.asciiFirstWord ? this.asciiFirstWord.test(text.toLowerCase()) : false;
    const re = /[\p{L}\p{N}]+/gu;
    for (let m = re.exec(text); m; m = re.exec(text)) if (this.firstWords.has(m[0].toLowerCase())) return true;
    return false;
  }

  check(doc: AnalyzedDocument): Finding[] {
    return this.analyzeDocument(doc).findings;
  }

  citationsFound(doc: AnalyzedDocument): readonly InTextCitation[] | undefined {
    return this.citationsByDoc.get(doc);
  }

  /** The full analysis (sentences, citations, claims, findings); the claim report uses it. */
  analyzeDocument(doc: AnalyzedDocument): DocumentClaims {
    const blocks = splitBlocks(doc);
    const gen = ++this.generation;
    const stats: ClaimCheckStats = { sentences: 0, examined: 0, reused: 0, quietBlocks: 0 };
    const results: SentenceResult[] = [];
    const refEntries: Array<{ text: string; marker?: string }> = [];
    const allCitations: InTextCitation[] = [];
    const latex = doc.languageId === 'latex';
    // U+0130 and U+212A are looked for in each block only when the document holds one (one scan).
    const oddDoc = mayHoldOddCase(doc.text);
    let spanIdx = 0;
    for (const b of blocks) {
      if (b.kind === 'reference') {
        refEntries.push({ text: doc.text.slice(b.start, b.end).trim(), marker: b.marker });
        continue;
      }
      if (b.kind === 'heading') continue;
      // Excluded spans overlapping the block, relative to it, are part of the cache key.
      while (spanIdx < doc.excluded.length && doc.excluded[spanIdx].end <= b.start) spanIdx++;
      let meta = `${latex ? 'L' : 'M'}${b.kind}|`;
      for (let k = spanIdx; k < doc.excluded.length && doc.excluded[k].start < b.end; k++) {
        const x = doc.excluded[k];
        meta += `${x.start - b.start},${x.end - b.start},${x.kind};`;
      }
      // Keyed by the block's text itself (a slice: hashed in place, not copied).
      const blockText = doc.text.slice(b.start, b.end);
      const variants = this.cache.get(blockText);
      let entry = variants?.find((v) => v.meta === meta);
      if (entry) stats.reused += entry.sentences.length;
      else {
        entry = { meta, gen, sentences: [] };
        const odd = oddDoc && mayHoldOddCase(blockText);
        // The cheap tests over the whole block first: what they rule out for the block, they
        // rule out for each of its sentences (`blockMayMatter`). Most blocks are then quiet:
        // every sentence's analysis would be empty, so the block is not even split.
        const cites = mayHoldCitation(blockText, latex);
        const matters = this.screen.mayMatterInBlock(blockText, odd);
        if (cites || matters) {
          for (const s of splitBlock(doc, b)) {
            const spans: Span[] = [];
            for (let k = spanIdx; k < doc.excluded.length && doc.excluded[k].start < s.end; k++) {
              const x = doc.excluded[k];
              if (x.end <= s.start) continue;
              spans.push({ start: Math.max(0, x.start - s.start), end: Math.min(s.end, x.end) - s.start, kind: x.kind });
            }
            // Most sentences hold no citation and can match no claim: their analysis is empty.
            const citations = cites && mayHoldCitation(s.text, latex) ? this.citationsOf(s.text, spans, latex) : NONE;
            const analysis = citations.length || (matters && this.screen.mayMatter(s.text, odd, spans.length === 0)) ? this.analyzeWith(s.text, spans, citations.length ? citations : [], true) : NOTHING;
            entry.sentences.push({ start: s.start - b.start, end: s.end - b.start, text: s.text, analysis });
          }
        } else {
          entry.quiet = true;
        }
        if (variants) variants.push(entry);
        else this.cache.set(blockText, [entry]);
        stats.examined += entry.sentences.length;
      }
      if (entry.quiet) stats.quietBlocks++;
      entry.gen = gen;
      for (const c of entry.sentences) {
        stats.sentences++;
        const a = c.analysis;
        // Only sentences with something to say are materialised (citations, claims, strong words).
        if (!a.citations.length && !a.match.hits.length && !a.strong.length) continue;
        const sentence: Sentence = { start: b.start + c.start, end: b.start + c.end, text: c.text, kind: b.kind, paragraph: b.paragraph, marker: b.marker };
        const citations = a.citations.length ? a.citations.map((x) => shiftCitation(x, sentence.start)) : [];
        for (const x of citations) allCitations.push(x);
        results.push({ sentence, analysis: a, citations, resolutions: [], occurrences: [], cached: c });
      }
    }
    // Keep the cache to what recent checks used.
    if (this.cache.size > 5000 && this.cache.size > blocks.length * 3) {
      for (const [k, list] of this.cache) {
        const kept = list.filter((e) => gen - e.gen < 3);
        if (kept.length) this.cache.set(k, kept);
        else this.cache.delete(k);
      }
    }
    this.stats = stats;
    this.citationsByDoc.set(doc, allCitations);

    const references = mergeReferences(this.data.references, doc.references ?? []);
    const resolver = new CitationResolver(references, numberedReferenceList(refEntries, references));
    const format = detectCitationFormat(allCitations, doc.languageId);
    const citedKeys = new Set<string>();
    for (const r of results) {
      r.resolutions = r.citations.map((c) => resolver.resolve(c));
      for (const res of r.resolutions) for (const k of res.keys) citedKeys.add(k);
    }
    if (this.scope === 'paragraph') {
      for (let i = results.length - 1, next = -1, para = -1; i >= 0; i--) {
        const r = results[i];
        if (r.sentence.paragraph !== para) {
          para = r.sentence.paragraph;
          next = -1;
        }
        if (r.citations.length) next = i;
        else if (next >= 0 && isCheckedKind(r.sentence.kind)) r.coveredBy = next;
      }
    }
    const dc: DocumentClaims = { doc, sentences: results, format, resolver, citedKeys, findings: [] };
    const ctxKey = `${JSON.stringify(format)}|${resolver.references.length}|${[...resolver.numbered.values()].map((e) => `${e.number}=${e.key ?? ''}`).join(',')}|${(doc.references ?? []).map((x) => x.id).join(',')}`;
    for (const r of results) this.sentenceFindings(dc, r, ctxKey);
    return dc;
  }

  /** Claims, citations, strong wording and numbers in one sentence (offsets relative to it). */
  analyzeSentence(text: string, spans: Span[] = [], latex = false): SentenceAnalysis {
    return this.analyzeWith(text, spans, this.citationsOf(text, spans, latex), false);
  }

  /**
   * `analyzeSentence` with the citations found. `sparse`: the sentence is shown only if it has
   * citations, claims or strong wording, so the reason it asserts nothing is left out otherwise.
   */
  private analyzeWith(text: string, spans: Span[], citations: InTextCitation[], sparse: boolean): SentenceAnalysis {
    const skip = (start: number, end: number) =>
      spans.some((x) => start < x.end && end > x.start) || citations.some((c) => start < c.end && end > c.start);
    let match: SentenceClaims;
    let strong: StrongPhrase[] = [];
    if (this.mayNameConcept(text)) {
      const terms = this.glossary.findTerms(text, skip);
      const tokens = tokenize(text, terms);
      if (terms.length) strong = findStrongPhrases(tokens, text).filter((p) => !skip(p.start, p.end));
      // Why the sentence asserts nothing (unless a claim matches) matters for strong wording,
      // and is kept for sentences with citations, which are shown whatever they hold.
      match = matchTerms(text, this.compiled, terms, tokens, !sparse || strong.length > 0 || citations.length > 0);
    } else {
      match = { hits: [], negated: [], tokens: [], terms: [] };
    }
    const quantities = match.hits.some((h) => h.claim.quantity)
      ? findQuantities(maskRanges(text, [...spans, ...citations])).filter((q) => !skip(q.start, q.end))
      : [];
    // A claim about a count (1.5 million people) is made only with a number.
    match.hits = match.hits.filter((h) => {
      const q = h.claim.quantity;
      if (!q || q.comparator === 'range' || q.value < 1000 || relevantMentions(q, quantities).length) return true;
      match.negated.push({ claim: h.claim, reason: 'the sentence gives no number for this count' });
      return false;
    });
    let conceptClaims: Claim[] = [];
    if (strong.length) {
      const present = new Set(match.terms.map((t) => t.termId));
      const named = this.multiConcept.filter((c) => c.concepts.every((g) => [...g].some((id) => present.has(id))));
      // Whether the sentence asserts is read last: it is worked out on first read (`matchTerms`).
      if (named.length && !match.nonAssertive) conceptClaims = named.map((c) => c.claim);
    }
    return { citations, match, strong, quantities, conceptClaims };
  }

  /** The citations of a sentence, outside code, URLs, math and other non-prose spans. */
  private citationsOf(text: string, spans: Span[], latex: boolean): InTextCitation[] {
    if (!spans.length) return findCitations(text, { latex });
    return findCitations(text, { excluded: (o) => spans.some((x) => o >= x.start && o < x.end && NO_CITATION_KINDS.has(x.kind)), latex });
  }

  /** Findings and claim occurrences of one sentence, memoised on its cache entry per document context. */
  private sentenceFindings(dc: DocumentClaims, r: SentenceResult, ctxKey: string): void {
    const a = r.analysis;
    const s = r.sentence;
    if (!a.citations.length && !a.match.hits.length && !a.strong.length) return;
    const key = `${ctxKey}|${r.coveredBy !== undefined ? 1 : 0}|${s.kind}`;
    let memo = r.cached?.memo;
    if (!memo || memo.key !== key) {
      memo = { key, ...this.relativeFindings(dc, r) };
      if (r.cached) r.cached.memo = memo;
    }
    r.occurrences = memo.occurrences;
    const abs = (rel: Rel) => dc.doc.rangeOf(s.start + rel.start, s.start + rel.end);
    for (const f of memo.findings) {
      const { rel, fixes, ...rest } = f;
      dc.findings.push({
        ...rest,
        range: abs(rel),
        fixes: fixes?.map(({ edits, ...fx }) => ({ ...fx, edits: edits.map((e) => ({ range: abs(e.rel), newText: e.newText })) })),
      });
    }
  }

  /** The findings of one sentence with offsets relative to it. */
  private relativeFindings(dc: DocumentClaims, r: SentenceResult): { findings: RelFinding[]; occurrences: ClaimOccurrence[] } {
    const { resolver, format } = dc;
    const s = r.sentence;
    const a = r.analysis;
    const text = s.text;
    const checked = isCheckedKind(s.kind);
    const out: RelFinding[] = [];
    const occurrences: ClaimOccurrence[] = [];
    const relOf = (c: { start: number; end: number }): Rel => ({ start: c.start - s.start, end: c.end - s.start });

    // unknown-citation: in prose and captions alike.
    if (resolver.references.length) {
      for (let i = 0; i < r.citations.length; i++) {
        for (const item of r.resolutions[i].unknownKeys) {
          if (item.key === undefined) continue;
          const close = resolver.closeKeys(item.key);
          const rel = relOf(item);
          out.push({
            rule: 'unknown-citation',
            severity: 'error',
            rel,
            message: `Unknown citation key @${item.key}: it is in no loaded bibliography.${close.length ? ` Did you mean ${close.map((k) => `@${k}`).join(', ')}?` : ''}`,
            suggestions: close,
            fixes: close.map((k, idx) => ({ title: `Change to @${k}`, kind: 'edit' as const, edits: [{ rel, newText: k }], isPreferred: idx === 0 })),
          });
        }
      }
    }
    if (!checked) return { findings: out, occurrences };
    const hits = a.match.hits;

    // claim-mismatch: a number the claim base contradicts.
    const mismatched = new Set<string>();
    for (const h of hits) {
      const q = h.claim.quantity;
      if (!q) continue;
      const mentions = relevantMentions(q, a.quantities);
      if (mentions.length === 0) continue;
      const target = claimInterval(q);
      if (mentions.some((m) => overlaps(m.interval, target))) continue;
      mismatched.add(h.claim.id);
      const m = mentions[0];
      const wanted = describeQuantity(q);
      const rel = { start: m.start, end: m.end };
      out.push({
        rule: 'claim-mismatch',
        severity: 'error',
        rel,
        message: `"${m.text}" contradicts the claim base: ${wanted} (${q.unit}). Claim: ${h.claim.statement}`,
        suggestions: [wanted],
        fixes: [{ title: `Replace with "${wanted}"`, kind: 'edit', edits: [{ rel, newText: wanted }], isPreferred: true }],
        related: this.related(h.claim),
        explanation: explainHit(h, a.match.tokens, text, this.glossary),
      });
    }

    const ownCited = r.citations.length > 0;
    const covered = r.coveredBy !== undefined;
    const claimHits = hits.filter((h) => !mismatched.has(h.claim.id));
    for (const h of hits) {
      let status: ClaimStatus;
      if (mismatched.has(h.claim.id)) status = 'mismatch';
      else if (ownCited) status = supports(h.claim, r.resolutions) === false ? 'unsupported' : 'cited';
      else if (covered) status = 'covered';
      else status = 'uncited';
      occurrences.push({ claim: h.claim, status, primary: h === claimHits[0] });
    }

    if (claimHits.length) {
      const primary = claimHits[0];
      const others = claimHits.slice(1).map((h) => `\`${h.claim.id}\``);
      const explanation = explainHit(primary, a.match.tokens, text, this.glossary) + (others.length ? `\nAlso matches: ${others.join(', ')}` : '');
      const refs = primary.claim.references;
      if (!ownCited && !covered) {
        out.push({
          rule: 'uncited-claim',
          severity: 'warning',
          rel: { start: 0, end: text.length },
          message: `Claim without a citation: ${primary.claim.statement} (claim ${primary.claim.id}; supported by ${refs.map((k) => `@${k}`).join(', ') || 'no listed reference'})`,
          suggestions: refs.map((k) => formatCitation([k], format, resolver)),
          fixes: this.insertFixes(format, resolver, text, refs),
          related: this.related(primary.claim),
          explanation,
        });
      } else if (ownCited) {
        // unsupported-citation: every cited reference is known and none supports any matched claim.
        if (claimHits.every((h) => supports(h.claim, r.resolutions) === false)) {
          const cited = [...new Set(r.resolutions.flatMap((x) => x.keys))];
          const first = relOf(r.citations[0]);
          const fixes: RelFix[] = refs.map((k, idx) => ({
            title: `Cite ${formatCitation([k], format, resolver)} instead`,
            kind: 'edit' as const,
            edits: [{ rel: first, newText: formatCitation([k], format, resolver) }],
            isPreferred: idx === 0,
          }));
          fixes.push(...this.insertFixes(format, resolver, text, refs).map((f) => ({ ...f, title: f.title.replace(/^Cite/, 'Add'), isPreferred: false })));
          out.push({
            rule: 'unsupported-citation',
            severity: 'warning',
            rel: { start: first.start, end: relOf(r.citations[r.citations.length - 1]).end },
            message: `None of the cited references (${cited.map((k) => `@${k}`).join(', ')}) supports this claim: ${primary.claim.statement} Supporting: ${refs.map((k) => `@${k}`).join(', ')}.`,
            suggestions: refs.map((k) => formatCitation([k], format, resolver)),
            fixes,
            related: [...this.related(primary.claim), ...cited.map((k) => this.refRelated(k, 'Cited reference'))].filter((x): x is RelatedInfo => Boolean(x)),
            explanation,
          });
        }
      }
    }

    // overclaim: strong wording about a claim (matched, or all its concepts named), in a
    // sentence that asserts. Whether it asserts is read last: it is worked out on first
    // read (`matchTerms`), and most sentences with strong wording have neither kind of subject.
    if (a.strong.length) {
      const negatedIds = new Set(a.match.negated.map((n) => n.claim.id));
      const candidates = [...hits.map((h) => h.claim), ...a.conceptClaims.filter((c) => !negatedIds.has(c.id))];
      if (candidates.length) {
        if (!a.match.nonAssertive) {
          const claim = candidates.find((c) => PRELIMINARY.has(c.evidence.kind)) ?? candidates[0];
          const severity: Severity = PRELIMINARY.has(claim.evidence.kind) ? 'warning' : 'information';
          for (const p of a.strong) {
            const rel = { start: p.start, end: p.end };
            out.push({
              rule: 'overclaim',
              severity,
              rel,
              message: `"${p.text}" is stronger than the evidence: the claim base has ${describeEvidence(claim.evidence.kind)} for "${claim.statement}"${claim.evidence.note ? ` (${claim.evidence.note.replace(/\.$/, '')})` : ''}.`,
              suggestions: [p.milder],
              fixes: [{ title: `Soften to "${p.milder}"`, kind: 'edit', edits: [{ rel, newText: p.milder }] }],
              related: this.related(claim),
              explanation: `Strong wording "${p.text}" about claim \`${claim.id}\` (evidence: ${claim.evidence.kind}).`,
            });
          }
        }
      } else {
        // No known claim, but a treatment promise about a disease or therapy of the glossary
        // ("this treatment cures lupus in every patient"): nothing in the claim base backs it.
        const subject = a.match.terms.map((t) => this.glossary.term(t.termId)).find((t) => t && TREATMENT_KINDS.has(t.kind ?? ''));
        const promises = subject ? a.strong.filter(isTreatmentPromise) : [];
        for (const p of promises.length && !a.match.nonAssertive ? promises : []) {
          const rel = { start: p.start, end: p.end };
          out.push({
            rule: 'overclaim',
            severity: 'warning',
            rel,
            message: `"${p.text}" promises more than any evidence in the claim base: no claim there supports it for ${subject!.preferred}.`,
            suggestions: [p.milder],
            fixes: [{ title: `Soften to "${p.milder}"`, kind: 'edit', edits: [{ rel, newText: p.milder }] }],
            explanation: `Strong wording "${p.text}" in a sentence about ${subject!.preferred}, matching no claim of the claim base.`,
          });
        }
      }
    }
    return { findings: out, occurrences };
  }

  /** One fix per supporting reference, then one citing all of them (offsets relative to the sentence). */
  private insertFixes(format: CitationFormat, resolver: CitationResolver, text: string, keys: string[]): RelFix[] {
    if (keys.length === 0) return [];
    const at = insertionPoint(text, 0, text.length);
    const fix = (ks: string[], title: string, preferred: boolean): RelFix => {
      const cite = formatCitation(ks, format, resolver);
      const glue = format.style === 'numeric' && format.superscript ? '' : /\s/.test(text[at - 1] ?? ' ') ? '' : ' ';
      return { title: `${title} ${cite}`, kind: 'edit', edits: [{ rel: { start: at, end: at }, newText: glue + cite }], isPreferred: preferred };
    };
    const fixes = keys.map((k, i) => fix([k], 'Cite', i === 0));
    if (keys.length > 1) fixes.push(fix(keys, 'Cite all:', false));
    return fixes;
  }

  private related(claim: Claim): RelatedInfo[] {
    const loc = this.data.locations.get(`claim:${claim.id}`);
    const out: RelatedInfo[] = [{ message: `Claim base entry \`${claim.id}\`: ${claim.statement}`, file: loc?.file, line: loc?.line }];
    for (const k of claim.references) {
      const r = this.refRelated(k, 'Supporting reference');
      if (r) out.push(r);
    }
    return out;
  }

  private refRelated(key: string, label: string): RelatedInfo | undefined {
    const loc = this.data.locations.get(`ref:${key}`);
    if (!loc) return undefined;
    return { message: `${label} @${key}`, file: loc.file, line: loc.line };
  }
}

/** True if a resolved cited key supports the claim, false if all citations resolved and none does, undefined if unknown. */
function supports(claim: Claim, resolutions: Resolution[]): boolean | undefined {
  let unresolved = false;
  let any = false;
  for (const r of resolutions) {
    if (r.keys.some((k) => claim.references.includes(k))) return true;
    if (r.unresolved.length || r.unknownKeys.length) unresolved = true;
    if (r.keys.length) any = true;
  }
  if (unresolved || !any) return undefined;
  return false;
}

/** Where a citation goes: before the sentence's final punctuation (after closing emphasis is skipped back over). */
export function insertionPoint(text: string, start: number, end: number): number {
  // Step back over closing quotes, brackets and emphasis markers.
  let j = end;
  while (j > start && /[)"'”’»*_\]]/.test(text[j - 1])) j--;
  if (j > start && /[.!?…:;]/.test(text[j - 1])) {
    let k = j - 1;
    while (k > start && /[.!?…]/.test(text[k - 1])) k--;
    // Before closing emphasis/quotes that precede the period: `**word**.` -> after `**`.
    return k;
  }
  return end;
}

function shiftCitation(c: InTextCitation, by: number): InTextCitation {
  if (by === 0) return c;
  return { ...c, start: c.start + by, end: c.end + by, items: c.items.map((it) => ({ ...it, start: it.start + by, end: it.end + by })) };
}

/** Replaces ranges by spaces (same length), so numbers in citations and code are not read. */
function maskRanges(text: string, ranges: Array<{ start: number; end: number }>): string {
  if (ranges.length === 0) return text;
  const chars = text.split('');
  for (const r of ranges) for (let i = Math.max(0, r.start); i < Math.min(text.length, r.end); i++) chars[i] = ' ';
  return chars.join('');
}

function mergeReferences(a: CslItem[], b: CslItem[]): CslItem[] {
  if (b.length === 0) return a;
  const seen = new Set(a.map((r) => String(r.id)));
  return [...a, ...b.filter((r) => !seen.has(String(r.id)))];
}

/** The checker factory registered in `checkerFactories`. Reads `settings.citationScope`. */
export function claimCheckerFactory(ctx: EngineContext): ClaimChecker {
  const scope = ctx.settings.citationScope === 'paragraph' ? 'paragraph' : 'sentence';
  return new ClaimChecker(ctx.data, ctx.glossary, scope);
}
