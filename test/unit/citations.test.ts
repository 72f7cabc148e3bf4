import * as assert from 'assert';
import type { CslItem } from '../../src/core/data';
import { rng, randomText } from '../support/random';
import {
  authorYearPatterns,
  CitationResolver,
  detectCitationFormat,
  findCitations,
  formatCitation,
  numberedReferenceList,
} from '../../src/core/citations/inText';

const refs: CslItem[] = [
  { id: 'he2016', type: 'article-journal', author: [{ family: 'He', given: 'J.' }, { family: 'Zhang' }, { family: 'Wei' }], title: 'Low-dose interleukin-2 treatment selectively modulates CD4+ T cell subsets', issued: { 'date-parts': [[2016]] } },
  { id: 'humrich2016', type: 'article-journal', author: [{ family: 'Humrich', given: 'Jens Y.' }], title: 'Restoring regulation - IL-2 therapy in systemic lupus erythematosus', issued: { 'date-parts': [[2016, 11]] } },
  { id: 'zaman2022', type: 'article-newspaper', author: [{ family: 'Zaman', given: 'Isra' }], title: 'Source specific effects of Interleukin 2', issued: { 'date-parts': [[2022, 6, 17]] } },
  { id: 'anonnda', type: 'article-newspaper', title: 'News report on low-dose IL-2' },
];

const summary = (text: string, latex = false) =>
  findCitations(text, { latex }).map((c) => ({
    style: c.style,
    raw: c.raw,
    keys: c.items.map((i) => i.key ?? i.number ?? `${i.family} ${i.year}`),
  }));

describe('in-text citations', () => {
  it('finds Pandoc citations: bracketed, several with locators, in-text and author-suppressed', () => {
    const got = summary('A [@he2016]. B [see @he2016; @humrich2016, p. 4]. As @zaman2022 says. C [-@humrich2016].');
    assert.deepStrictEqual(got, [
      { style: 'pandoc', raw: '[@he2016]', keys: ['he2016'] },
      { style: 'pandoc', raw: '[see @he2016; @humrich2016, p. 4]', keys: ['he2016', 'humrich2016'] },
      { style: 'pandoc', raw: '@zaman2022', keys: ['zaman2022'] },
      { style: 'pandoc', raw: '[-@humrich2016]', keys: ['humrich2016'] },
    ]);
  });

  it('gives the exact offsets of each key', () => {
    const text = 'Lupus [@he2016; @humrich2016].';
    for (const c of findCitations(text)) for (const i of c.items) assert.strictEqual(text.slice(i.start, i.end), i.key);
  });

  it('finds numeric citations: [3], [2, 5-7], ^3^, <sup>, Unicode superscripts', () => {
    const got = summary('A [3]. B [2, 5-7]. C.^4^ D<sup>8</sup>. Eleven cases¹²');
    assert.deepStrictEqual(got.map((c) => c.keys), [[3], [2, 5, 6, 7], [4], [8], [12]]);
    assert.ok(got.every((c) => c.style === 'numeric'));
  });

  it('does not take links, link definitions, exponents or e-mail addresses for citations', () => {
    assert.deepStrictEqual(summary('See [3](http://x.org) and [the trial][1] and 10⁶ cells, m² and write to a@b.org.'), []);
  });

  it('finds author-year citations, parenthetical and narrative', () => {
    const got = summary('A (He et al., 2016). B (Humrich et al. 2016). C (Humrich & Zaman, 2016; Zaman, 2022). He et al. (2016) showed it.');
    assert.deepStrictEqual(got, [
      { style: 'author-year', raw: '(He et al., 2016)', keys: ['He 2016'] },
      { style: 'author-year', raw: '(Humrich et al. 2016)', keys: ['Humrich 2016'] },
      { style: 'author-year', raw: '(Humrich & Zaman, 2016; Zaman, 2022)', keys: ['Humrich 2016', 'Zaman 2022'] },
      { style: 'author-year', raw: 'He et al. (2016)', keys: ['He 2016'] },
    ]);
  });

  it('does not read dates in parentheses as author-year citations', () => {
    assert.deepStrictEqual(summary('It was approved (March 2016) and again (in 2019), and in (2020).'), []);
  });

  it('reads ASCII text with the ASCII author-year patterns exactly as with the Unicode ones', () => {
    const ascii = authorYearPatterns(false);
    const unicode = authorYearPatterns(true);
    const pieces = [
      'He', 'Humrich', 'van', 'de ', 'Der', ' et al.', ' et al', ' and ', ' & ', ', ', ',', ' ', '  ', '\t', '2016', '2016a', '1999',
      'in press', 'n.d.', 'p. 4', 'pp. 3-5', ':', ';', 'see ', 'e.g., ', 'cf. ', 'for a review, see ', "O'Neil", 'Smith-Jones', 'x', 'ABE',
      'n = 2277', 'P<0.0001', '.', '(', ')', 'March', 'in ', 'CB 3717', '-', "'", 'z9',
    ];
    const random = rng(20261122);
    for (let i = 0; i < 20000; i++) {
      const text = randomText(random, pieces, 8);
      const a = ascii.segment.exec(text);
      const u = unicode.segment.exec(text);
      assert.deepStrictEqual(a && [...a, a.index], u && [...u, u.index], text);
      const na = ascii.narrativeTail.exec(text);
      const nu = unicode.narrativeTail.exec(text);
      assert.deepStrictEqual(na && [...na, na.index], nu && [...nu, nu.index], text);
    }
    // Non-ASCII names are read with the Unicode patterns (findCitations picks them for such text).
    assert.deepStrictEqual(summary('Shown before (Ölçer et al., 2016).'), [{ style: 'author-year', raw: '(Ölçer et al., 2016)', keys: ['Ölçer 2016'] }]);
  });

  it('finds LaTeX citations with options, but not \\nocite', () => {
    const got = summary('As \\citep[p.~4]{he2016, humrich2016} and \\textcite{zaman2022}. \\nocite{all}', true);
    assert.deepStrictEqual(got, [
      { style: 'latex', raw: '\\citep[p.~4]{he2016, humrich2016}', keys: ['he2016', 'humrich2016'] },
      { style: 'latex', raw: '\\textcite{zaman2022}', keys: ['zaman2022'] },
    ]);
  });

  it('skips citations inside excluded spans', () => {
    const text = 'Code `[@he2016]` here [@zaman2022].';
    const code = [text.indexOf('`'), text.lastIndexOf('`') + 1];
    const got = findCitations(text, { excluded: (o) => o >= code[0] && o < code[1] });
    assert.deepStrictEqual(got.map((c) => c.raw), ['[@zaman2022]']);
  });
});

describe('citation resolution and formatting', () => {
  const resolver = new CitationResolver(refs);

  it('resolves Pandoc keys and reports unknown ones with close suggestions', () => {
    const [c] = findCitations('[@he2016; @humrch2016]');
    const r = resolver.resolve(c);
    assert.deepStrictEqual(r.keys, ['he2016']);
    assert.deepStrictEqual(r.unknownKeys.map((i) => i.key), ['humrch2016']);
    assert.deepStrictEqual(resolver.closeKeys('humrch2016'), ['humrich2016']);
    assert.deepStrictEqual(resolver.closeKeys('completelydifferent'), []);
  });

  it('resolves author-year citations by family name and year', () => {
    const [a, b, c] = findCitations('(He et al., 2016) (Humrich 2016) (Smith, 2016)');
    assert.deepStrictEqual(resolver.resolve(a).keys, ['he2016']);
    assert.deepStrictEqual(resolver.resolve(b).keys, ['humrich2016']);
    assert.deepStrictEqual(resolver.resolve(c).keys, []);
    assert.strictEqual(resolver.resolve(c).unresolved.length, 1);
  });

  it('resolves numeric citations through the document’s numbered reference list, else leaves them unresolved', () => {
    const list = numberedReferenceList(
      [
        { text: 'Humrich JY. Restoring regulation - IL-2 therapy in systemic lupus erythematosus. 2016.', marker: '1.' },
        { text: '[2] He J, Zhang X, Wei Y. Low-dose interleukin-2 treatment. Nat Med. 2016.' },
        { text: '3. Someone Else. Another paper. 1999.' },
      ],
      refs,
    );
    assert.deepStrictEqual(list.map((e) => [e.number, e.key]), [[1, 'humrich2016'], [2, 'he2016'], [3, undefined]]);
    const numbered = new CitationResolver(refs, list);
    const [c] = findCitations('[1, 3]');
    const r = numbered.resolve(c);
    assert.deepStrictEqual(r.keys, ['humrich2016']);
    assert.strictEqual(r.unresolved.length, 1);
    assert.strictEqual(resolver.resolve(c).keys.length, 0);
  });

  it('detects the document style and formats new citations in it', () => {
    const numbered = new CitationResolver(refs, [
      { number: 1, text: '', key: 'humrich2016' },
      { number: 2, text: '', key: 'he2016' },
    ]);
    const pandoc = detectCitationFormat(findCitations('x [@a] y [@b] z [1]'), 'markdown');
    assert.strictEqual(formatCitation(['he2016', 'humrich2016'], pandoc, numbered), '[@he2016; @humrich2016]');
    const numeric = detectCitationFormat(findCitations('x [1] y [2, 3] z [@a]'), 'markdown');
    assert.strictEqual(formatCitation(['he2016', 'humrich2016'], numeric, numbered), '[1, 2]');
    assert.strictEqual(formatCitation(['zaman2022'], numeric, numbered), '[@zaman2022]', 'unlisted reference falls back to Pandoc');
    const sup = detectCitationFormat(findCitations('x.^1^ y.^2^'), 'markdown');
    assert.strictEqual(formatCitation(['he2016'], sup, numbered), '^2^');
    const ay = detectCitationFormat(findCitations('x (He et al., 2016) y (Zaman, 2022)'), 'markdown');
    assert.strictEqual(formatCitation(['he2016', 'humrich2016'], ay, numbered), '(He et al., 2016; Humrich, 2016)');
    assert.strictEqual(formatCitation(['anonnda'], ay, numbered), '[@anonnda]', 'no author: Pandoc fallback');
    const latex = detectCitationFormat(findCitations('x \\citep{a} y \\citep{b}', { latex: true }), 'latex');
    assert.strictEqual(formatCitation(['he2016', 'zaman2022'], latex, numbered), '\\citep{he2016,zaman2022}');
    assert.strictEqual(detectCitationFormat([], 'latex').style, 'latex');
    assert.strictEqual(detectCitationFormat([], 'markdown').style, 'pandoc');
  });
});
