import * as assert from 'assert';
import type { CslItem } from '../../src/core/data';
import {
  authorList,
  formatEntries,
  formatReference,
  linkOf,
  parseCitationStyle,
  toCiteprocItem,
  yearOf,
} from '../../src/core/citations/format';
import { registerShippedStyles } from '../../src/node/bibliography';

const he: CslItem = {
  id: 'he2016',
  type: 'article-journal',
  title: 'Low-dose interleukin-2 treatment selectively modulates CD4+ T cells in patients with systemic lupus erythematosus',
  author: [
    { family: 'He', given: 'Jing' },
    { family: 'Zhang', given: 'Xia' },
  ],
  'container-title': 'Nature Medicine',
  issued: { 'date-parts': [[2016]] },
  volume: 22,
  issue: 9,
  page: '991-993',
  DOI: '10.1038/nm.4148',
  provenance: [{ file: 'seed.txt', line: 3 }],
};
const who: CslItem = {
  id: 'who2021',
  type: 'report',
  title: 'Global report on autoimmune disease',
  author: [{ literal: 'World Health Organization' }],
  publisher: 'World Health Organization',
  'publisher-place': 'Geneva',
  issued: { 'date-parts': [[2021]] },
};
const abbas: CslItem = {
  id: 'abbas2018',
  type: 'book',
  title: 'Cellular and molecular immunology',
  author: [{ family: 'Abbas', given: 'Abul K.' }],
  publisher: 'Elsevier',
  issued: { 'date-parts': [[2018]] },
};

describe('reference formatting', () => {
  before(() => registerShippedStyles());

  it('formats AMA by default: initials without dots, journal, year;volume(issue):pages, doi', () => {
    assert.strictEqual(
      formatReference(he),
      'He J, Zhang X. Low-dose interleukin-2 treatment selectively modulates CD4+ T cells in patients with systemic lupus erythematosus. Nature Medicine. 2016;22(9):991-993. doi:10.1038/nm.4148',
    );
  });

  it('formats Vancouver with abbreviated page ranges', () => {
    assert.match(formatReference(he, 'vancouver'), /^He J, Zhang X\. Low-dose .*Nature Medicine\. 2016;22\(9\):991.3\./);
  });

  it('formats APA with the year after the authors and a DOI link', () => {
    const apa = formatReference(he, 'apa');
    assert.match(apa, /^He, J\., & Zhang, X\. \(2016\)\. Low-dose /);
    assert.match(apa, /https:\/\/doi\.org\/10\.1038\/nm\.4148$/);
  });

  it('keeps corporate authors whole', () => {
    assert.match(formatReference(who, 'ama'), /^World Health Organization\. Global Report on Autoimmune Disease\. World Health Organization; 2021\.$/);
    assert.match(formatReference(who, 'apa'), /^World Health Organization\. \(2021\)\./);
  });

  it('renders italics as Markdown and escapes Markdown characters', () => {
    const md = formatReference(he, 'ama', 'markdown');
    assert.match(md, /\*Nature Medicine\*\. 2016/);
    const odd = formatReference({ ...he, id: 'odd', title: 'Effects of [IL-2] on *T* cells' }, 'ama', 'markdown');
    assert.match(odd, /Effects of \\\[IL-2\\\] on \\\*T\\\* cells/);
  });

  it('never prints MedWrite fields or notes, and accepts numbers in text fields', () => {
    const item = toCiteprocItem({ ...he, note: 'an editorial note' });
    assert.strictEqual(item.volume, '22');
    assert.strictEqual(item.provenance, undefined);
    assert.ok(!formatReference({ ...he, note: 'an editorial note' }, 'apa').includes('editorial'));
  });

  it('keeps citation order for numbered styles and sorts APA alphabetically', () => {
    assert.deepStrictEqual(formatEntries([he, who, abbas], 'ama').map((e) => e.id), ['he2016', 'who2021', 'abbas2018']);
    assert.deepStrictEqual(formatEntries([he, who, abbas], 'apa').map((e) => e.id), ['abbas2018', 'he2016', 'who2021']);
  });

  it('gives short fields for pickers', () => {
    assert.strictEqual(authorList(he), 'He, Zhang');
    assert.strictEqual(authorList({ ...he, author: [{ family: 'A' }, { family: 'B' }, { family: 'C' }, { family: 'D' }] }), 'A et al.');
    assert.strictEqual(authorList(who), 'World Health Organization');
    assert.strictEqual(yearOf(he), '2016');
    assert.strictEqual(yearOf({ id: 'x', type: 'book', issued: { literal: 'spring 1999' } }), '1999');
    assert.strictEqual(linkOf(he), 'https://doi.org/10.1038/nm.4148');
    assert.strictEqual(linkOf({ ...he, DOI: 'https://doi.org/10.1/x' }), 'https://doi.org/10.1/x');
  });

  it('reads the style setting', () => {
    assert.strictEqual(parseCitationStyle('APA'), 'apa');
    assert.strictEqual(parseCitationStyle('harvard'), 'ama');
    assert.strictEqual(parseCitationStyle(undefined, 'vancouver'), 'vancouver');
  });
});
