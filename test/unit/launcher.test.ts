// bin/medwrite.js: the bundled CLI runs with the code cache the build wrote, gives the same
// output as the modules in out/, and falls back safely when the cache does not fit.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin', 'medwrite.js');
const BUNDLE = path.join(ROOT, 'dist', 'cli.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadCli, tuneForShortRun } = require(BIN) as {
  loadCli: (bundle?: string, modules?: string) => { cli: { main: unknown }; cache: string };
  tuneForShortRun: (env: Record<string, string>, v8Version: string) => string | undefined;
};

/** How a fresh `node` loads the CLI (this process may run with other V8 flags than a user's). */
function cacheStatusInFreshNode(bundle = BUNDLE): string {
  const code = `console.log(require(${JSON.stringify(BIN)}).loadCli(${JSON.stringify(bundle)}).cache)`;
  return execFileSync(process.execPath, ['-e', code], { encoding: 'utf8' }).trim();
}

describe('bin/medwrite.js', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medwrite-launcher-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs the bundle with the code cache the build wrote', () => {
    assert.strictEqual(cacheStatusInFreshNode(), 'used');
  });

  it('prints what the modules in out/ print', async () => {
    const args = ['check', '--format', 'json', 'examples'];
    let inProcess = '';
    await main(args, { cwd: ROOT, stdout: (t) => (inProcess += t), stderr: () => undefined, isTty: false });
    let viaBin = '';
    try {
      execFileSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
    } catch (err) {
      viaBin = (err as { status: number; stdout: string }).stdout; // exit 1: there are findings
    }
    assert.ok(JSON.parse(inProcess).findings.length > 0);
    assert.strictEqual(viaBin, inProcess);
  });

  it('tunes V8 for a short run after loading the cached bundle, and says so under --timing', () => {
    const timingHeader = (env: NodeJS.ProcessEnv) => {
      try {
        execFileSync(process.execPath, [BIN, 'check', '--timing', 'examples'], { cwd: ROOT, encoding: 'utf8', env, stdio: 'pipe' });
      } catch (err) {
        return (err as { stderr: string }).stderr.split('\n').find((l) => l.startsWith('medwrite timing'));
      }
      return undefined;
    };
    const tuned = process.versions.v8.startsWith('11.') ? 'V8 flags --interrupt-budget=200000 --no-turbo-inlining' : 'V8 defaults';
    assert.strictEqual(timingHeader(process.env), `medwrite timing: (code cache used; ${tuned})`);
    assert.strictEqual(timingHeader({ ...process.env, MEDWRITE_V8_TUNING: 'off' }), 'medwrite timing: (code cache used; V8 defaults)');
  });

  it('leaves V8 versions it was not measured on, and MEDWRITE_V8_TUNING=off, at their defaults', () => {
    assert.strictEqual(tuneForShortRun({ MEDWRITE_V8_TUNING: 'off' }, '11.3.244.8-node.33'), undefined);
    assert.strictEqual(tuneForShortRun({}, '12.4.254.21-node.33'), undefined);
    assert.strictEqual(tuneForShortRun({}, '9.4.146.26-node.26'), undefined);
  });

  it('compiles the bundle without the cache when the cache was made from another bundle, or V8 turns it down', () => {
    const bundle = path.join(dir, 'cli.js');
    fs.copyFileSync(BUNDLE, bundle);
    assert.strictEqual(cacheStatusInFreshNode(bundle), 'none');
    const cache = fs.readFileSync(`${BUNDLE}.cache`);
    // The cache of an older build: another digest at its head.
    const stale = Buffer.from(cache);
    stale[0] ^= 0xff;
    fs.writeFileSync(`${bundle}.cache`, stale);
    assert.strictEqual(cacheStatusInFreshNode(bundle), 'stale');
    // The right digest, but data V8 cannot use.
    const garbage = Buffer.concat([cache.subarray(0, 20), Buffer.alloc(4096, 7)]);
    fs.writeFileSync(`${bundle}.cache`, garbage);
    assert.strictEqual(cacheStatusInFreshNode(bundle), 'rejected');
    assert.strictEqual(typeof loadCli(bundle).cli.main, 'function');
  });

  it('runs the modules in out/ when there is no bundle, or one older than they are', () => {
    const modules = path.join(ROOT, 'out', 'src', 'cli', 'main.js');
    const missing = loadCli(path.join(dir, 'missing.js'), modules);
    assert.strictEqual(missing.cache, 'no bundle');
    assert.strictEqual(missing.cli.main, main);
    const bundle = path.join(dir, 'cli.js');
    fs.copyFileSync(BUNDLE, bundle);
    const before = fs.statSync(modules).mtime;
    fs.utimesSync(bundle, before, new Date(before.getTime() - 60_000));
    const old = loadCli(bundle, modules);
    assert.strictEqual(old.cache, 'old bundle');
    assert.strictEqual(old.cli.main, main);
  });
});
