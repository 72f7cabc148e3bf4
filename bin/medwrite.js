#!/usr/bin/env node
'use strict';
require('../out/src/cli/main.js').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`medwrite: ${err && err.stack ? err.stack : err}\n`); process.exitCode = 2; }
);
