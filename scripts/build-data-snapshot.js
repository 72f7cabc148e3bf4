#!/usr/bin/env node
// Writes dist/data-snapshot.json: the validated parse of each shipped glossary file,
// keyed by a hash of its bytes, so activation need not parse YAML or compile schemas.
// Run by `npm run build` after tsc. A file whose bytes change is simply parsed again.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const { parseDataFile, contentHash, dataFilesOf, SNAPSHOT_FILE } = require(path.join(root, 'out/src/node/load.js'));

const snapshot = {};
for (const file of dataFilesOf([path.join(root, 'glossary')])) {
  const text = fs.readFileSync(file, 'utf8');
  snapshot[contentHash(text)] = parseDataFile(file, text); // throws on invalid data: the build fails
}
const out = path.join(root, 'dist', SNAPSHOT_FILE);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(snapshot));
console.log(`data snapshot: ${Object.keys(snapshot).length} files -> ${path.relative(root, out)}`);
