#!/usr/bin/env node
// Where `medwrite check` spends its time, end to end: runs it in fresh processes with
// `--timing` and prints the median of each phase and rule (and of the wall time).
//
//   npm run build && node bench/check-phases.js [FILE] [--runs N]
'use strict';
const path = require('path');
const { spawnSync } = require('child_process');

const { root, median, benchArgs } = require('./common');

const { runs, file } = benchArgs(7);

const phases = new Map();
const walls = [];
for (let i = 0; i < runs; i++) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(root, 'bin/medwrite.js'), 'check', '--timing', '--format', 'json', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  walls.push(Number(process.hrtime.bigint() - t0) / 1e6);
  if (r.status !== 0 && r.status !== 1) throw new Error(`medwrite check failed: ${r.stderr}`);
  for (const m of r.stderr.matchAll(/^ {2,4}(\S.*?)\s+([\d.]+) ms$/gm)) {
    if (!phases.has(m[1])) phases.set(m[1], []);
    phases.get(m[1]).push(Number(m[2]));
  }
}
console.log(`medwrite check --timing on ${path.relative(process.cwd(), file)}, ${runs} fresh processes (median ms; load average ${require('os').loadavg()[0].toFixed(1)})`);
for (const [name, xs] of phases) console.log(`  ${name.padEnd(30)}${median(xs).toFixed(1).padStart(8)}`);
console.log(`  ${'wall time (spawn to exit)'.padEnd(30)}${median(walls).toFixed(1).padStart(8)}   (min ${Math.min(...walls).toFixed(1)})`);
