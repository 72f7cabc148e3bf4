#!/usr/bin/env node
/*
 * Runs the integration tests (out/test/integration/index.js, compiled by `npm run build`) inside a real VS Code
 * extension host, once per fixture workspace, through @vscode/test-electron's runTests().
 *
 * Here there is no desktop VS Code and no way to download one, so `vscodeExecutablePath` is
 * scripts/code-server-shim.js, which takes VS Code's command-line arguments and runs the same tests in
 * code-server (VS Code 1.100.3's server + Node extension host) driven by headless Chromium.
 * Where desktop VS Code is available (internet, or a local install), drop the shim: set
 * MEDWRITE_VSCODE=download to let runTests download VS Code, or MEDWRITE_VSCODE=/path/to/code to use that binary
 * (under Linux CI it then needs a display, e.g. xvfb-run). The tests and index.js are the same either way.
 *
 * Output: the tests' own lines, then `host: N passed, N failed` summed over the workspaces. Exit code 0 only if every
 * run passed. Usage: node scripts/run-host-tests.js [--workspace <name>]...
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { runTests } = require('@vscode/test-electron');

const ROOT = path.resolve(__dirname, '..');
const SHIM = path.join(__dirname, 'code-server-shim.js');
const TESTS = path.join(ROOT, 'out', 'test', 'integration', 'index.js');
const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const WORKSPACES = ['workspace', 'workspace-broken'];

/** Runs one workspace; resolves { code, passed, failed } read from the `N passed, N failed` line. */
async function runWorkspace(name) {
  const folder = path.join(FIXTURES, name);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'medwrite-vscode-'));
  const counts = { passed: 0, failed: 0, seen: false };
  // Watch our own stdout for the runner's closing line (runTests pipes the child's output to it).
  const origWrite = process.stdout.write.bind(process.stdout);
  let buffered = '';
  process.stdout.write = (chunk, ...rest) => {
    buffered += chunk.toString();
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      const m = /^(\d+) passed, (\d+) failed$/.exec(line.trim());
      if (m) Object.assign(counts, { passed: Number(m[1]), failed: Number(m[2]), seen: true });
    }
    return origWrite(chunk, ...rest);
  };
  const choice = process.env.MEDWRITE_VSCODE;
  const options = {
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: TESTS,
    launchArgs: [folder, `--user-data-dir=${path.join(tmp, 'user-data')}`, `--extensions-dir=${path.join(tmp, 'extensions')}`,
      '--disable-extensions'],
  };
  if (choice !== 'download') options.vscodeExecutablePath = choice || SHIM;
  let code = 0;
  try {
    await runTests(options);
  } catch (err) {
    code = typeof err.code === 'number' ? err.code : 1;
    if (!(err && err.name === 'TestRunFailedError') && !/Test run failed/.test(String(err && err.message))) {
      console.error(`[run-host-tests] ${name}: ${err && err.message}`);
    }
  } finally {
    process.stdout.write = origWrite;
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { code, ...counts };
}

async function main() {
  const argv = process.argv.slice(2);
  const only = [];
  for (let i = 0; i < argv.length; i++) if (argv[i] === '--workspace') only.push(argv[++i]);
  if (!fs.existsSync(TESTS)) {
    console.error(`[run-host-tests] ${path.relative(ROOT, TESTS)} is missing: run npm run build first`);
    console.log('host: 0 passed, 1 failed');
    process.exit(1);
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) {
    console.error('[run-host-tests] dist/extension.js is missing: run npm run build first');
    console.log('host: 0 passed, 1 failed');
    process.exit(1);
  }
  let passed = 0;
  let failed = 0;
  let bad = 0;
  for (const name of only.length ? only : WORKSPACES) {
    console.log(`[run-host-tests] workspace test/fixtures/${name}`);
    const t0 = Date.now();
    const r = await runWorkspace(name);
    console.log(`[run-host-tests] ${name}: exit ${r.code} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    passed += r.passed;
    failed += r.failed;
    // A run that died before its closing line (or failed outside a test) counts as one failure.
    if ((r.code !== 0 && r.failed === 0) || !r.seen) failed += 1;
    if (r.code !== 0 || !r.seen) bad++;
  }
  console.log(`host: ${passed} passed, ${failed} failed`);
  process.exit(bad ? 1 : 0);
}

main();
