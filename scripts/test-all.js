#!/usr/bin/env node
/*
 * `npm test`: installs the test host if needed, builds, then runs every suite and sums them up.
 *
 *   unit     mocha in plain node over out/test/unit (scripts/lib/count-reporter.js adds `N passed, N failed`)
 *   host     the integration tests in a real VS Code extension host (scripts/run-host-tests.js)
 *   browser  the packaged .vsix in the real workbench in Chromium (test/e2e/browser-check.js)
 *
 * Prints `<suite>: N passed, N failed` per suite and a final `N passed, N failed`; exits non-zero if the build or any
 * suite failed or could not run (no closing line, a crash, or its time limit).
 *
 * Usage: node scripts/test-all.js [unit] [host] [browser]      (default: all; or MEDWRITE_TEST_SUITES=unit,host)
 *        --no-build skips `npm run build` (when you just built).
 */
'use strict';

const { spawn } = require('child_process');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const SUITE_TIMEOUT_S = Number(process.env.MEDWRITE_SUITE_TIMEOUT || 900);

const SUITES = {
  unit: [process.execPath, [path.join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--reporter', path.join(__dirname, 'lib', 'count-reporter.js'),
    '--reporter-option', 'style=dot']],
  host: [process.execPath, [path.join(__dirname, 'run-host-tests.js')]],
  browser: [process.execPath, [path.join(ROOT, 'test', 'e2e', 'browser-check.js')]],
};
const NEEDS_HOST = new Set(['host', 'browser']);

let current = null; // the running child, killed (whole process group) on our way out
function killCurrent() {
  if (current && current.exitCode === null && current.signalCode === null) {
    try { process.kill(-current.pid, 'SIGTERM'); } catch { /* gone */ }
    const c = current;
    setTimeout(() => { try { process.kill(-c.pid, 'SIGKILL'); } catch { /* gone */ } }, 3000).unref();
  }
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => { killCurrent(); console.log(`\n[test-all] ${sig}: stopped`); process.exit(130); });
}

/**
 * Runs a command in its own process group, passing its output through, and resolves
 * { code, counts } with the last `[word:] N passed, N failed` line it printed (or null).
 */
function run(cmd, args, { timeoutS = SUITE_TIMEOUT_S, label = path.basename(args[0] || cmd) } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    current = child;
    let counts = null;
    let rest = '';
    const scan = (chunk) => {
      rest += chunk.toString();
      let nl;
      while ((nl = rest.indexOf('\n')) >= 0) {
        const line = rest.slice(0, nl);
        rest = rest.slice(nl + 1);
        const m = /^\s*(?:[\w-]+:\s*)?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/.exec(line);
        if (m) counts = { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] || 0) };
      }
    };
    child.stdout.on('data', (d) => { process.stdout.write(d); scan(d); });
    child.stderr.on('data', (d) => process.stderr.write(d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.log(`[test-all] ${label}: no result after ${timeoutS} s, stopping it (MEDWRITE_SUITE_TIMEOUT=<s> to change)`);
      killCurrent();
    }, timeoutS * 1000);
    child.on('error', (e) => { console.log(`[test-all] ${label}: could not start: ${e.message}`); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      current = null;
      scan('\n');
      resolve({ code: timedOut ? 124 : code ?? (signal ? 1 : 0), counts });
    });
  });
}

function banner(text) {
  console.log(`\n=== ${text} ${'='.repeat(Math.max(0, 70 - text.length))}`);
}

async function main() {
  const argv = process.argv.slice(2);
  const noBuild = argv.includes('--no-build');
  let wanted = argv.filter((a) => !a.startsWith('--'));
  if (!wanted.length && process.env.MEDWRITE_TEST_SUITES) wanted = process.env.MEDWRITE_TEST_SUITES.split(',').map((s) => s.trim()).filter(Boolean);
  if (!wanted.length) wanted = Object.keys(SUITES);
  const unknown = wanted.filter((w) => !SUITES[w]);
  if (unknown.length) {
    console.error(`unknown suite(s): ${unknown.join(', ')}; known: ${Object.keys(SUITES).join(', ')}`);
    process.exit(2);
  }
  const started = Date.now();
  const lines = [];
  let bad = false;

  if (wanted.some((w) => NEEDS_HOST.has(w))) {
    banner('test host (code-server + Chromium)');
    const r = await run('bash', [path.join(__dirname, 'install-test-host.sh')], { label: 'install-test-host', timeoutS: 1200 });
    if (r.code !== 0) {
      console.log('[test-all] the test host could not be installed: host and browser suites cannot run');
      for (const w of wanted.filter((x) => NEEDS_HOST.has(x))) lines.push({ suite: w, passed: 0, failed: 1, note: 'test host not installed' });
      wanted = wanted.filter((w) => !NEEDS_HOST.has(w));
      bad = true;
    }
  }

  if (!noBuild) {
    banner('build (npm run build)');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = await run(npm, ['run', '--silent', 'build'], { label: 'build', timeoutS: 600 });
    if (r.code !== 0) {
      console.log(`[test-all] build failed (exit ${r.code}); running the suites anyway on what was emitted`);
      lines.push({ suite: 'build', passed: 0, failed: 1, note: `exit ${r.code}` });
      bad = true;
    }
  }

  for (const name of wanted) {
    banner(`${name} suite`);
    const t0 = Date.now();
    const [cmd, args] = SUITES[name];
    const r = await run(cmd, args, { label: name });
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    if (!r.counts) {
      lines.push({ suite: name, passed: 0, failed: 1, note: `did not finish (exit ${r.code}, no result line), ${secs} s` });
      bad = true;
      continue;
    }
    const entry = { suite: name, ...r.counts, note: `${secs} s` };
    if (r.code !== 0 && r.counts.failed === 0) {
      entry.failed = 1;
      entry.note += `, exit ${r.code}`;
    }
    if (r.code !== 0 || entry.failed > 0) bad = true;
    lines.push(entry);
  }

  banner('summary');
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  console.log(`[test-all] ${lines.map((l) => `${l.suite} ${l.note}`).join('; ')}; ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
  for (const l of lines) {
    passed += l.passed;
    failed += l.failed;
    skipped += l.skipped || 0;
    console.log(`${l.suite}: ${l.passed} passed, ${l.failed} failed${l.skipped ? `, ${l.skipped} skipped` : ''}`);
  }
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(bad || failed > 0 ? 1 : 0);
}

main().catch((e) => {
  killCurrent();
  console.error(`[test-all] ${e.stack || e}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
