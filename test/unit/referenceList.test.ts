import * as assert from 'assert';
import type { CslItem } from '../../src/core/data';
import { REFERENCES_END, REFERENCES_START, updateReferenceList } from '../../src/core/citations/referenceList';
import { registerShippedStyles } from '../../src/node/bibliography';

const bib = new Map<string, CslItem>(
  [
    { id: 'zaman2022', type: 'article-journal', title: 'Effects of IL-2', author: [{ family: 'Zaman', given: 'Isra' }], 'container-title': 'Medical Dialogues', issued: { 'date-parts': [[2022]] } },
    { id: 'he2016', type: 'article-journal', title: 'Low-dose IL-2 in lupus', author: [{ family: 'He', given: 'Jing' }], 'container-title': 'Nature Medicine', issued: { 'date-parts': [[2016]] }, volume: 22, page: '991-993' },
    { id: 'abbas2018', type: 'book', title: 'Cellular and molecular immunology', author: [{ family: 'Abbas', given: 'Abul' }], publisher: 'Elsevier', issued: { 'date-parts': [[2018]] } },
  ].map((i) => [i.id, i as CslItem]),
);
const lookup = (k: string) => bib.get(k);
const run = (text: string, style: 'ama' | 'apa' | 'vancouver' = 'ama') => updateReferenceList({ uri: 'm', languageId: 'markdown', text }, lookup, { style });

describe('reference list', () => {
  before(() => registerShippedStyles());

  const doc = '---\ntitle: Draft\n---\n# Title\n\nFirst [@zaman2022]. Then @he2016 and [@zaman2022; @nobody].\n\n```\n[@abbas2018] in code\n```\n';

  it('appends a numbered list in order of first citation (AMA)', () => {
    const r = run(doc);
    assert.deepStrictEqual(r.listed, ['zaman2022', 'he2016']);
    assert.deepStrictEqual(r.unknown, ['nobody']);
    assert.strictEqual(r.edits.length, 1);
    assert.ok(r.text.startsWith(doc), 'everything before is kept byte for byte');
    const added = r.text.slice(doc.length);
    assert.strictEqual(added.split('\n')[1], '## References');
    assert.match(added, /\n1\. Zaman I\. Effects of IL-2\. \*Medical Dialogues\*\. Published online 2022\.\n2\. He J\. Low-dose IL-2 in lupus\. \*Nature Medicine\*\. 2016;22:991-993\.\n/);
    assert.ok(added.includes(REFERENCES_START) && added.includes(REFERENCES_END));
  });

  it('is idempotent', () => {
    const once = run(doc).text;
    const twice = run(once);
    assert.deepStrictEqual(twice.edits, []);
    assert.strictEqual(twice.text, once);
  });

  it('updates only the generated block when citations change, keeping text after it', () => {
    const once = run(doc).text + '\n## Appendix\n\nKept *as is*.  \n';
    const edited = once.replace('Then @he2016', 'Then @abbas2018 and @he2016');
    const r = run(edited);
    assert.deepStrictEqual(r.listed, ['zaman2022', 'abbas2018', 'he2016']);
    const startIdx = edited.indexOf(REFERENCES_START);
    const endIdx = edited.indexOf(REFERENCES_END) + REFERENCES_END.length;
    assert.strictEqual(r.text.slice(0, startIdx), edited.slice(0, startIdx));
    assert.strictEqual(r.text.slice(r.text.length - (edited.length - endIdx)), edited.slice(endIdx));
    assert.deepStrictEqual(run(r.text).edits, []);
  });

  it('sorts APA alphabetically without numbers', () => {
    const r = run('Text @zaman2022, @he2016 and @abbas2018.\n', 'apa');
    assert.deepStrictEqual(r.listed, ['abbas2018', 'he2016', 'zaman2022']);
    const block = r.text.slice(r.text.indexOf(REFERENCES_START));
    assert.match(block, /\nAbbas, A\. \(2018\)\. \*Cellular and molecular immunology\*\. Elsevier\.\n\nHe, J\./);
  });

  it('fills an existing hand-written References section and keeps the next section', () => {
    const text = '# A\n\nSee [@he2016].\r\n\r\n# References\r\n\r\nold list\r\n\r\n# Appendix\r\nmore\r\n';
    const r = run(text);
    assert.strictEqual(r.edits.length, 1);
    assert.ok(!r.text.includes('old list'));
    assert.ok(r.text.endsWith('\r\n\r\n# Appendix\r\nmore\r\n'));
    assert.ok(r.text.startsWith('# A\n\nSee [@he2016].\r\n\r\n# References\r\n'));
    assert.match(r.text, /\r\n1\. He J\./);
    assert.deepStrictEqual(run(r.text).edits, []);
  });

  it('keeps CRLF line endings and a missing final newline', () => {
    const r = run('Intro [@he2016].\r\nNo final newline');
    assert.ok(r.text.startsWith('Intro [@he2016].\r\nNo final newline\r\n\r\n## References\r\n\r\n'));
    assert.ok(!/[^\r]\n/.test(r.text), 'only CRLF');
  });

  it('does nothing when nothing known is cited', () => {
    assert.deepStrictEqual(run('No citations, mail a@b.org.\n').edits, []);
    assert.deepStrictEqual(run('Only [@nobody].\n').edits, []);
  });

  it('gives a range-based edit that reproduces the new text', () => {
    const r = run(doc);
    const e = r.edits[0];
    const lines = doc.split('\n');
    assert.deepStrictEqual(e.range.start, { line: lines.length - 1, character: 0 });
    assert.strictEqual(doc + e.newText, r.text);
  });
});
