// CLI behaviour on fixtures: output formats (golden files), exit codes, data errors.
// Update the golden files after an intended change with: UPDATE_GOLDEN=1 npm run test:unit
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import { main } from '../../src/cli/main';
import { checkReadsVocabulary } from '../../src/cli/checkOptions';
import type { CliIo } from '../../src/cli/io';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/cli');

async function run(args: string[], cwd = FIXTURES) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTty: false };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

function golden(name: string, actual: string): void {
  const file = path.join(FIXTURES, 'golden', name);
  if (process.env.UPDATE_GOLDEN) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
  }
  assert.ok(fs.existsSync(file), `missing golden file ${file} (run with UPDATE_GOLDEN=1)`);
  assert.strictEqual(actual, fs.readFileSync(file, 'utf8'), `output differs from ${name}`);
}

describe('medwrite check', () => {
  it('starts reading the word list early unless --rules lists no typo rule', () => {
    assert.strictEqual(checkReadsVocabulary(['draft.md']), true);
    assert.strictEqual(checkReadsVocabulary(['--rules', 'typo,preferred-form', 'draft.md']), true);
    assert.strictEqual(checkReadsVocabulary(['--rules=unknown-word', 'draft.md']), true);
    assert.strictEqual(checkReadsVocabulary(['--rules', 'uncited-claim,overclaim', 'draft.md']), false);
    assert.strictEqual(checkReadsVocabulary(['--rules=preferred-form', 'draft.md']), false);
    assert.strictEqual(checkReadsVocabulary(['--rules', 'typo', '--rules', 'uncited-claim', 'draft.md']), false);
  });

  it('prints text findings as file:line:col: severity rule message (golden)', async () => {
    const r = await run(['check', 'docs/draft.md']);
    golden('draft.txt', r.stdout);
    for (const line of r.stdout.trim().split('\n').filter(Boolean)) assert.match(line, /^docs\/draft\.md:\d+:\d+: (error|warning|information|hint) [a-z-]+ /);
    assert.strictEqual(r.code, r.stdout.trim() ? 1 : 0);
  });

  it('prints the JSON shape with 1-based positions (golden)', async () => {
    const r = await run(['check', '--format', 'json', 'docs/draft.md']);
    golden('draft.json', r.stdout);
    const parsed = JSON.parse(r.stdout);
    assert.deepStrictEqual(Object.keys(parsed), ['findings']);
    for (const f of parsed.findings) {
      for (const k of ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'rule', 'message', 'suggestions']) assert.ok(k in f, `missing ${k}`);
      assert.ok(f.line >= 1 && f.column >= 1);
    }
  });

  it('--rules runs only the listed rules, and names the known ones when given an unknown id', async () => {
    const all = JSON.parse((await run(['check', '--format', 'json', 'docs/draft.md'])).stdout).findings;
    const rulesOf = (fs: Array<{ rule: string }>) => [...new Set(fs.map((f) => f.rule))].sort();
    assert.deepStrictEqual(rulesOf(all), ['preferred-form', 'typo', 'uncited-claim']);
    const spelling = await run(['check', '--format', 'json', '--rules', 'typo,preferred-form', 'docs/draft.md']);
    const found = JSON.parse(spelling.stdout).findings;
    assert.deepStrictEqual(found, all.filter((f: { rule: string }) => f.rule !== 'uncited-claim'));
    const claims = JSON.parse((await run(['check', '--format', 'json', '--rules', 'uncited-claim', 'docs/draft.md'])).stdout).findings;
    assert.deepStrictEqual(rulesOf(claims), ['uncited-claim']);
    const bad = await run(['check', '--rules', 'typo,spelling', 'docs/draft.md']);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /unknown rule 'spelling' \(rules: typo, preferred-form, unknown-word, /);
  });

  it('--rules unknown-word turns on the unknown-word report, which is off by default', async () => {
    const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'mw-rules-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.md'), 'The zorbulated samples were kept cold.\n');
      const plain = JSON.parse((await run(['check', '--format', 'json', 'a.md'], dir)).stdout).findings;
      assert.deepStrictEqual(plain, []);
      const strict = JSON.parse((await run(['check', '--format', 'json', '--rules', 'unknown-word', 'a.md'], dir)).stdout).findings;
      assert.deepStrictEqual(strict.map((f: { rule: string; line: number; column: number }) => [f.rule, f.line, f.column]), [['unknown-word', 1, 5]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--timing reports each phase and rule on stderr and leaves stdout unchanged', async () => {
    const plain = await run(['check', '--format', 'json', 'docs/draft.md']);
    const timed = await run(['check', '--timing', '--format', 'json', 'docs/draft.md']);
    assert.strictEqual(timed.stdout, plain.stdout);
    assert.strictEqual(timed.code, plain.code);
    assert.strictEqual(plain.stderr, '');
    const rows = new Map([...timed.stderr.matchAll(/^ +(\S.*?) +([\d.]+) ms$/gm)].map((m) => [m[1], Number(m[2])]));
    for (const phase of ['startup', 'load glossary and claims', 'build engine', 'wait for the vocabulary', 'read and analyse documents', 'check (rules below)', 'output', 'typo', 'uncited-claim', 'preferred-form', 'total']) {
      assert.ok(rows.has(phase), `no '${phase}' row in:\n${timed.stderr}`);
    }
    const rules = rows.get('typo')! + rows.get('uncited-claim')! + rows.get('preferred-form')!;
    assert.ok(rules <= rows.get('check (rules below)')! + 0.5, 'the rules take part of the check phase');
    assert.ok(rows.get('total')! >= rows.get('check (rules below)')!);
  });

  it('prints SARIF 2.1.0 that validates against the schema', async () => {
    const r = await run(['check', '--format', 'sarif', 'docs/draft.md', 'docs/clean.md']);
    const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const log: any = JSON.parse(r.stdout);
    const valid = validate(structuredClone(log));
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    assert.strictEqual(log.version, '2.1.0');
    for (const result of log.runs[0].results) {
      assert.strictEqual(result.locations[0].physicalLocation.artifactLocation.uri, 'docs/draft.md');
      assert.ok(log.runs[0].tool.driver.rules[result.ruleIndex].id === result.ruleId);
    }
  });

  it('exits 0 with an empty findings list on clean text', async () => {
    const r = await run(['check', '--format', 'json', 'docs/clean.md']);
    assert.strictEqual(r.code, 0);
    assert.deepStrictEqual(JSON.parse(r.stdout), { findings: [] });
  });

  it('walks folders for .md/.txt/.tex/.qmd files and reports unreadable ones on stderr with exit 2', async () => {
    const r = await run(['check', '--format', 'json', 'docs']);
    assert.match(r.stderr, /docs\/image\.txt: binary file/);
    assert.strictEqual(r.code, 2);
    const files = new Set(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file));
    assert.ok(!files.has('docs/image.txt'));
  });

  it("reads the bibliography a document's front matter names, so its keys are known", async () => {
    const r = await run(['check', '--format', 'json', 'frontmatter/good.md']);
    assert.strictEqual(r.stderr, '');
    assert.deepStrictEqual(JSON.parse(r.stdout).findings.filter((f: { rule: string }) => f.rule === 'unknown-citation'), []);
  });

  it('says so when front matter is not valid YAML, instead of silently losing its bibliography', async () => {
    const r = await run(['check', '--format', 'json', 'frontmatter/bad.md']);
    assert.match(r.stderr, /frontmatter\/bad\.md: front matter is not valid YAML/);
    assert.ok(JSON.parse(r.stdout).findings.some((f: { rule: string }) => f.rule === 'unknown-citation'));
  });

  it('exits 2 on usage errors with the reason on stderr', async () => {
    assert.strictEqual((await run(['check'])).code, 2);
    const bad = await run(['check', '--format', 'xml', 'docs/clean.md']);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /unknown format 'xml'/);
    const missing = await run(['check', 'nope.md']);
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /no such file or folder: nope\.md/);
    const unknownOption = await run(['check', '--frobnicate', 'docs/clean.md']);
    assert.strictEqual(unknownOption.code, 2);
  });

  it('exits 2 naming file:line:col on broken YAML', async () => {
    const r = await run(['check', '--glossary', 'broken', 'docs/clean.md']);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /broken\/terms\.yaml:\d+:\d+: YAML syntax error/);
    assert.strictEqual(r.stdout, '');
  });

  it('exits 2 naming the line of a schema violation', async () => {
    const r = await run(['check', '--glossary', 'invalid', 'docs/clean.md']);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /invalid\/terms\.yaml:6:\d+: terms\[1\] must have required property 'definition'/);
    assert.match(r.stderr, /invalid\/terms\.yaml:\d+:\d+: terms\[1\] has unknown field 'colour'/);
  });
});
