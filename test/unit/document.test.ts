import * as assert from 'assert';
import { analyze } from '../../src/core';
import { computeLineStarts } from '../../src/core/document';

const excludedTexts = (text: string, languageId = 'markdown') => {
  const doc = analyze({ uri: 'mem:x', languageId, text });
  return doc.excluded.map((s) => text.slice(s.start, s.end));
};

describe('document analysis', () => {
  it('maps offsets and positions both ways, with CRLF', () => {
    const doc = analyze({ uri: 'mem:x', languageId: 'plaintext', text: 'ab\r\ncd\nef' });
    assert.deepStrictEqual(doc.positionAt(5), { line: 1, character: 1 });
    assert.strictEqual(doc.offsetAt({ line: 2, character: 1 }), 8);
    assert.strictEqual(doc.lineText(0), 'ab');
    assert.strictEqual(doc.lineCount, 3);
  });

  it('starts lines after LF, CRLF and a lone CR, and counts a trailing break as a new line', () => {
    const cases: Array<[string, number[]]> = [
      ['', [0]],
      ['abc', [0]],
      ['a\nb', [0, 2]],
      ['a\r\nb', [0, 3]],
      ['a\rb', [0, 2]],
      ['a\n\r\nb\r', [0, 2, 4, 6]],
      ['\r\r\n\n', [0, 1, 3, 4]],
    ];
    for (const [text, starts] of cases) assert.deepStrictEqual(computeLineStarts(text), starts, JSON.stringify(text));
  });

  it('excludes front matter, fenced code, inline code, URLs, links and citation keys in Markdown', () => {
    const text = '---\nbibliography: refs.bib\n---\nSee `code` and https://x.org/a and [link](http://y.org) [@he2016; @humrich2016, p. 4].\n```js\nIL2\n```\n';
    const ex = excludedTexts(text);
    assert.ok(ex[0].startsWith('---\nbibliography'));
    assert.ok(ex.includes('`code`'));
    assert.ok(ex.includes('https://x.org/a'));
    assert.ok(ex.includes('@he2016'));
    assert.ok(ex.includes('@humrich2016'));
    assert.ok(ex.some((e) => e.startsWith('```js')));
    const doc = analyze({ uri: 'mem:x', languageId: 'markdown', text });
    assert.deepStrictEqual(doc.frontMatter, { bibliography: 'refs.bib' });
  });

  it('does not treat an e-mail address as a citation', () => {
    const ex = excludedTexts('Write to jane@example.org today.', 'plaintext');
    assert.deepStrictEqual(ex, ['jane@example.org']);
  });

  it('excludes LaTeX commands, comments and key arguments but keeps prose arguments', () => {
    const text = '\\section{Lupus nephritis} as shown \\cite{he2016} % a note\n\\emph{cytokine}';
    const ex = excludedTexts(text, 'latex');
    assert.ok(ex.includes('\\section'));
    assert.ok(ex.includes('\\cite{he2016}'));
    assert.ok(ex.includes('% a note'));
    assert.ok(!ex.some((e) => e.includes('Lupus nephritis')));
    assert.ok(!ex.some((e) => e.includes('cytokine')));
  });

  it('treats an unclosed fence as code to the end, like CommonMark', () => {
    const ex = excludedTexts('text\n```\ncode IL2\nmore');
    assert.deepStrictEqual(ex, ['```\ncode IL2\nmore']);
  });
});
