// Incremental re-checking (src/core/incremental.ts): after random edits of generated
// documents, a region re-check that says it is exact gives the same findings as a full
// check of the new text; structure-changing edits fall back to a full check.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { createEngine, Engine } from '../../src/core';
import type { Finding, TextDocumentLike } from '../../src/core/types';
import { findCitations } from '../../src/core/citations/inText';
import { IncrementalCheck, IncrementalResult, TextChange } from '../../src/core/incremental';
import { vocabularyFromWords } from '../../src/core/typos';
import { loadData, shippedGlossaryDir } from '../../src/node/load';
import { defaultVocabularyFile, loadVocabularySync } from '../../src/node/vocabulary';
import { rng } from '../support/random';

const root = path.resolve(__dirname, '../../..');

const FILLER = [
  'Patients were followed up every three months.',
  'The protocol was approved by the local ethics committee.',
  'Adverse events were graded with the usual criteria, recentlv revised.',
  'We measured interlukin levels and cytokin output in serum.',
  'Serum IL2 was measured in duplicate; interleukin 2 was also assayed.',
  'Samples were stored at -80 °C before analysis [@he2016].',
  'Treatment with tocilizumab was stopped in two patients [@nosuchkey2020].',
  'The autoimmmune response was described elsewhere (see `config.yaml` and https://example.org/x).',
  'Effects of Interlukin on the immunosuppresive pathway were small.',
];

interface Setup {
  engine: Engine;
  claimSentences: string[];
}

let setup: Setup;

function loadSetup(): Setup {
  const { data } = loadData([shippedGlossaryDir()]);
  const vocabFile = defaultVocabularyFile();
  if (fs.existsSync(vocabFile)) data.vocabulary = loadVocabularySync();
  else {
    // No built vocabulary (fresh clone without `npm run build`): a small word list of our own.
    const words = FILLER.join(' ').toLowerCase().match(/[a-z]+/g) ?? [];
    data.vocabulary = vocabularyFromWords([...words, 'interleukin', 'cytokine', 'autoimmune', 'immunosuppressive', 'recently']);
  }
  const items = (parseYaml(fs.readFileSync(path.join(root, 'test/fixtures/claims/labelled.yaml'), 'utf8')) as { items: Array<{ text: string }> }).items;
  // Sentences whose citations (if any) are all Pandoc ones: the documents' citation style stays fixed.
  const pandoc = (t: string) => findCitations(t).every((c) => c.style === 'pandoc');
  return { engine: createEngine(data), claimSentences: items.map((i) => i.text).filter((t) => !t.includes('\n') && pandoc(t)) };
}

type Style = 'pandoc' | 'numeric';

/** A generated Markdown draft: headings, prose with claims and typos, lists, tables, code, quotes. */
function generate(rand: () => number, claims: string[], nLines: number, opts: { style?: Style; frontMatter?: boolean; references?: boolean; html?: boolean; math?: boolean } = {}): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const lines: string[] = [];
  if (opts.frontMatter) lines.push('---', 'title: A draft', 'bibliography: refs.bib', '---', '');
  let n = 1;
  const sentence = () => {
    let s = rand() < 0.5 ? pick(claims) : pick(FILLER);
    if (opts.style === 'numeric') s = s.replace(/\[@[^\]]*\]/g, `[${1 + Math.floor(rand() * 4)}]`);
    return s;
  };
  while (lines.length < nLines) {
    const r = rand();
    if (r < 0.08) lines.push(`## Section ${n++}`, '');
    else if (r < 0.16) {
      for (let i = 0; i < 2 + Math.floor(rand() * 3); i++) lines.push(`- ${sentence()}`);
      lines.push('');
    } else if (r < 0.21) lines.push('```', 'const interlukin = 2; // not prose', '', 'IL2 lupas', '```', '');
    else if (r < 0.25) lines.push('| Marker | Note |', '|---|---|', `| IL2 | ${pick(FILLER)} |`, '');
    else if (r < 0.28) lines.push(`> ${sentence()}`, '');
    else if (opts.html && r < 0.31) lines.push('<!-- a comment about lupas', '', 'that spans a blank line -->', '');
    else if (opts.math && r < 0.34) lines.push('$$', 'x = interlukin', '', 'y $$', '');
    else {
      for (let i = 0; i < 1 + Math.floor(rand() * 4); i++) lines.push(`${sentence()} ${rand() < 0.5 ? sentence() : ''}`.trimEnd());
      lines.push('');
    }
  }
  if (opts.references) {
    lines.push('## References', '');
    for (let i = 1; i <= 4; i++) lines.push(`${i}. Humrich JY, et al. Low-dose interleukin-2 therapy. 2016. @he2016`);
  }
  return lines.join('\n');
}

/** What writers mostly type: words, typos, citations, line breaks. */
const TYPING = [
  'x', ' ', '.', ' lupas', ' interlukin', ' IL2', ' interleukin 2', ' [@humrich2016]', ' [@he2016]', ' [@nosuchkey]', ' @he2016',
  'Low-dose IL-2 cures lupus in every patient.', ' `code`', '`', ' > ', '|', '| a | b |', '- ', '1. ', '\n', '\n\n', ' 50,000 Americans',
];
/** Rarer edits that change the document's structure or context. */
const STRUCTURE = [
  '```', '~~~', '---', '$$', '$', '<!--', '-->', '<b>', '## References', 'References', '[a]: https://example.org', 'medwrite-ignore: lupas',
  ' [3]', ' (Humrich et al., 2016)', '^2^',
];

/** A random single change of `text`: insert, delete, replace or join, at a random line. */
function randomChange(rand: () => number, text: string): { change: TextChange; next: string } {
  const lines = text.split('\n');
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const line = Math.floor(rand() * lines.length);
  const len = lines[line].length;
  const at = Math.floor(rand() * (len + 1));
  const r = rand();
  let change: TextChange;
  if (r < 0.45) change = { range: { start: { line, character: at }, end: { line, character: at } }, text: rand() < 0.06 ? pick(STRUCTURE) : pick(TYPING) };
  else if (r < 0.65 && len > 0) {
    const e = Math.min(len, at + 1 + Math.floor(rand() * 6));
    const s = Math.min(at, e - 1);
    change = { range: { start: { line, character: s }, end: { line, character: e } }, text: '' };
  } else if (r < 0.75 && line + 1 < lines.length) {
    change = { range: { start: { line, character: len }, end: { line: line + 1, character: 0 } }, text: rand() < 0.5 ? '' : ' ' };
  } else if (r < 0.85 && line + 1 < lines.length) {
    change = { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' };
  } else {
    change = { range: { start: { line, character: at }, end: { line, character: at } }, text: String.fromCharCode(97 + Math.floor(rand() * 26)) };
  }
  return { change, next: applyChange(text, change) };
}

function applyChange(text: string, change: TextChange): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => {
    let o = 0;
    for (let i = 0; i < p.line; i++) o += lines[i].length + 1;
    return o + p.character;
  };
  return text.slice(0, offset(change.range.start)) + change.text + text.slice(offset(change.range.end));
}

interface Tally {
  region: number;
  exact: number;
  full: number;
  reasons: Map<string, number>;
}

/** Runs `steps` random edits and compares every exact incremental result with a full check. */
function runEdits(seed: number, text: string, steps: number, tally: Tally, languageId = 'markdown'): void {
  const rand = rng(seed);
  const { engine } = setup;
  const inc = new IncrementalCheck(engine);
  const doc = (t: string, version: number): TextDocumentLike => ({ uri: 'mem://draft.md', languageId, text: t, version, references: [] });
  let version = 1;
  inc.checkFull(doc(text, version));
  for (let step = 0; step < steps; step++) {
    const { change, next } = randomChange(rand, text);
    version++;
    const info = { uri: 'mem://draft.md', languageId, version, references: [] };
    const got = inc.check(info, [change], () => next);
    text = next;
    if (got.mode === 'full') {
      tally.full++;
      if (got.reason) tally.reasons.set(got.reason, (tally.reasons.get(got.reason) ?? 0) + 1);
      continue;
    }
    tally.region++;
    if (!got.exact) continue;
    tally.exact++;
    const want = engine.check(doc(text, version));
    assertSameFindings(got.findings, want, `seed ${seed}, step ${step}: ${JSON.stringify(change)}`);
  }
}

function assertSameFindings(got: Finding[], want: Finding[], where: string): void {
  if (got.length !== want.length || JSON.stringify(got) !== JSON.stringify(want)) {
    const show = (fs: Finding[]) => fs.map((f) => `${f.range.start.line}:${f.range.start.character} ${f.rule} ${f.message.slice(0, 60)}`);
    assert.deepStrictEqual(show(got), show(want), where);
    assert.deepStrictEqual(got, want, where);
  }
}

const newTally = (): Tally => ({ region: 0, exact: 0, full: 0, reasons: new Map() });

describe('incremental re-check', function () {
  this.timeout(120000);

  before(() => {
    setup = loadSetup();
  });

  it('equals a full check after random edits of Pandoc-cited drafts (seeded, many iterations)', () => {
    const tally = newTally();
    const seeds = Number(process.env.INC_SEEDS ?? 12);
    for (let seed = 1; seed <= seeds; seed++) {
      const text = generate(rng(seed * 7919), setup.claimSentences, 120, { frontMatter: seed % 3 === 0, references: seed % 4 === 0, html: seed % 5 === 0, math: seed % 6 === 0 });
      runEdits(seed, text, Number(process.env.INC_STEPS ?? 150), tally);
    }
    // Most edits are ordinary typing: the region path must carry them, or the test proves nothing.
    if (process.env.INC_DEBUG) console.log(`      (${tally.exact} exact region checks, ${tally.region - tally.exact} inexact, ${tally.full} full: ${[...tally.reasons].map(([k, v]) => `${k} ${v}`).join(', ')})`);
    assert.ok(tally.exact > (tally.region + tally.full) / 2, `exact region checks: ${tally.exact} of ${tally.region + tally.full} (full: ${[...tally.reasons].join(', ')})`);
  });

  it('equals a full check after random edits of plain-text and LaTeX documents', () => {
    const tally = newTally();
    for (let seed = 1; seed <= Number(process.env.INC_SEEDS ?? 6); seed++) {
      const text = generate(rng(seed * 31), setup.claimSentences, 100, { references: seed % 2 === 0 });
      runEdits(200 + seed, text, 100, tally, seed % 2 ? 'plaintext' : 'latex');
      runEdits(300 + seed, ['\\documentclass{article}', '\\begin{document}', '', text.replace(/```/g, ''), '', '\\begin{itemize}', '\\item IL2 lupas', '\\end{itemize}', '', '\\end{document}'].join('\n'), 60, tally, 'latex');
    }
    if (process.env.INC_DEBUG) console.log(`      (${tally.exact} exact, ${tally.region - tally.exact} inexact, ${tally.full} full)`);
    assert.ok(tally.exact > 0);
  });

  it('numbered citations and reference lists: region results are marked inexact, never silently wrong', () => {
    const tally = newTally();
    for (let seed = 1; seed <= 4; seed++) {
      const text = generate(rng(seed * 104729), setup.claimSentences, 100, { style: 'numeric', references: true });
      runEdits(100 + seed, text, 80, tally);
    }
    assert.ok(tally.region > 0);
    assert.ok(tally.exact < tally.region, 'a numeric-style document gives inexact region results');
  });

  it('keeps findings before the edit and shifts the ones after it', () => {
    const inc = new IncrementalCheck(setup.engine);
    const text = ['First paragraph with a tyypo here.', '', 'Second paragraph.', '', 'Third paragraph with interlukin.'].join('\n');
    const before = inc.checkFull({ uri: 'u', languageId: 'markdown', text, version: 1 }).findings;
    const next = ['First paragraph with a tyypo here.', '', 'Second paragraph', 'now two lines.', '', 'Third paragraph with interlukin.'].join('\n');
    const typoLines = (fs: Finding[]) => fs.filter((f) => f.rule === 'typo').map((f) => f.range.start.line);
    assert.deepStrictEqual(typoLines(before), [0, 4]);
    const r = inc.check(
      { uri: 'u', languageId: 'markdown', version: 2 },
      [{ range: { start: { line: 2, character: 16 }, end: { line: 2, character: 17 } }, text: '\nnow two lines.' }],
      () => next,
    );
    assert.strictEqual(r.mode, 'region');
    assert.deepStrictEqual(r.region, { start: 2, end: 4 });
    assert.deepStrictEqual(typoLines(r.findings), [0, 5]);
    // The kept findings are live: the earlier list's finding after the edit moved with it.
    assert.deepStrictEqual(typoLines(before), [0, 5]);
    assert.deepStrictEqual(r.findings, setup.engine.check({ uri: 'u', languageId: 'markdown', text: next }));
  });

  it('line-break edits: every later finding and its fixes\' edit ranges sit where a full check puts them', () => {
    const inc = new IncrementalCheck(setup.engine);
    const claims = setup.claimSentences;
    const paragraphs: string[] = [];
    for (let p = 0; p < 12; p++) {
      paragraphs.push([FILLER[4], `${claims[p % claims.length]} ${FILLER[3]}`, FILLER[(p + 1) % FILLER.length]].join('\n'));
    }
    let text = paragraphs.join('\n\n');
    const doc = (t: string): TextDocumentLike => ({ uri: 'lb', languageId: 'markdown', text: t, version: 1, references: [] });
    // The engine's own results must not be touched by moving the kept ones.
    const engineBefore = JSON.stringify(setup.engine.check(doc(text)));
    inc.checkFull(doc(text));
    const at = (line: number, character: number) => ({ line, character });
    const steps: TextChange[] = [
      { range: { start: at(1, 10), end: at(1, 10) }, text: '\n' }, // Enter early: nearly everything moves down
      { range: { start: at(1, 10), end: at(2, 0) }, text: '' }, // and joined again
      { range: { start: at(20, 5), end: at(20, 5) }, text: '\n\n' }, // a new paragraph in the middle
      { range: { start: at(20, 5), end: at(22, 0) }, text: '' }, // and removed
      { range: { start: at(8, 0), end: at(8, 0) }, text: 'One new line.\nAnother with interlukin and IL2.\n' },
      { range: { start: at(3, 0), end: at(4, 0) }, text: '' }, // a blank line removed: two paragraphs become one
      { range: { start: at(30, 0), end: at(33, 0) }, text: '' }, // three lines deleted
      { range: { start: at(0, 0), end: at(0, 0) }, text: 'A first line.\n\n' },
      { range: { start: at(40, 3), end: at(40, 3) }, text: '\n' },
    ];
    let version = 1;
    for (const change of steps) {
      text = applyChange(text, change);
      const r = inc.check({ uri: 'lb', languageId: 'markdown', version: ++version, references: [] }, [change], () => text);
      const where = JSON.stringify(change);
      assert.strictEqual(r.mode, 'region', where);
      assert.ok(r.exact, where);
      // Not vacuous: findings after the edit with edits in their fixes, and a fix-all.
      const after = r.findings.filter((f) => f.range.start.line > change.range.end.line + 2);
      assert.ok(after.some((f) => f.rule === 'typo' && f.fixes?.some((x) => x.edits.length)), where);
      assert.ok(after.some((f) => f.rule === 'preferred-form' && (f.fixes?.[1]?.edits.length ?? 0) > 2), where);
      assertSameFindings(r.findings, setup.engine.check(doc(text)), where);
    }
    assert.ok(version > steps.length);
    inc.checkFull(doc(text));
    assert.strictEqual(JSON.stringify(setup.engine.check(doc(paragraphs.join('\n\n')))), engineBefore);
  });

  it('a full check after region edits keeps the finding objects it confirms and replaces the others', async () => {
    const inc = new IncrementalCheck(setup.engine);
    let text = generate(rng(11), setup.claimSentences, 300);
    const doc = (t: string, version: number): TextDocumentLike => ({ uri: 'k', languageId: 'markdown', text: t, version, references: [] });
    inc.checkFull(doc(text, 1));
    // Enter near the top (everything after it moves in place), then a typo fixed further down.
    const first = text.split('\n').findIndex((l) => l.length > 20 && !l.startsWith('#') && !l.startsWith('|') && !l.startsWith('`'));
    const enter: TextChange = { range: { start: { line: first, character: 5 }, end: { line: first, character: 5 } }, text: '\n' };
    text = applyChange(text, enter);
    const moved = inc.check({ uri: 'k', languageId: 'markdown', version: 2, references: [] }, [enter], () => text);
    assert.strictEqual(moved.mode, 'region');
    const typo = moved.findings.find((f) => f.rule === 'typo' && f.range.start.line > first + 20 && f.range.start.line === f.range.end.line)!;
    assert.ok(typo);
    const word = text.split('\n')[typo.range.start.line].slice(typo.range.start.character, typo.range.end.character);
    const fix: TextChange = { range: typo.range, text: word.replace(/[a-z]/g, 'x') };
    text = applyChange(text, fix);
    const region = inc.check({ uri: 'k', languageId: 'markdown', version: 3, references: [] }, [fix], () => text);
    const before = new Set(region.findings);

    const full = inc.checkFull(doc(text, 3));
    assertSameFindings(full.findings, setup.engine.check(doc(text, 3)), 'full check');
    // The region results were exact, so a full check confirms every one of them.
    assert.ok(region.exact);
    assert.strictEqual(full.findings.filter((f) => before.has(f)).length, full.findings.length);

    // A chunked full check (each chunk checked with line numbers of its own) keeps them too,
    // and a finding that changed is a new object.
    const edit: TextChange = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Tyypo ' };
    const chunked = await inc.checkFullInChunks(doc(applyChange(text, edit), 4), async () => undefined, () => true, 4000);
    assert.ok(chunked);
    const changed = chunked.findings.filter((f) => !before.has(f));
    assert.ok(changed.length >= 1 && changed.length < 20, `${changed.length} new objects`);
    assert.ok(changed.some((f) => f.range.start.line === 0));
    assert.ok(chunked.findings.length - changed.length > 100);

    // A finding at the same place with other content (the text changed without an edit
    // event) is not taken for the kept one.
    const kept = inc.checkFull(doc(text, 5)).findings;
    const target = kept.find((f) => f.rule === 'typo' && f.range.start.line > 10 && f.range.start.line === f.range.end.line)!;
    const was = text.split('\n')[target.range.start.line].slice(target.range.start.character, target.range.end.character);
    const other = applyChange(text, { range: target.range, text: was === 'interlukin' ? 'cytokin' : 'interlukin' });
    const again = inc.checkFull(doc(other, 6)).findings;
    assertSameFindings(again, setup.engine.check(doc(other, 6)), 'changed without an edit event');
    const at = again.find((f) => f.range.start.line === target.range.start.line && f.range.start.character === target.range.start.character)!;
    assert.ok(at && at !== target && at.message !== target.message);
    assert.ok(again.filter((f) => kept.includes(f)).length > 100);
  });

  it('CRLF documents: typing and Enter are region edits with the same findings as a full check', () => {
    const inc = new IncrementalCheck(setup.engine);
    const lines = ['Intro with `code` here.', '', 'Serum IL2 was measured; interlukin too.', 'Low-dose IL-2 cures lupus in every patient.', '', 'Last `line`.'];
    const text = lines.join('\r\n');
    inc.checkFull({ uri: 'c', languageId: 'markdown', text, version: 1 });
    const steps: Array<[TextChange, string]> = [
      [{ range: { start: { line: 2, character: 5 }, end: { line: 2, character: 5 } }, text: 'x' }, text.replace('Serum', 'Serumx')],
      [{ range: { start: { line: 2, character: 9 }, end: { line: 2, character: 9 } }, text: '\r\n' }, text.replace('Serum', 'Serumx').replace('Serumx IL2', 'Serumx IL\r\n2')],
    ];
    let version = 1;
    for (const [change, next] of steps) {
      const r = inc.check({ uri: 'c', languageId: 'markdown', version: ++version }, [change], () => next);
      assert.strictEqual(r.mode, 'region');
      assertSameFindings(r.findings, setup.engine.check({ uri: 'c', languageId: 'markdown', text: next }), JSON.stringify(change));
    }
    // A bare line feed in a CRLF document: mixed line breaks, full check.
    const r = inc.checkChange({ uri: 'c', languageId: 'markdown', version: ++version }, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: '\n' }]);
    assert.deepStrictEqual(r, { mode: 'needs-full', reason: 'mixed line breaks' });
  });

  describe('structure-changing edits fall back to a full check', () => {
    const base = ['---', 'title: x', '---', '', 'Intro paragraph.', '', 'Some prose about lupus.', '', '```', 'code line', '```', '', 'More prose.', '', '# References', '', '1. A reference.'].join('\n');
    const cases: Array<[string, TextChange, RegExp]> = [
      ['opening a code fence', { range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: '```\n' }, /code fence/],
      ['tildes fence', { range: { start: { line: 12, character: 0 }, end: { line: 12, character: 0 } }, text: '~~~' }, /code fence/],
      ['front matter', { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'a' }, /front matter/],
      ['display math', { range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: '$$ ' }, /display math/],
      ['HTML comment', { range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: '<!-- ' }, /HTML/],
      ['reference heading', { range: { start: { line: 12, character: 0 }, end: { line: 12, character: 11 } }, text: 'References' }, /reference list/],
      ['inside the reference list', { range: { start: { line: 16, character: 3 }, end: { line: 16, character: 3 } }, text: 'x' }, /reference list/],
      ['two changes at once', { range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: 'x' }, /several changes/],
    ];
    for (const [name, change, reason] of cases) {
      it(name, () => {
        const inc = new IncrementalCheck(setup.engine);
        inc.checkFull({ uri: 'u', languageId: 'markdown', text: base, version: 1 });
        const changes = name === 'two changes at once' ? [change, change] : [change];
        const r = inc.checkChange({ uri: 'u', languageId: 'markdown', version: 2 }, changes);
        assert.strictEqual(r.mode, 'needs-full');
        assert.match((r as { reason: string }).reason, reason);
        // The kept state is dropped: the next change needs a full check too.
        assert.strictEqual(inc.findings('u'), undefined);
      });
    }

    it('a missed version or a changed bibliography', () => {
      const inc = new IncrementalCheck(setup.engine);
      inc.checkFull({ uri: 'u', languageId: 'markdown', text: base, version: 1, references: [] });
      const change: TextChange = { range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: 'x' };
      assert.strictEqual(inc.checkChange({ uri: 'u', languageId: 'markdown', version: 3 }, [change]).mode, 'needs-full');
      inc.checkFull({ uri: 'u', languageId: 'markdown', text: base, version: 1, references: [] });
      const r = inc.checkChange({ uri: 'u', languageId: 'markdown', version: 2, references: [{ id: 'new2024', type: 'article' }] }, [change]);
      assert.deepStrictEqual(r, { mode: 'needs-full', reason: 'bibliography changed' });
    });

    it('typing the language after an opening fence is a region edit; editing a closing fence or the marker is not', () => {
      const text = ['Prose about lupas.', '', '```', 'an interlukin in code', '```', '', 'More IL2 prose.', '', '~~~ python', 'x', '~~~'].join('\n');
      const inc = new IncrementalCheck(setup.engine);
      inc.checkFull({ uri: 'f', languageId: 'markdown', text, version: 1 });
      const at = (line: number, character: number, ins: string, del = 0): TextChange => ({
        range: { start: { line, character }, end: { line, character: character + del } },
        text: ins,
      });
      let current = text;
      let version = 1;
      for (const change of [at(2, 3, 'r'), at(2, 4, ' {.numberLines}'), at(2, 3, '', 15), at(8, 4, 'python3', 6)]) {
        current = applyChange(current, change);
        const r = inc.check({ uri: 'f', languageId: 'markdown', version: ++version }, [change], () => current);
        assert.strictEqual(r.mode, 'region', JSON.stringify(change));
        assertSameFindings(r.findings, setup.engine.check({ uri: 'f', languageId: 'markdown', text: current }), JSON.stringify(change));
      }
      // A closing fence with text after it opens a new block; a longer marker needs a longer closing fence.
      for (const change of [at(4, 3, 'r'), at(2, 0, '`'), at(2, 3, '`')]) {
        const r = inc.checkChange({ uri: 'f', languageId: 'markdown', version: version + 1 }, [change]);
        assert.deepStrictEqual(r, { mode: 'needs-full', reason: 'code fence' }, JSON.stringify(change));
        inc.checkFull({ uri: 'f', languageId: 'markdown', text: current, version });
      }
    });

    it('an edit inside a fenced code block is a region edit with no findings there', () => {
      const inc = new IncrementalCheck(setup.engine);
      inc.checkFull({ uri: 'u', languageId: 'markdown', text: base, version: 1 });
      const r = inc.checkChange({ uri: 'u', languageId: 'markdown', version: 2 }, [{ range: { start: { line: 9, character: 4 }, end: { line: 9, character: 4 } }, text: ' interlukin\nlupas' }]);
      assert.strictEqual(r.mode, 'region');
      const next = base.replace('code line', 'code interlukin\nlupas line');
      assert.deepStrictEqual((r as IncrementalResult).findings, setup.engine.check({ uri: 'u', languageId: 'markdown', text: next }));
    });
  });

  it('a chunked full check (long documents) keeps state for region edits', async () => {
    const inc = new IncrementalCheck(setup.engine);
    const text = generate(rng(5), setup.claimSentences, 400);
    const r = await inc.checkFullInChunks({ uri: 'u', languageId: 'markdown', text, version: 1 }, async () => undefined, () => true, 4000);
    assert.ok(r);
    assert.strictEqual(r.exact, false);
    const line = text.split('\n').findIndex((l, i) => i > 200 && l.startsWith('Patients'));
    const c = inc.checkChange({ uri: 'u', languageId: 'markdown', version: 2 }, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'x' }]);
    assert.strictEqual(c.mode, 'region');
  });
});
