// Draft CSL items from what source documents carry: citation lines ("Source: He J, Zhang X,
// Wei Y, et al. Title. Nature Medicine. 2016"), PubMed web-page headers (". 2016
// Nov;12(11):1153-1160. doi: ..." + title + "Jens Y Humrich et al. Expert Rev Clin
// Immunol. 2016 Nov."), MEDLINE records ("PMID- ", "TI  - ", "AU  - "...) and bare DOIs.
import type { CslItem, CslName } from '../data';
import type { Provenance } from '../types';
import { LineMap, SourceDocument, uniqueId } from './source';

/** A drafted reference with where it was found (MedWrite's `provenance` field). */
export type DraftReference = CslItem & { provenance: Provenance[] };

const DOI_RE = /\b(10\.\d{4,9}\/[^\s"<>,;]+[^\s"<>,;.)\]])/g;
const YEAR_RE = /\b(1[89]\d\d|20\d\d)\b/;
const CITATION_LABEL = /^\s*(?:[-*>]\s*)?(?:\*\*)?(?:source|sources|reference|references|citation|cited study|study|original article|paper|journal reference)\s*(?:\*\*)?\s*[:\-–]\s*(?:\*\*)?\s*/i;
/** "He J", "Zhang XY", "van der Berg A", "Humrich JY" */
const VANCOUVER_AUTHOR = /^([\p{Lu}][\p{L}'’-]+(?:[ -][\p{L}'’-]+)*?) ((?:\p{Lu}\.?){1,3})$/u;

function yearOf(text: string): number | undefined {
  const m = YEAR_RE.exec(text);
  return m ? Number(m[1]) : undefined;
}

function keyFor(item: CslItem, taken: Set<string>): string {
  const first = item.author?.[0];
  const name = (first?.family ?? first?.literal ?? 'anon').toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '') || 'anon';
  const year = item.issued?.['date-parts']?.[0]?.[0] ?? 'nd';
  const base = `${name}${year}`;
  if (!taken.has(base)) {
    taken.add(base);
    return base;
  }
  for (let c = 98; c < 123; c++) {
    const k = `${base}${String.fromCharCode(c)}`;
    if (!taken.has(k)) {
      taken.add(k);
      return k;
    }
  }
  return uniqueId(base, taken);
}

function parseVancouverAuthors(text: string): { authors: CslName[]; etAl: boolean } | undefined {
  const etAl = /,?\s*et al\.?$/.test(text);
  const list = text.replace(/,?\s*et al\.?$/, '').split(/,\s*/);
  const authors: CslName[] = [];
  for (const a of list) {
    const m = VANCOUVER_AUTHOR.exec(a.trim());
    if (!m) return undefined;
    authors.push({ family: m[1], given: m[2].replace(/\.?(\p{Lu})/gu, '$1.').replace(/\.\./g, '.') });
  }
  return authors.length ? { authors, etAl } : undefined;
}

/** "He J, Zhang X, Wei Y, et al. Title. Journal. 2016;7(3):12-19." */
export function parseCitation(text: string): CslItem | undefined {
  const t = text.replace(CITATION_LABEL, '').replace(/\s+/g, ' ').trim();
  const authorEnd = /^(.+?(?:et al\.|\p{Lu}\.?))\.?\s+(?=\p{Lu}|\d|")/u.exec(t);
  if (!authorEnd) return undefined;
  const names = parseVancouverAuthors(authorEnd[1].replace(/\.$/, (s) => (authorEnd[1].endsWith('al.') ? s : '')));
  if (!names) return undefined;
  const rest = t.slice(authorEnd[0].length);
  const parts = rest.split(/\s*\.\s+|\s+\.\s*/).map((s) => s.trim()).filter(Boolean);
  if (parts.length < 2) return undefined;
  const item: CslItem = { id: '', type: 'article-journal', author: names.authors, title: parts[0].replace(/\.$/, '') };
  const tail = parts.slice(1);
  const yearIdx = tail.findIndex((p) => YEAR_RE.test(p) && /^(?:\p{Lu}\p{Ll}{2} )?\d{4}|^\d{4}/u.test(p));
  const journal = tail.slice(0, yearIdx < 0 ? 1 : Math.max(1, yearIdx)).join('. ');
  if (journal && !YEAR_RE.test(journal)) item['container-title'] = journal.replace(/\.$/, '');
  const yearPart = yearIdx >= 0 ? tail[yearIdx] : tail.find((p) => YEAR_RE.test(p));
  const year = yearPart ? yearOf(yearPart) : undefined;
  if (year) item.issued = { 'date-parts': [[year]] };
  if (yearPart) addVolumeIssuePages(item, yearPart);
  const doi = DOI_RE.exec(t);
  DOI_RE.lastIndex = 0;
  if (doi) item.DOI = doi[1];
  return item;
}

function addVolumeIssuePages(item: CslItem, text: string): void {
  const m = /;\s*(\d+)(?:\((\w+)\))?(?::\s*([\w-]+))?/.exec(text);
  if (!m) return;
  item.volume = m[1];
  if (m[2]) item.issue = m[2];
  if (m[3]) item.page = m[3];
}

/** MEDLINE (.nbib) records: tag lines "XXXX- value" with continuation lines. */
function parseMedline(text: string, lines: LineMap): { item: CslItem; offset: number }[] {
  const out: { item: CslItem; offset: number }[] = [];
  const recRe = /^PMID- *(\d+)/gm;
  const starts: { pmid: string; offset: number }[] = [];
  let m: RegExpExecArray | null;
  while ((m = recRe.exec(text))) starts.push({ pmid: m[1], offset: m.index });
  starts.forEach((s, i) => {
    const body = text.slice(s.offset, i + 1 < starts.length ? starts[i + 1].offset : text.length);
    const fields: [string, string][] = [];
    for (const line of body.split(/\r?\n/)) {
      const f = /^([A-Z]{2,4})\s*- (.*)$/.exec(line);
      if (f) fields.push([f[1], f[2].trim()]);
      else if (/^ {6}\S/.test(line) && fields.length) fields[fields.length - 1][1] += ` ${line.trim()}`;
    }
    const get = (tag: string) => fields.find(([t]) => t === tag)?.[1];
    const item: CslItem = { id: '', type: 'article-journal', PMID: s.pmid };
    const ti = get('TI');
    if (ti) item.title = ti.replace(/\.$/, '');
    const authors = fields.filter(([t]) => t === 'FAU' || t === 'AU');
    const fau = authors.filter(([t]) => t === 'FAU');
    const useList = fau.length ? fau : authors;
    item.author = useList.map(([, v]) => {
      const [family, given] = v.split(/,\s*| (?=\S+$)/);
      return given ? { family, given } : { literal: v };
    });
    const jt = get('JT') ?? get('TA');
    if (jt) item['container-title'] = jt;
    const dp = get('DP');
    if (dp && yearOf(dp)) item.issued = { 'date-parts': [[yearOf(dp)!]] };
    const vi = get('VI');
    if (vi) item.volume = vi;
    const ip = get('IP');
    if (ip) item.issue = ip;
    const pg = get('PG');
    if (pg) item.page = pg;
    const doi = fields.find(([t, v]) => (t === 'AID' || t === 'LID') && /\[doi\]/.test(v));
    if (doi) item.DOI = doi[1].replace(/\s*\[doi\]/, '');
    out.push({ item, offset: s.offset });
    void lines;
  });
  return out;
}

/** PubMed web page: ". 2016 Nov;12(11):1153-1160." / "doi: ..." / title / "A B Name et al. Journal. 2016 Nov." */
function parsePubmedPage(text: string): { item: CslItem; offset: number } | undefined {
  const doiLine = /^doi:\s*(10\.\S+?)\.?(?:\s+Epub.*)?$/im.exec(text);
  const byline = /^(\p{Lu}[\p{L}'’ -]+?) et al\. (.+?)\. ((?:19|20)\d\d)\b.*$/mu.exec(text);
  if (!doiLine || !byline) return undefined;
  const item: CslItem = { id: '', type: 'article-journal' };
  const names = byline[1].trim().split(/\s+/);
  const family = names.pop()!;
  item.author = [{ family, given: names.join(' ') || undefined }];
  item['container-title'] = byline[2].trim();
  item.issued = { 'date-parts': [[Number(byline[3])]] };
  item.DOI = doiLine[1].replace(/\.$/, '');
  // The title: first non-empty line after the DOI line that is not page furniture.
  const after = text.slice(doiLine.index + doiLine[0].length).split(/\r?\n/).map((l) => l.trim());
  const title = after.find((l) => l.length > 15 && !/^(affiliations|review|free pmc article|full text links|cite|abstract)$/i.test(l));
  if (title) item.title = title.replace(/\.$/, '');
  const vol = /^\.?\s*(?:19|20)\d\d[^;\n]*;\s*(\d+)(?:\((\w+)\))?:\s*([\w-]+)/m.exec(text.slice(0, doiLine.index + 1));
  if (vol) {
    item.volume = vol[1];
    if (vol[2]) item.issue = vol[2];
    item.page = vol[3];
  }
  if (/^\s*Review\s*$/m.test(text)) item.genre = 'Review';
  return { item, offset: doiLine.index };
}

/** References found in the documents, deduplicated by DOI or by title. */
export function draftReferences(docs: SourceDocument[], takenIds: Set<string> = new Set()): DraftReference[] {
  const out: DraftReference[] = [];
  const byKey = new Map<string, DraftReference>();
  const add = (item: CslItem, doc: SourceDocument, line: number) => {
    const key = item.DOI ? `doi:${String(item.DOI).toLowerCase()}` : `title:${(item.title ?? '').toLowerCase().replace(/\W+/g, '')}`;
    const prov = { file: doc.file, line };
    const prev = byKey.get(key);
    if (prev) {
      if (!prev.provenance.some((p) => p.file === prov.file && p.line === prov.line)) prev.provenance.push(prov);
      return;
    }
    const ref: DraftReference = { ...item, id: keyFor(item, takenIds), provenance: [prov] };
    byKey.set(key, ref);
    out.push(ref);
  };
  for (const original of docs) {
    // No-break spaces ("Humrich\u00a0et al.") read as spaces; same length, so offsets hold.
    const doc = { file: original.file, text: original.text.replace(/[\u00a0\u2009\u202f]/g, ' ') };
    const lines = new LineMap(doc.text);
    const consumedDois = new Set<string>();
    for (const { item, offset } of parseMedline(doc.text, lines)) {
      if (item.DOI) consumedDois.add(String(item.DOI).toLowerCase());
      add(item, doc, lines.lineOf(offset));
    }
    const page = parsePubmedPage(doc.text);
    if (page) {
      if (page.item.DOI) consumedDois.add(String(page.item.DOI).toLowerCase());
      add(page.item, doc, lines.lineOf(page.offset));
    }
    // Citation lines: a label ("Source:") or a Vancouver author list at the start of a line.
    let offset = 0;
    for (const line of doc.text.split('\n')) {
      if (CITATION_LABEL.test(line) || /^\s*(?:\[\d+\]|\d+\.)?\s*\p{Lu}[\p{L}'’-]+ \p{Lu}{1,3}, \p{Lu}[\p{L}'’-]+ \p{Lu}{1,3}/u.test(line)) {
        const item = parseCitation(line.replace(/^\s*(?:\[\d+\]|\d+\.)\s*/, ''));
        if (item) {
          if (item.DOI) consumedDois.add(String(item.DOI).toLowerCase());
          add(item, doc, lines.lineOf(offset));
        }
      }
      offset += line.length + 1;
    }
    for (const m of doc.text.matchAll(DOI_RE)) {
      const doi = m[1];
      if (consumedDois.has(doi.toLowerCase())) continue;
      consumedDois.add(doi.toLowerCase());
      add({ id: '', type: 'article-journal', DOI: doi }, doc, lines.lineOf(m.index!));
    }
  }
  return out;
}
