import * as assert from 'assert';
import { findAbbreviations, isShortFormCandidate, uniqueAbbreviations } from '../../src/core/abbreviations';

const pairs = (text: string) => findAbbreviations(text).map((d) => `${d.short}|${d.long}`);

describe('findAbbreviations', () => {
  const cases: [string, string, string[]][] = [
    ['long form (SF)', 'Patients with systemic lupus erythematosus (SLE) were enrolled.', ['SLE|systemic lupus erythematosus']],
    ['SF (long form)', 'Patients with SLE (systemic lupus erythematosus) were enrolled.', ['SLE|systemic lupus erythematosus']],
    ['bracket inside a name', 'Low doses of interleukin (IL)-2 were given.', ['IL|interleukin']],
    ['digits and hyphens', 'The transport of 5-hydroxytryptamine (5HT) was measured.', ['5HT|5-hydroxytryptamine']],
    ['mixed case', 'Human epidermal growth factor (hEGF) was added.', ['hEGF|Human epidermal growth factor']],
    ['first part of a parenthetical', 'Forty patients with lupus nephritis (LN; n = 40) took part.', ['LN|lupus nephritis']],
    ['comma-separated parenthetical', 'We used phosphoenolpyruvate carboxylase (PEPCase, EC 4.1.1.31) here.', ['PEPCase|phosphoenolpyruvate carboxylase']],
    ['function words skipped', 'The Department of Energy (DOE) funded it.', ['DOE|Department of Energy']],
    ['plural short form', 'Mature dendritic cells (DCs) were counted.', ['DCs|dendritic cells']],
    ['Greek letters spelled out', 'Levels of tumour necrosis factor alpha (TNF-α) rose.', ['TNF-α|tumour necrosis factor alpha']],
    ['long form then short form in one bracket', 'Anaemia is common (chronic kidney disease, CKD) in this group.', ['CKD|chronic kidney disease']],
    ['square brackets', 'The risk rose (95% confidence interval [CI] 1.2-2.0).', ['CI|confidence interval']],
    ['single letter only for one word', 'Serum testosterone (T) was low.', ['T|testosterone']],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => assert.deepStrictEqual(pairs(text), expected));
  }

  const rejected: [string, string][] = [
    ['p values', 'The difference was large (p < 0.05) in all groups.'],
    ['sample sizes', 'Healthy controls (n = 12) were recruited.'],
    ['percentages and intervals', 'Most patients responded (85%, 95% CI 70-92).'],
    ['numbers with units', 'A low dose (1.5 mg) was given.'],
    ['years and references', 'As reported before (2016) and elsewhere [12].'],
    ['figure pointers', 'Results are shown below (Fig. 2) and in the table (see Table 1).'],
    ['enumerations', 'Three steps: (a) wash, (b) stain, (ii) count.'],
    ['ordinary words', 'The drug (tretinoin) was given with an acid.'],
    ['Latin names', 'Basilisk lizards (Basiliscus basiliscus) run on water.'],
    ['long form starting mid-phrase with a determiner', 'We studied the effect (TE) of light.'],
    ['letters that do not spell the short form', 'Blood pressure (XYZ) was normal.'],
    ['formula brackets glued to a word', 'Oxygen in N(2)O and GABA(A) receptors.'],
    ['markdown links', 'See [the study](https://example.org/SLE) for details.'],
  ];
  for (const [name, text] of rejected) {
    it(`rejects ${name}`, () => assert.deepStrictEqual(pairs(text), []));
  }

  it('reports the 1-based line and 0-based column of the short form, and both ranges', () => {
    const text = 'Title line\nWe studied regulatory T cells and\nsystemic lupus erythematosus (SLE) in detail.';
    const [d] = findAbbreviations(text);
    assert.strictEqual(d.short, 'SLE');
    assert.strictEqual(d.long, 'systemic lupus erythematosus');
    assert.strictEqual(d.line, 3);
    assert.strictEqual(d.character, 30);
    assert.deepStrictEqual(d.range, { start: { line: 2, character: 30 }, end: { line: 2, character: 33 } });
    assert.deepStrictEqual(d.longRange.start, { line: 2, character: 0 });
    assert.strictEqual(d.pattern, 'long-short');
  });

  it('joins a long form wrapped over two lines into one line of text', () => {
    assert.deepStrictEqual(pairs('patients with systemic lupus\nerythematosus (SLE) were seen'), ['SLE|systemic lupus erythematosus']);
  });

  it('does not search past a sentence end or a blank line', () => {
    assert.deepStrictEqual(pairs('Graft failure occurred. Versus host (GVH) rates.'), []);
    assert.deepStrictEqual(pairs('General practice\n\nAnesthesia (GA) was used.'), []);
  });

  it('returns every occurrence; uniqueAbbreviations keeps one per pair', () => {
    const defs = findAbbreviations('Use magnetic resonance imaging (MRI). Later, magnetic resonance imaging (MRI) again.');
    assert.strictEqual(defs.length, 2);
    assert.strictEqual(uniqueAbbreviations(defs).length, 1);
  });

  it('names the strategy that accepted the pair', () => {
    const [strict] = findAbbreviations('under general anesthesia (GA) today');
    assert.strictEqual(strict.strategy, 'first-letters');
    const [inside] = findAbbreviations('the transport of 5-hydroxytryptamine (5HT) today');
    assert.strictEqual(inside.strategy, 'letters-within-words');
  });
});

describe('isShortFormCandidate', () => {
  it('accepts short forms and rejects statistics and words', () => {
    for (const s of ['SLE', 'IL-2', 'hEGF', 'TNF alpha', 'C.A.H.', 'EG', 'CA']) assert.ok(isShortFormCandidate(s), s);
    for (const s of ['p = 0.01', 'n = 20', '2016', 'ii', 'a', '10 mg', 'e.g.', 'tretinoin', 'see Table 2']) assert.ok(!isShortFormCandidate(s), s);
  });
});
