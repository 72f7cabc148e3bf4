// Activation cost: loading, validating and indexing the shipped data, as the extension
// does on activation. Cold = a fresh node process (module load + schema compilation
// included); warm = a reload in a running process. Run: npm run build && node bench/activation.js
'use strict';
const { execFileSync } = require('child_process');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const RUNS = Number(process.env.RUNS || 15);

const probe = `
const t0 = process.hrtime.bigint();
const { loadData, shippedGlossaryDir } = require(${JSON.stringify(path.join(ROOT, 'out/src/node/load.js'))});
const { createEngine } = require(${JSON.stringify(path.join(ROOT, 'out/src/core/index.js'))});
const t1 = process.hrtime.bigint();
const r = loadData([shippedGlossaryDir()]);
const t2 = process.hrtime.bigint();
const engine = createEngine(r.data);
const t3 = process.hrtime.bigint();
let warm = Infinity;
for (let i = 0; i < 20; i++) {
  const a = process.hrtime.bigint();
  createEngine(loadData([shippedGlossaryDir()]).data);
  warm = Math.min(warm, Number(process.hrtime.bigint() - a) / 1e6);
}
const ms = (a, b) => Number(b - a) / 1e6;
console.log(JSON.stringify({ modules: ms(t0, t1), load: ms(t1, t2), index: ms(t2, t3), warm, terms: r.data.terms.length, claims: r.data.claims.length, refs: r.data.references.length, heapMB: process.memoryUsage().heapUsed / 1048576 }));
`;

const samples = [];
for (let i = 0; i < RUNS; i++) samples.push(JSON.parse(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' })));
const median = (k) => {
  const v = samples.map((s) => s[k]).sort((a, b) => a - b);
  return v[Math.floor(v.length / 2)];
};
const s = samples[0];
console.log(`shipped data: ${s.terms} terms, ${s.claims} claims, ${s.refs} references`);
console.log(`median of ${RUNS} fresh processes:`);
console.log(`  module load (engine + loader)     ${median('modules').toFixed(1)} ms`);
console.log(`  load + validate data (cold)       ${median('load').toFixed(1)} ms`);
console.log(`  build engine / index              ${median('index').toFixed(1)} ms`);
console.log(`  total cold                        ${(median('modules') + median('load') + median('index')).toFixed(1)} ms`);
console.log(`  reload + re-index (warm, best)    ${median('warm').toFixed(2)} ms`);
console.log(`  heap after load                   ${median('heapMB').toFixed(1)} MB`);
