#!/usr/bin/env node
// Writes dist/cli.js.cache, the V8 code cache bin/medwrite.js runs the bundled CLI with. It is
// made after a check of examples/ with every rule, so it holds the functions a check runs
// (V8 caches only the functions compiled so far). Run by `npm run build`, after the bundle
// and the vocabulary (without the vocabulary the typo rule would not run).
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const bundle = path.join(root, 'dist', 'cli.js');
fs.rmSync(`${bundle}.cache`, { force: true });
const { loadCli } = require(path.join(root, 'bin', 'medwrite.js'));
const { cli, writeCache } = loadCli(bundle);
const silent = { cwd: root, stdout: () => undefined, stderr: (t) => process.stderr.write(t), isTty: false };
cli.main(['check', 'examples'], silent).then((code) => {
  if (code === 2) throw new Error('the check of examples/ failed');
  writeCache();
  console.log(`CLI code cache: ${(fs.statSync(`${bundle}.cache`).size / 1024).toFixed(0)} KB -> ${path.relative(root, bundle)}.cache`);
}).catch((err) => {
  console.error(`build-cli-cache: ${err.message}`);
  process.exit(1);
});
