import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  BibliographyStore,
  bibliographyFiles,
  loadBibliographyFile,
  parseBibliography,
  scanBibtex,
} from '../../src/node/bibliography';
import { emptyData } from '../../src/core/data';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/citations');

describe('bibliography loading', () => {
  describe('BibTeX exported by Zotero', () => {
    it('reads accents, braces, `and others` and corporate authors, and keeps entries after a broken one', async () => {
      const bib = await loadBibliographyFile(path.join(FIXTURES, 'zotero.bib'));
      assert.deepStrictEqual(
        bib.items.map((i) => i.id),
        ['he_low-dose_2016', 'muller_regulatorische_2019', 'world_health_organization_global_2021', 'klatzmann_book_2018'],
      );
      const he = bib.items[0];
      assert.strictEqual(he.title, 'Low-dose interleukin-2 treatment selectively modulates CD4+ T cell subsets in patients with systemic lupus erythematosus');
      assert.strictEqual(he.DOI, '10.1038/nm.4148');
      assert.strictEqual(he['container-title'], 'Nature Medicine');
      // `and others` is not an author called "others".
      assert.deepStrictEqual(he.author?.map((a) => a.family), ['He', 'Zhang', 'Wei']);
      assert.strictEqual(he['medwrite-author-truncated'], true);
      const muller = bib.items[1];
      assert.deepStrictEqual(muller.author, [
        { family: 'Müller', given: 'Jörg' },
        { family: 'García-López', given: 'María' },
        { family: 'Çelik', given: 'Ayşe' },
      ]);
      assert.strictEqual(muller['container-title'], 'Zeitschrift für Rheumatologie');
      assert.strictEqual(muller.title, 'Regulatorische T-Zellen bei Lupus: Übersicht und Ausblick');
      const who = bib.items[2];
      assert.strictEqual(who.author?.length, 1);
      assert.strictEqual(who.author?.[0].family ?? who.author?.[0].literal, 'World Health Organization');
      assert.strictEqual(who.author?.[0].given, undefined);
    });

    it('reports the malformed entry with its file and line', async () => {
      const file = path.join(FIXTURES, 'zotero.bib');
      const bib = await loadBibliographyFile(file);
      assert.strictEqual(bib.issues.length, 1);
      const [issue] = bib.issues;
      assert.strictEqual(issue.file, file);
      assert.strictEqual(issue.line, 36);
      assert.strictEqual(issue.severity, 'error');
      assert.match(issue.message, /broken_entry_2020/);
    });

    it('gives the line of each entry', async () => {
      const bib = await loadBibliographyFile(path.join(FIXTURES, 'zotero.bib'));
      assert.strictEqual(bib.lines.get('he_low-dose_2016'), 2);
      assert.strictEqual(bib.lines.get('klatzmann_book_2018'), 41);
    });

    it('reports a syntax error inside a closed entry at its line and keeps the others', async () => {
      const text = '@article{a1, title={One}, year={2001}}\n\n@article{a2,\n  title={Two}\n  year={2002}\n}\n@article{a3, title={Three}}\n';
      const bib = await parseBibliography(text, 'x.bib');
      assert.deepStrictEqual(bib.items.map((i) => i.id), ['a1', 'a3']);
      assert.strictEqual(bib.issues.length, 1);
      assert.strictEqual(bib.issues[0].line, 5);
      assert.match(bib.issues[0].message, /a2/);
    });

    it('expands @string macros and ignores @comment', async () => {
      const text = '@comment{jabref-meta: x}\n@string{lup = "Lupus"}\n@article{k, title={T}, journal=lup, year=2020}\n';
      const bib = await parseBibliography(text, 'x.bib');
      assert.deepStrictEqual(bib.issues, []);
      assert.strictEqual(bib.items.length, 1);
      assert.strictEqual(bib.items[0]['container-title'], 'Lupus');
    });

    it('warns about a duplicate key and keeps the first', async () => {
      const bib = await parseBibliography('@misc{k, title={A}}\n@misc{k, title={B}}\n', 'x.bib');
      assert.strictEqual(bib.items.length, 1);
      assert.strictEqual(bib.items[0].title, 'A');
      assert.strictEqual(bib.issues[0].severity, 'warning');
      assert.strictEqual(bib.issues[0].line, 2);
    });

    it('scans entries with parentheses and text between entries', () => {
      const s = scanBibtex('free text @ not an entry\n@article(p1, title={x (y)})\n');
      assert.deepStrictEqual(s.entries.map((e) => [e.key, e.line]), [['p1', 2]]);
      assert.deepStrictEqual(s.broken, []);
    });

    it('parses a large file in batches', async () => {
      const text = Array.from({ length: 1000 }, (_, i) => `@article{k${i}, title={Title ${i}}, author={Doe, J.}, year={2000}}`).join('\n');
      const bib = await parseBibliography(text, 'big.bib');
      assert.strictEqual(bib.items.length, 1000);
      assert.strictEqual(bib.lines.get('k999'), 1000);
    });
  });

  describe('CSL-JSON', () => {
    it('reads items, reports the one without an id at its line', async () => {
      const file = path.join(FIXTURES, 'refs.json');
      const bib = await loadBibliographyFile(file);
      assert.deepStrictEqual(bib.items.map((i) => i.id), ['smith2020', 'jones2021']);
      assert.strictEqual(bib.lines.get('jones2021'), 14);
      assert.strictEqual(bib.issues.length, 1);
      assert.strictEqual(bib.issues[0].line, 10);
    });

    it('reports invalid JSON with a line', async () => {
      const bib = await parseBibliography('[\n  {"id": "a", "type": "book"},\n  {"id": \n]', 'bad.json');
      assert.strictEqual(bib.items.length, 0);
      assert.strictEqual(bib.issues.length, 1);
      assert.ok(bib.issues[0].line >= 3, `line ${bib.issues[0].line}`);
    });
  });

  describe('CSL-YAML', () => {
    it('reads a `references:` list and reports the entry without an id', async () => {
      const bib = await loadBibliographyFile(path.join(FIXTURES, 'refs.yaml'));
      assert.deepStrictEqual(bib.items.map((i) => i.id), ['brown2019', 'green2018']);
      assert.strictEqual(bib.lines.get('brown2019'), 2);
      assert.strictEqual(bib.lines.get('green2018'), 17);
      assert.strictEqual(bib.issues.length, 1);
      assert.strictEqual(bib.issues[0].line, 14);
    });

    it('reads a bare list', async () => {
      const bib = await parseBibliography('- id: a\n  type: book\n  title: A\n- id: b\n  type: book\n', 'x.yaml');
      assert.deepStrictEqual(bib.items.map((i) => i.id), ['a', 'b']);
    });
  });

  describe('sources and the store', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medwrite-bib-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('finds front matter, settings and .medwrite/ bibliographies in priority order', () => {
      fs.mkdirSync(path.join(dir, '.medwrite'));
      fs.mkdirSync(path.join(dir, 'docs'));
      fs.writeFileSync(path.join(dir, '.medwrite', 'library.bib'), '');
      fs.writeFileSync(path.join(dir, '.medwrite', 'terms.yaml'), '');
      fs.writeFileSync(path.join(dir, '.medwrite', 'mine.csl.json'), '[]');
      fs.writeFileSync(path.join(dir, 'settings.yaml'), '[]');
      const files = bibliographyFiles({
        workspaceFolders: [dir],
        settingsPaths: ['settings.yaml'],
        documentFile: path.join(dir, 'docs', 'paper.md'),
        frontMatter: { bibliography: ['refs.bib', '../other.json'] },
      });
      assert.deepStrictEqual(files, [
        path.join(dir, 'docs', 'refs.bib'),
        path.join(dir, 'other.json'),
        path.join(dir, 'settings.yaml'),
        path.join(dir, '.medwrite', 'library.bib'),
        path.join(dir, '.medwrite', 'mine.csl.json'),
      ]);
    });

    it('merges files (first key wins) with the shipped references and keeps last good data', async () => {
      const a = path.join(dir, 'a.bib');
      const b = path.join(dir, 'b.yaml');
      fs.writeFileSync(a, '@misc{x, title={From A}}\n');
      fs.writeFileSync(b, '- id: x\n  type: book\n  title: From B\n- id: y\n  type: book\n');
      const data = emptyData();
      data.references.push({ id: 'he2016', type: 'article-journal', title: 'Shipped' });
      data.locations.set('ref:he2016', { file: 'glossary/references.yaml', line: 7 });
      const store = new BibliographyStore();
      const merged = await store.collect([a, b], data);
      assert.deepStrictEqual(merged.items.map((i) => [i.id, i.title]), [['x', 'From A'], ['y', undefined], ['he2016', 'Shipped']]);
      assert.deepStrictEqual(merged.locations.get('he2016'), { file: 'glossary/references.yaml', line: 7 });
      assert.deepStrictEqual(merged.locations.get('y'), { file: b, line: 4 });
      assert.strictEqual(await store.collect([a, b], data), merged, 'unchanged inputs give the same object');
      fs.unlinkSync(a);
      store.invalidate(a);
      const after = await store.collect([a, b], data);
      assert.notStrictEqual(after, merged);
      assert.strictEqual(after.byKey.get('x')?.title, 'From A', 'an unreadable file keeps its last good entries');
      assert.ok(after.issues.some((i) => i.file === a));
    });
  });
});
