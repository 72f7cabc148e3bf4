import * as assert from 'assert';
import { analyze, createEngine, emptyData, GlossaryIndex, Term } from '../../src/core';
import { pluralOf } from '../../src/core/glossary';

const TERMS: Term[] = [
  {
    id: 'il-2', preferred: 'IL-2', fullName: 'interleukin-2', abbreviations: ['IL-2'],
    variants: ['interleukin-2'], discouraged: ['IL2', 'IL 2', 'Il-2', 'interleukin 2'],
    definition: 'A cytokine that T cells need to grow.', related: ['treg'], kind: 'molecule',
    provenance: [{ file: 'seed.txt', line: 3 }],
  },
  {
    id: 'sle', preferred: 'SLE', fullName: 'systemic lupus erythematosus', abbreviations: ['SLE'], variants: ['lupus'],
    definition: 'An autoimmune disease.', related: [], kind: 'disease', provenance: [{ file: 'seed.txt', line: 5 }],
  },
  {
    id: 'treg', preferred: 'Treg', fullName: 'regulatory T cell', variants: ['Treg cell'],
    definition: 'T cells that restrain other immune cells.', related: ['il-2'], kind: 'cell', provenance: [{ file: 'seed.txt', line: 7 }],
  },
  {
    id: 'germinal-center', preferred: 'germinal center', fullName: 'germinal center', variants: ['germinal centre'],
    definition: 'Where B cells mature.', kind: 'process', provenance: [{ file: 'seed.txt', line: 9 }],
  },
];

const index = new GlossaryIndex(TERMS);
const found = (text: string) => index.findTerms(text).map((m) => `${m.termId}:${m.text}`);

describe('glossary matching', () => {
  const cases: Array<[string, string[]]> = [
    ['IL-2 levels fall in SLE.', ['il-2:IL-2', 'sle:SLE']],
    ['Lupus and lupus and LUPUS', ['sle:Lupus', 'sle:lupus', 'sle:LUPUS']],
    ['an isle of sleep', []],
    ['IL-21 and IL-2R are different', []],
    ['IL-2-producing cells', ['il-2:IL-2']],
    ['systemic lupus erythematosus (SLE)', ['sle:systemic lupus erythematosus', 'sle:SLE']],
    ['Systemic Lupus Erythematosus', ['sle:Systemic Lupus Erythematosus']],
    ['regulatory T cells and regulatory T-cells', ['treg:regulatory T cells', 'treg:regulatory T-cells']],
    ['Tregs expand; Treg cells too', ['treg:Tregs', 'treg:Treg cells']],
    ['germinal centres and germinal-center reactions', ['germinal-center:germinal centres', 'germinal-center:germinal-center']],
    ['tregs in lower case are not the abbreviation', []],
    ['Regulatory T cells at the start of a sentence', ['treg:Regulatory T cells']],
  ];
  for (const [text, expected] of cases) {
    it(`finds ${JSON.stringify(expected)} in "${text}"`, () => assert.deepStrictEqual(found(text), expected));
  }

  it('marks discouraged forms with their replacement', () => {
    const [a, b, c] = index.findTerms('IL2, interleukin 2 and Il-2');
    assert.strictEqual(a.form.status, 'discouraged');
    assert.strictEqual(a.form.replacement, 'IL-2');
    assert.strictEqual(b.form.replacement, 'interleukin-2');
    assert.strictEqual(c.form.replacement, 'IL-2');
  });

  it('makes English plurals, leaving forms that are already plural alone', () => {
    assert.deepStrictEqual(
      ['cytokine', 'T cell', 'homeostasis', 'antibody', 'mitochondria', 'Tregs', 'CD4+'].map((f) => pluralOf(f)),
      ['cytokines', 'T cells', 'homeostases', 'antibodies', undefined, undefined, undefined],
    );
  });

  it('does not match across a line break', () => {
    assert.deepStrictEqual(found('systemic lupus\nerythematosus'), ['sle:lupus']);
  });
});

describe('hover', () => {
  const engine = createEngine({ ...emptyData(), terms: TERMS });
  const hoverAt = (text: string, needle: string, languageId = 'markdown') => {
    const doc = analyze({ uri: 'mem:doc.md', languageId, text });
    const offset = text.indexOf(needle);
    return engine.hover(doc, doc.positionAt(offset + 1));
  };

  it('shows preferred form, full name, definition, related terms and source', () => {
    const h = hoverAt('Low IL-2 in lupus.', 'IL-2');
    assert.ok(h);
    assert.match(h.contents, /\*\*IL-2\*\* — interleukin-2/);
    assert.match(h.contents, /T cells need to grow/);
    assert.match(h.contents, /Related: Treg/);
    assert.match(h.contents, /seed\.txt:3/);
    assert.deepStrictEqual(h.range, { start: { line: 0, character: 4 }, end: { line: 0, character: 8 } });
  });

  it('prefers the longest match', () => {
    const h = hoverAt('In systemic lupus erythematosus, B cells', 'lupus');
    assert.ok(h);
    assert.strictEqual(h.range.start.character, 3);
    assert.strictEqual(h.range.end.character, 31);
  });

  it('never matches in code spans, URLs, citation keys or front matter', () => {
    assert.strictEqual(hoverAt('Use `IL-2` here', 'IL-2'), null);
    assert.strictEqual(hoverAt('See https://example.org/SLE/info', 'SLE'), null);
    assert.strictEqual(hoverAt('As shown [@SLE2020].', 'SLE'), null);
    assert.strictEqual(hoverAt('---\ntitle: SLE\n---\nText', 'SLE'), null);
    assert.strictEqual(hoverAt('```\nIL-2\n```\n', 'IL-2'), null);
  });

  it('works in LaTeX prose but not in command names or labels', () => {
    assert.ok(hoverAt('Patients with SLE \\cite{sle2016}.', 'SLE', 'latex'));
    assert.strictEqual(hoverAt('\\label{SLE} text', 'SLE', 'latex'), null);
  });

  it('notes the preferred form when hovering a discouraged one', () => {
    const h = hoverAt('IL2 therapy', 'IL2');
    assert.ok(h);
    assert.match(h.contents, /Preferred form: \*\*IL-2\*\*/);
  });

  it('names the glossary entry by file name and line, not by an absolute path', () => {
    const data = { ...emptyData(), terms: TERMS };
    data.locations.set('term:il-2', { file: '/home/someone/.vscode/extensions/medwrite/glossary/terms.yaml', line: 8 });
    const doc = analyze({ uri: 'mem:doc.md', languageId: 'markdown', text: 'IL-2' });
    const h = createEngine(data).hover(doc, { line: 0, character: 1 });
    assert.ok(h);
    assert.match(h.contents, /glossary entry terms\.yaml:8/);
    assert.doesNotMatch(h.contents, /\/home\/someone/);
  });

  it('returns null on words that are not terms', () => {
    assert.strictEqual(hoverAt('The patients improved.', 'patients'), null);
  });
});
