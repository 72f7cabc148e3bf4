#!/usr/bin/env node
// Builds dist/vocabulary/en.mwv (the typo checker's word list) from the npm word lists.
// Run by `npm run build` after tsc; skipped when the file is newer than its inputs.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'dist', 'vocabulary', 'en.mwv');
const inputs = [
  path.join(root, 'out/src/node/vocabulary.js'),
  path.join(root, 'out/src/core/typos/vocabulary.js'),
  path.join(root, 'out/src/core/typos/morphology.js'),
  path.join(root, 'package-lock.json'),
];

function mtime(f) {
  try { return fs.statSync(f).mtimeMs; } catch { return 0; }
}

async function main() {
  const force = process.argv.includes('--force');
  if (!force && mtime(out) > Math.max(...inputs.map(mtime))) {
    console.log(`vocabulary: ${path.relative(root, out)} is up to date`);
    return;
  }
  const t0 = Date.now();
  const { buildVocabularyFile } = require(inputs[0]);
  const r = await buildVocabularyFile(out, (s) => console.log(`vocabulary: ${s}`));
  console.log(`vocabulary: ${r.known} known words, ${r.suggestions} suggestion words, ${(r.bytes / 1048576).toFixed(1)} MB -> ${path.relative(root, out)} (${Date.now() - t0} ms)`);
}

main().catch((err) => {
  console.error(`vocabulary: ${err && err.stack ? err.stack : err}`);
  process.exitCode = 1;
});
