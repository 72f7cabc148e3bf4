#!/usr/bin/env node
// CI check: the shipped glossary must be reproducible from the source documents.
//
//   node scripts/check-seeds.js
//
// Runs the builder (`medwrite build`, src/node/build.ts) over ../shared/seeds and confirms
// that every abbreviation it finds there is either a form of a term in glossary/terms.yaml
// (its preferred form, one of its abbreviations or variants) or recorded as rejected, with
// a reason, in glossary/curation.yaml. Exits 1 with the list of unaccounted abbreviations,
// 0 when all are accounted for. Needs ../shared (beside the repository): without it the
// check is skipped with a message (exit 0).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const SEEDS = path.resolve(ROOT, '..', 'shared', 'seeds');
const TERMS = path.join(ROOT, 'glossary', 'terms.yaml');
const CURATION = path.join(ROOT, 'glossary', 'curation.yaml');

function loadBuilder() {
  const src = path.join(ROOT, 'src', 'node', 'build.ts');
  const out = path.join(ROOT, 'out', 'src', 'node', 'build.js');
  if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= fs.statSync(src).mtimeMs) return require(out);
  // Compile the builder in memory (node_modules packages stay external).
  const esbuild = require('esbuild');
  const res = esbuild.buildSync({ entryPoints: [src], bundle: true, write: false, platform: 'node', format: 'cjs', target: 'node20', packages: 'external' });
  const m = { exports: {} };
  new Function('module', 'exports', 'require', '__dirname', '__filename', res.outputFiles[0].text)(m, m.exports, require, path.dirname(src), src);
  return m.exports;
}

async function main() {
  if (!fs.existsSync(SEEDS)) {
    console.log(`check-seeds: skipped, ${SEEDS} not found (the check needs ../shared beside the repository)`);
    return 0;
  }
  const YAML = require('yaml');
  const terms = (YAML.parse(fs.readFileSync(TERMS, 'utf8')) || {}).terms || [];
  const curation = fs.existsSync(CURATION) ? YAML.parse(fs.readFileSync(CURATION, 'utf8')) || {} : {};
  const rejected = curation.rejected || [];
  const problems = [];
  for (const r of rejected) {
    if (!r || typeof r.short !== 'string' || typeof r.reason !== 'string' || !r.reason.trim()) {
      problems.push(`glossary/curation.yaml: every rejection needs 'short' and a 'reason' (got ${JSON.stringify(r)})`);
    }
  }
  const forms = new Map();
  for (const t of terms) {
    for (const f of [t.preferred, ...(t.abbreviations || []), ...(t.variants || [])]) if (typeof f === 'string') forms.set(f, t.id);
  }

  const { buildGlossary } = loadBuilder();
  const seedFiles = fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(SEEDS, f));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'medwrite-seeds-'));
  let result;
  try {
    result = await buildGlossary(seedFiles, tmp, undefined, { provenanceBase: SEEDS });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  for (const f of result.files) if (f.status === 'skipped') problems.push(`${path.basename(f.file)}: ${f.message}`);

  const used = new Set();
  const missing = [];
  const seen = new Set();
  for (const a of result.abbreviations) {
    const key = `${a.short}|${a.long.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (forms.has(a.short)) continue;
    const rej = rejected.findIndex((r) => r && r.short === a.short && (!r.long || String(r.long).toLowerCase() === a.long.toLowerCase()));
    if (rej >= 0) {
      used.add(rej);
      continue;
    }
    missing.push(`  ${a.short} = ${a.long}   (${a.file}:${a.line})`);
  }
  // Mark rejections of known terms as used too, so only stale ones are reported.
  rejected.forEach((r, i) => {
    if (r && [...seen].some((k) => k.split('|')[0] === r.short)) used.add(i);
  });
  const stale = rejected.filter((r, i) => r && !used.has(i));

  console.log(`check-seeds: ${seedFiles.length} seed files, ${seen.size} distinct abbreviation definitions found`);
  for (const s of stale) console.log(`  note: curation.yaml rejects '${s.short}', which the builder no longer finds`);
  if (missing.length) {
    problems.push(
      `abbreviations found in the seeds but neither in glossary/terms.yaml (preferred, abbreviations or variants)\n` +
        `nor rejected in glossary/curation.yaml:\n${missing.join('\n')}`,
    );
  }
  if (problems.length) {
    console.error(`check-seeds: FAILED\n${problems.join('\n')}`);
    return 1;
  }
  console.log('check-seeds: ok, every abbreviation is in the glossary or recorded as rejected');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(`check-seeds: ${err && err.stack ? err.stack : err}`);
    process.exitCode = 2;
  },
);
