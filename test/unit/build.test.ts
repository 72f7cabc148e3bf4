import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { draftClaims, draftReferences, draftTerms, DRAFT_DEFINITION, parseCitation, slugId } from '../../src/core/build';
import type { Term } from '../../src/core/data';
import { buildGlossary, decodeSource, mergeEntries } from '../../src/node/build';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'medwrite-build-'));
}

function fakeIo(cwd: string): CliIo & { out: string; err: string } {
  const io = { cwd, out: '', err: '', isTty: false, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

const term = (id: string, preferred: string, extra: Partial<Term> = {}): Term => ({ id, preferred, definition: 'd', provenance: [], ...extra });

describe('build: reading sources', () => {
  it('decodes UTF-8, strips a BOM, reads UTF-16 with a BOM', () => {
    assert.deepStrictEqual(decodeSource(Buffer.from('\ufeffcafé', 'utf8')), { ok: true, text: 'café', encoding: 'utf-8' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('lupus', 'utf16le')]);
    assert.deepStrictEqual(decodeSource(utf16), { ok: true, text: 'lupus', encoding: 'utf-16' });
  });
  it('falls back to Latin-1 for bytes that are not UTF-8', () => {
    const r = decodeSource(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x61]));
    assert.deepStrictEqual(r, { ok: true, text: 'Café a', encoding: 'latin1' });
  });
  it('refuses empty, blank and binary input with a reason', () => {
    assert.deepStrictEqual(decodeSource(Buffer.alloc(0)), { ok: false, reason: 'empty file' });
    assert.strictEqual(decodeSource(Buffer.from('  \n\n')).ok, false);
    const r = decodeSource(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]));
    assert.deepStrictEqual(r, { ok: false, reason: 'binary file, not text' });
  });
});

describe('build: drafting', () => {
  it('drafts one abbreviation term per short form and long form, with provenance', () => {
    const drafts = draftTerms([
      { file: 'a.txt', text: 'Intro.\nPeople with systemic lupus erythematosus (SLE) and rheumatoid arthritis (RA).' },
      { file: 'b.md', text: 'Systemic lupus erythematosus (SLE) again.' },
    ]);
    assert.deepStrictEqual(
      drafts.abbreviations.map((t) => [t.id, t.preferred, t.fullName, t.kind, t.definition]),
      [
        ['sle', 'SLE', 'systemic lupus erythematosus', 'abbreviation', DRAFT_DEFINITION],
        ['ra', 'RA', 'rheumatoid arthritis', 'abbreviation', DRAFT_DEFINITION],
      ],
    );
    assert.deepStrictEqual(drafts.abbreviations[0].provenance, [
      { file: 'a.txt', line: 2 },
      { file: 'b.md', line: 1 },
    ]);
    assert.strictEqual(drafts.found.length, 3);
  });

  it('drafts recurring technical names as candidate terms, not one-offs', () => {
    const { candidates } = draftTerms([{ file: 'a.txt', text: 'IRAK4 blocks it. IRAK4 again; mRNA once.' }]);
    assert.deepStrictEqual(candidates.map((t) => t.preferred), ['IRAK4']);
  });

  it('parses a Vancouver citation line', () => {
    const item = parseCitation('Source: Smith J, Jones AB, Lee C, et al. A trial of something in lupus. Lupus Journal. 2019;12(3):45-52.');
    assert.ok(item);
    assert.deepStrictEqual(item!.author, [
      { family: 'Smith', given: 'J.' },
      { family: 'Jones', given: 'A.B.' },
      { family: 'Lee', given: 'C.' },
    ]);
    assert.strictEqual(item!.title, 'A trial of something in lupus');
    assert.strictEqual(item!['container-title'], 'Lupus Journal');
    assert.deepStrictEqual(item!.issued, { 'date-parts': [[2019]] });
    assert.deepStrictEqual([item!.volume, item!.issue, item!.page], ['12', '3', '45-52']);
  });

  it('drafts references from MEDLINE records, PubMed pages and bare DOIs, keyed author+year', () => {
    const medline = 'PMID- 123\nTI  - A study of\n      things.\nFAU - Doe, Jane\nJT  - Journal of Things\nDP  - 2020 Jan\nVI  - 5\nPG  - 1-9\nLID - 10.1000/xyz.1 [doi]\n';
    const page = 'Review\n. 2018 Mar;7(2):10-20.\ndoi: 10.2000/abc.2. Epub 2018 Feb 1.\n\nA review title about lupus\n\nAnn\u00a0B Roe et al. Rev Lupus. 2018 Mar.\n';
    const refs = draftReferences([
      { file: 'm.nbib', text: medline },
      { file: 'p.txt', text: page },
      { file: 'd.md', text: 'See https://doi.org/10.3000/def.3 for more.' },
    ]);
    assert.deepStrictEqual(
      refs.map((r) => [r.id, r.DOI, r.title]),
      [
        ['doe2020', '10.1000/xyz.1', 'A study of things'],
        ['roe2018', '10.2000/abc.2', 'A review title about lupus'],
        ['anonnd', '10.3000/def.3', undefined],
      ],
    );
    assert.deepStrictEqual(refs[1].author, [{ family: 'Roe', given: 'Ann B' }]);
    assert.deepStrictEqual(refs[1].provenance, [{ file: 'p.txt', line: 3 }]);
  });

  it('drafts claims from sentences with result or attribution wording that name a term', () => {
    const terms = [term('il-2', 'IL-2'), term('sle', 'SLE', { fullName: 'systemic lupus erythematosus' })];
    const claims = draftClaims(
      [{ file: 'n.txt', text: 'Background text here.\n\nA trial found that low doses of IL-2 reduced flares in SLE by 40%. The weather was fine today for everyone.' }],
      { terms, referencesByFile: new Map([['n.txt', ['doe2020']]]) },
    );
    assert.strictEqual(claims.length, 1);
    assert.deepStrictEqual(claims[0].concepts, [['il-2'], ['sle']]);
    assert.deepStrictEqual(claims[0].references, ['doe2020']);
    assert.deepStrictEqual(claims[0].provenance, [{ file: 'n.txt', line: 3 }]);
    assert.ok(claims[0].cues[0].includes('reduced'));
  });

  it('makes kebab-case ids', () => {
    assert.strictEqual(slugId('IL-2'), 'il-2');
    assert.strictEqual(slugId('CD4+ T cell'), 'cd4-plus-t-cell');
  });
});

describe('build: merging into curated YAML', () => {
  const curated = [
    '# curated by hand: keep this comment',
    'terms:',
    '  # the lupus entry',
    '  - id: sle',
    '    preferred: SLE',
    '    variants: [lupus]',
    '    definition: >-',
    '      Our own words about lupus,',
    '      folded over two lines.',
    '    provenance:',
    '      - { file: a.txt, line: 2 }',
    '',
    '# trailing comment',
    '',
  ].join('\n');

  it('appends new entries and leaves every existing byte as it was', () => {
    const merged = mergeEntries('terms', curated, [
      { id: 'sle', preferred: 'SLE', definition: 'x', provenance: [] },
      { id: 'ra', preferred: 'RA', fullName: 'rheumatoid arthritis', definition: 'x', provenance: [{ file: 'b.txt', line: 1 }] },
    ]);
    assert.strictEqual(merged.added, 1);
    assert.strictEqual(merged.kept, 1);
    const text = merged.text!;
    const [head] = curated.split('\n\n# trailing');
    assert.ok(text.startsWith(head), 'existing entries unchanged');
    assert.ok(text.includes('# trailing comment'));
    const parsed = YAML.parse(text);
    assert.deepStrictEqual(parsed.terms.map((t: Term) => t.id), ['sle', 'ra']);
    assert.strictEqual(parsed.terms[0].definition, 'Our own words about lupus, folded over two lines.');
  });

  it('adds nothing when every draft is known by id or form', () => {
    const merged = mergeEntries('terms', curated, [{ id: 'lupus-2', preferred: 'lupus', definition: 'x', provenance: [] }]);
    assert.deepStrictEqual([merged.text, merged.added, merged.kept], [undefined, 0, 1]);
  });

  it('refuses to touch a file it cannot parse', () => {
    assert.throws(() => mergeEntries('terms', 'terms:\n  - id: [unclosed\n', [{ id: 'a', preferred: 'A' }]), /cannot parse/);
  });
});

describe('buildGlossary and the CLI', () => {
  it('builds drafts, skips bad files with reasons, and merges on re-run', async () => {
    const dir = tmpDir();
    const src = path.join(dir, 'src');
    const out = path.join(dir, 'out');
    fs.mkdirSync(src);
    fs.writeFileSync(path.join(src, 'a.txt'), 'Patients with rheumatoid arthritis (RA) were studied.\nSource: Doe J, Roe K. Low-dose therapy in arthritis. Arthritis Journal. 2021\n');
    fs.writeFileSync(path.join(src, 'empty.txt'), '');
    fs.writeFileSync(path.join(src, 'bin.txt'), Buffer.from([1, 2, 0, 3, 4]));
    fs.writeFileSync(path.join(src, 'latin.txt'), Buffer.from('Caf\xe9: giant cell arteritis (GCA) is rare.', 'latin1'));
    const progress: number[] = [];
    const r1 = await buildGlossary([src], out, (done) => progress.push(done));
    assert.deepStrictEqual(progress, [1, 2, 3, 4]);
    assert.deepStrictEqual(
      r1.files.map((f) => [path.basename(f.file), f.status]),
      [
        ['a.txt', 'ok'],
        ['bin.txt', 'skipped'],
        ['empty.txt', 'skipped'],
        ['latin.txt', 'latin1'],
      ],
    );
    assert.strictEqual(r1.skipped, 2);
    const terms = YAML.parse(fs.readFileSync(path.join(out, 'terms.yaml'), 'utf8')).terms;
    assert.deepStrictEqual(terms.map((t: Term) => t.preferred), ['RA', 'GCA']);
    const refs = YAML.parse(fs.readFileSync(path.join(out, 'references.yaml'), 'utf8')).references;
    assert.deepStrictEqual(refs.map((x: { id: string }) => x.id), ['doe2021']);

    // Curate: edit a definition, add a comment, reject GCA; then re-run with a new source.
    const termsFile = path.join(out, 'terms.yaml');
    const edited = fs.readFileSync(termsFile, 'utf8').replace(DRAFT_DEFINITION, 'Curated words.').replace('terms:\n', 'terms:\n  # mine\n');
    fs.writeFileSync(termsFile, edited);
    fs.writeFileSync(path.join(src, 'b.md'), 'Treat polymyalgia rheumatica (PMR) early.\n');
    const r2 = await buildGlossary([src], out);
    const after = fs.readFileSync(termsFile, 'utf8');
    assert.ok(after.startsWith(edited.trimEnd()), 'curated text kept byte for byte');
    assert.deepStrictEqual(YAML.parse(after).terms.map((t: Term) => t.preferred), ['RA', 'GCA', 'PMR']);
    assert.strictEqual(r2.outputs.find((o) => o.file === termsFile)!.added, 1);

    const r3 = await buildGlossary([src], out);
    assert.ok(r3.outputs.every((o) => o.added === 0));
    assert.strictEqual(fs.readFileSync(termsFile, 'utf8'), after);
  });

  it('does not draft what curation.yaml rejects', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'a.txt'), 'Patients with rheumatoid arthritis (RA) were studied.');
    fs.writeFileSync(path.join(dir, 'curation.yaml'), 'rejected:\n  - short: RA\n    reason: not wanted\n');
    await buildGlossary([path.join(dir, 'a.txt')], dir);
    assert.deepStrictEqual(YAML.parse(fs.readFileSync(path.join(dir, 'terms.yaml'), 'utf8')).terms, []);
  });

  it('medwrite abbreviations --format json prints the documented shape; exit 1 when a file is skipped', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'doc.md'), '# Notes\n\nWe treat systemic lupus erythematosus (SLE) daily.\n');
    fs.writeFileSync(path.join(dir, 'empty.md'), '');
    const io = fakeIo(dir);
    const code = await main(['abbreviations', '--format', 'json', 'doc.md', 'empty.md'], io);
    assert.strictEqual(code, 1);
    const json = JSON.parse(io.out);
    assert.deepStrictEqual(
      json.abbreviations.map((a: Record<string, unknown>) => ({ file: a.file, line: a.line, short: a.short, long: a.long })),
      [{ file: 'doc.md', line: 3, short: 'SLE', long: 'systemic lupus erythematosus' }],
    );
    assert.match(io.err, /empty\.md: empty file; skipped/);
  });

  it('medwrite build: usage errors exit 2, a clean run exits 0', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'a.txt'), 'Giant cell arteritis (GCA) is rare.');
    const io = fakeIo(dir);
    assert.strictEqual(await main(['build', 'a.txt'], io), 2);
    assert.match(io.err, /--out/);
    const io2 = fakeIo(dir);
    assert.strictEqual(await main(['build', 'a.txt', '--out', 'drafts', '--without-shipped'], io2), 0);
    assert.match(io2.out, /drafts\/terms\.yaml: 1 added, 0 kept/);
  });
});
