#!/usr/bin/env node
// Claim check benchmark and evaluation:
//  1. precision and recall per rule (and for claim detection) on the labelled set
//     test/fixtures/claims/labelled.yaml;
//  2. claim checking of the 625 MED625 abstracts (no claim of our base is expected there:
//     every finding is a false alarm and is listed);
//  3. a generated 10,000-line draft: full check, then re-check after a one-sentence edit.
// Run: npx tsc -p . && node bench/claims.js [--verbose] [--abstracts FILE]
'use strict';
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');
const YAML = require('yaml');

const root = path.resolve(__dirname, '..');
const out = (p) => path.join(root, 'out', p);
if (!fs.existsSync(out('src/core/claims/checker.js'))) {
  console.error('bench/claims.js: compile first with `npx tsc -p .`');
  process.exit(2);
}
const { loadData } = require(out('src/node/load.js'));
const { analyze } = require(out('src/core/document.js'));
const { GlossaryIndex } = require(out('src/core/glossary.js'));
const { ClaimChecker, CLAIM_RULES } = require(out('src/core/claims/checker.js'));

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const absIdx = args.indexOf('--abstracts');
const abstractsFile = absIdx >= 0 ? args[absIdx + 1] : path.resolve(root, '../shared/data/med625_dev_labeled.txt');

const { data, issues } = loadData([path.join(root, 'glossary')]);
if (issues.length) console.error(`data issues: ${issues.length}`);
const glossary = new GlossaryIndex(data.terms);

// ---- 1. labelled set ---------------------------------------------------------------------
function evaluateLabelled(checker) {
  const items = YAML.parse(fs.readFileSync(path.join(root, 'test/fixtures/claims/labelled.yaml'), 'utf8')).items;
  const perRule = Object.fromEntries(CLAIM_RULES.map((r) => [r, { tp: 0, fp: 0, fn: 0 }]));
  const det = { tp: 0, fp: 0, fn: 0, wrongClaim: 0 };
  const errors = [];
  items.forEach((item, i) => {
    const lang = item.lang || 'markdown';
    const doc = analyze({ uri: `labelled-${i}`, languageId: lang, text: `${item.text}\n` });
    const dc = checker.analyzeDocument(doc);
    const got = new Set(dc.findings.map((f) => f.rule));
    const expected = new Set(item.expect || []);
    for (const r of CLAIM_RULES) {
      if (got.has(r) && expected.has(r)) perRule[r].tp++;
      else if (got.has(r)) perRule[r].fp++;
      else if (expected.has(r)) perRule[r].fn++;
    }
    const claims = dc.sentences.flatMap((s) => s.occurrences.map((o) => o.claim.id));
    const ok = item.claim ? claims.includes(item.claim) : claims.length === 0;
    if (item.claim && claims.includes(item.claim)) det.tp++;
    else if (item.claim && claims.length) {
      det.fn++;
      det.fp++;
      det.wrongClaim++;
    } else if (item.claim) det.fn++;
    else if (claims.length) det.fp++;
    const ruleOk = [...CLAIM_RULES].every((r) => got.has(r) === expected.has(r));
    if (!ok || !ruleOk) {
      errors.push({ text: item.text, claim: item.claim, got: claims, expect: [...expected], rules: [...got], why: dc.sentences.map((s) => s.analysis.match.negated.map((n) => `${n.claim.id}: ${n.reason}`).join('; ')).filter(Boolean).join(' | ') });
    }
  });
  return { n: items.length, perRule, det, errors };
}

const pct = (a, b) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);

const checker = new ClaimChecker(data, glossary);
const ev = evaluateLabelled(checker);
console.log(`Labelled set: ${ev.n} sentences (test/fixtures/claims/labelled.yaml)`);
console.log('rule                  TP  FP  FN  precision  recall');
for (const [r, c] of Object.entries(ev.perRule)) {
  console.log(`${r.padEnd(21)} ${String(c.tp).padStart(3)} ${String(c.fp).padStart(3)} ${String(c.fn).padStart(3)}  ${pct(c.tp, c.tp + c.fp).padStart(9)}  ${pct(c.tp, c.tp + c.fn).padStart(6)}`);
}
const d = ev.det;
console.log(`claim detection (right claim id): TP ${d.tp} FP ${d.fp} FN ${d.fn} (wrong claim ${d.wrongClaim})  precision ${pct(d.tp, d.tp + d.fp)}  recall ${pct(d.tp, d.tp + d.fn)}`);
if (ev.errors.length) {
  console.log(`\n${ev.errors.length} labelled sentences not as expected:`);
  for (const e of ev.errors) console.log(`  - ${e.text}\n      expected claim ${e.claim} rules [${e.expect}]; got claims [${e.got}] rules [${e.rules}]${e.why ? `\n      (${e.why})` : ''}`);
}

// ---- 2. MED625 abstracts -------------------------------------------------------------------
if (fs.existsSync(abstractsFile)) {
  const raw = fs.readFileSync(abstractsFile, 'utf8');
  const abstracts = [];
  // Records: a PubMed id line, the title, the abstract, then `  SF|LF` gold lines.
  let cur;
  for (const line of raw.split(/\r?\n/)) {
    if (/^\d{5,9}\s*$/.test(line)) {
      cur = { id: line.trim(), lines: [] };
      abstracts.push(cur);
    } else if (cur && line.trim() && !/^\s+\S.*\|/.test(line)) cur.lines.push(line);
  }
  for (const a of abstracts) a.text = a.lines.join('\n\n');
  const c2 = new ClaimChecker(data, glossary);
  const t0 = performance.now();
  let chars = 0;
  let sentences = 0;
  let quiet = 0;
  const alarms = [];
  for (const a of abstracts) {
    chars += a.text.length;
    const doc = analyze({ uri: a.id, languageId: 'plaintext', text: a.text });
    const dc = c2.analyzeDocument(doc);
    sentences += c2.stats.sentences;
    quiet += c2.stats.quietBlocks;
    for (const f of dc.findings) alarms.push({ id: a.id, rule: f.rule, text: doc.text.slice(doc.offsetAt(f.range.start), doc.offsetAt(f.range.end)), message: f.message });
  }
  const ms = performance.now() - t0;
  console.log(`\nMED625: ${abstracts.length} abstracts, ${(chars / 1024).toFixed(0)} KiB, ${sentences} sentences checked (and ${quiet} paragraphs with nothing to report, not split) in ${ms.toFixed(0)} ms (${((chars / 1024 / 1024) / (ms / 1000)).toFixed(1)} MiB/s)`);
  console.log(`false alarms: ${alarms.length}`);
  for (const a of alarms) console.log(`  ${a.id} ${a.rule}: ${a.text.slice(0, 160).replace(/\s+/g, ' ')}${verbose ? `\n      ${a.message}` : ''}`);
} else {
  console.log(`\n(MED625 file not found: ${abstractsFile})`);
}

// ---- 3. a 10,000-line draft ------------------------------------------------------------------
function draft(items, every) {
  const filler = [
    'Patients were followed up every three months.',
    'Table 2 lists the baseline characteristics of the cohort.',
    'The protocol was approved by the local ethics committee.',
    'Adverse events were graded with the usual criteria.',
  ];
  const lines = ['---', 'title: Generated draft', '---', ''];
  let k = 0;
  while (lines.length < 10000) {
    if (k % 40 === 0) lines.push(`## Section ${k / 40 + 1}`, '');
    const a = k % every === 0 ? items[(k / every) % items.length].text : filler[(k + 2) % filler.length];
    lines.push(`${a} ${filler[k % filler.length]}`, `${filler[(k + 1) % filler.length]} Paragraph ${k}.`, '');
    k++;
  }
  return { text: lines.slice(0, 10000).join('\n'), paragraphs: k };
}
const { median } = require('./common');
const items = YAML.parse(fs.readFileSync(path.join(root, 'test/fixtures/claims/labelled.yaml'), 'utf8')).items;
for (const [label, every] of [['claim-dense (a labelled sentence in every paragraph)', 1], ['typical (a labelled sentence in every 8th paragraph)', 8]]) {
  const { text, paragraphs } = draft(items, every);
  const c3 = new ClaimChecker(data, glossary);
  let t = performance.now();
  const doc = analyze({ uri: 'draft.md', languageId: 'markdown', text });
  const tAnalyze = performance.now() - t;
  t = performance.now();
  const findings = c3.check(doc);
  const tFull = performance.now() - t;
  const full = { ...c3.stats };
  // Edit one sentence in the middle and re-check, alternating between two versions.
  const target = `Paragraph ${Math.floor(paragraphs / 2)}.`;
  const at = text.indexOf(target);
  const edited = `${text.slice(0, at)}Paragraph ${Math.floor(paragraphs / 2)} was revised.${text.slice(at + target.length)}`;
  const docs = [analyze({ uri: 'draft.md', languageId: 'markdown', text: edited }), doc];
  const times = [];
  const analyzeTimes = [];
  let stats;
  for (let rep = 0; rep < 9; rep++) {
    let t1 = performance.now();
    analyze({ uri: 'draft.md', languageId: 'markdown', text: rep % 2 === 0 ? edited : text });
    analyzeTimes.push(performance.now() - t1);
    t1 = performance.now();
    c3.check(docs[rep % 2]);
    times.push(performance.now() - t1);
    if (rep === 0) stats = { ...c3.stats };
  }
  console.log(`\n10,000-line draft, ${label}: ${(text.length / 1024).toFixed(0)} KiB, ${full.sentences} sentences, ${findings.length} findings`);
  console.log(`  full check: ${tFull.toFixed(1)} ms (+ ${tAnalyze.toFixed(1)} ms document analysis, AnalyzedDocument)`);
  console.log(`  re-check after a one-sentence edit: ${median(times).toFixed(1)} ms median of 9 (claim checker; first re-check re-examined ${stats.examined} sentence(s), reused ${stats.reused}) + ${median(analyzeTimes).toFixed(1)} ms document analysis`);
}
