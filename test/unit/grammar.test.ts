import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '../../..');
const GRAMMAR = path.join(ROOT, 'syntaxes/pandoc-citations.tmLanguage.json');
const INJECTION_SCOPE = 'text.medwrite.pandoc-citations.injection';

/**
 * A small stand-in for VS Code's Markdown grammar: code spans and fenced code get the scopes
 * the real grammar gives them, so the injection selector's exclusions are exercised.
 */
const HOST: vsctm.IRawGrammar = {
  scopeName: 'text.html.markdown',
  patterns: [
    { begin: '^```.*$', end: '^```\\s*$', name: 'markup.fenced_code.block.markdown' },
    { match: '(`+)[^`]*?\\1', name: 'markup.inline.raw.string.markdown' },
    { match: '\\[[^\\]]*\\]\\([^)]*\\)', name: 'meta.link.inline.markdown' },
  ],
  repository: {},
} as unknown as vsctm.IRawGrammar;

let grammar: vsctm.IGrammar;

interface Tok {
  text: string;
  scopes: string[];
}

function tokenize(lines: string[]): Tok[][] {
  let state = vsctm.INITIAL;
  return lines.map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** Texts of the tokens whose innermost citation scope starts with `scope`. */
function withScope(tokens: Tok[], scope: string): string[] {
  return tokens.filter((t) => t.scopes.some((s) => s.startsWith(scope))).map((t) => t.text);
}

describe('Pandoc citation grammar', () => {
  before(async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
    await oniguruma.loadWASM(wasm);
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName) => {
        if (scopeName === 'text.html.markdown') return HOST;
        if (scopeName === INJECTION_SCOPE) return vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR);
        return null;
      },
      getInjections: (scopeName) => (scopeName === 'text.html.markdown' ? [INJECTION_SCOPE] : undefined),
    });
    const g = await registry.loadGrammar('text.html.markdown');
    assert.ok(g);
    grammar = g;
  });

  it('is declared as an injection into Markdown in package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const entry = pkg.contributes.grammars.find((x: { scopeName: string }) => x.scopeName === INJECTION_SCOPE);
    assert.ok(entry, 'contributes.grammars entry');
    assert.deepStrictEqual(entry.injectTo.includes('text.html.markdown'), true);
    assert.ok(fs.existsSync(path.join(ROOT, entry.path)));
  });

  it('scopes keys, prefix, locator and separators in a bracketed group', () => {
    const [line] = tokenize(['As shown [see @he2016, p. 12; -@humrich2016] before.']);
    assert.deepStrictEqual(withScope(line, 'entity.name.reference.citation-key'), ['he2016', 'humrich2016']);
    assert.deepStrictEqual(withScope(line, 'meta.citation.prefix'), ['see ']);
    assert.deepStrictEqual(withScope(line, 'keyword.other.locator'), ['p.']);
    assert.deepStrictEqual(withScope(line, 'constant.numeric.locator'), ['12']);
    assert.deepStrictEqual(withScope(line, 'punctuation.separator.citation'), [';']);
    assert.deepStrictEqual(withScope(line, 'keyword.operator.suppress-author'), ['-']);
    assert.deepStrictEqual(withScope(line, 'punctuation.definition.citation.begin'), ['[']);
    assert.deepStrictEqual(withScope(line, 'punctuation.definition.citation.end'), [']']);
    const group = line.filter((t) => t.scopes.includes('meta.citation.bracketed.pandoc.medwrite')).map((t) => t.text).join('');
    assert.strictEqual(group, '[see @he2016, p. 12; -@humrich2016]');
    assert.ok(!line.find((t) => t.text.includes('before'))!.scopes.some((s) => s.includes('citation')));
  });

  it('scopes page ranges and suffixes', () => {
    const [line] = tokenize(['[@zaman2022, pp. 33-35 and elsewhere]']);
    assert.deepStrictEqual(withScope(line, 'constant.numeric.locator'), ['33-35']);
    assert.deepStrictEqual(withScope(line, 'meta.citation.suffix'), [' and elsewhere']);
  });

  it('scopes in-text keys and their bracketed locator', () => {
    const [line] = tokenize(['@he2016 [p. 3] says so, and @zaman2022 agrees.']);
    assert.deepStrictEqual(withScope(line, 'entity.name.reference.citation-key'), ['he2016', 'zaman2022']);
    assert.deepStrictEqual(withScope(line, 'keyword.other.locator'), ['p.']);
    assert.deepStrictEqual(withScope(line, 'constant.numeric.locator'), ['3']);
  });

  it('keeps trailing punctuation out of the key and reads braced keys', () => {
    const [line] = tokenize(['Shown by @he2016. Also @{World Health 2021}.']);
    assert.deepStrictEqual(withScope(line, 'entity.name.reference.citation-key'), ['he2016', '{World Health 2021}']);
  });

  it('leaves e-mail addresses, code, fenced code and links alone', () => {
    const lines = tokenize([
      'Write to jo@example.org or `[@he2016]` in code.',
      '```',
      '[@he2016]',
      '```',
      'A [link with @he2016](https://example.org) here.',
    ]);
    for (const line of lines) assert.deepStrictEqual(withScope(line, 'entity.name.reference.citation-key'), [], line.map((t) => t.text).join(''));
  });
});
