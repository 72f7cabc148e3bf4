#!/usr/bin/env node
// Entry point of the `medwrite` command. It runs the bundled CLI, dist/cli.js, with the V8
// code cache that `npm run build` writes beside it (dist/cli.js.cache): the functions a check
// runs are then not parsed and compiled again at every start (about 20 ms of a check).
// The cache is used only when it was made from this very bundle (a SHA-1 of the bundle heads
// it) and V8 accepts it; otherwise the bundle is compiled as usual. Without a bundle, or with
// one older than the compiled modules in out/ (`tsc` run since the last build), the modules in
// out/ run instead: a developer never runs stale code.
// Then it tunes V8 for one short run (tuneForShortRun) and runs the command.
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { createHash } = require('crypto');
const { createRequire, wrap } = require('module');
const v8 = require('v8');

const BUNDLE = path.join(__dirname, '..', 'dist', 'cli.js');
const MODULES = path.join(__dirname, '..', 'out', 'src', 'cli', 'main.js');
const DIGEST_BYTES = 20;

/**
 * The CLI module (its `main`), and how it was loaded: `cache` is 'used', 'rejected' (by V8),
 * 'stale' (made from another bundle), 'none' (no cache file), 'no bundle' or 'old bundle'.
 * `writeCache()` writes a cache of the functions run so far (the build runs a check first).
 */
function loadCli(bundle = BUNDLE, modules = MODULES) {
  const modulesTime = fs.statSync(modules, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const bundleTime = fs.statSync(bundle, { throwIfNoEntry: false })?.mtimeMs;
  if (bundleTime === undefined || bundleTime < modulesTime) {
    return { cli: require(modules), cache: bundleTime === undefined ? 'no bundle' : 'old bundle', writeCache: () => false };
  }
  const bytes = fs.readFileSync(bundle);
  const digest = createHash('sha1').update(bytes).digest();
  const cacheFile = `${bundle}.cache`;
  let cachedData;
  let cache = 'none';
  try {
    const stored = fs.readFileSync(cacheFile);
    if (stored.subarray(0, DIGEST_BYTES).equals(digest)) cachedData = stored.subarray(DIGEST_BYTES);
    else cache = 'stale';
  } catch {
    // no cache: compiled as usual
  }
  const script = new vm.Script(wrap(bytes.toString('utf8')), { filename: bundle, cachedData });
  if (cachedData) cache = script.cachedDataRejected ? 'rejected' : 'used';
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(bundle), mod, bundle, path.dirname(bundle));
  const writeCache = () => {
    fs.writeFileSync(cacheFile, Buffer.concat([digest, script.createCachedData()]));
    return true;
  };
  return { cli: mod.exports, cache, writeCache };
}

/**
 * V8's optimising compiler is tuned for long-lived programs: in a run of a few hundred
 * milliseconds it spends more (on the second core, and in installing code on this one) than
 * the run gains. Tiering up later (a budget 3x V8's 67,584) and not inlining took 67 ms
 * (19%) off a check of the 625 abstracts and 30 ms (13%) off a check of examples/ (medians
 * of 25 interleaved runs; bench/typos.js prints the first with and without).
 * Measured on V8 11 (Node 20) only: other versions keep their defaults, as do runs
 * with MEDWRITE_V8_TUNING=off. Set after the bundle is compiled: V8 accepts a code cache
 * only under the flags it was made with. The flags the process now runs with, or undefined.
 */
const SHORT_RUN_V8_FLAGS = '--interrupt-budget=200000 --no-turbo-inlining';
function tuneForShortRun(env = process.env, v8Version = process.versions.v8) {
  if (env.MEDWRITE_V8_TUNING === 'off' || !v8Version.startsWith('11.')) return undefined;
  v8.setFlagsFromString(SHORT_RUN_V8_FLAGS);
  return SHORT_RUN_V8_FLAGS;
}

if (require.main === module) {
  const { cli, cache } = loadCli();
  const flags = tuneForShortRun();
  const launch = `${cache === 'used' ? 'code cache used' : `no code cache (${cache})`}; ${flags ? `V8 flags ${flags}` : 'V8 defaults'}`;
  cli.main(process.argv.slice(2), { ...cli.processIo(), launch }).then(
    (code) => { process.exitCode = code; },
    (err) => { process.stderr.write(`medwrite: ${err && err.stack ? err.stack : err}\n`); process.exitCode = 2; }
  );
} else {
  module.exports = { loadCli, tuneForShortRun };
}
