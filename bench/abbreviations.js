#!/usr/bin/env node
// Abbreviation extraction benchmark on MED625 (half of MED1250, distributed with Ab3P).
//
//   node bench/abbreviations.js [--errors dev|holdout|all] [--runs N]
//
// Scores unique (short, long) pairs per abstract: short form exact, long form
// case-insensitive (whitespace collapsed). Prints P/R/F1 for the development part (first
// 400 abstracts, used for error analysis), the holdout part (last 225, not looked at while
// designing rules) and all 625, plus the time to process all 625 abstracts.
//
// Uses out/src/core/abbreviations.js when it is newer than the source, otherwise compiles
// src/core/abbreviations.ts in memory with esbuild.
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const DATA = path.resolve(ROOT, '..', 'shared', 'data', 'med625_dev_labeled.txt');
const DEV_SIZE = 400;

function loadEngine() {
  const src = path.join(ROOT, 'src', 'core', 'abbreviations.ts');
  const out = path.join(ROOT, 'out', 'src', 'core', 'abbreviations.js');
  if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= fs.statSync(src).mtimeMs) return require(out);
  const esbuild = require('esbuild');
  const res = esbuild.buildSync({ entryPoints: [src], bundle: true, write: false, platform: 'node', format: 'cjs', target: 'node20' });
  const m = { exports: {} };
  new Function('module', 'exports', 'require', res.outputFiles[0].text)(m, m.exports, require);
  return m.exports;
}

/** Parses the corpus: PMID line, title, abstract line(s), `  SF|LF` gold lines, `//` notes. */
function parseCorpus(raw) {
  const docs = [];
  for (const block of raw.replace(/\r\n/g, '\n').split(/\n{2,}/)) {
    const lines = block.split('\n');
    while (lines.length && !lines[0].trim()) lines.shift();
    if (!lines.length) continue;
    const pmid = lines[0].trim();
    if (!/^\d+$/.test(pmid)) throw new Error(`unexpected block start: ${lines[0].slice(0, 60)}`);
    const text = [];
    const gold = [];
    for (const l of lines.slice(1)) {
      if (l.startsWith('//')) continue; // annotators' notes and commented-out pairs
      if (/^ {2}\S/.test(l) && l.includes('|')) {
        const bar = l.indexOf('|');
        gold.push([l.slice(0, bar).trim(), l.slice(bar + 1).trim()]);
      } else text.push(l);
    }
    docs.push({ pmid, text: text.join('\n'), gold });
  }
  return docs;
}

const norm = (s) => s.replace(/\s+/g, ' ').trim();
const key = (sf, lf) => `${norm(sf)}|${norm(lf).toLowerCase()}`;

function score(docs, results) {
  let tp = 0, fp = 0, fn = 0;
  const errors = [];
  docs.forEach((d, i) => {
    const gold = new Set(d.gold.map(([s, l]) => key(s, l)));
    const found = new Set(results[i].map((r) => key(r.short, r.long)));
    for (const k of found) {
      if (gold.has(k)) tp++;
      else { fp++; errors.push({ pmid: d.pmid, kind: 'FP', pair: k, r: results[i].find((r) => key(r.short, r.long) === k) }); }
    }
    for (const k of gold) if (!found.has(k)) { fn++; errors.push({ pmid: d.pmid, kind: 'FN', pair: k }); }
  });
  const p = tp / (tp + fp || 1), r = tp / (tp + fn || 1);
  return { tp, fp, fn, p, r, f: (2 * p * r) / (p + r || 1), errors };
}

function main() {
  const args = process.argv.slice(2);
  if (!fs.existsSync(DATA)) {
    console.log(`skipped: ${DATA} not found (the benchmark needs ../shared/data)`);
    return;
  }
  const errorsArg = args.includes('--errors') ? args[args.indexOf('--errors') + 1] || 'dev' : undefined;
  const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 5;
  const { findAbbreviations } = loadEngine();
  const docs = parseCorpus(fs.readFileSync(DATA, 'latin1'));
  if (docs.length !== 625) console.log(`warning: ${docs.length} abstracts parsed (expected 625)`);

  let results;
  const times = [];
  for (let k = 0; k < runs; k++) {
    const t0 = process.hrtime.bigint();
    results = docs.map((d) => findAbbreviations(d.text));
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const chars = docs.reduce((a, d) => a + d.text.length, 0);
  const parts = [
    ['dev (1-400)', 0, DEV_SIZE],
    ['holdout (401-625)', DEV_SIZE, docs.length],
    ['all 625', 0, docs.length],
  ];
  const fmt = (x) => (100 * x).toFixed(1).padStart(5);
  console.log('part                  pairs    TP   FP   FN      P      R     F1');
  const scored = {};
  for (const [name, a, b] of parts) {
    const s = score(docs.slice(a, b), results.slice(a, b));
    scored[name.split(' ')[0]] = s;
    console.log(`${name.padEnd(20)} ${String(s.tp + s.fn).padStart(6)} ${String(s.tp).padStart(5)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}  ${fmt(s.p)}  ${fmt(s.r)}  ${fmt(s.f)}`);
  }
  times.sort((x, y) => x - y);
  console.log(`time: all ${docs.length} abstracts (${(chars / 1e6).toFixed(2)} MB): best ${times[0].toFixed(0)} ms, median ${times[Math.floor(times.length / 2)].toFixed(0)} ms, worst ${times[times.length - 1].toFixed(0)} ms (the first, cold run) over ${runs} runs`);
  console.log('reference: Ab3P P 96.0 / R 83.3 / F1 89.2 on MED1250');
  if (errorsArg) {
    const s = scored[errorsArg === 'holdout' ? 'holdout' : errorsArg === 'all' ? 'all' : 'dev'];
    for (const e of s.errors) {
      const doc = docs.find((d) => d.pmid === e.pmid);
      const sf = e.pair.split('|')[0];
      const at = doc.text.indexOf(sf);
      const ctx = at >= 0 ? doc.text.slice(Math.max(0, at - 80), at + sf.length + 20).replace(/\n/g, ' / ') : '';
      console.log(`${e.kind} ${e.pmid} ${e.pair}${e.r ? ` [${e.r.strategy}]` : ''}\n     ${ctx}`);
    }
  }
}

module.exports = { parseCorpus, score };
if (require.main === module) main();
