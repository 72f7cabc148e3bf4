// The claim report: per document, each claim made and whether and by what it is cited
// (uncited claims first), plus the bibliography's references that no document cites.
// Built from the claim checker's document analysis; rendered as Markdown or JSON.
import type { CslItem, MedwriteData } from './data';
import type { AnalyzedDocument } from './document';
import type { EngineSettings } from './engine';
import { GlossaryIndex } from './glossary';
import { ClaimChecker, ClaimStatus } from './claims/checker';
import { yearOf } from './citations/inText';

export interface ReportClaim {
  claimId: string;
  statement: string;
  status: ClaimStatus;
  /** 1-based line of the sentence. */
  line: number;
  sentence: string;
  /** Citations as written in the sentence (or in the sentence that covers it). */
  citations: string[];
  /** Known reference keys those citations resolve to. */
  citedKeys: string[];
  /** References the claim base lists for the claim. */
  supportingKeys: string[];
  /** Other claims the same sentence matches. */
  alsoMatches: string[];
}

export interface DocumentReport {
  file: string;
  claims: ReportClaim[];
  counts: Record<ClaimStatus, number>;
}

export interface ClaimReport {
  documents: DocumentReport[];
  /** References loaded (shipped, workspace, document bibliographies) that no document cites. */
  uncitedReferences: Array<{ key: string; title?: string; year?: string }>;
  totals: Record<ClaimStatus, number> & { documents: number; claims: number };
}

/** Uncited claims first, then wrong numbers, unsupported citations, covered and cited ones. */
const ORDER: Record<ClaimStatus, number> = { uncited: 0, mismatch: 1, unsupported: 2, covered: 3, cited: 4 };

const zero = (): Record<ClaimStatus, number> => ({ uncited: 0, mismatch: 0, unsupported: 0, covered: 0, cited: 0 });

export interface ReportInput {
  /** Path or URI shown in the report. */
  file: string;
  doc: AnalyzedDocument;
}

/** Builds the report for a set of documents (each analysed with `doc.references` already set, if any). */
export function buildClaimReport(inputs: ReportInput[], data: MedwriteData, settings: EngineSettings = {}, glossary = new GlossaryIndex(data.terms)): ClaimReport {
  const checker = new ClaimChecker(data, glossary, settings.citationScope === 'paragraph' ? 'paragraph' : 'sentence');
  const cited = new Set<string>();
  const allRefs = new Map<string, CslItem>();
  for (const r of data.references) allRefs.set(String(r.id), r);
  const totals = { ...zero(), documents: inputs.length, claims: 0 };
  const documents: DocumentReport[] = [];
  for (const { file, doc } of inputs) {
    for (const r of doc.references ?? []) if (!allRefs.has(String(r.id))) allRefs.set(String(r.id), r);
    const dc = checker.analyzeDocument(doc);
    for (const k of dc.citedKeys) cited.add(k);
    const claims: ReportClaim[] = [];
    const counts = zero();
    for (const r of dc.sentences) {
      const primary = r.occurrences.find((o) => o.primary) ?? r.occurrences[0];
      if (!primary) continue;
      const source = r.coveredBy !== undefined && r.citations.length === 0 ? dc.sentences[r.coveredBy] : r;
      const keys = [...new Set(source.resolutions.flatMap((x) => x.keys))];
      claims.push({
        claimId: primary.claim.id,
        statement: primary.claim.statement,
        status: primary.status,
        line: doc.positionAt(r.sentence.start).line + 1,
        sentence: r.sentence.text.replace(/\s+/g, ' '),
        citations: source.citations.map((c) => c.raw),
        citedKeys: keys,
        supportingKeys: primary.claim.references,
        alsoMatches: r.occurrences.filter((o) => o !== primary).map((o) => o.claim.id),
      });
      counts[primary.status]++;
      totals[primary.status]++;
      totals.claims++;
    }
    claims.sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.line - b.line);
    documents.push({ file, claims, counts });
  }
  const uncitedReferences = [...allRefs.values()]
    .filter((r) => !cited.has(String(r.id)))
    .map((r) => ({ key: String(r.id), title: r.title, year: yearOf(r) }))
    .sort((a, b) => a.key.localeCompare(b.key));
  return { documents, uncitedReferences, totals };
}

const STATUS_TEXT: Record<ClaimStatus, string> = {
  uncited: 'UNCITED',
  mismatch: 'number contradicts the claim base',
  unsupported: 'cited, but not by a supporting reference',
  covered: 'covered by a later citation in the paragraph',
  cited: 'cited',
};

/** Markdown: one section per document, a table of claims (uncited first), then unused references. */
export function renderClaimReportMarkdown(report: ClaimReport): string {
  const t = report.totals;
  const lines: string[] = ['# Claim report', ''];
  lines.push(
    `${t.documents} document(s), ${t.claims} claim(s): ${t.uncited} uncited, ${t.mismatch} with a contradicted number, ${t.unsupported} with an unsupporting citation, ${t.covered} covered by a later citation, ${t.cited} cited.`,
    '',
  );
  for (const d of report.documents) {
    lines.push(`## ${d.file}`, '');
    if (d.claims.length === 0) {
      lines.push('No claim of the claim base found.', '');
      continue;
    }
    lines.push('| line | status | claim | cited by | supporting references | sentence |', '|---:|---|---|---|---|---|');
    for (const c of d.claims) {
      const citedBy = c.citations.length ? c.citations.map((x) => `\`${x}\``).join(' ') : '—';
      const also = c.alsoMatches.length ? ` (also: ${c.alsoMatches.join(', ')})` : '';
      lines.push(
        `| ${c.line} | ${STATUS_TEXT[c.status]} | \`${c.claimId}\`${also} | ${cell(citedBy)} | ${c.supportingKeys.map((k) => `@${k}`).join(', ') || '—'} | ${cell(c.sentence)} |`,
      );
    }
    lines.push('');
  }
  lines.push('## References never cited', '');
  if (report.uncitedReferences.length === 0) lines.push('Every loaded reference is cited.');
  for (const r of report.uncitedReferences) lines.push(`- @${r.key}${r.title ? `: ${r.title.replace(/\s+/g, ' ')}` : ''}${r.year ? ` (${r.year})` : ''}`);
  lines.push('');
  return lines.join('\n');
}

export function renderClaimReportJson(report: ClaimReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
