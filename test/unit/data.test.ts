// The shipped data in glossary/: schema validity, referential integrity, provenance, form
// uniqueness and honesty checks. Runs on the real files (no fixtures), so a bad edit to the
// glossary, claim base or references fails here.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import type { Claim, CslItem, Term } from '../../src/core/data';
import { formKey, GlossaryIndex, spellingVariants } from '../../src/core/glossary';
import { loadData } from '../../src/node/load';

// out/test/unit -> repository root.
const repoRoot = path.resolve(__dirname, '../../..');
const glossaryDir = path.join(repoRoot, 'glossary');
const seedsDir = path.resolve(repoRoot, '../shared/seeds');

function readYaml(name: string): Record<string, unknown> {
  return parse(fs.readFileSync(path.join(glossaryDir, name), 'utf8')) as Record<string, unknown>;
}
function readSchema(kind: string): object {
  return JSON.parse(fs.readFileSync(path.join(glossaryDir, 'schema', `${kind}.schema.json`), 'utf8')) as object;
}
function compile(kind: string) {
  return new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(readSchema(kind));
}

const termsDoc = readYaml('terms.yaml');
const claimsDoc = readYaml('claims.yaml');
const refsDoc = readYaml('references.yaml');
const terms = termsDoc.terms as Term[];
const claims = claimsDoc.claims as Claim[];
const refs = refsDoc.references as CslItem[];
const termIds = new Set(terms.map((t) => t.id));
const refIds = new Set(refs.map((r) => r.id));

const hasUpper = (s: string) => s !== s.toLowerCase();
const acceptedOf = (t: Term) =>
  [t.preferred, t.fullName, ...(t.abbreviations ?? []), ...(t.variants ?? [])].filter((f): f is string => !!f);
/** Accepted forms as the matcher indexes them: with derived plurals, keyed by formKey. */
const acceptedKeys = (t: Term) => new Set(acceptedOf(t).flatMap((f) => spellingVariants(f)).map(formKey));

const REQUIRED_TERM_IDS = [
  'il-2', 'sle', 'treg', 'tfh', 'th17', 'cd4-t-cell', 'cd8-t-cell', 't-cell', 'b-cell', 'cytokine',
  'germinal-center', 'car-t', 'car-treg', 'trm', 'irak4', 'tlr', 'il-1', 'il-17', 'autoimmune-disease',
  'immunosuppressant', 'multiple-sclerosis', 'type-1-diabetes', 'mitochondrial-transfer', 'mitochondria',
  'low-dose-il-2', 'inflammation', 'immune-system', 'kinase-inhibitor', 'degrader', 'cancer',
];

describe('shipped data: schemas', () => {
  it('terms.yaml, claims.yaml and references.yaml validate against their schemas', () => {
    for (const [kind, doc] of [['terms', termsDoc], ['claims', claimsDoc], ['references', refsDoc]] as const) {
      const validate = compile(kind);
      assert.ok(validate(doc), `${kind}.yaml: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`);
    }
  });

  it('the schemas reject malformed entries (they are not vacuous)', () => {
    const t = structuredClone(terms[0]) as unknown as Record<string, unknown>;
    const vt = compile('terms');
    assert.ok(!vt({ terms: [{ ...t, extra: 1 }] }), 'unknown term field accepted');
    assert.ok(!vt({ terms: [{ ...t, id: 'IL_2' }] }), 'bad term id accepted');
    assert.ok(!vt({ terms: [{ ...t, kind: 'gene' }] }), 'unknown kind accepted');
    assert.ok(!vt({ terms: [{ ...t, provenance: [{ file: 'x.txt', line: 0 }] }] }), 'line 0 accepted');
    const c = structuredClone(claims[0]) as unknown as Record<string, unknown>;
    const vc = compile('claims');
    assert.ok(!vc({ claims: [{ ...c, evidence: { kind: 'anecdote' } }] }), 'unknown evidence kind accepted');
    assert.ok(!vc({ claims: [{ ...c, cues: [['Deficien']] }] }), 'upper-case cue accepted');
    assert.ok(!vc({ claims: [{ ...c, concepts: [[]] }] }), 'empty concept group accepted');
    assert.ok(!vc({ claims: [{ ...c, quantity: { value: 15, comparator: 'range', unit: 'years' } }] }), 'range without max accepted');
    assert.ok(!vc({ claims: [{ ...c, references: ['He 2016'] }] }), 'bad reference key accepted');
    const vr = compile('references');
    const r = structuredClone(refs[0]) as unknown as Record<string, unknown>;
    assert.ok(vr({ references: [{ ...r, 'citation-label': 'any CSL field' }] }), 'CSL items must allow any field');
    assert.ok(!vr({ references: [{ ...r, id: 'He 2016' }] }), 'bad key accepted');
    assert.ok(!vr({ references: [{ ...r, DOI: 'https://doi.org/10.1/x' }] }), 'DOI with URL prefix accepted');
    assert.ok(!vr({ references: [{ ...r, author: [{ given: 'J.' }] }] }), 'name without family/literal accepted');
  });

  it('the node loader reads the shipped glossary folder without issues', () => {
    const result = loadData([glossaryDir]);
    assert.deepStrictEqual(result.issues, []);
    assert.strictEqual(result.data.terms.length, terms.length);
    assert.strictEqual(result.data.claims.length, claims.length);
    assert.strictEqual(result.data.references.length, refs.length);
  });
});

describe('shipped data: coverage and integrity', () => {
  it('has enough terms and claims, and every required term id', () => {
    assert.ok(terms.length >= 40, `only ${terms.length} terms`);
    assert.ok(claims.length >= 20, `only ${claims.length} claims`);
    const missing = REQUIRED_TERM_IDS.filter((id) => !termIds.has(id));
    assert.deepStrictEqual(missing, []);
  });

  it('reference keys follow the MedWrite convention (name or anon, year or nd, a/b suffix)', () => {
    const bad = refs.map((r) => r.id).filter((id) => !/^[a-z][a-z0-9]*(?:[0-9]{4}|nd)[a-z]?$/.test(id));
    assert.deepStrictEqual(bad, []);
    const byKey = new Map(refs.map((r) => [r.id, r]));
    assert.strictEqual(byKey.get('humrich2016')?.DOI, '10.1080/1744666X.2016.1199957');
    assert.strictEqual(byKey.get('he2016')?.['container-title'], 'Nature Medicine');
    assert.strictEqual(byKey.get('zaman2022')?.type, 'article-newspaper');
  });

  it('definitions and statements are substantial (2-3 sentences / a full sentence)', () => {
    const bad = [
      ...terms.filter((t) => t.definition.length < 40).map((t) => `term ${t.id}`),
      ...claims.filter((c) => c.statement.length < 20).map((c) => `claim ${c.id}`),
    ];
    assert.deepStrictEqual(bad, []);
  });

  it('ids are unique within each file', () => {
    for (const [name, ids] of [['terms', terms.map((t) => t.id)], ['claims', claims.map((c) => c.id)], ['references', refs.map((r) => r.id)]] as const) {
      const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
      assert.deepStrictEqual(dupes, [], `duplicate ${name} ids`);
    }
  });

  it('every related id and every claim concept id names an existing term', () => {
    const bad: string[] = [];
    for (const t of terms) for (const id of t.related ?? []) if (!termIds.has(id) || id === t.id) bad.push(`${t.id} -> ${id}`);
    for (const c of claims) for (const id of c.concepts.flat()) if (!termIds.has(id)) bad.push(`${c.id} -> ${id}`);
    assert.deepStrictEqual(bad, []);
  });

  it('every claim reference key exists in references.yaml, and every reference is used', () => {
    const bad = claims.flatMap((c) => c.references.filter((k) => !refIds.has(k)).map((k) => `${c.id} -> ${k}`));
    assert.deepStrictEqual(bad, []);
    const used = new Set(claims.flatMap((c) => c.references));
    assert.deepStrictEqual(refs.map((r) => r.id).filter((id) => !used.has(id)), []);
  });

  it('each claim cites a reference for every source document it comes from', () => {
    const refFiles = new Map(refs.map((r) => [r.id, new Set(((r.provenance as Array<{ file: string }>) ?? []).map((p) => p.file))]));
    const bad: string[] = [];
    for (const c of claims) {
      for (const p of c.provenance) {
        if (!c.references.some((k) => refFiles.get(k)?.has(p.file))) bad.push(`${c.id}: ${p.file}`);
      }
    }
    assert.deepStrictEqual(bad, []);
  });

  it('every entry has provenance, and the cited lines exist and are not blank in the seed documents', function () {
    const all = [
      ...terms.map((t) => ({ id: `term ${t.id}`, prov: t.provenance })),
      ...claims.map((c) => ({ id: `claim ${c.id}`, prov: c.provenance })),
      ...refs.map((r) => ({ id: `ref ${r.id}`, prov: r.provenance as Term['provenance'] })),
    ];
    for (const e of all) assert.ok(Array.isArray(e.prov) && e.prov.length > 0, `${e.id} has no provenance`);
    if (!fs.existsSync(seedsDir)) this.skip();
    const lines = new Map<string, string[]>();
    const bad: string[] = [];
    for (const e of all) {
      for (const p of e.prov) {
        const file = path.join(seedsDir, p.file);
        if (!lines.has(p.file)) lines.set(p.file, fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split(/\r?\n/) : []);
        const text = lines.get(p.file)![p.line - 1];
        if (text === undefined || text.trim() === '') bad.push(`${e.id}: ${p.file}:${p.line}`);
      }
    }
    assert.deepStrictEqual(bad, []);
  });

  it('every seed document is the provenance of some reference', function () {
    if (!fs.existsSync(seedsDir)) this.skip();
    const seeds = fs.readdirSync(seedsDir).filter((f) => f.endsWith('.txt'));
    const covered = new Set(refs.flatMap((r) => ((r.provenance as Array<{ file: string }>) ?? []).map((p) => p.file)));
    assert.deepStrictEqual(seeds.filter((f) => !covered.has(f)), []);
  });
});

describe('shipped data: written forms', () => {
  it('no form is both accepted and discouraged', () => {
    const bad: string[] = [];
    for (const t of terms) {
      const acc = acceptedKeys(t);
      for (const d of (t.discouraged ?? []).map(formKey)) {
        for (const a of acc) {
          // An exact clash, or a lower-case (any-case) accepted form that the discouraged one only re-cases.
          if (a === d || (!hasUpper(a) && a === d.toLowerCase())) bad.push(`${t.id}: ${d}`);
        }
      }
    }
    assert.deepStrictEqual(bad, []);
  });

  it('no two terms share a form (case-insensitively, as the matcher keys them)', () => {
    const owner = new Map<string, string>();
    const bad: string[] = [];
    for (const t of terms) {
      for (const f of [...acceptedKeys(t), ...(t.discouraged ?? []).map(formKey)]) {
        const k = f.toLowerCase();
        const o = owner.get(k);
        if (o && o !== t.id) bad.push(`${k}: ${o} / ${t.id}`);
        owner.set(k, t.id);
      }
    }
    assert.deepStrictEqual(bad, []);
  });

  it('has no tiny ambiguous lower-case forms', () => {
    const bad = terms.flatMap((t) => acceptedOf(t).filter((f) => !hasUpper(f) && f.replace(/[^\p{L}\p{N}]/gu, '').length < 3).map((f) => `${t.id}: ${f}`));
    assert.deepStrictEqual(bad, []);
  });

  it('the matcher finds every accepted form as its own term, and every discouraged form flagged for its term', () => {
    const index = new GlossaryIndex(terms);
    const bad: string[] = [];
    for (const t of terms) {
      for (const form of acceptedOf(t)) {
        const m = index.findTerms(`We wrote ${form} here.`).find((x) => x.text === form);
        if (!m || m.termId !== t.id || m.form.status !== 'accepted') bad.push(`accepted ${t.id}: ${form} -> ${m?.termId}/${m?.form.status}`);
      }
      for (const form of t.discouraged ?? []) {
        const m = index.findTerms(`We wrote ${form} here.`).find((x) => x.text === form);
        if (!m || m.termId !== t.id || m.form.status !== 'discouraged') bad.push(`discouraged ${t.id}: ${form} -> ${m?.termId}/${m?.form.status}`);
      }
    }
    assert.deepStrictEqual(bad, []);
  });

  it('knows the key spellings writers use', () => {
    const index = new GlossaryIndex(terms);
    const cases: Array<[string, string, 'accepted' | 'discouraged']> = [
      ['IL-2', 'il-2', 'accepted'], ['interleukin-2', 'il-2', 'accepted'], ['IL2', 'il-2', 'discouraged'],
      ['interleukin 2', 'il-2', 'discouraged'], ['lupus', 'sle', 'accepted'], ['systemic lupus erythematosus', 'sle', 'accepted'],
      ['Tregs', 'treg', 'accepted'], ['regulatory T cells', 'treg', 'accepted'], ['CD4 + T cells', 'cd4-t-cell', 'discouraged'],
      ['CD4+ T cells', 'cd4-t-cell', 'accepted'], ['germinal centres', 'germinal-center', 'accepted'], ['low-dose IL-2', 'low-dose-il-2', 'accepted'],
    ];
    for (const [text, id, status] of cases) {
      const m = index.findTerms(text);
      assert.strictEqual(m.length, 1, text);
      assert.deepStrictEqual([m[0].termId, m[0].form.status, m[0].text], [id, status, text]);
    }
  });
});

describe('shipped data: claims', () => {
  it('cue groups are lower case and cues are distinct within a group', () => {
    for (const c of claims) {
      for (const g of c.cues) {
        assert.ok(g.every((s) => s === s.toLowerCase() && s.trim() === s && s.length > 0), `${c.id}: ${g.join(', ')}`);
        assert.strictEqual(new Set(g).size, g.length, `${c.id}: repeated cue`);
      }
      assert.ok(c.cues.length >= 1, `${c.id} has no cue group: naming the concepts alone would match`);
    }
  });

  it('evidence kinds are honest about news and patient pages', () => {
    const type = new Map(refs.map((r) => [r.id, r.type]));
    for (const c of claims) {
      const types = c.references.map((k) => type.get(k));
      if (types.every((t) => t === 'article-newspaper')) assert.strictEqual(c.evidence.kind, 'news-report', c.id);
      if (types.every((t) => t === 'webpage')) assert.strictEqual(c.evidence.kind, 'patient-information', c.id);
    }
  });

  it('has the numeric lupus claims with their quantities', () => {
    const byId = new Map(claims.map((c) => [c.id, c]));
    assert.deepStrictEqual(byId.get('lupus-affects-1-5-million-americans')?.quantity, { value: 1500000, comparator: '>=', unit: 'Americans with lupus' });
    const q = byId.get('lupus-mostly-women-15-to-44')?.quantity;
    assert.deepStrictEqual([q?.value, q?.max, q?.comparator], [15, 44, 'range']);
  });
});

describe('shipped data: words are ours', () => {
  it('no definition or claim statement repeats seven consecutive words of a seed document', function () {
    if (!fs.existsSync(seedsDir)) this.skip();
    const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    const N = 7;
    const shingles = new Set<string>();
    for (const f of fs.readdirSync(seedsDir).filter((x) => x.endsWith('.txt'))) {
      const w = words(fs.readFileSync(path.join(seedsDir, f), 'utf8'));
      for (let i = 0; i + N <= w.length; i++) shingles.add(w.slice(i, i + N).join(' '));
    }
    const bad: string[] = [];
    const texts = [...terms.map((t) => [`term ${t.id}`, t.definition]), ...claims.map((c) => [`claim ${c.id}`, c.statement])];
    for (const [id, text] of texts) {
      const w = words(text);
      for (let i = 0; i + N <= w.length; i++) {
        const s = w.slice(i, i + N).join(' ');
        if (shingles.has(s)) bad.push(`${id}: "${s}"`);
      }
    }
    assert.deepStrictEqual(bad, []);
  });
});
