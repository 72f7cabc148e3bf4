import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { dataSources } from '../../src/node/project';
import { loadData, parseDataFile, parseDataFileCached, DataError, shippedGlossaryDir } from '../../src/node/load';

const made: string[] = [];
const tmp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medwrite-load-'));
  made.push(dir);
  return dir;
};

describe('data loading', () => {
  after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('loads the shipped glossary without issues', () => {
    const r = loadData([shippedGlossaryDir()]);
    assert.deepStrictEqual(r.issues, []);
    assert.ok(r.data.terms.length >= 40);
    assert.ok(r.data.references.some((ref) => ref.id === 'humrich2016'));
    const loc = r.data.locations.get('term:il-2');
    assert.ok(loc && loc.line > 1 && loc.file.endsWith('terms.yaml'));
  });

  it('answers shipped files from the build snapshot exactly as a fresh parse would', () => {
    const file = path.join(shippedGlossaryDir(), 'terms.yaml');
    const text = fs.readFileSync(file, 'utf8');
    assert.deepStrictEqual(parseDataFileCached(file, text), parseDataFile(file, text));
  });

  it('validates content that differs from the snapshot, even by one byte', () => {
    const file = path.join(shippedGlossaryDir(), 'terms.yaml');
    const text = fs.readFileSync(file, 'utf8').replace(/definition: /, 'definitio: ');
    assert.throws(() => parseDataFileCached(file, text), (err: unknown) => err instanceof DataError && /unknown field 'definitio'|definition/.test(err.message));
  });

  it('lets a workspace layer override and extend the shipped data', () => {
    const dir = tmp();
    fs.writeFileSync(
      path.join(dir, 'terms.yaml'),
      'terms:\n  - id: il-2\n    preferred: IL-2\n    definition: Our own house definition.\n    provenance: []\n  - id: house-term\n    preferred: HouseTerm\n    definition: Only in this workspace.\n    provenance: []\n',
    );
    fs.writeFileSync(path.join(dir, 'words.txt'), '# comment\nnanobody\n\nexosome\n');
    const r = loadData([shippedGlossaryDir(), dir]);
    assert.deepStrictEqual(r.issues, []);
    assert.strictEqual(r.data.terms.find((t) => t.id === 'il-2')?.definition, 'Our own house definition.');
    assert.ok(r.data.terms.some((t) => t.id === 'house-term'));
    assert.deepStrictEqual(r.data.words, ['nanobody', 'exosome']);
  });

  it('reports YAML syntax errors with line and column', () => {
    assert.throws(
      () => parseDataFile('x/terms.yaml', 'terms:\n  - id: a\n   preferred: [\n'),
      (err: unknown) => err instanceof DataError && err.issues[0].line >= 2 && /YAML syntax error/.test(err.issues[0].message),
    );
  });

  it('reports duplicate ids at the second definition', () => {
    const yaml = 'terms:\n  - id: a\n    preferred: A\n    definition: x\n    provenance: []\n  - id: a\n    preferred: B\n    definition: y\n    provenance: []\n';
    assert.throws(() => parseDataFile('x/terms.yaml', yaml), (err: unknown) => err instanceof DataError && err.issues[0].line === 6 && /duplicate id 'a'/.test(err.issues[0].message));
  });

  it('keeps the last good content of a file that breaks, and says where it broke', () => {
    const dir = tmp();
    const file = path.join(dir, 'terms.yaml');
    fs.writeFileSync(file, 'terms:\n  - id: good\n    preferred: Good\n    definition: fine\n    provenance: []\n');
    const cache = new Map();
    assert.strictEqual(loadData([dir], cache).data.terms.length, 1);
    fs.writeFileSync(file, 'terms:\n  - id: good\n    preferred: "Good\n');
    const r = loadData([dir], cache);
    assert.strictEqual(r.data.terms.length, 1, 'last good data kept');
    assert.strictEqual(r.issues[0].file, file);
  });

  it('cross-checks claim concepts and references', () => {
    const dir = tmp();
    fs.writeFileSync(
      path.join(dir, 'claims.yaml'),
      'claims:\n  - id: c1\n    statement: s\n    concepts: [[no-such-term]]\n    cues: [[x]]\n    references: [nokey]\n    evidence: {kind: review}\n    provenance: []\n',
    );
    const r = loadData([dir]);
    assert.ok(r.issues.some((i) => /unknown term 'no-such-term'/.test(i.message) && i.line === 2));
    assert.ok(r.issues.some((i) => /unknown reference 'nokey'/.test(i.message)));
  });

  it('uses the shipped data plus the nearest .medwrite/ without --glossary', () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, '.medwrite'));
    fs.mkdirSync(path.join(dir, 'sub'));
    assert.deepStrictEqual(dataSources({ cwd: path.join(dir, 'sub') }), [shippedGlossaryDir(), path.join(dir, '.medwrite')]);
    assert.deepStrictEqual(dataSources({ cwd: dir, glossary: ['g'] }), [path.join(dir, 'g')]);
  });
});
