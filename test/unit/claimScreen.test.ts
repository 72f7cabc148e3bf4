// The cheap tests run before the claim analysis of a sentence: `mayHoldCitation` before the
// citation finders and `ClaimScreen` before glossary matching. Both may let a sentence through
// that then yields nothing, never the other way round; these tests hold them to that.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { analyze } from '../../src/core';
import type { Claim, MedwriteData, Term } from '../../src/core/data';
import { GlossaryIndex } from '../../src/core/glossary';
import { ClaimChecker } from '../../src/core/claims/checker';
import { ClaimScreen, mayHoldStrongPhrase, screenRegexes } from '../../src/core/claims/screen';
import { rng, randomText } from '../support/random';
import { compileClaim, matchSentence, nonAssertiveReason } from '../../src/core/claims/matcher';
import { findCitations, mayHoldCitation, NO_CITATION_KINDS } from '../../src/core/citations/inText';
import { loadData } from '../../src/node/load';
import { splitSentences } from '../../src/core/sentences';

const prov = [{ file: 'test', line: 1 }];
const terms: Term[] = [
  { id: 'il-2', preferred: 'IL-2', fullName: 'interleukin-2', variants: ['interleukin-2'], definition: 'A cytokine.', provenance: prov },
  { id: 'sle', preferred: 'SLE', fullName: 'systemic lupus erythematosus', variants: ['lupus'], definition: 'A disease.', kind: 'disease', provenance: prov },
  { id: 'treg', preferred: 'Treg', fullName: 'regulatory T cell', variants: ['Tregs', 'regulatory T cells'], definition: 'A T cell.', provenance: prov },
  { id: 'cd4', preferred: 'CD4', definition: 'A marker.', provenance: prov },
];
const claim = (id: string, concepts: string[][], cues: string[][]): Claim => ({
  id,
  statement: `${id}.`,
  concepts,
  cues,
  references: ['he2016'],
  evidence: { kind: 'review' },
  provenance: prov,
});
const claims: Claim[] = [
  claim('tregs-need-il-2', [['il-2'], ['treg']], [['surviv', 'depend', 'need', 'requir']]),
  claim('il-2-in-the-us', [['il-2']], [['us', 'u.s.'], ["don't know", 'million']]),
  claim('sle-cd4', [['sle'], ['cd4']], [['low', 'reduc']]),
];
const data = { terms, claims, references: [], locations: new Map(), issues: [] } as never;
const glossary = new GlossaryIndex(terms);
const screen = new ClaimScreen(claims.map(compileClaim), glossary);
const checker = new ClaimChecker(data, glossary);

const ROOT = path.resolve(__dirname, '../../..');
let shipped: MedwriteData | undefined;
/** The shipped glossary and claim base, loaded once. */
function shippedData(): MedwriteData {
  return (shipped ??= loadData([path.join(ROOT, 'glossary')]).data);
}
/** A claim screen over the shipped claim base, as the claim checker builds it. */
function shippedScreen(): ClaimScreen {
  const data = shippedData();
  return new ClaimScreen(data.claims.filter((c) => c.concepts?.length && c.cues).map(compileClaim), new GlossaryIndex(data.terms));
}
/** The texts of the labelled claim sentences. */
function labelledTexts(): string[] {
  return (parseYaml(fs.readFileSync(path.join(ROOT, 'test/fixtures/claims/labelled.yaml'), 'utf8')) as { items: Array<{ text: string }> }).items.map((i) => i.text);
}

/** What the full analysis of a sentence (no citation) yields that the screen must not miss. */
function matters(c: ClaimChecker, text: string): boolean {
  const a = c.analyzeSentence(text);
  return a.match.hits.length > 0 || a.strong.length > 0;
}

describe('claim screen', () => {
  it('lets through every sentence that names all concepts of a claim and a cue of every group', () => {
    for (const text of [
      'Tregs need IL-2 to survive.',
      'Regulatory T cells depend on interleukin-2.',
      'REGULATORY T-CELLS REQUIRE INTERLEUKIN-2.',
      'regulatory T cells require il-2.',
      'Without IL-2, Tregs cannot survive.',
      'Interleukin-2 is something Tregs need.',
      'In the U.S., about 1.5 million people receive IL-2.',
      'We don’t know why IL-2 is used in the us.',
      'CD4 counts were lower in lupus.',
    ]) {
      assert.ok(screen.mayMatter(text), text);
    }
  });

  it('stops sentences that cannot match: a concept group or a cue group missing, short cues inside longer words', () => {
    for (const text of [
      'Serum IL-2 was measured in all samples.', // no cue of tregs-need-il-2, no strong phrase
      'Tregs survive in culture.', // no IL-2
      'IL-2 was used in many trials.', // `us` is a whole-token cue: not in `used`
      'The cells were counted twice.',
      'A systemic disease of unknown cause.', // `systemic` begins a form, but no claim is complete
    ]) {
      assert.strictEqual(screen.mayMatter(text), false, text);
      assert.strictEqual(matters(checker, text), false, text);
    }
  });

  it('lets through strong wording in a sentence that names a glossary term (the treatment-promise check)', () => {
    const text = 'This treatment cures lupus in every patient.';
    assert.ok(matters(checker, text));
    assert.ok(screen.mayMatter(text));
    assert.ok(mayHoldStrongPhrase('It is 100% SAFE.'));
    assert.ok(mayHoldStrongPhrase('for\nall  patients'));
    assert.ok(mayHoldStrongPhrase('a Breakthroughs list'));
    assert.strictEqual(mayHoldStrongPhrase('for some patients, all went well'), false);
    // Only where a token may begin: `prove` in `improve`, `cure` in `secure` are no strong wording.
    assert.strictEqual(mayHoldStrongPhrase('Outcomes improved in a secure setting.'), false);
    assert.ok(mayHoldStrongPhrase('It (proved) useful; a "cure".'));
  });

  it('looks for a form by its first two tokens: `T cells` and `T-cells`, not `T` alone; `S.L.E.`', () => {
    const cells: Term[] = [
      { id: 'treg', preferred: 'Treg', fullName: 'regulatory T cell', variants: ['T-reg cells'], definition: 'A T cell.', provenance: prov },
      { id: 'sle', preferred: 'SLE', variants: ['S.L.E.', 'lupus'], definition: 'A disease.', provenance: prov },
    ];
    const g2 = new GlossaryIndex(cells);
    const s2 = new ClaimScreen([claim('c', [['treg'], ['sle']], [['need']])].map(compileClaim), g2);
    const c2 = new ClaimChecker({ terms: cells, claims: [claim('c', [['treg'], ['sle']], [['need']])], references: [], locations: new Map(), issues: [] } as never, g2);
    for (const [text, expected] of [
      ['Regulatory T cells need S.L.E. care.', true],
      ['Regulatory T-cells need lupus care.', true],
      ['Regulatory\tT\tcells NEED S.L.E. care.', true],
      ['REGULATORY T CELLS need S. L. E. care.', false], // forms with capitals match as written (a capital first aside)
      ['T-reg cells need lupus care.', true],
      ['Regulatory T cells need S care.', false], // `S` alone begins no form
      ['Regulatory mechanisms need lupus care.', false], // `regulatory` without `T`
      ['Regulatory T\ncells need lupus care.', false], // a form does not span a line break
    ] as Array<[string, boolean]>) {
      assert.strictEqual(s2.mayMatter(text, true, true), expected, text);
      assert.strictEqual(matters(c2, text), expected, text);
    }
  });

  it('with no part of the sentence excluded, checks the glossary terms themselves', () => {
    // `regulatory T` begins the form `regulatory T cells`, but the sentence names no Treg.
    const text = 'Regulatory T helper responses need IL-2 to survive.';
    assert.strictEqual(screen.mayMatter(text, true, false), true);
    assert.strictEqual(screen.mayMatter(text, true, true), false);
    assert.strictEqual(matters(checker, text), false);
  });

  it('finds words and strong phrases where a token may begin, as the lookbehind `(?<![a-z0-9])` has it', () => {
    const { strong, words } = screenRegexes(shippedScreen());
    const lookbehind = (re: RegExp) => new RegExp(re.source.replace(/^\(\?:\^\|\[\^a-z0-9\]\)/, '(?<![a-z0-9])'), re.flags);
    const strongRef = lookbehind(strong);
    const wordsRef = lookbehind(words!);
    assert.notStrictEqual(strongRef.source, strong.source);
    assert.notStrictEqual(wordsRef.source, words!.source);
    // Each word as the screen reads it: its offset (after the consumed character) and text.
    const found = (re: RegExp, text: string, lead: boolean) => {
      const out: string[] = [];
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const skip = lead && !/^[a-z0-9]/i.test(m[0]) ? 1 : 0;
        out.push(`${m.index + skip}:${m[0].slice(skip)}`);
      }
      return out;
    };
    const pieces = ['T', 't', ' cells', 'IL', '-2', 'il2', 'lupus', 'Lupus', 'SLE', 's', 'b', 'cell', 'low', 'cure', 'secure', 'proven', 'in all', ' patients',
      'for every', 'patient', '100', '% safe', 'x', 'a', '9', ' ', '  ', '\n', '-', '_', '.', ',', '(', '’', "'", 'é', '\u212a', '\u0130', 'improve', 'no side effects'];
    const random = rng(625);
    let hits = 0;
    for (let i = 0; i < 20000; i++) {
      const text = randomText(random, pieces, 10);
      const got = found(words!, text, true);
      assert.deepStrictEqual(got, found(wordsRef, text, false), text);
      const sign = strong.test(text);
      assert.strictEqual(sign, strongRef.test(text), text);
      assert.strictEqual(mayHoldStrongPhrase(text), sign, text);
      hits += got.length + (sign ? 1 : 0);
    }
    assert.ok(hits > 10000, `only ${hits} words and strong phrases`);
  });

  it('in a document, reads the blocks with U+212A or U+0130 as the sentences alone (the document is scanned for them once)', () => {
    const text = 'Serum levels were measured.\n\nThis treatment is ris\u212A free for lupus.\n\nTregs need \u0130L-2 to survive.\n';
    const dc = checker.analyzeDocument(analyze({ uri: 'mem:odd', languageId: 'plaintext', text }));
    const expected = ['This treatment is ris\u212A free for lupus.', 'Tregs need \u0130L-2 to survive.'].filter((t) => {
      const a = checker.analyzeSentence(t);
      return a.match.hits.length > 0 || a.strong.length > 0;
    });
    assert.ok(expected.length > 0);
    assert.deepStrictEqual(dc.sentences.map((r) => r.sentence.text), expected);
  });

  it('lets through texts with the two characters whose lower case is ASCII', () => {
    // U+212A KELVIN SIGN lower-cases to `k`, so `ris\u212A free` is the strong phrase `risk free`.
    assert.ok(screen.mayMatter('Lupus care is ris\u212A free now.'));
    assert.ok(screen.mayMatter('\u0130L-2 helps.'));
  });

  it('never misses what the full analysis finds on the labelled set (shipped claim base), in any case or spacing', () => {
    const full = new ClaimChecker(shippedData(), new GlossaryIndex(shippedData().terms));
    const screenOfShipped = shippedScreen();
    let mattering = 0;
    for (const text of labelledTexts()) {
      for (const t of [text, text.toLowerCase(), text.toUpperCase(), text.replace(/'/g, '’'), text.replace(/ /g, '\n'), text.replace(/-/g, ' '), text.replace(/ (\w)/g, '-$1')]) {
        if (!matters(full, t)) continue;
        mattering++;
        assert.ok(screenOfShipped.mayMatter(t), t);
      }
    }
    assert.ok(mattering > 300, `only ${mattering} sentences with claims or strong wording`);
  });

  it('leaves the findings of a document as they were: screened sentences have nothing to report', () => {
    const text = [
      'Tregs need IL-2 to survive. Serum IL-2 was measured. This treatment cures lupus in every patient.',
      '',
      'IL-2 was used in many trials. Tregs require IL-2 (He et al., 2016). Tregs depend on IL-2.³',
    ].join('\n');
    const dc = checker.analyzeDocument(analyze({ uri: 'mem:s', languageId: 'markdown', text: `${text}\n` }));
    assert.deepStrictEqual(
      dc.sentences.map((s) => [s.sentence.text, s.analysis.match.hits.map((h) => h.claim.id), s.citations.length, s.analysis.strong.length]),
      [
        ['Tregs need IL-2 to survive.', ['tregs-need-il-2'], 0, 0],
        ['This treatment cures lupus in every patient.', [], 0, 2],
        ['Tregs require IL-2 (He et al., 2016).', ['tregs-need-il-2'], 1, 0],
        ['Tregs depend on IL-2.³', ['tregs-need-il-2'], 1, 0],
      ],
    );
    assert.deepStrictEqual(checker.stats, { sentences: 6, examined: 6, reused: 0, quietBlocks: 0 });
  });

  it('lets a block through whenever one of its sentences may matter or may hold a citation', () => {
    const screenOfShipped = shippedScreen();
    // Sentences cut where a two-token form or a strong phrase goes on in the next sentence.
    const sentences = [...labelledTexts(), 'Tregs need regulatory T.', 'Cells need IL-2.', 'It is for all.', 'Patients did well.', 'We need T.', 'Reg cells in lupus.'];
    let letThrough = 0;
    for (let i = 0; i < sentences.length; i++) {
      for (const sep of [' ', '  ', '\n', ' \n']) {
        const group = [sentences[i], sentences[(i + 1) % sentences.length], sentences[(i + 7) % sentences.length]];
        const block = group.join(sep);
        const any = group.some((t) => screenOfShipped.mayMatter(t, true, false) || screenOfShipped.mayMatter(t, true, true));
        if (any) {
          letThrough++;
          assert.ok(screenOfShipped.mayMatterInBlock(block), block);
        }
        if (group.some((t) => mayHoldCitation(t))) assert.ok(mayHoldCitation(block), block);
      }
    }
    assert.ok(letThrough > 300, `only ${letThrough} blocks with a sentence that may matter`);
    assert.strictEqual(screenOfShipped.mayMatterInBlock('The cells were counted twice. Serum levels were measured.'), false);
  });

  it('reports in a document what each of its sentences yields alone, quiet blocks (not split) included', () => {
    const full = new ClaimChecker(shippedData(), new GlossaryIndex(shippedData().terms));
    const filler = ['The samples were stored at 4 degrees.', 'Two groups were compared.', 'Results are shown in Table 2.', 'Most cells were intact.'];
    // Paragraphs of filler with, in every third one, a labelled sentence among them, and in every fifth one a citation.
    const paragraphs = labelledTexts().map((text, i) => {
      const f = filler.slice(i % 4).concat(filler.slice(0, i % 4));
      if (i % 5 === 1) f[1] = 'Data were analysed (Smith, 2019).';
      return i % 3 === 0 ? [f[0], text, f[1]].join(' ') : f.slice(0, 3).join(i % 2 ? ' ' : '\n');
    });
    const doc = analyze({ uri: 'mem:blocks', languageId: 'plaintext', text: paragraphs.join('\n\n') + '\n' });
    const dc = full.analyzeDocument(doc);
    assert.ok(full.stats.quietBlocks > 50, `only ${full.stats.quietBlocks} quiet blocks`);
    const expected: string[] = [];
    for (const s of splitSentences(doc)) {
      if (s.kind === 'heading' || s.kind === 'reference') continue;
      const a = full.analyzeSentence(s.text);
      if (a.citations.length || a.match.hits.length || a.strong.length) expected.push(`${s.start}:${s.text}`);
    }
    assert.ok(expected.length > 50, `only ${expected.length} sentences with something to report`);
    assert.deepStrictEqual(dc.sentences.map((r) => `${r.sentence.start}:${r.sentence.text}`), expected);
  });
});

describe('glossary matching: ASCII text by the words that begin forms', () => {
  it('finds what the token-by-token scan finds (same text with a non-ASCII line after it)', () => {
    const index = new GlossaryIndex(shippedData().terms);
    const skip = (start: number, end: number) => (start * 7 + end) % 5 === 0;
    let terms = 0;
    for (const text of labelledTexts()) {
      for (const t of [text, text.toUpperCase(), text.replace(/ /g, '-'), text.replace(/ /g, '\n'), text.replace(/-/g, ' - '), `${text} IL-2 T cells S.L.E. CD4+ T-cells`]) {
        if (/[^\x00-\x7f]/.test(t)) continue;
        // The appended line is not ASCII: the whole text is read token by token.
        for (const [sk, base] of [[undefined, 0], [skip, 0], [skip, 9]] as const) {
          const ascii = index.findTerms(t, sk, base);
          assert.deepStrictEqual(ascii, index.findTerms(`${t}\n\u00e9`, sk, base), t);
          terms += ascii.length;
        }
      }
    }
    assert.ok(terms > 1000, `only ${terms} terms`);
  });
});

describe('citation pre-check (mayHoldCitation)', () => {
  const cited = [
    'A [@he2016].',
    'B [see @he2016; @humrich2016, p. 4].',
    'As @zaman2022 says.',
    'Shown before [3].',
    'Shown before [2, 5-7].',
    'Shown before.^3^',
    'Shown before.<sup>2</sup>',
    'Shown before.³',
    'Shown before¹²',
    'A footnote.[^1]',
    'Shown (He et al., 2016).',
    'Shown (Humrich & Riemekasten, 2016).',
    'He et al. (2016) showed it.',
    'Shown (see Smith 2020; Jones et al. 2019a).',
    'Shown (Smith, in press).',
    'Shown (Smith, n.d.).',
  ];

  it('is true for every citation form', () => {
    for (const text of cited) {
      assert.ok(findCitations(text).length > 0, `no citation in ${text}`);
      assert.ok(mayHoldCitation(text), text);
    }
    assert.ok(mayHoldCitation('As \\citet{he2016} shows.', true));
    assert.ok(findCitations('As \\citet{he2016} shows.', { latex: true }).length > 0);
  });

  it('is false for sentences with none of the signs, and for LaTeX commands outside LaTeX', () => {
    for (const text of [
      'Tregs need IL-2 to survive.',
      'The dose (1 mg/kg) was low (n = 12).',
      'Rates rose in 2016 (see below).',
      'A group that never closes (2016',
      `A group too long (${'x'.repeat(400)} 2016).`,
      'A year after a line break (x\n2016).',
    ]) {
      assert.strictEqual(mayHoldCitation(text), false, text);
      assert.deepStrictEqual(findCitations(text), [], text);
    }
    assert.strictEqual(mayHoldCitation('As \\citet{he2016} shows.'), false);
  });

  it('finds author-year citations only in the groups the scan from each parenthesis keeps', () => {
    const raw = (t: string) => findCitations(t).map((c) => c.raw);
    assert.deepStrictEqual(raw('In 2010 (n = 1234) and (He et al., 2016).'), ['(He et al., 2016)']);
    assert.deepStrictEqual(raw('Nested (see (He et al., 2016)).'), ['(He et al., 2016)']);
    assert.deepStrictEqual(raw('(P < 0.0001) then (Smith, 2016; Jones, 2017)'), ['(Smith, 2016; Jones, 2017)']);
    assert.deepStrictEqual(raw(`(${'y'.repeat(390)}) (Smith, 2016)`), ['(Smith, 2016)']);
  });

  it('never misses a citation in random mixes of citation fragments', () => {
    const parts = ['[', ']', '@he2016', '^', '3', '(', ')', 'He et al.', ', 2016', '2016', ' ', '\n', '³', '<sup>', '</sup>', 'in press', 'n.d.', ';', 'Smith', '\\cite{a}', '-', 'x'];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    let found = 0;
    for (let k = 0; k < 4000; k++) {
      let text = '';
      const len = 2 + rand(12);
      for (let i = 0; i < len; i++) text += parts[rand(parts.length)];
      for (const latex of [false, true]) {
        if (findCitations(text, { latex }).length === 0) continue;
        found++;
        assert.ok(mayHoldCitation(text, latex), JSON.stringify(text));
      }
    }
    assert.ok(found > 500, `only ${found} texts with citations`);
  });

  it('gives the citations of every sentence of a checked document, as splitting it again finds them', () => {
    // What the incremental check reads instead of splitting a long document into sentences again.
    const parts = ['[@he2016]', '[3]', '^3^', '(He et al., 2016)', 'Smith (2016)', '\\cite{a}', '<sup>2</sup>', '³', 'Lupus is common', ' ', '. ', '\n\n',
      '`[1]`', '<https://x.org/[2]>', '# Heading [1]\n', '\n\n## References\n\n1. Smith J. A study. 2016.\n', '$x^2$', '% [4]\n', '[^1]', 'x'];
    const random = rng(23);
    let withCitations = 0;
    for (let k = 0; k < 400; k++) {
      const text = randomText(random, parts, 30);
      for (const languageId of ['markdown', 'latex', 'plaintext'] as const) {
        const doc = analyze({ uri: `mem:c${k}`, languageId, text });
        checker.check(doc);
        const latex = languageId === 'latex';
        const expected: string[] = [];
        for (const sentence of splitSentences(doc)) {
          if (sentence.kind === 'heading' || sentence.kind === 'reference') continue;
          const excluded = (o: number) => {
            const x = doc.excludedAt(sentence.start + o);
            return x !== undefined && NO_CITATION_KINDS.has(x.kind);
          };
          for (const c of findCitations(sentence.text, { excluded, latex })) expected.push(`${sentence.start + c.start} ${c.style} ${c.raw}`);
        }
        const found = (checker.citationsFound(doc) ?? []).map((c) => `${c.start} ${c.style} ${c.raw}`);
        assert.deepStrictEqual(found, expected, `${languageId}: ${JSON.stringify(text)}`);
        if (expected.length) withCitations++;
      }
    }
    assert.ok(withCitations > 300, `only ${withCitations} documents with citations`);
    assert.strictEqual(checker.citationsFound(analyze({ uri: 'mem:unchecked', languageId: 'markdown', text: 'See [@he2016].' })), undefined);
  });

  it('works out whether a sentence asserts when first read, with the same answer, and still keeps non-assertive strong wording quiet', () => {
    const compiled = claims.map(compileClaim);
    for (const text of ['Do Tregs need lupus care?', 'We asked whether lupus is rare.', 'Lupus is common.', 'This study will examine lupus.']) {
      const m = matchSentence(text, compiled, glossary);
      assert.strictEqual(m.hits.length, 0, text);
      const expected = nonAssertiveReason(text);
      assert.strictEqual(m.nonAssertive, expected, text);
      assert.strictEqual(m.nonAssertive, expected, text); // read twice: a plain value once read
      assert.strictEqual(Object.keys(m).includes('nonAssertive'), expected !== undefined, text);
    }
    // Strong wording about a disease: flagged when the sentence asserts, not when it asks.
    const strong = (text: string) => checker.check(analyze({ uri: 'mem:q', languageId: 'markdown', text })).filter((f) => f.rule === 'overclaim').length;
    assert.strictEqual(strong('This treatment cures lupus in every patient.'), 2);
    assert.strictEqual(strong('We asked whether this treatment cures lupus in every patient.'), 0);
  });
});
