#!/usr/bin/env node
// Benchmark for citations with a generated 10,000-entry BibTeX bibliography:
// load (parse) time and the longest event-loop stall while loading, search-index build,
// first completion results, and quick-pick filtering per keystroke.
// Run: npx tsc -p . && node bench/citations.js [entries]
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');
const { median } = require('./common');

const root = path.resolve(__dirname, '..');
const out = (p) => path.join(root, 'out', p);
if (!fs.existsSync(out('src/node/bibliography.js'))) {
  console.error('bench/citations.js: compile first with `npx tsc -p .`');
  process.exit(2);
}
const { loadBibliographyFile, registerShippedStyles } = require(out('src/node/bibliography.js'));
const { CitationIndex, citationContextAt } = require(out('src/core/citations/complete.js'));
const { formatReference } = require(out('src/core/citations/format.js'));
const { analyze } = require(out('src/core/document.js'));

const N = Number(process.argv[2] || 10000);

// Deterministic pseudo-random generator, so every run measures the same file.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(rand() * list.length)];
const FAMILY = ['He', 'Zhang', 'Wei', 'Humrich', 'Zaman', 'Müller', 'García-López', 'Klatzmann', 'Rosenzwajg', 'Smith', 'Jones', 'Brown', 'Nguyen', 'Okafor', 'Kowalski', 'Rossi', 'Tanaka', 'Johansson', 'Dubois', 'Ahmed'];
const GIVEN = ['Jing', 'Xia', 'Anna', 'Jörg', 'María', 'David', 'Isra', 'Kenji', 'Olu', 'Marta'];
const WORDS = ['interleukin-2', 'regulatory', 'T cells', 'lupus', 'erythematosus', 'low-dose', 'therapy', 'randomised', 'trial', 'autoimmune', 'disease', 'cytokine', 'expansion', 'remission', 'safety', 'efficacy', 'children', 'mouse', 'model', 'review', 'outcomes', 'biomarkers', 'kidney', 'nephritis', 'immune', 'tolerance'];
const JOURNALS = ['Nature Medicine', 'Lupus', 'Annals of the Rheumatic Diseases', 'Arthritis & Rheumatology', 'Journal of Autoimmunity', 'Frontiers in Immunology', 'The Lancet Rheumatology', 'Clinical Immunology'];

function entry(i) {
  const authors = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => `${pick(FAMILY)}, ${pick(GIVEN)}`);
  const year = 1990 + Math.floor(rand() * 35);
  const title = Array.from({ length: 6 + Math.floor(rand() * 8) }, () => pick(WORDS)).join(' ');
  const key = `${authors[0].split(',')[0].toLowerCase().replace(/[^a-z]/g, '')}${year}${i.toString(36)}`;
  return `@article{${key},\n  title = {${title[0].toUpperCase()}${title.slice(1)}},\n  author = {${authors.join(' and ')}},\n  journal = {${pick(JOURNALS)}},\n  year = {${year}},\n  volume = {${1 + Math.floor(rand() * 40)}},\n  pages = {${100 + i % 800}--${110 + i % 800}},\n  doi = {10.1000/bench.${i}}\n}\n`;
}

const ms = (t) => `${t.toFixed(1)} ms`;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medwrite-bench-'));
  const file = path.join(dir, 'library.bib');
  fs.writeFileSync(file, Array.from({ length: N }, (_, i) => entry(i)).join('\n'));
  const size = fs.statSync(file).size;

  // Load while a timer measures how long the event loop is blocked at a time.
  let maxStall = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    maxStall = Math.max(maxStall, now - last);
    last = now;
  }, 1);
  const t0 = performance.now();
  const bib = await loadBibliographyFile(file);
  const loadMs = performance.now() - t0;
  clearInterval(timer);

  let maxIndexStall = 0;
  last = performance.now();
  const timer2 = setInterval(() => {
    const now = performance.now();
    maxIndexStall = Math.max(maxIndexStall, now - last);
    last = now;
  }, 1);
  const t1 = performance.now();
  const index = await CitationIndex.build(bib.items);
  const indexMs = performance.now() - t1;
  clearInterval(timer2);

  // First completion: context detection + search, as the completion provider does it.
  const text = `# Draft\n\nLow-dose IL-2 expands regulatory T cells [@`;
  const doc = analyze({ uri: 'mem:bench.md', languageId: 'markdown', text });
  const t2 = performance.now();
  const ctx = citationContextAt(doc, doc.positionAt(text.length));
  const first = index.search(ctx.query, 50);
  const firstMs = performance.now() - t2;

  const completionQueries = ['h', 'he', 'hum', 'mull', 'lupus', 'klatzman', 'nephritis 2019'];
  const completion = completionQueries.map((q) => {
    const times = [];
    const cpu = [];
    let hits;
    for (let r = 0; r < 5; r++) {
      const t = performance.now();
      const c = process.cpuUsage();
      hits = index.search(q, 50);
      const used = process.cpuUsage(c);
      times.push(performance.now() - t);
      cpu.push((used.user + used.system) / 1000);
    }
    return { q, first: times[0], med: median(times), cpu: median(cpu), n: hits.length, top: hits[0]?.ref.key };
  });
  // Quick pick: one search per keystroke while typing, 200 items shown.
  const perKey = [];
  const perKeyCpu = [];
  for (const typed of ['regulatory lupus', 'klatzmann 2019', 'nephritis']) {
    for (let k = 1; k <= typed.length; k++) {
      const t = performance.now();
      const c = process.cpuUsage();
      index.search(typed.slice(0, k), 200);
      const used = process.cpuUsage(c);
      perKey.push(performance.now() - t);
      perKeyCpu.push((used.user + used.system) / 1000);
    }
  }
  registerShippedStyles();
  const t3 = performance.now();
  formatReference(bib.items[0], 'ama');
  const fmtFirst = performance.now() - t3;
  const t4 = performance.now();
  for (let k = 1; k <= 20; k++) formatReference(bib.items[k], 'ama');
  const fmtNext = (performance.now() - t4) / 20;

  console.log(`citations benchmark: ${N} BibTeX entries (${(size / 1024 / 1024).toFixed(2)} MB), node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}`);
  console.log(`  load + parse (async):          ${ms(loadMs)}  (${bib.items.length} items, ${bib.issues.length} issues)`);
  console.log(`  longest event-loop stall:       ${ms(maxStall)}`);
  console.log(`  search index build (async):     ${ms(indexMs)}  (longest stall ${ms(maxIndexStall)})`);
  console.log(`  first completion after "[@":    ${ms(firstMs)}  (${first.length} items)`);
  for (const c of completion) console.log(`  completion "${c.q}":${' '.repeat(Math.max(1, 22 - c.q.length))}first ${ms(c.first)}, median of 5 ${ms(c.med)} (CPU ${ms(c.cpu)})  (${c.n} items, top ${c.top})`);
  const sorted = [...perKey].sort((a, b) => a - b);
  console.log(`  quick pick per keystroke (${perKey.length} keystrokes, 200 items): median ${ms(median(perKey))}, 95th pct ${ms(sorted[Math.floor(sorted.length * 0.95)])}, max ${ms(sorted[sorted.length - 1])}; CPU median ${ms(median(perKeyCpu))}, max ${ms(Math.max(...perKeyCpu))}`);
  console.log(`  format one reference (AMA): first ${ms(fmtFirst)}, then ${ms(fmtNext)} each`);
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
