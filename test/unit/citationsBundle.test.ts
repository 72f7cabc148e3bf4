import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');

// The extension ships as one esbuild bundle without node_modules. citation-js loads its
// plugins, styles and locales with require(); this checks that they bundle and run from a
// folder that has no node_modules, the way dist/extension.js runs.
describe('citations in a bundle', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medwrite-bundle-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('parses BibTeX and formats AMA, Vancouver and APA without node_modules', async () => {
    const entry = path.join(dir, 'entry.ts');
    fs.writeFileSync(
      entry,
      [
        `import { formatReference } from ${JSON.stringify(path.join(ROOT, 'src/core/citations/format'))};`,
        `import { parseBibliography, registerShippedStyles } from ${JSON.stringify(path.join(ROOT, 'src/node/bibliography'))};`,
        `registerShippedStyles(${JSON.stringify(path.join(ROOT, 'styles'))});`,
        `parseBibliography('@article{k, title={T}, author={M{\\\\"u}ller, J{\\\\"o}rg}, journal={Lupus}, year={2020}, volume={3}, pages={1--2}}', 'x.bib').then((b) => {`,
        `  for (const s of ['ama', 'vancouver', 'apa'] as const) console.log(formatReference(b.items[0], s));`,
        `});`,
      ].join('\n'),
    );
    const out = path.join(dir, 'bundle.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require('esbuild') as typeof import('esbuild');
    const result = await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: out, logLevel: 'silent', nodePaths: [path.join(ROOT, 'node_modules')] });
    assert.deepStrictEqual(result.errors, []);
    const stdout = execFileSync(process.execPath, [out], { cwd: dir, env: { ...process.env, NODE_PATH: '' }, encoding: 'utf8' });
    assert.deepStrictEqual(stdout.trim().split('\n'), [
      'Müller J. T. Lupus. 2020;3:1-2.',
      'Müller J. T. Lupus. 2020;3:1–2.',
      'Müller, J. (2020). T. Lupus, 3, 1–2.',
    ]);
  });
});
