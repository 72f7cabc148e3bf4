#!/usr/bin/env node
// Incremental re-check benchmark (issues 3 and 4: re-checking a 10,000-line document after a
// one-character edit in under 5 ms). A generated 10,000-line Markdown draft (headings, prose
// with glossary terms, claims from the labelled set, Pandoc citations, typos, discouraged
// forms, lists, tables, code blocks) is checked with the shipped data and vocabulary; then
// 600 one-character edits at random lines are re-checked with IncrementalCheck (one in ten
// inserts a line break or deletes it again: about 55 line-break edits; use --edits 2000 for
// a steadier p95 of those).
//
//   npm run build && node bench/incremental.js [--edits N] [--seed N] [--verify]
//
// --verify also runs a full check after every edit and counts differences (slow).
// Edits during which V8 ran a garbage collection are counted, with the p95 without them:
// on a busy 2-core machine those pauses (and the OS giving the core to another process)
// make most of the slow edits. Prints figures; asserts nothing.
'use strict';
const fs = require('fs');
const path = require('path');
const { performance, PerformanceObserver } = require('perf_hooks');
const YAML = require('yaml');

const root = path.resolve(__dirname, '..');
const req = (p) => require(path.join(root, 'out', p));
if (!fs.existsSync(path.join(root, 'out/src/core/incremental.js'))) {
  console.error('bench/incremental.js: build first with `npm run build`');
  process.exit(2);
}
const { openProject } = req('src/node/project.js');
const { IncrementalCheck } = req('src/core/incremental.js');
const { rng } = req('test/support/random.js');
const { Engine } = req('src/core/engine.js');
const { analyze } = req('src/core/document.js');
const { claimCheckerFactory } = req('src/core/claims/checker.js');
const { createTypoChecker, createPreferredFormChecker } = req('src/core/typos/index.js');

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const EDITS = opt('--edits', 600);
const SEED = opt('--seed', 42);
const verify = args.includes('--verify');

const now = () => process.hrtime.bigint();
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const f2 = (x) => x.toFixed(2);

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});

async function main() {
  // ---- the draft ----------------------------------------------------------------------------
  const project = await openProject({ cwd: root });
  if (project.vocabularyError) console.log(`(typo vocabulary not loaded: ${project.vocabularyError})`);
  const engine = project.engine;
  const { findCitations } = req('src/core/citations/inText.js');
  // Claim sentences from the labelled set whose citations are Pandoc ones (the draft's style).
  const claims = YAML.parse(fs.readFileSync(path.join(root, 'test/fixtures/claims/labelled.yaml'), 'utf8'))
    .items.map((i) => i.text)
    .filter((t) => !t.includes('\n') && findCitations(t).every((c) => c.style === 'pandoc'));
  const prose = [
    'Patients were followed up every three months and their serum IL-2 was measured.',
    'Regulatory T cells were counted by flow cytometry [@humrich2016].',
    'The protocol was approved by the local ethics committee.',
    'Adverse events were graded with the usual criteria and were reviewed each month.',
    'We measured interleukin levels and cytokine output in serum samples.',
    'Serum IL-2 was measured in duplicate, as described before [@he2016].',
    'Treatment with tocilizumab was stopped in two patients with systemic lupus erythematosus.',
    'CD4+ T cells, Tregs and Th17 cells were sorted before culture.',
    'The autoimmune response was described in an earlier report [@zaman2022].',
    'Low-dose IL-2 was given on five consecutive days in each cycle.',
  ];
  // Sentences with a typo or a discouraged form (about one sentence in twelve).
  const flawed = [
    'Adverse events were recentlv reviewed by two physicians.',
    'We measured interlukin levels in every sample.',
    'Serum IL2 was measured in duplicate.',
    'The autoimmmune response was mild in most patients.',
    'Cytokin output fell after the second cycle.',
    'Patients with lupas were enrolled at three centres.',
  ];
  const rand = rng(SEED);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const lines = ['---', 'title: A 10,000-line draft', 'bibliography: refs.bib', '---', ''];
  let section = 0;
  while (lines.length < 10000) {
    const r = rand();
    if (r < 0.05) lines.push(`## Section ${++section}`, '');
    else if (r < 0.12) {
      for (let i = 0; i < 3; i++) lines.push(`- ${pick(rand() < 0.3 ? claims : rand() < 0.08 ? flawed : prose)}`);
      lines.push('');
    } else if (r < 0.15) lines.push('| Marker | Finding |', '|---|---|', `| IL-2 | ${pick(prose)} |`, `| IL2 | ${pick(prose)} |`, '');
    else if (r < 0.17) lines.push('```r', 'il2 <- read.csv("interlukin.csv")', 'summary(il2)', '```', '');
    else {
      const n = 1 + Math.floor(rand() * 4);
      const sentence = () => pick(rand() < 0.08 ? flawed : prose);
      for (let i = 0; i < n; i++) lines.push(`${rand() < 0.3 ? pick(claims) : sentence()} ${sentence()}`);
      lines.push('');
    }
  }
  lines.length = 10000;
  let text = lines.join('\n');
  const uri = 'bench://draft.md';
  const doc = (t, version) => ({ uri, languageId: 'markdown', text: t, version, references: [] });

  console.log(`draft: ${lines.length} lines, ${(text.length / 1024).toFixed(0)} KiB`);
  console.log(`load average: ${require('os').loadavg().map((x) => x.toFixed(1)).join(' ')} (2 cores; figures are noisy when other work runs)`);

  // ---- full check ---------------------------------------------------------------------------
  const fullTimes = [];
  const analyzeTimes = [];
  let fullFindings;
  for (let i = 0; i < 5; i++) {
    const t = i % 2 ? text.replace('Section 1\n', 'Section 1 \n') : text; // cold sentence caches for the changed part only
    let t0 = now();
    const a = analyze(doc(t, 1));
    analyzeTimes.push(ms(t0));
    t0 = now();
    fullFindings = engine.check(a);
    fullTimes.push(ms(t0) + analyzeTimes[analyzeTimes.length - 1]);
  }
  console.log(`\nfull check (engine.check, warm caches): median ${f2(quantile(fullTimes, 0.5))} ms of 5, of which document analysis ${f2(quantile(analyzeTimes, 0.5))} ms; ${fullFindings.length} findings`);

  const inc = new IncrementalCheck(engine);
  let t0 = now();
  inc.checkFull(doc(text, 1));
  console.log(`IncrementalCheck.checkFull (full check + the state kept for edits): ${f2(ms(t0))} ms`);

  // ---- one-character edits ------------------------------------------------------------------
  const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
  let version = 1;
  const all = [];
  const region = [];
  const regionLines = [];
  const reasons = new Map();
  let exact = 0;
  let mismatches = 0;
  const regionDocs = [];
  let curLines = text.split('\n');
  // Each insertion of a letter at a random place is followed by its deletion (typing, then
  // correcting), so the draft stays the draft and every edit is a one-character change.
  let undo;
  const byKind = { letters: [], lines: [] };
  // Garbage collections, to tell which edits had one inside (entries arrive asynchronously).
  const gcs = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcs.push([e.startTime, e.startTime + e.duration]);
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const spans = { letters: [], lines: [] };
  for (let e = 0; e < EDITS; e++) {
    let change;
    if (undo) {
      change = undo;
      undo = undefined;
      const { start, end } = change.range;
      curLines.splice(start.line, end.line - start.line + 1, curLines[start.line].slice(0, start.character) + curLines[end.line].slice(end.character));
    } else {
      const line = Math.floor(rand() * curLines.length);
      const character = Math.floor(rand() * (curLines[line].length + 1));
      // One keystroke in ten is Enter (the lines after the edit move down).
      const ch = rand() < 0.1 ? '\n' : LETTERS[Math.floor(rand() * LETTERS.length)];
      change = { range: { start: { line, character }, end: { line, character } }, text: ch };
      const l = curLines[line];
      if (ch === '\n') {
        undo = { range: { start: { line, character }, end: { line: line + 1, character: 0 } }, text: '' };
        curLines.splice(line, 1, l.slice(0, character), l.slice(character));
      } else {
        undo = { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' };
        curLines[line] = l.slice(0, character) + ch + l.slice(character);
      }
    }
    version++;
    const p1 = performance.now();
    const t1 = now();
    const r = inc.check({ uri, languageId: 'markdown', version, references: [] }, [change], () => curLines.join('\n'));
    const took = ms(t1);
    all.push(took);
    const kind = change.text === '\n' || change.range.end.line > change.range.start.line ? 'lines' : 'letters';
    byKind[kind].push(took);
    spans[kind].push([p1, performance.now()]);
    if (r.mode === 'region') {
      region.push(took);
      regionLines.push(r.region.end - r.region.start);
      if (r.exact) exact++;
      regionDocs.push(curLines.slice(r.region.start, r.region.end).join('\n'));
    } else reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
    if (verify) {
      const want = engine.check(doc(curLines.join('\n'), version));
      if (JSON.stringify(want) !== JSON.stringify(r.findings)) mismatches++;
    }
  }
  text = curLines.join('\n');
  await new Promise((resolve) => setTimeout(resolve, 50));
  for (const e of gcObserver.takeRecords()) gcs.push([e.startTime, e.startTime + e.duration]);
  gcObserver.disconnect();
  const withGc = (kind) => spans[kind].map(([a, b]) => gcs.some(([s, e]) => s < b && e > a));
  const gcNote = (kind) => {
    const hit = withGc(kind);
    const rest = byKind[kind].filter((_, i) => !hit[i]);
    return `; ${hit.filter(Boolean).length} with a GC pause inside, p95 without them ${f2(quantile(rest, 0.95))} ms`;
  };
  console.log(`\n${EDITS} one-character edits at random lines (seed ${SEED}; each inserted letter or line break (1 in 10) deleted again by the next edit), IncrementalCheck.check:`);
  console.log(`  all edits:     median ${f2(quantile(all, 0.5))} ms, p95 ${f2(quantile(all, 0.95))} ms, max ${f2(Math.max(...all))} ms`);
  console.log(`  region checks: ${region.length} (${exact} exact), median ${f2(quantile(region, 0.5))} ms, p95 ${f2(quantile(region, 0.95))} ms; region size median ${quantile(regionLines, 0.5)} lines, max ${Math.max(...regionLines)}`);
  console.log(`  letters:       ${byKind.letters.length}, median ${f2(quantile(byKind.letters, 0.5))} ms, p95 ${f2(quantile(byKind.letters, 0.95))} ms${gcNote('letters')}`);
  console.log(`  line breaks:   ${byKind.lines.length} (Enter, or its deletion; the findings after the edit move), median ${f2(quantile(byKind.lines, 0.5))} ms, p95 ${f2(quantile(byKind.lines, 0.95))} ms, max ${f2(Math.max(...byKind.lines))} ms${gcNote('lines')}`);
  if (reasons.size) console.log(`  full checks:   ${EDITS - region.length} (${[...reasons].map(([k, v]) => `${k}: ${v}`).join(', ')})`);
  if (verify) console.log(`  verified against a full check after every edit: ${mismatches} difference(s)`);

  // The editor's full check when the writer pauses, with the state of those edits kept.
  const shown = new Set(inc.findings(uri) ?? []);
  t0 = now();
  const reconciled = inc.checkFull(doc(text, ++version)).findings;
  console.log(`  full check after the edits (the editor's reconcile on a pause): ${f2(ms(t0))} ms; ${reconciled.filter((f) => shown.has(f)).length} of ${reconciled.length} finding objects kept (their diagnostics stay valid)`);

  // ---- where the region time goes: each checker alone on the same region documents ----------
  const parts = [
    ['document analysis', (d) => analyze(d)],
    ['claims', ((e) => (d) => e.check(analyze(d)))(new Engine(engine.data, engine.settings, [claimCheckerFactory]))],
    ['typo', ((e) => (d) => e.check(analyze(d)))(new Engine(engine.data, engine.settings, [createTypoChecker]))],
    ['preferred-form', ((e) => (d) => e.check(analyze(d)))(new Engine(engine.data, engine.settings, [createPreferredFormChecker]))],
  ];
  // Warm each engine's caches with the unchanged draft (as in the editor), then time the regions.
  for (const [, run] of parts.slice(1)) run(doc(text, 0));
  console.log('\nregion time by part (same region documents, each checker alone; analysis included for checkers):');
  for (const [name, run] of parts) {
    const times = regionDocs.map((t, i) => {
      const t2 = now();
      run(doc(t, i));
      return ms(t2);
    });
    console.log(`  ${name.padEnd(18)} median ${f2(quantile(times, 0.5))} ms, p95 ${f2(quantile(times, 0.95))} ms`);
  }
}
