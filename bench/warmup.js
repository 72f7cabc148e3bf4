#!/usr/bin/env node
// How much of a CLI check is V8 warming up: in one process, a fresh engine checks the file
// `runs` times; the first pass is what `medwrite check` pays (its code not yet optimised),
// the later ones what the same work costs once the JIT has warmed up.
//
//   npm run build && node bench/warmup.js [FILE] [--runs N]
//
// Prints figures; asserts nothing.
'use strict';
const fs = require('fs');
const path = require('path');
const { root, median, benchArgs } = require('./common');

const { runs, file } = benchArgs(6);
const { loadVocabularySync } = require(path.join(root, 'out/src/node/vocabulary.js'));
const { loadData, shippedGlossaryDir } = require(path.join(root, 'out/src/node/load.js'));
const { createEngine, analyze } = require(path.join(root, 'out/src/core/index.js'));

const text = fs.readFileSync(file, 'utf8');
const load = loadData([shippedGlossaryDir()]);
load.data.vocabulary = loadVocabularySync();
const passes = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const engine = createEngine(load.data, {});
  const t1 = performance.now();
  const doc = analyze({ uri: file, languageId: 'plaintext', text });
  const t2 = performance.now();
  engine.timings = new Map();
  engine.check(doc);
  passes.push({ 'build engine': t1 - t0, analyse: t2 - t1, ...Object.fromEntries(engine.timings) });
}
console.log(`${path.relative(process.cwd(), file)}: a fresh engine per pass, ${runs} passes in one process (ms)`);
console.log(`${''.padEnd(16)}${'first'.padStart(9)}${'later (median)'.padStart(17)}`);
for (const phase of Object.keys(passes[0])) {
  const later = median(passes.slice(1).map((p) => p[phase]));
  console.log(`${phase.padEnd(16)}${passes[0][phase].toFixed(1).padStart(9)}${later.toFixed(1).padStart(17)}`);
}
