import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';

function memoryIo(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { cwd, isTty: false, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) };
  return { io, out, err };
}

describe('medwrite references', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medwrite-refs-'));
    fs.writeFileSync(path.join(dir, 'refs.bib'), '@article{muller2019,\n  title = {Tregs in lupus},\n  author = {M{\\"u}ller, J{\\"o}rg},\n  journal = {Lupus},\n  year = {2019},\n  volume = {28},\n  pages = {1--9}\n}\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the list from front matter and shipped references, then finds it up to date', async () => {
    const file = path.join(dir, 'paper.md');
    const original = '\ufeff---\nbibliography: refs.bib\n---\n# Draft\n\nIL-2 [@muller2019; @he2016] and [@nobody].\n';
    fs.writeFileSync(file, original);
    const first = memoryIo(dir);
    assert.strictEqual(await main(['references', 'paper.md'], first.io), 0);
    assert.match(first.out.join(''), /paper\.md: reference list written \(2 references, AMA\)/);
    assert.match(first.err.join(''), /cited but in no bibliography: nobody/);
    const written = fs.readFileSync(file, 'utf8');
    assert.ok(written.startsWith(original), 'the document (with its BOM) is kept byte for byte');
    assert.match(written, /\n1\. Müller J\. Tregs in lupus\. \*Lupus\*\. 2019;28:1-9\.\n2\. He J, Zhang X, Wei Y\./);

    const again = memoryIo(dir);
    assert.strictEqual(await main(['references', '--check', 'paper.md'], again.io), 0);
    assert.match(again.out.join(''), /up to date \(2 references\)/);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), written);

    const apa = memoryIo(dir);
    assert.strictEqual(await main(['references', '--check', '--style', 'apa', 'paper.md'], apa.io), 1);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), written, '--check writes nothing');
  });

  it('rejects an unknown style', async () => {
    const m = memoryIo(dir);
    assert.strictEqual(await main(['references', '--style', 'harvard', 'x.md'], m.io), 2);
    assert.match(m.err.join(''), /unknown style 'harvard'/);
  });
});
