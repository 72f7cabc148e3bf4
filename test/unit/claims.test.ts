import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { analyze, createEngine } from '../../src/core';
import type { Claim, CslItem, MedwriteData, Term } from '../../src/core/data';
import type { Finding, TextEdit } from '../../src/core/types';
import { GlossaryIndex } from '../../src/core/glossary';
import { ClaimChecker, CLAIM_RULES } from '../../src/core/claims/checker';
import { findQuantities } from '../../src/core/claims/quantity';
import { compileClaim } from '../../src/core/claims/matcher';
import { rng, randomText } from '../support/random';
import { buildClaimReport, renderClaimReportMarkdown } from '../../src/core/report';
import { loadData } from '../../src/node/load';

// ---- a small claim base of our own, so these tests do not move with the shipped data ----
const prov = [{ file: 'test', line: 1 }];
const terms: Term[] = [
  { id: 'il-2', preferred: 'IL-2', fullName: 'interleukin-2', variants: ['interleukin-2'], definition: 'A cytokine.', provenance: prov },
  { id: 'sle', preferred: 'SLE', fullName: 'systemic lupus erythematosus', variants: ['lupus'], definition: 'A disease.', kind: 'disease', provenance: prov },
  { id: 'treg', preferred: 'Treg', fullName: 'regulatory T cell', variants: ['Tregs', 'regulatory T cells'], definition: 'A T cell.', provenance: prov },
];
const claims: Claim[] = [
  {
    id: 'tregs-need-il-2',
    statement: 'Regulatory T cells need IL-2 to survive.',
    concepts: [['il-2'], ['treg']],
    cues: [['surviv', 'depend', 'need', 'requir']],
    references: ['humrich2016', 'zaman2022'],
    evidence: { kind: 'review' },
    provenance: prov,
  },
  {
    id: 'il-2-helps-lupus',
    statement: 'Low-dose IL-2 was reported to help people with lupus.',
    concepts: [['il-2'], ['sle']],
    cues: [['effective', 'help', 'benefit', 'cure', 'works', 'safe']],
    references: ['he2016'],
    evidence: { kind: 'phase-1-2-trial', note: 'Small early trials' },
    provenance: prov,
  },
  {
    id: 'lupus-prevalence',
    statement: 'At least 1.5 million Americans have lupus.',
    concepts: [['sle']],
    cues: [['american', 'united states'], ['have', 'affect', 'live']],
    quantity: { value: 1500000, comparator: '>=', unit: 'Americans with lupus' },
    references: ['anonnda'],
    evidence: { kind: 'news-report' },
    provenance: prov,
  },
];
const references: CslItem[] = [
  { id: 'he2016', type: 'article-journal', author: [{ family: 'He' }, { family: 'Zhang' }, { family: 'Wei' }], title: 'Low-dose IL-2 in SLE', issued: { 'date-parts': [[2016]] } },
  { id: 'humrich2016', type: 'article-journal', author: [{ family: 'Humrich' }], title: 'Restoring regulation', issued: { 'date-parts': [[2016]] } },
  { id: 'zaman2022', type: 'article-newspaper', author: [{ family: 'Zaman' }], title: 'Source-specific IL-2', issued: { 'date-parts': [[2022]] } },
  { id: 'anonnda', type: 'article-newspaper', title: 'A news piece' },
  { id: 'unused2020', type: 'book', author: [{ family: 'Nobody' }], title: 'Never cited', issued: { 'date-parts': [[2020]] } },
];
const data: MedwriteData = {
  terms,
  claims,
  references,
  words: [],
  locations: new Map([
    ['claim:tregs-need-il-2', { file: 'glossary/claims.yaml', line: 3 }],
    ['ref:humrich2016', { file: 'glossary/references.yaml', line: 20 }],
  ]),
};

const check = (text: string, languageId = 'markdown', settings = {}) =>
  createEngine(data, settings)
    .check({ uri: 'mem:doc', languageId, text })
    .filter((f) => (CLAIM_RULES as readonly string[]).includes(f.rule));

function applyEdits(text: string, edits: TextEdit[]): string {
  const doc = analyze({ uri: 'mem:x', languageId: 'markdown', text });
  const sorted = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, doc.offsetAt(e.range.start)) + e.newText + out.slice(doc.offsetAt(e.range.end));
  return out;
}

const only = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule);

describe('claim check', () => {
  it('flags an uncited claim, names the claim, points at the claim base and explains the match', () => {
    const text = '# Intro\n\nSome context first. Tregs depend on IL-2 for their survival. More text.\n';
    const [f, ...rest] = check(text);
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(f.rule, 'uncited-claim');
    assert.deepStrictEqual(f.range, { start: { line: 2, character: 20 }, end: { line: 2, character: 60 } });
    assert.match(f.message, /Regulatory T cells need IL-2 to survive/);
    assert.deepStrictEqual(f.related?.[0], { message: 'Claim base entry `tregs-need-il-2`: Regulatory T cells need IL-2 to survive.', file: 'glossary/claims.yaml', line: 3 });
    assert.match(f.explanation ?? '', /"Tregs" → Treg/);
    assert.match(f.explanation ?? '', /"IL-2" → IL-2/);
    assert.match(f.explanation ?? "", /"survival" \(cue `surviv`\)/);
  });

  it('offers one fix per supporting reference and one citing all, inserted before the final period', () => {
    const text = 'Intro. Tregs depend on IL-2 for their survival. End.\n';
    const [f] = check(text);
    assert.deepStrictEqual(f.fixes?.map((x) => x.title), ['Cite [@humrich2016]', 'Cite [@zaman2022]', 'Cite all: [@humrich2016; @zaman2022]']);
    assert.strictEqual(f.fixes?.[0].isPreferred, true);
    assert.strictEqual(applyEdits(text, f.fixes![0].edits), 'Intro. Tregs depend on IL-2 for their survival [@humrich2016]. End.\n');
    assert.strictEqual(applyEdits(text, f.fixes![2].edits), 'Intro. Tregs depend on IL-2 for their survival [@humrich2016; @zaman2022]. End.\n');
    // After the fix the sentence is cited and the finding goes away.
    assert.deepStrictEqual(check(applyEdits(text, f.fixes![0].edits)), []);
  });

  it('inserts in the document’s own style: numeric with its numbered list, author-year, LaTeX', () => {
    const numeric = 'Lupus is common [1].\n\nTregs depend on IL-2.\n\n## References\n\n1. He J, Zhang X. Low-dose IL-2 in SLE. 2016.\n2. Humrich JY. Restoring regulation. 2016.\n';
    const [n] = check(numeric);
    assert.strictEqual(applyEdits(numeric, n.fixes![0].edits).split('\n')[2], 'Tregs depend on IL-2 [2].');
    const authorYear = 'Lupus is common (He et al., 2016).\n\nTregs depend on IL-2.\n';
    const [a] = check(authorYear);
    assert.strictEqual(applyEdits(authorYear, a.fixes![0].edits).split('\n')[2], 'Tregs depend on IL-2 (Humrich, 2016).');
    const latex = '\\begin{document}\nLupus \\citep{he2016}.\n\nTregs depend on IL-2.\n\\end{document}\n';
    const [l] = check(latex, 'latex');
    assert.strictEqual(applyEdits(latex, l.fixes![0].edits).split('\n')[3], 'Tregs depend on IL-2 \\citep{humrich2016}.');
  });

  it('stays silent on topic sentences, near-misses, negations and questions', () => {
    for (const text of [
      'In this section we discuss SLE and IL-2.',
      'IL-2 and Tregs were measured in every sample.',
      'Tregs do not depend on IL-2 in this model.',
      'Do Tregs depend on IL-2?',
      'We asked whether Tregs depend on IL-2.',
    ]) {
      assert.deepStrictEqual(check(text), [], text);
    }
  });

  it('does not check headings, captions or the reference list', () => {
    const text = '# Tregs depend on IL-2\n\nFigure 1. Tregs depend on IL-2.\n\n## References\n\n1. Tregs depend on IL-2. 2016.\n';
    assert.deepStrictEqual(check(text), []);
  });

  it('accepts every citation form as a citation', () => {
    for (const cite of ['[@humrich2016]', '[see @humrich2016, p. 4]', '[-@humrich2016]', '[3]', '[2, 5-7]', '(Humrich et al., 2016)', '(Humrich 2016)']) {
      assert.deepStrictEqual(check(`Tregs depend on IL-2 ${cite}.`), [], cite);
    }
    assert.deepStrictEqual(check('Tregs depend on IL-2.^3^'), []);
    assert.deepStrictEqual(check('\\begin{document}\nTregs depend on IL-2 \\cite{humrich2016}.\n\\end{document}', 'latex'), []);
  });

  it('flags a citation that does not support the claim and suggests the supporting ones', () => {
    const text = 'Tregs depend on IL-2 [@he2016].';
    const [f, ...rest] = check(text);
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(f.rule, 'unsupported-citation');
    assert.deepStrictEqual(f.suggestions, ['[@humrich2016]', '[@zaman2022]']);
    assert.strictEqual(applyEdits(text, f.fixes![0].edits), 'Tregs depend on IL-2 [@humrich2016].');
    // An unresolved numeric citation cannot be judged: no finding.
    assert.deepStrictEqual(check('Tregs depend on IL-2 [4].'), []);
  });

  it('flags an unknown Pandoc key and offers the close ones', () => {
    const text = 'Something else entirely [@humrch2016].';
    const [f] = check(text);
    assert.strictEqual(f.rule, 'unknown-citation');
    assert.deepStrictEqual(f.suggestions, ['humrich2016']);
    assert.strictEqual(applyEdits(text, f.fixes![0].edits), 'Something else entirely [@humrich2016].');
  });

  it('flags wording stronger than the evidence and says what the evidence is', () => {
    const f = only(check('Low-dose IL-2 cures lupus [@he2016].'), 'overclaim');
    assert.strictEqual(f.length, 1);
    assert.match(f[0].message, /"cures" is stronger than the evidence/);
    assert.match(f[0].message, /early \(phase I\/II\) trial results/);
    assert.strictEqual(f[0].severity, 'warning');
    assert.deepStrictEqual(only(check('Low-dose IL-2 is not a cure for lupus [@he2016].'), 'overclaim'), []);
    assert.strictEqual(only(check('IL-2 is a miracle for lupus [@he2016].'), 'overclaim').length, 1);
    assert.deepStrictEqual(check('Every patient in the clinic got a proven diet plan.'), []);
  });

  it('flags a treatment promise about a glossary disease even when it matches no known claim', () => {
    const f = only(check('This new treatment cures lupus in every patient.'), 'overclaim');
    assert.deepStrictEqual(f.map((x) => x.message.split(' promises')[0]), ['"cures"', '"in every patient"']);
    assert.match(f[0].message, /no claim there supports it for SLE/);
    for (const quiet of ['There is no cure for lupus yet.', 'Researchers hope to find a cure for lupus.', 'Lupus has not been cured by any drug.', 'The plan was proven useful for scheduling.']) {
      assert.deepStrictEqual(only(check(quiet), 'overclaim'), [], quiet);
    }
  });

  it('flags numbers that contradict the claim base, not those that agree', () => {
    const bad = check('About 50,000 Americans have lupus [@anonnda].');
    assert.deepStrictEqual(bad.map((f) => f.rule), ['claim-mismatch']);
    assert.match(bad[0].message, /"About 50,000" contradicts the claim base: at least 1.5 million/);
    for (const ok of ['More than 2 million Americans have lupus [@anonnda].', 'At least 1,500,000 Americans live with lupus [@anonnda].', 'One and a half million Americans have lupus [@anonnda].', 'Lupus affects 1.5 million Americans [@anonnda].']) {
      assert.deepStrictEqual(check(ok), [], ok);
    }
    assert.deepStrictEqual(check('Lupus clinics in the United States have waiting lists.'), [], 'a count claim needs a number');
  });

  it('reads numbers in words and figures', () => {
    const v = (t: string) => findQuantities(t).map((q) => [q.value, q.comparator]);
    assert.deepStrictEqual(v('one and a half million'), [[1500000, '=']]);
    assert.deepStrictEqual(v('half a million'), [[500000, '=']]);
    assert.deepStrictEqual(v('at least 1,500,000 people'), [[1500000, '>=']]);
    assert.deepStrictEqual(v('more than 2 million'), [[2000000, '>']]);
    assert.deepStrictEqual(v('1.5m'), [[1500000, '=']]);
    assert.deepStrictEqual(findQuantities('between 15 and 44').map((q) => [q.value, q.max]), [[15, 44]]);
    assert.deepStrictEqual(findQuantities('in 2016').map((q) => q.kind), ['year']);
  });

  it('lets a citation cover earlier sentences of its paragraph when citationScope is paragraph', () => {
    const text = 'Tregs depend on IL-2. They expand with it [@humrich2016].\n\nTregs require IL-2 as well.\n';
    assert.strictEqual(only(check(text), 'uncited-claim').length, 2);
    const para = only(check(text, 'markdown', { citationScope: 'paragraph' }), 'uncited-claim');
    assert.strictEqual(para.length, 1);
    assert.strictEqual(para[0].range.start.line, 2);
  });

  it('re-examines only the changed sentences after an edit', () => {
    const checker = new ClaimChecker(data, new GlossaryIndex(terms));
    const paras = Array.from({ length: 50 }, (_, i) => `Paragraph ${i} says Tregs depend on IL-2.`);
    const text = paras.join('\n\n');
    checker.check(analyze({ uri: 'mem:x', languageId: 'markdown', text }));
    assert.strictEqual(checker.stats.examined, 50);
    const edited = text.replace('Paragraph 25 says', 'Paragraph 25 now says');
    const findings = checker.check(analyze({ uri: 'mem:x', languageId: 'markdown', text: edited }));
    assert.deepStrictEqual({ examined: checker.stats.examined, reused: checker.stats.reused }, { examined: 1, reused: 49 });
    assert.strictEqual(findings.length, 50);
    assert.strictEqual(findings[25].range.start.line, 50);
  });

  it('builds a claim report: uncited first, then cited, and references never cited', () => {
    const doc = analyze({ uri: 'mem:a', languageId: 'markdown', text: 'Tregs depend on IL-2 [@humrich2016].\n\nLow-dose IL-2 helps people with lupus.\n' });
    const report = buildClaimReport([{ file: 'a.md', doc }], data);
    assert.deepStrictEqual(report.documents[0].claims.map((c) => [c.claimId, c.status, c.line]), [
      ['il-2-helps-lupus', 'uncited', 3],
      ['tregs-need-il-2', 'cited', 1],
    ]);
    assert.deepStrictEqual(report.documents[0].claims[1].citedKeys, ['humrich2016']);
    assert.deepStrictEqual(report.uncitedReferences.map((r) => r.key), ['anonnda', 'he2016', 'unused2020', 'zaman2022']);
    const md = renderClaimReportMarkdown(report);
    assert.ok(md.indexOf('UNCITED') < md.indexOf('| cited |'));
    assert.match(md, /## References never cited\n\n- @anonnda/);
  });
});

describe('compiled cues', () => {
  it('splits ASCII cues into the words the Unicode pattern finds (lower case, apostrophes as \')', () => {
    const pieces = ['Reduc', 'IL', '2', '-', ' ', "'", '’', "n't", 'don', 'S', 'é', 'Ö', 'x', '.', ',', '1990s', 'u.s.', 'T'];
    const random = rng(47);
    for (let i = 0; i < 5000; i++) {
      const cue = randomText(random, pieces, 6);
      const expected = cue.toLowerCase().replace(/’/g, "'").match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [];
      const claimOf = { id: 'c', statement: 'c.', concepts: [['x']], cues: [[cue]], references: [], evidence: { kind: 'review' }, provenance: [] } as unknown as Claim;
      assert.deepStrictEqual(compileClaim(claimOf).cues[0][0]?.words ?? [], expected, cue);
    }
  });
});

describe('claim check on the labelled set (shipped claim base)', () => {
  const root = path.resolve(__dirname, '../../..');
  const shipped = loadData([path.join(root, 'glossary')]).data;
  const items = (parseYaml(fs.readFileSync(path.join(root, 'test/fixtures/claims/labelled.yaml'), 'utf8')) as {
    items: Array<{ text: string; claim: string | null; expect: string[]; lang?: string }>;
  }).items;
  const checker = new ClaimChecker(shipped, new GlossaryIndex(shipped.terms));

  it('has at least 80 labelled sentences', () => assert.ok(items.length >= 80));

  it('finds at least 95% of claim sentences with at least 95% precision, and every rule at 90%+', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const rule: Record<string, { tp: number; fp: number; fn: number }> = {};
    for (const r of CLAIM_RULES) rule[r] = { tp: 0, fp: 0, fn: 0 };
    for (const item of items) {
      const dc = checker.analyzeDocument(analyze({ uri: 'mem:l', languageId: item.lang ?? 'markdown', text: `${item.text}\n` }));
      const found = dc.sentences.flatMap((s) => s.occurrences.map((o) => o.claim.id));
      if (item.claim && found.includes(item.claim)) tp++;
      else {
        if (item.claim) fn++;
        if (found.length) fp++;
      }
      const got = new Set(dc.findings.map((f) => f.rule));
      for (const r of CLAIM_RULES) {
        const want = item.expect.includes(r);
        if (want && got.has(r)) rule[r].tp++;
        else if (want) rule[r].fn++;
        else if (got.has(r)) rule[r].fp++;
      }
    }
    assert.ok(tp / (tp + fn) >= 0.95, `claim recall ${tp}/${tp + fn}`);
    assert.ok(tp / (tp + fp) >= 0.95, `claim precision ${tp}/${tp + fp}`);
    for (const [r, c] of Object.entries(rule)) {
      assert.ok(c.tp / Math.max(1, c.tp + c.fp) >= 0.9, `${r} precision ${JSON.stringify(c)}`);
      assert.ok(c.tp / Math.max(1, c.tp + c.fn) >= 0.9, `${r} recall ${JSON.stringify(c)}`);
    }
  });
});
