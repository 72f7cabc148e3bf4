// URL and e-mail spans: document.ts finds them with a hint-driven search (fast on long prose);
// these tests hold it to the plain global regex loop it replaces.
import * as assert from 'assert';
import { analyze } from '../../src/core/document';

const URL_RE = /\b(?:https?|ftp):\/\/[^\s<>()\[\]"'`]+|\bwww\.[^\s<>()\[\]"'`]+|\bdoi:\s?10\.\d{4,9}\/[^\s<>"'`]+/giu;
const EMAIL_RE = /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu;

/** What the plain loops find, as `kind:start-end`. */
function reference(text: string): string[] {
  const out: Array<[number, number, string]> = [];
  for (const [re, kind] of [[URL_RE, 'url'], [EMAIL_RE, 'email']] as const) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) out.push([m.index, m.index + m[0].length, kind]);
  }
  return out.sort((a, b) => a[0] - b[0]).map(([s, e, k]) => `${k}:${s}-${e}`);
}

function found(text: string, languageId = 'plaintext'): string[] {
  return analyze({ uri: 'mem://x', languageId, text })
    .excluded.filter((s) => s.kind === 'url' || s.kind === 'email')
    .map((s) => `${s.kind}:${s.start}-${s.end}`);
}

describe('document: URL and e-mail spans', () => {
  const cases: Array<[string, string[]]> = [
    ['see https://example.org/a?b=1 now', ['url:4-29']],
    ['HTTPS://EXAMPLE.ORG and WWW.Example.com.', ['url:0-19', 'url:24-40']],
    ['ftp://files.example.org/x', ['url:0-25']],
    ['doi: 10.1000/xyz123 and doi:10.12345/a.b', ['url:0-19', 'url:24-40']],
    ['doi:11.1000/x is not one; nor is doi:', []],
    ['😀https://example.org', ['url:2-21']],
    ['xhttps://example.org', []],
    ['mail jane.doe+tag@example-mail.org today', ['email:5-34']],
    ['a.b.c@d.e and @e.f and x@y', ['email:0-9']],
    ['two: a@b.c,d@e.f', ['email:5-10', 'email:11-16']],
    ['@@a@b.c', ['email:2-7']],
    ['no hints at all in this line', []],
  ];
  for (const [text, want] of cases) {
    it(JSON.stringify(text), () => {
      assert.deepStrictEqual(found(text), want);
      assert.deepStrictEqual(found(text), reference(text));
    });
  }

  it('agrees with the plain regex loops on seeded random texts', () => {
    const bits = ['http://', 'https://', 'HTTPS://', 'ftp://', 'www.', 'WWW.', 'doi:', 'doi: 10.1234/abc', 'DOI:10.12345/x.y', '@', 'a@b.c',
      'x.y+z@ex-ample.org', 'user@host', '@@', 'a.a.a.', '.', ' ', '\n', '(', ')', '"', '<', 'example.com/path', '10.', 'abc', '_', '-',
      '+', '😀', '\u00a0', 'é', '://', 'wwww.', 'dhttp://'];
    let seed = 7;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    let compared = 0;
    for (let t = 0; t < 3000; t++) {
      let text = '';
      for (let i = 1 + rand(20); i > 0; i--) text += bits[rand(bits.length)];
      const want = reference(text);
      // Overlapping spans are merged by the document: compare only texts without overlaps
      // (LaTeX: no citation keys, which would overlap too).
      const spans = want.map((w) => w.split(':')[1].split('-').map(Number));
      if (spans.some((s, i) => i > 0 && s[0] < spans[i - 1][1])) continue;
      compared++;
      assert.deepStrictEqual(found(text, 'latex'), want, JSON.stringify(text));
    }
    assert.ok(compared > 1000);
  });
});
