import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');
// The generator is plain JS (it runs from the command line); it uses the compiled engine in out/.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require(path.join(ROOT, 'scripts', 'generate-snippets.js')) as {
  buildSnippets(items: unknown[]): string;
  expectedSnippets(source?: string): Promise<string>;
  TARGET: string;
};

/** JSON with `//` line comments (the .code-snippets format). */
const parseJsonc = (text: string) => JSON.parse(text.replace(/^\s*\/\/.*$/gm, ''));

describe('citation snippets', () => {
  it('the committed snippets match glossary/references.yaml (run scripts/generate-snippets.js)', async () => {
    const expected = await generator.expectedSnippets();
    const committed = fs.readFileSync(generator.TARGET, 'utf8');
    assert.ok(committed === expected, 'snippets/citations.code-snippets is out of date: run `npx tsc -p . && node scripts/generate-snippets.js`');
  });

  it('has a citation snippet and a reference snippet for every shipped reference', async () => {
    const snippets = parseJsonc(fs.readFileSync(generator.TARGET, 'utf8'));
    const yaml = fs.readFileSync(path.join(ROOT, 'glossary', 'references.yaml'), 'utf8');
    const keys = [...yaml.matchAll(/^ {2}- id: (\S+)/gm)].map((m) => m[1]);
    assert.ok(keys.includes('he2016'));
    for (const key of keys) {
      assert.strictEqual(snippets[`Cite ${key}`]?.body, `[@${key}]`, key);
      assert.strictEqual(snippets[`Cite ${key}`]?.prefix, `cite-${key}`);
      assert.ok(snippets[`Reference ${key}`]?.body.length > 20, key);
    }
    assert.strictEqual(Object.keys(snippets).length, keys.length * 2);
  });

  it('escapes snippet syntax in bodies and formats the reference in AMA', () => {
    const text = generator.buildSnippets([
      { id: 'x2020', type: 'article-journal', title: 'Costs in $ and {braces}', author: [{ family: 'Doe', given: 'Jane' }], 'container-title': 'Lupus', issued: { 'date-parts': [[2020]] }, volume: '3', page: '1-2' },
    ]);
    const s = parseJsonc(text);
    assert.strictEqual(s['Reference x2020'].body, 'Doe J. Costs in \\$ and {braces\\}. *Lupus*. 2020;3:1-2.');
  });

  it('is contributed for Markdown in package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const entry = pkg.contributes.snippets.find((x: { language: string }) => x.language === 'markdown');
    assert.strictEqual(path.resolve(ROOT, entry.path), generator.TARGET);
  });
});
