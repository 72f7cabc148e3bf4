// The `typo`, `unknown-word` and `preferred-form` rules: table-driven, on in-memory
// documents, with the real vocabulary file (built by `npm run build`; built into a
// temp folder here when missing) and a small inline glossary.
import * as assert from 'assert';
import { trieRegexSource } from '../../src/core/trieRegex';
import { randomText, rng } from '../support/random';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { emptyData, MedwriteData, Term } from '../../src/core/data';
import { analyze } from '../../src/core/document';
import { Engine, EngineSettings } from '../../src/core/engine';
import type { Finding, TextEdit } from '../../src/core/types';
import {
  atSentenceStart,
  boundedDistance,
  caseShape,
  CompactVocabulary,
  createPreferredFormChecker,
  createTypoChecker,
  deserializeVocabulary,
  isProbablyBinary,
  LANG_GB,
  LANG_US,
  matchCase,
  serializeVocabulary,
  tokenize,
  TypoChecker,
  PreferredFormChecker,
  vocabularyFromWords,
  buildVocabularyArrays,
} from '../../src/core/typos';
import { candidateKeys } from '../../src/core/typos/vocabulary';
import { buildVocabularyFile, defaultVocabularyFile, loadVocabulary, loadVocabularySync, parseWordList, clearVocabularyCache, entriesFromSources } from '../../src/node/vocabulary';

const term = (t: Partial<Term> & { id: string; preferred: string }): Term => ({ definition: 'test', provenance: [], ...t });

/** A small glossary of our own for the tests (the shipped one changes independently). */
const TERMS: Term[] = [
  term({ id: 'sle', preferred: 'SLE', fullName: 'systemic lupus erythematosus', variants: ['lupus'], kind: 'disease' }),
  term({ id: 'il-2', preferred: 'IL-2', fullName: 'interleukin-2', discouraged: ['IL2', 'interleukin 2', 'IL 2'] }),
  term({ id: 'il-21', preferred: 'IL-21', fullName: 'interleukin-21' }),
  term({ id: 'cd4', preferred: 'CD4+', variants: ['CD4+ T cell'], discouraged: ['CD4 +'] }),
  term({ id: 'treg', preferred: 'Treg', fullName: 'regulatory T cell', variants: ['Tregs'] }),
  term({ id: 'cytokine', preferred: 'cytokine' }),
  term({ id: 'interleukin', preferred: 'interleukin' }),
  term({ id: 'medawar', preferred: 'Medawar', kind: 'person' }),
  term({ id: 'tocilizumab', preferred: 'tocilizumab', kind: 'drug' }),
  term({ id: 'autoimmunity', preferred: 'autoimmunity' }),
  term({ id: 'immunoglobulin', preferred: 'immunoglobulin', variants: ['immunoglobulins'] }),
];

let vocabulary: CompactVocabulary;

function engineWith(settings: EngineSettings = {}, extra: Partial<MedwriteData> = {}): Engine {
  const data: MedwriteData = { ...emptyData(), terms: TERMS, vocabulary, ...extra };
  return new Engine(data, settings, [createTypoChecker, createPreferredFormChecker]);
}

function check(text: string, opts: { languageId?: string; settings?: EngineSettings; data?: Partial<MedwriteData> } = {}): Finding[] {
  return engineWith(opts.settings, opts.data).check({ uri: 'mem://doc', languageId: opts.languageId ?? 'markdown', text });
}

const typos = (text: string, opts?: Parameters<typeof check>[1]) => check(text, opts).filter((f) => f.rule === 'typo');

function applyEdits(text: string, edits: TextEdit[]): string {
  const doc = analyze({ uri: 'x', languageId: 'plaintext', text });
  const sorted = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, doc.offsetAt(e.range.start)) + e.newText + out.slice(doc.offsetAt(e.range.end));
  return out;
}

before(async function () {
  this.timeout(180_000);
  const file = defaultVocabularyFile();
  if (fs.existsSync(file)) {
    vocabulary = loadVocabularySync({ file });
  } else {
    const tmp = path.join(os.tmpdir(), `medwrite-vocab-${process.pid}.mwv`);
    await buildVocabularyFile(tmp);
    vocabulary = loadVocabularySync({ file: tmp });
  }
});

describe('typo rule: the examples of the issue', () => {
  const cases: Array<[string, string]> = [
    ['interlukin', 'interleukin'],
    ['erythmatosus', 'erythematosus'],
    ['lupas', 'lupus'],
    ['regulartory', 'regulatory'],
    ['cytokin', 'cytokine'],
    ['autoimmmune', 'autoimmune'],
    ['immunosuppresive', 'immunosuppressive'],
    ['recentlv', 'recently'],
    ['eftects', 'effects'],
  ];
  for (const [typo, fix] of cases) {
    it(`flags "${typo}" with "${fix}" first`, () => {
      const text = `We studied the ${typo} in this cohort.`;
      const found = typos(text);
      assert.strictEqual(found.length, 1, JSON.stringify(found));
      const f = found[0];
      assert.deepStrictEqual(f.range, { start: { line: 0, character: 15 }, end: { line: 0, character: 15 + typo.length } });
      assert.strictEqual(f.suggestions?.[0], fix);
      const preferred = f.fixes?.filter((x) => x.isPreferred) ?? [];
      assert.strictEqual(preferred.length, 1);
      assert.strictEqual(applyEdits(text, preferred[0].edits), `We studied the ${fix} in this cohort.`);
    });
  }
});

describe('typo rule: fresh typos (not in the issue)', () => {
  const cases: Array<[string, string]> = [
    ['lymphocite', 'lymphocyte'],
    ['inflamation', 'inflammation'],
    ['recieved', 'received'],
    ['hypertenssion', 'hypertension'],
    ['pneumnia', 'pneumonia'],
    ['neutrophills', 'neutrophils'],
    ['thearpy', 'therapy'],
    ['significnat', 'significant'],
    ['apoptossis', 'apoptosis'],
    ['antigne', 'antigen'],
    ['transplantaion', 'transplantation'],
    ['randomsied', 'randomised'],
    ['haemorrhge', 'haemorrhage'],
    ['immunosupresive', 'immunosuppressive'], // two letters missing
    ['glucocorticiod', 'glucocorticoid'],
    ['monoclonl', 'monoclonal'],
    ['occuring', 'occurring'],
    ['tocilizumb', 'tocilizumab'], // a glossary drug
    // Two substitutions, found for glossary words (their index holds two-letter deletions).
    ['interleakon', 'interleukin'],
    ['cytakone', 'cytokine'],
    ['eruthematosos', 'erythematosus'],
    ['tocelizumeb', 'tocilizumab'],
    // Two edits from a glossary word, though word formation would explain it (`auto`+`im`+`units`).
    ['autoimunits', 'autoimmunity'],
  ];
  for (const [typo, fix] of cases) {
    it(`flags "${typo}" with "${fix}" first`, () => {
      const found = typos(`Patients were given ${typo} daily.`);
      assert.strictEqual(found.length, 1, JSON.stringify(found.map((f) => f.message)));
      assert.strictEqual(found[0].suggestions?.[0], fix);
    });
  }

  it('keeps the capital of a word at the start of a sentence', () => {
    const found = typos('Interlukin levels rose.');
    assert.strictEqual(found[0]?.suggestions?.[0], 'Interleukin');
  });

  it('flags a capitalised word inside a sentence only when it is one letter off a glossary term', () => {
    const found = typos('## Effects of Interlukin and Cytokin on Kowalczyk cells');
    assert.deepStrictEqual(found.map((f) => f.suggestions?.[0]), ['Interleukin', 'Cytokine']);
  });

  it('offers add-word and ignore fixes with the word', () => {
    const f = typos('The interlukin assay.')[0];
    const kinds = f.fixes?.map((x) => x.kind);
    assert.deepStrictEqual(kinds?.slice(-2), ['add-word', 'ignore-in-document']);
    assert.strictEqual(f.fixes?.[kinds!.length - 1].word, 'interlukin');
  });
});

describe('typo rule: never flags', () => {
  const clean: Array<[string, string, string?]> = [
    ['code span', 'Run `interlukin --fast` first.'],
    ['code block', '```\nconst interlukin = regulartory();\n```\n'],
    ['URL', 'See https://example.org/interlukin/regulartory for details.'],
    ['citation key', 'As shown before [@interlukin2020; @regulartory-x].'],
    ['front matter', '---\ntitle: interlukin regulartory\nbibliography: refs.bib\n---\nText.\n'],
    ['LaTeX commands', '\\begin{itemize}\\item Levels \\textbf{rose} \\cite{interlukin2020}.\\end{itemize}', 'latex'],
    ['a glossary word with another ending', 'The immunoglobulinic fraction rose.'],
    ['numbers and units', 'Doses of 10 mg/kg, 2.5 microg and 3e-5 were given on 12/03/2021.'],
    ['cytokine and cell nomenclature', 'IL-21 and IL-17 differ from IL-2; CD8, Th2, IRAK1 and Tregs were measured.'],
    ['nomenclature at a sentence start', 'Tregs expand. Th17 cells too.'],
    ['UK spellings', 'The randomised trial counted haemorrhage, oestrogen levels and centres.'],
    ['US spellings', 'The randomized trial counted hemorrhage, estrogen levels and centers.'],
    ['word formation', 'Reperfusion upregulated the overexpression of nanoparticles and downregulated others.'],
    ['proper names in the glossary', 'Medawar described tolerance; tocilizumab blocks the receptor.'],
    ['names inside a sentence', 'The study by Kowalczykowski and Nakamura was cited.'],
    ['acronyms', 'The NHANES and ELISA data were pooled.'],
    ['acronyms one edit from an ordinary word', 'ANOVA, DELFIA, MADIT and NSAID were used; see CIRRIE.'],
    ['headings in capitals', '# SYSTEMIC LUPUS ERYTHEMATOSUS AND REGULATORY T CELLS'],
    ['identifiers and file names', 'Edit config_file.yaml and my_variable in src/interlukin.ts today.'],
    ['e-mail addresses', 'Write to interlukin@example.org.'],
    ['hyphenated compounds', 'Anti-inflammatory, IL-2-induced and T-cell-mediated effects; gastro-intestinal and mineralo- and glucocorticoids.'],
    ['possessives and contractions', "The patient's and patients’ data don’t differ."],
  ];
  for (const [name, text, languageId] of clean) {
    it(name, () => {
      const found = typos(text, { languageId: languageId ?? 'markdown' });
      assert.deepStrictEqual(found.map((f) => f.message), []);
    });
  }

  it('checks long all-capital words against the glossary, as it checks names', () => {
    const found = typos('# INTERLUKIN-2 IN SYSTEMIC LUPUS ERYTHMATOSUS\n\nThe REGULARTORY cells.');
    assert.deepStrictEqual(found.map((f) => [f.range.start.line, f.range.start.character, f.suggestions?.[0]]), [
      [0, 2, 'INTERLEUKIN'],
      [0, 33, 'ERYTHEMATOSUS'],
      [2, 4, 'REGULATORY'],
    ]);
    const fix = found[0].fixes?.find((f) => f.isPreferred);
    assert.strictEqual(fix?.edits[0].newText, 'INTERLEUKIN');
  });

  it('does not flag words from the workspace list or settings', () => {
    assert.strictEqual(typos('The interlukin assay.', { data: { words: ['interlukin'] } }).length, 0);
    assert.strictEqual(typos('The interlukin assay.', { settings: { words: ['Interlukin'] } }).length, 0);
  });

  it('honours a medwrite-ignore directive in the document', () => {
    assert.strictEqual(typos('The interlukin assay.\n<!-- medwrite-ignore: interlukin -->\n').length, 0);
  });

  it('is silent until the vocabulary is loaded', () => {
    const e = new Engine({ ...emptyData(), terms: TERMS }, {}, [createTypoChecker]);
    assert.deepStrictEqual(e.check({ uri: 'x', languageId: 'markdown', text: 'The interlukin assay.' }), []);
  });
});

describe('typo rule: settings', () => {
  it('with en-US only, a UK spelling is a typo of the US one', () => {
    const found = typos('The randomised trial.', { settings: { languages: ['en-US'] } });
    assert.strictEqual(found.length, 1);
    assert.strictEqual(found[0].suggestions?.[0], 'randomized');
  });

  it('with en-GB only, the UK spelling is fine', () => {
    assert.strictEqual(typos('The randomised trial.', { settings: { languages: ['en-GB'] } }).length, 0);
  });

  it('reports unknown words only when unknown-word is enabled, at information level', () => {
    const text = 'The zqxvbrtl assay.';
    assert.strictEqual(check(text).length, 0);
    const found = check(text, { settings: { rules: { 'unknown-word': { enabled: true } } } });
    assert.strictEqual(found.length, 1);
    assert.strictEqual(found[0].rule, 'unknown-word');
    assert.strictEqual(found[0].severity, 'information');
  });

  it('the engine applies enabled and severity per rule', () => {
    assert.strictEqual(typos('The interlukin assay.', { settings: { rules: { typo: { enabled: false } } } }).length, 0);
    const found = typos('The interlukin assay.', { settings: { rules: { typo: { severity: 'error' } } } });
    assert.strictEqual(found[0].severity, 'error');
  });
});

describe('typo rule: odd Unicode keeps the right columns', () => {
  const cases: Array<[string, string, number, number, string?]> = [
    // [name, line, start, end, first suggestion]
    ['emoji before', '😀 interlukin', 3, 13],
    ['ZWJ emoji sequence before', '👩‍⚕️ interlukin', 6, 16],
    ['combining mark before', 'cafe\u0301 interlukin', 6, 16],
    ['NBSP around', 'the\u00a0interlukin\u00a0level', 4, 14],
    ['RTL text before', 'שלום مرحبا interlukin', 11, 21],
    ['curly quotes around', '“interlukin” rose', 1, 11],
    ['soft hyphen inside', 'the inter\u00adlukin level', 4, 15, 'interleukin'],
    ['astral letters before', '𝐀𝐁 interlukin', 5, 15],
  ];
  for (const [name, text, start, end, first] of cases) {
    it(name, () => {
      const found = typos(text);
      assert.strictEqual(found.length, 1, JSON.stringify(found.map((f) => f.message)));
      assert.deepStrictEqual(found[0].range, { start: { line: 0, character: start }, end: { line: 0, character: end } });
      if (first) assert.strictEqual(found[0].suggestions?.[0], first);
    });
  }

  it('a soft hyphen inside a correct word is fine', () => {
    assert.strictEqual(typos('the inter\u00adleukin level').length, 0);
  });

  it('non-Latin words, emoji and lone surrogates never crash or get flagged', () => {
    const text = 'Привет 世界 مرحبا 🧬🧪 \ud800 x\u0301\u0301\u0301 \u200b\u200e\u202e abc';
    assert.deepStrictEqual(typos(text), []);
  });
});

describe('preferred-form rule', () => {
  const preferred = (text: string) => check(text).filter((f) => f.rule === 'preferred-form');

  const cases: Array<[string, string, string]> = [
    ['IL2', 'IL-2', 'Serum IL2 rose.'],
    ['interleukin 2', 'interleukin-2', 'Serum interleukin 2 rose.'],
    ['CD4 +', 'CD4+', 'Counts of CD4 + cells fell.'],
  ];
  for (const [form, replacement, text] of cases) {
    it(`${form} -> ${replacement}`, () => {
      const found = preferred(text);
      assert.strictEqual(found.length, 1, JSON.stringify(found));
      assert.strictEqual(found[0].suggestions?.[0], replacement);
      const fix = found[0].fixes?.find((f) => f.isPreferred);
      assert.strictEqual(applyEdits(text, fix!.edits), text.replace(form, replacement));
    });
  }

  it('"fix all in document" replaces every discouraged form', () => {
    const text = 'IL2 rose.\nThen interleukin 2 and IL2 fell; `IL2` in code stays.\n';
    const found = preferred(text);
    assert.strictEqual(found.length, 3);
    const all = found[0].fixes?.find((f) => f.edits.length > 1);
    assert.ok(all, 'fix-all offered');
    assert.strictEqual(applyEdits(text, all!.edits), 'IL-2 rose.\nThen interleukin-2 and IL-2 fell; `IL2` in code stays.\n');
  });

  it('accepted forms and longer names are not flagged', () => {
    assert.deepStrictEqual(preferred('IL-2, IL-21, interleukin-2 and CD4+ T cells.'), []);
  });

  // The line pre-filter (one regex of every key) must let through every line the word scan would hit.
  const positions: Array<[string, string[]]> = [
    ['IL2 at the start of a line.', ['IL2']],
    ['(IL2) in brackets, and IL2.', ['IL2', 'IL2']],
    ['Interleukin 2 at a sentence start; INTERLEUKIN 2 in capitals.', ['Interleukin 2', 'INTERLEUKIN 2']],
    ['interleukin  2 with two spaces, interleukin\t2 with a tab.', ['interleukin  2', 'interleukin\t2']],
    ['Ends with IL2', ['IL2']],
    ['IL21, IL2x, xIL2 and IL-2 are not discouraged forms.', []],
    ['Patients with lupus – IL2 – and CD4 + cells; über IL2.', ['IL2', 'CD4 +', 'IL2']],
  ];
  for (const [text, want] of positions) {
    it(`finds the discouraged forms of ${JSON.stringify(text)}`, () => {
      assert.deepStrictEqual(preferred(text).map((f) => text.slice(f.range.start.character, f.range.end.character)), want);
    });
  }

  it('the whole-document pre-filter keeps every line the line check finds something on', () => {
    // Random documents with every kind of line break, forms split over lines, and non-ASCII text.
    // A discouraged form with a non-ASCII word, which only the non-ASCII line scan lets through.
    const terms = [...TERMS, term({ id: 'oedema', preferred: 'oedema', discouraged: ['ödem'] })];
    const engine = engineWith({}, { terms });
    const checker = createPreferredFormChecker({ data: { ...emptyData(), terms }, glossary: engine.glossary, settings: {} }) as PreferredFormChecker;
    const pieces = ['IL2', 'IL', '2', 'interleukin', ' 2', 'CD4', ' +', ' ', '  ', '\t', '\n', '\r\n', '\r', '\u2028', '(', ').', 'über', 'é', 'Ödem', 'text', 'T', 'IL-2', '`', 'x'];
    const random = rng(3);
    let expectedTotal = 0;
    for (let k = 0; k < 1500; k++) {
      const text = randomText(random, pieces, 30);
      const doc = analyze({ uri: 'mem://doc', languageId: 'plaintext', text });
      const expected: string[] = [];
      for (let line = 0; line < doc.lineCount; line++) {
        for (const m of checker.checkLine(doc.lineText(line))) expected.push(`${line}:${m.start}-${m.end}`);
      }
      const got = engine.check(doc).filter((f) => f.rule === 'preferred-form').map((f) => `${f.range.start.line}:${f.range.start.character}-${f.range.end.character}`);
      assert.deepStrictEqual(got, expected, JSON.stringify(text));
      expectedTotal += expected.length;
    }
    assert.ok(expectedTotal > 200, `only ${expectedTotal} forms found`);
  });
});

describe('trieRegexSource', () => {
  it('matches exactly the given words, longest first, sharing prefixes', () => {
    const words = ['il2', 'il17', 'il', 'interleukin', 'cd4 t'];
    const re = new RegExp(`^(?:${trieRegexSource(words)})`);
    const whole = new RegExp(`^(?:${trieRegexSource(words)})$`);
    for (const w of words) assert.ok(whole.test(w), w);
    for (const w of ['i', 'il1', 'il177', 'interleukins', 'cd4', 'cd4  t', '']) assert.ok(!whole.test(w), w);
    assert.strictEqual(re.exec('il17a')?.[0], 'il17');
    assert.strictEqual(re.exec('interleukin-2')?.[0], 'interleukin');
    assert.match(trieRegexSource(words), /^\(\?:cd4 t\|i/);
  });

  it('escapes regex characters and lets a caller rewrite characters', () => {
    assert.ok(new RegExp(`^${trieRegexSource(['a.b', 'c+'])}$`).test('a.b'));
    assert.ok(!new RegExp(`^${trieRegexSource(['a.b', 'c+'])}$`).test('axb'));
    const spaced = new RegExp(`^${trieRegexSource(['t cell'], (ch) => (ch === ' ' ? '\\W+' : ch))}$`);
    assert.ok(spaced.test('t - cell') && !spaced.test('tcell'));
    assert.ok(!new RegExp(trieRegexSource([])).test('anything'));
  });
});

describe('incremental re-check', () => {
  it('after a one-character edit gives the same findings as a fresh engine', () => {
    const lines: string[] = [];
    for (let i = 0; i < 500; i++) lines.push(i % 50 === 7 ? `Line ${i} has an interlukin typo and IL2.` : `Line ${i} is about lupus and regulatory T cells.`);
    const e = engineWith();
    const text = lines.join('\n');
    e.check({ uri: 'a', languageId: 'markdown', text });
    const edited = text.replace('Line 250 is about lupus', 'Line 250 is about lupas');
    const incremental = e.check({ uri: 'a', languageId: 'markdown', text: edited });
    const fresh = engineWith().check({ uri: 'a', languageId: 'markdown', text: edited });
    assert.deepStrictEqual(incremental, fresh);
    assert.ok(incremental.some((f) => f.range.start.line === 250 && f.rule === 'typo'));
  });

  it('a line that moves into a code block is no longer checked', () => {
    const e = engineWith();
    assert.strictEqual(e.check({ uri: 'a', languageId: 'markdown', text: 'an interlukin\n' }).length, 1);
    assert.strictEqual(e.check({ uri: 'a', languageId: 'markdown', text: '```\nan interlukin\n```\n' }).length, 0);
  });
});

describe('typo building blocks', () => {
  it('boundedDistance counts a transposition as one edit', () => {
    const table: Array<[string, string, number, number]> = [
      ['thearpy', 'therapy', 2, 1],
      ['lupas', 'lupus', 2, 1],
      ['immunosupresive', 'immunosuppressive', 2, 2],
      ['abc', 'xyz', 2, 3],
      ['', 'abc', 3, 3],
      ['kitten', 'sitting', 3, 3],
    ];
    for (const [a, b, max, want] of table) assert.strictEqual(boundedDistance(a, b, max), want, `${a}/${b}`);
  });

  it('tokenize splits hyphenated words into parts and keeps apostrophes', () => {
    const t = tokenize("anti-inflammatory patient’s IL-21");
    assert.deepStrictEqual(t.map((x) => x.raw), ['anti-inflammatory', 'patient’s', 'IL-21']);
    assert.deepStrictEqual(t[0].parts.map((p) => p.raw), ['anti', 'inflammatory']);
    assert.strictEqual(t[1].norm, "patient's");
    assert.deepStrictEqual(t[2].parts.map((p) => [p.raw, p.hasDigit]), [['IL', false], ['21', true]]);
  });

  it('caseShape and matchCase', () => {
    assert.deepStrictEqual(['word', 'Word', 'WORD', 'mRNA', 'Tregs', 'É'].map(caseShape), ['lower', 'capitalised', 'upper', 'mixed', 'capitalised', 'capitalised']);
    assert.strictEqual(matchCase('Lupas', 'lupus'), 'Lupus');
    assert.strictEqual(matchCase('LUPAS', 'lupus'), 'LUPUS');
    assert.strictEqual(matchCase('il2', 'IL-2'), 'IL-2');
  });

  it('atSentenceStart', () => {
    assert.strictEqual(atSentenceStart('Word', 0), true);
    assert.strictEqual(atSentenceStart('End. Word', 5), true);
    assert.strictEqual(atSentenceStart('- Word', 2), true);
    assert.strictEqual(atSentenceStart('## Word', 3), true);
    assert.strictEqual(atSentenceStart('the Word', 4), false);
  });

  it('isProbablyBinary', () => {
    assert.strictEqual(isProbablyBinary('plain text\nwith lines\n'), false);
    assert.strictEqual(isProbablyBinary('PNG\u0000\u0001\u0002'), true);
    assert.strictEqual(isProbablyBinary('\u0001\u0002\u0003\u0004\u0005abc'), true);
    assert.strictEqual(isProbablyBinary(''), false);
  });

  it('TypoChecker.checkLine returns columns relative to the line', () => {
    const c = new TypoChecker({ data: { ...emptyData(), vocabulary }, glossary: engineWith().glossary, settings: {} });
    const found = c.checkLine('xx interlukin');
    assert.deepStrictEqual(found.map((f) => [f.start, f.end, f.suggestions[0]]), [[3, 13, 'interleukin']]);
  });

  it('takes a vocabulary that arrives after the engine was built at its next check (silent until then)', () => {
    const data = emptyData();
    const c = new TypoChecker({ data, glossary: engineWith().glossary, settings: {} });
    const doc = analyze({ uri: 'mem://doc', languageId: 'markdown', text: 'The interlukin level.' });
    assert.deepStrictEqual(c.check(doc), []);
    data.vocabulary = vocabulary;
    assert.deepStrictEqual(c.check(doc).map((f) => f.suggestions?.[0]), ['interleukin']);
  });

  it('a first check (one scan of the whole document) finds what later checks (line by line) find', () => {
    const pieces = [
      'interlukin', 'Interlukin', 'INTERLUKIN', 'lupas', 'the', 'The', 'cytokin', 'zqxwvbnmz', 'anti-inflamatory', 'mineralo',
      'IL2', 'e.g', 'Smith', 'über', 'Éxpert', 'naïve', 'café', ' ', '  ', '-', "'", '.', '_', '(', ')', '/', '@', '&', ',', ':',
      '\n', '\r\n', '\r', '\n\n', '\n- ', '\n1. ', '\n# ', '> ', '`code lupas`', '\n```\nlupas\n```\n', 'https://x.org/lupas',
      '[@lupas2020]', '<!-- medwrite-ignore: lupas -->', '\t', '"',
    ];
    const random = rng(13);
    let compared = 0;
    for (let k = 0; k < 500; k++) {
      const text = randomText(random, pieces, 60);
      const settings = { rules: { 'unknown-word': { enabled: true } } };
      const first = engineWith(settings).check({ uri: 'mem://doc', languageId: 'markdown', text });
      const later = engineWith(settings);
      later.check({ uri: 'mem://other', languageId: 'markdown', text: 'A warm-up document.' });
      assert.deepStrictEqual(first, later.check({ uri: 'mem://doc', languageId: 'markdown', text }), JSON.stringify(text));
      compared += first.length;
    }
    assert.ok(compared > 800, `only ${compared} findings compared`);
  });

  it('the ASCII fast path of checkLine agrees with the general tokenizer on random ASCII lines', () => {
    // A trailing NBSP (not a word character) sends the same line down the general path.
    const c = new TypoChecker({ data: { ...emptyData(), vocabulary }, glossary: engineWith().glossary, settings: {} }, { reportUnknown: true });
    const pieces = [
      'interlukin', 'Interlukin', 'INTERLUKIN', 'lupas', 'the', 'The', 'cytokin', 'zqxwvbnmz', 'mineralo', 'anti', 'inflammatory',
      'IL2', '2010', 'e.g', 'file', 'Smith', 'x', 'ab', 'non', ' ', '  ', '-', "'", '.', '_', '(', ')', '[', ']', '/', '\\', '@',
      '#', '&', '=', '<', '>', '{', '}', '|', '~', '^', '$', '%', ',', ';', ':', '"', '*', '!', '?', '\t',
    ];
    const random = rng(7);
    let compared = 0;
    for (let k = 0; k < 3000; k++) {
      const line = randomText(random, pieces, 10);
      const fast = c.checkLine(line);
      const general = c.checkLine(line + '\u00a0');
      assert.deepStrictEqual(fast, general, JSON.stringify(line));
      compared += fast.length;
    }
    assert.ok(compared > 500, `only ${compared} findings compared`);
  });
});

describe('vocabulary', () => {
  it('gives back suggestion words with accents and other non-ASCII letters whole', () => {
    const v = new CompactVocabulary(deserializeVocabulary(serializeVocabulary(vocabularyFromWords(['café', 'naïve', 'lupus', 'über', 'lupuś']).arrays)));
    assert.deepStrictEqual(v.candidates('cafe', 1).map((c) => c.word), ['café']);
    assert.deepStrictEqual(v.candidates('naive', 1).map((c) => c.word), ['naïve']);
    assert.deepStrictEqual(v.candidates('lupus', 1).map((c) => c.word).sort(), ['lupus', 'lupuś']);
    assert.deepStrictEqual(v.candidates('uber', 1).map((c) => c.word), ['über']);
  });

  it("probe keys stay the caller's own while an index is built", () => {
    const keys = candidateKeys('interleukin', 2);
    const before = [...keys];
    vocabularyFromWords(['cytokine', 'erythematosus', 'immunosuppressive']);
    assert.deepStrictEqual([...keys], before);
  });

  it('probe keys are the keys of the deletions and insertions, computed from prefix and suffix hashes', () => {
    // The key of a whole word is the first key candidateKeys gives for it.
    const keyOf = (w: string) => candidateKeys(w, 0)[0];
    const random = rng(11);
    for (let t = 0; t < 200; t++) {
      const word = randomText(random, 'aabcdeilnorstu'.split(''), 14);
      const n = word.length;
      const expected = new Set<number>([keyOf(word)]);
      for (let i = 0; i < n; i++) expected.add(keyOf(word.slice(0, i) + word.slice(i + 1)));
      const one = [...candidateKeys(word, 1)];
      assert.deepStrictEqual(new Set(one), expected, `distance 1: ${word}`);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) expected.add(keyOf(word.slice(0, i) + word.slice(i + 1, j) + word.slice(j + 1)));
      }
      for (let i = 0; i <= n; i++) for (let c = 97; c <= 122; c++) expected.add(keyOf(word.slice(0, i) + String.fromCharCode(c) + word.slice(i)));
      assert.deepStrictEqual(new Set(candidateKeys(word, 2)), expected, `distance 2: ${word}`);
    }
    // Different words, different keys (no accidental structure in the hash).
    const keys = new Set(['lupus', 'lupas', 'pulus', 'sulup', 'interleukin', 'interlukin', 'a', 'b', 'ab', 'ba'].map(keyOf));
    assert.strictEqual(keys.size, 10);
  });

  it('serialises and reads back the same answers', () => {
    const v = vocabularyFromWords(['lupus', 'interleukin', 'cytokine']);
    const back = new CompactVocabulary(deserializeVocabulary(serializeVocabulary(v.arrays)));
    assert.strictEqual(back.has('lupus'), true);
    assert.strictEqual(back.has('lupas'), false);
    assert.deepStrictEqual(back.candidates('lupas', 1).map((c) => c.word), ['lupus']);
    assert.deepStrictEqual(back.candidates('interlukin', 2).map((c) => c.word), ['interleukin']);
  });

  it('the key filter turns most absent keys away and changes no search result', () => {
    const random = rng(5);
    const words = Array.from({ length: 3000 }, () => randomText(random, 'aabcdeilnorstu'.split(''), 12)).filter((w) => w.length >= 4);
    const arrays = vocabularyFromWords(words).arrays;
    const filterBits = arrays.delFilter.length * 32;
    const passes = (key: number) => (arrays.delFilter[(key & (filterBits - 1)) >>> 5] & (1 << (key & 31))) !== 0;
    assert.ok(arrays.delKeys.every(passes), 'every indexed key passes');
    const indexed = new Set(arrays.delKeys);
    const absent = Array.from({ length: 20000 }, () => Math.floor(random() * 2 ** 32)).filter((k) => !indexed.has(k));
    const share = absent.filter(passes).length / absent.length;
    assert.ok(share < 0.25, `${(share * 100).toFixed(0)}% of absent keys pass`);
    // The same index with a filter that passes everything gives the same candidates.
    const filtered = new CompactVocabulary(arrays);
    const open = new CompactVocabulary({ ...arrays, delFilter: new Uint32Array(arrays.delFilter.length).fill(0xffffffff) });
    let found = 0;
    for (let t = 0; t < 300; t++) {
      // A word of the list with one or two letters changed, or a random string.
      const w = words[t];
      const typo = t % 3 === 2 ? randomText(random, 'aabcdeilnorstu'.split(''), 12) : w.slice(0, 1) + 'x' + w.slice(t % 3 === 0 ? 2 : 3);
      for (const d of [1, 2]) {
        const result = filtered.candidates(typo, d);
        assert.deepStrictEqual(result, open.candidates(typo, d), `${typo} at ${d}`);
        found += result.length;
      }
    }
    assert.ok(found > 300, `the searches find words (${found})`);
  });

  it('rejects a foreign or truncated file', () => {
    assert.throws(() => deserializeVocabulary(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])), /not a MedWrite vocabulary/);
    const bytes = serializeVocabulary(vocabularyFromWords(['lupus']).arrays);
    assert.throws(() => deserializeVocabulary(bytes.slice(0, bytes.length - 100)), /truncated/);
  });

  it('language flags: a variety-specific spelling needs its variety', () => {
    const entries = entriesFromSources([
      { words: ['colour', 'centre'], cls: 20, flags: LANG_GB, suggest: true },
      { words: ['color', 'center', 'reperfusion'], cls: 20, flags: LANG_US, suggest: true },
    ]);
    const v = new CompactVocabulary(buildVocabularyArrays(entries));
    assert.strictEqual(v.has('colour', LANG_US), false);
    assert.strictEqual(v.has('colour', LANG_GB), true);
    assert.strictEqual(v.has('color', LANG_GB), false);
    // No British counterpart listed: just English.
    assert.strictEqual(v.has('reperfusion', LANG_GB), true);
  });

  it('loadVocabulary reads a file once and shares it; a missing file says what to do', async () => {
    const tmp = path.join(os.tmpdir(), `medwrite-vocab-test-${process.pid}.mwv`);
    fs.writeFileSync(tmp, serializeVocabulary(vocabularyFromWords(['lupus']).arrays));
    try {
      clearVocabularyCache();
      const [a, b] = await Promise.all([loadVocabulary({ file: tmp }), loadVocabulary({ file: tmp })]);
      assert.strictEqual(a, b);
      assert.strictEqual(a.has('lupus'), true);
      await assert.rejects(loadVocabulary({ file: tmp + '.missing' }), /npm run build/);
    } finally {
      fs.unlinkSync(tmp);
      clearVocabularyCache();
    }
  });

  it('parseWordList skips comments and blank lines', () => {
    assert.deepStrictEqual(parseWordList('# words\nfoo\n\n  bar  # note\r\n'), ['foo', 'bar']);
  });

  it('loadVocabulary keeps the file out of the memory V8 counts as external (that would start a full GC at once)', async () => {
    const file = defaultVocabularyFile();
    clearVocabularyCache();
    const before = process.memoryUsage().external;
    const v = await loadVocabulary({ file });
    const grown = process.memoryUsage().external - before;
    assert.ok(v.has('lupus'));
    assert.ok(grown < fs.statSync(file).size / 4, `external memory grew by ${(grown / 1048576).toFixed(1)} MB`);
  });

  it('the built vocabulary has both US and UK spellings and the medical words', () => {
    for (const w of ['randomised', 'randomized', 'haemorrhage', 'hemorrhage', 'oestrogen', 'centres', 'erythematosus', 'interleukin', 'upregulated']) {
      assert.strictEqual(vocabulary.has(w), true, w);
    }
    for (const w of ['interlukin', 'erythmatosus', 'erythematosis', 'regulartory', 'autoimmmune']) {
      assert.strictEqual(vocabulary.has(w), false, w);
    }
  });
});

describe('engine: checkers of disabled rules', () => {
  it('are not built when every rule they name is off, and are built otherwise', () => {
    let built = 0;
    const factory = Object.assign(
      () => {
        built++;
        return { rules: ['overclaim'] as const, check: () => [] };
      },
      { rules: ['overclaim'] as const },
    );
    new Engine(emptyData(), { rules: { overclaim: { enabled: false } } }, [factory]);
    assert.strictEqual(built, 0);
    new Engine(emptyData(), {}, [factory]);
    assert.strictEqual(built, 1);
    // A factory that does not name its rules is always built.
    new Engine(emptyData(), { rules: { overclaim: { enabled: false } } }, [() => factory()]);
    assert.strictEqual(built, 2);
  });
});
