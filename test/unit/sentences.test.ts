import * as assert from 'assert';
import { analyze } from '../../src/core/document';
import { isCheckedKind, splitSentences } from '../../src/core/sentences';

const split = (text: string, languageId = 'markdown') =>
  splitSentences(analyze({ uri: 'mem:x', languageId, text })).map((s) => ({ text: s.text, kind: s.kind }));
const prose = (text: string, languageId = 'markdown') =>
  split(text, languageId)
    .filter((s) => isCheckedKind(s.kind))
    .map((s) => s.text);

describe('sentence splitter', () => {
  const cases: Array<[string, string, string[]]> = [
    ['two plain sentences', 'IL-2 is a cytokine. Tregs need it.', ['IL-2 is a cytokine.', 'Tregs need it.']],
    ['et al. does not end a sentence', 'He et al. reported this in 2016. Next.', ['He et al. reported this in 2016.', 'Next.']],
    ['e.g. and i.e. do not end a sentence', 'Some cytokines, e.g. IL-2, i.e. a growth factor, matter. Yes.', ['Some cytokines, e.g. IL-2, i.e. a growth factor, matter.', 'Yes.']],
    ['Dr., vs., Fig. do not end a sentence', 'Dr. Yu compared IL-2 vs. placebo in Fig. 2 and Figs. 3-4. Done.', ['Dr. Yu compared IL-2 vs. placebo in Fig. 2 and Figs. 3-4.', 'Done.']],
    ['decimals stay whole', 'About 1.5 million people. And 2.25 more.', ['About 1.5 million people.', 'And 2.25 more.']],
    ['initials stay whole', 'Jens Y. Humrich wrote it. Then J. Y. H. left.', ['Jens Y. Humrich wrote it.', 'Then J. Y. H. left.']],
    ['a citation before the period stays in its sentence', 'Lupus is common [@he2016; @humrich2016, p. 4]. Next one.', ['Lupus is common [@he2016; @humrich2016, p. 4].', 'Next one.']],
    ['a numeric citation after the period stays with its sentence', 'Lupus is common.[3] Next one.^4^ Last.', ['Lupus is common.[3]', 'Next one.^4^', 'Last.']],
    ['question and exclamation marks end sentences', 'Does it work? It does! Fine.', ['Does it work?', 'It does!', 'Fine.']],
    ['a lower-case word after a period does not start a sentence', 'Approx. ten patients. ok then.', ['Approx. ten patients. ok then.']],
    ['a URL with dots is not split', 'See www.example.org. Then more.', ['See www.example.org.', 'Then more.']],
    ['closing quotes stay with the sentence', 'He said "it works." She agreed.', ['He said "it works."', 'She agreed.']],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => assert.deepStrictEqual(prose(text), expected));
  }

  it('skips front matter, code, headings and the reference list; keeps list items, quotes and table cells', () => {
    const text = [
      '---',
      'title: A draft. With dots.',
      '---',
      '# Introduction. Really',
      '',
      'First paragraph. Second sentence.',
      '',
      '- a list item. Another',
      '* second item',
      '',
      '> A quoted sentence. Two.',
      '',
      '| Cell one. | Cell two |',
      '|---|---|',
      '| a | b |',
      '',
      '```',
      'code. More code.',
      '```',
      '',
      'Figure 1. Treg counts rose. Caption text.',
      '',
      '![IL-2 dose curve](fig.png)',
      '',
      '## References',
      '',
      '1. He J, Zhang X. Low-dose IL-2. Nat Med. 2016.',
      '2. Humrich JY. Restoring regulation. 2016.',
      '',
      '# Appendix',
      '',
      'Back to prose.',
    ].join('\n');
    const got = split(text);
    const kinds = (kind: string) => got.filter((s) => s.kind === kind).map((s) => s.text);
    assert.deepStrictEqual(kinds('heading'), ['Introduction. Really', 'References', 'Appendix']);
    assert.deepStrictEqual(kinds('prose'), ['First paragraph.', 'Second sentence.', 'Back to prose.']);
    assert.deepStrictEqual(kinds('list-item'), ['a list item.', 'Another', 'second item']);
    assert.deepStrictEqual(kinds('quote'), ['A quoted sentence.', 'Two.']);
    assert.deepStrictEqual(kinds('table-cell'), ['Cell one.', 'Cell two', 'a', 'b']);
    assert.deepStrictEqual(kinds('caption'), ['Figure 1.', 'Treg counts rose.', 'Caption text.', '![IL-2 dose curve](fig.png)']);
    assert.strictEqual(kinds('reference').length, 2);
    assert.ok(!got.some((s) => s.text.includes('code.')));
    assert.ok(!got.some((s) => s.text.includes('title:')));
  });

  it('treats a setext heading as a heading and a plain "References" line as the start of the reference list', () => {
    const got = split('Title here\n==========\n\nBody text. More.\n\nReferences\n\n[1] He J. 2016.\n[2] Zaman I. 2022.\n', 'markdown');
    assert.deepStrictEqual(got.filter((s) => s.kind === 'heading').map((s) => s.text), ['Title here', 'References']);
    assert.deepStrictEqual(got.filter((s) => s.kind === 'reference').map((s) => s.text), ['He J. 2016.', 'Zaman I. 2022.']);
  });

  it('keeps offsets exact (sentence text equals the document slice)', () => {
    const text = '# H\n\n  Lead spaces. And a second\nline that continues.\n\n- item one. Two.\n';
    const doc = analyze({ uri: 'mem:x', languageId: 'markdown', text });
    for (const s of splitSentences(doc)) assert.strictEqual(text.slice(s.start, s.end), s.text);
    assert.ok(splitSentences(doc).some((s) => s.text === 'And a second\nline that continues.'));
  });

  it('gives every list item its own paragraph number and a paragraph one number', () => {
    const doc = analyze({ uri: 'mem:x', languageId: 'markdown', text: 'One. Two.\n\n- Three.\n- Four.\n' });
    const paras = splitSentences(doc).map((s) => s.paragraph);
    assert.strictEqual(paras[0], paras[1]);
    assert.notStrictEqual(paras[2], paras[3]);
    assert.notStrictEqual(paras[1], paras[2]);
  });

  it('splits LaTeX: skips the preamble, sections, figures and the bibliography', () => {
    const text = [
      '\\documentclass{article}',
      '\\title{Not prose. At all}',
      '\\begin{document}',
      '\\section{Introduction}',
      'Tregs need IL-2 \\cite{humrich2016}. They expand.',
      '\\begin{figure}',
      '\\caption{A caption. Skipped.}',
      '\\end{figure}',
      '\\begin{itemize}',
      '\\item First item. Second.',
      '\\end{itemize}',
      '\\begin{thebibliography}{9}',
      '\\bibitem{he2016} He J. Low-dose IL-2. 2016.',
      '\\end{thebibliography}',
      '\\end{document}',
    ].join('\n');
    assert.deepStrictEqual(prose(text, 'latex'), ['Tregs need IL-2 \\cite{humrich2016}.', 'They expand.', 'First item.', 'Second.']);
    const refs = split(text, 'latex').filter((s) => s.kind === 'reference');
    assert.strictEqual(refs.length, 1);
  });

  it('splits plain text paragraphs at blank lines', () => {
    assert.deepStrictEqual(prose('One line\nsame paragraph.\n\nNew paragraph.', 'plaintext'), ['One line\nsame paragraph.', 'New paragraph.']);
  });
});
