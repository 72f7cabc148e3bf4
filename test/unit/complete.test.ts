import * as assert from 'assert';
import { analyze } from '../../src/core/document';
import type { CslItem } from '../../src/core/data';
import {
  CitationIndex,
  citationContextAt,
  citationIndexFor,
  citationKeyAt,
  citationText,
  findCitationUses,
} from '../../src/core/citations/complete';

/** Puts the cursor where `|` is. */
function at(textWithCursor: string, languageId = 'markdown') {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.replace('|', '');
  const doc = analyze({ uri: 'mem:doc', languageId, text });
  return citationContextAt(doc, doc.positionAt(offset));
}

const items: CslItem[] = [
  { id: 'he2016', type: 'article-journal', title: 'Low-dose interleukin-2 treatment in systemic lupus erythematosus', author: [{ family: 'He', given: 'J.' }], 'container-title': 'Nature Medicine', issued: { 'date-parts': [[2016]] } },
  { id: 'humrich2016', type: 'article-journal', title: 'Restoring regulation: IL-2 therapy in systemic lupus erythematosus', author: [{ family: 'Humrich', given: 'Jens Y.' }], 'container-title': 'Expert Review of Clinical Immunology', issued: { 'date-parts': [[2016]] } },
  { id: 'zaman2022', type: 'article-newspaper', title: 'Source specific effects of interleukin 2 on the immune response', author: [{ family: 'Zaman', given: 'Isra' }], 'container-title': 'Medical Dialogues', issued: { 'date-parts': [[2022]] } },
  { id: 'hemmer2019', type: 'article-journal', title: 'Cardiology outcomes after stenting', author: [{ family: 'Hemmer', given: 'A.' }], 'container-title': 'Heart', issued: { 'date-parts': [[2019]] } },
  { id: 'who2021', type: 'report', title: 'Global report on autoimmune disease', author: [{ literal: 'World Health Organization' }], issued: { 'date-parts': [[2021]] } },
  { id: 'rosenzwajg2019', type: 'article-journal', title: 'Low-dose IL-2 in children with autoimmune diseases', author: [{ family: 'Rosenzwajg', given: 'M.' }, { family: 'Klatzmann', given: 'D.' }], 'container-title': 'Annals of the Rheumatic Diseases', issued: { 'date-parts': [[2019]] } },
];

describe('citation completion context', () => {
  const cases: Array<[string, string, Partial<ReturnType<typeof at>> | undefined]> = [
    ['after [@', 'As shown [@|', { syntax: 'pandoc', query: '', bracketed: true }],
    ['typing a key in brackets', 'As shown [@hu|', { syntax: 'pandoc', query: 'hu', bracketed: true }],
    ['in-text @', 'As @he| showed', { syntax: 'pandoc', query: 'he', bracketed: false }],
    ['second key after ;', 'See [@he2016; @zam|]', { query: 'zam', bracketed: true, existingKeys: ['he2016'] }],
    ['with prefix and locator', 'See [see @he2016, p. 3; -@|]', { query: '', bracketed: true, existingKeys: ['he2016'] }],
    ['keys on both sides', '[@he2016; @|; @zaman2022]', { query: '', existingKeys: ['he2016', 'zaman2022'] }],
    ['an e-mail address is not a citation', 'mail jo@exa|', undefined],
    ['inside a code span', 'run `[@he|`', undefined],
    ['inside a fenced block', '```\n[@he|\n```', undefined],
    ['plain text documents have no Pandoc citations', 'As [@he|', undefined],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => {
      const ctx = at(text, name.startsWith('plain') ? 'plaintext' : 'markdown');
      if (expected === undefined) return assert.strictEqual(ctx, undefined);
      assert.ok(ctx, 'expected a context');
      for (const [k, v] of Object.entries(expected)) assert.deepStrictEqual((ctx as unknown as Record<string, unknown>)[k], v, k);
    });
  }

  it('replaces the whole key under the cursor', () => {
    const ctx = at('[@hu|mrich2016]')!;
    assert.deepStrictEqual(ctx.range, { start: { line: 0, character: 2 }, end: { line: 0, character: 13 } });
  });

  it('works inside \\cite{ with several keys, in LaTeX and in Markdown', () => {
    const tex = at('as in \\citep[p.~3]{he2016, zam|}', 'latex')!;
    assert.strictEqual(tex.syntax, 'latex');
    assert.strictEqual(tex.query, 'zam');
    assert.deepStrictEqual(tex.existingKeys, ['he2016']);
    assert.deepStrictEqual(tex.range.start, { line: 0, character: 27 });
    const md = at('see \\cite{|}')!;
    assert.strictEqual(md.syntax, 'latex');
    assert.strictEqual(md.query, '');
    assert.strictEqual(at('\\section{|', 'latex'), undefined);
  });
});

describe('citation uses', () => {
  it('finds Pandoc keys in order, outside code, and \\cite keys', () => {
    const doc = analyze({ uri: 'm', languageId: 'markdown', text: 'A [@he2016, p. 2; -@zaman2022].\n`@code`\n@humrich2016 says.\nMail a@b.org \\cite{x1, y2}' });
    assert.deepStrictEqual(findCitationUses(doc).map((u) => u.key), ['he2016', 'zaman2022', 'humrich2016', 'x1', 'y2']);
    const tex = analyze({ uri: 't', languageId: 'latex', text: '% \\cite{no}\nText \\parencite[see][12]{a,b} and \\textcite{c}.' });
    const uses = findCitationUses(tex);
    assert.deepStrictEqual(uses.map((u) => u.key), ['a', 'b', 'c']);
    assert.deepStrictEqual(uses[1].range, { start: { line: 1, character: 27 }, end: { line: 1, character: 28 } });
  });

  it('finds the key under the cursor, on the @ or on the key', () => {
    const doc = analyze({ uri: 'm', languageId: 'markdown', text: 'See [@he2016; @zaman2022].' });
    assert.strictEqual(citationKeyAt(doc, { line: 0, character: 5 })?.key, 'he2016');
    assert.strictEqual(citationKeyAt(doc, { line: 0, character: 18 })?.key, 'zaman2022');
    assert.strictEqual(citationKeyAt(doc, { line: 0, character: 1 }), undefined);
  });

  it('writes citations in the document syntax', () => {
    assert.strictEqual(citationText(['a', 'b'], 'markdown'), '[@a; @b]');
    assert.strictEqual(citationText(['a', 'b'], 'latex'), '\\cite{a,b}');
  });
});

describe('citation search ranking', () => {
  const index = new CitationIndex(items);
  const keys = (q: string, preferred: string[] = []) => index.search(q, 10, preferred).map((h) => h.ref.key);

  it('puts exact key prefixes first, shortest first', () => {
    assert.deepStrictEqual(keys('he').slice(0, 2), ['he2016', 'hemmer2019']);
    assert.strictEqual(keys('hum')[0], 'humrich2016');
  });

  it('matches authors, title words, journal and year', () => {
    assert.strictEqual(keys('Klatzmann')[0], 'rosenzwajg2019');
    assert.strictEqual(keys('stenting')[0], 'hemmer2019');
    assert.strictEqual(keys('Medical Dialogues')[0], 'zaman2022');
    assert.ok(keys('2022').includes('zaman2022'));
    assert.strictEqual(keys('World Health')[0], 'who2021');
  });

  it('tolerates typos', () => {
    assert.strictEqual(keys('humrih')[0], 'humrich2016');
    assert.strictEqual(keys('cardiolgy')[0], 'hemmer2019');
  });

  it('requires every word of a multi-word query', () => {
    const r = keys('lupus 2016');
    assert.deepStrictEqual([...r].sort(), ['he2016', 'humrich2016']);
    assert.ok(!keys('lupus children').includes('he2016'));
  });

  it('lifts preferred keys when they match, and shows them first for an empty query', () => {
    assert.deepStrictEqual(keys('lupus', ['humrich2016']).slice(0, 1), ['humrich2016']);
    assert.deepStrictEqual(keys('', ['zaman2022']).slice(0, 2), ['zaman2022', 'he2016']);
    assert.ok(!keys('stenting', ['zaman2022']).includes('zaman2022'));
  });

  it('returns nothing for unrelated text and respects the limit', () => {
    assert.deepStrictEqual(keys('qqqxxzz'), []);
    assert.strictEqual(index.search('', 3).length, 3);
  });

  it('builds one index per bibliography array', () => {
    assert.strictEqual(citationIndexFor(items), citationIndexFor(items));
    assert.notStrictEqual(citationIndexFor(items), citationIndexFor([...items]));
  });
});
