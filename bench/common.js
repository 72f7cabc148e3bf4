// What the benchmark scripts share: their command line and the median.
'use strict';
const path = require('path');

const root = path.resolve(__dirname, '..');

/** The median of a list of numbers (the upper one of an even count). */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * `[FILE] [--runs N] [flags]`: the file to measure (default: the 625 abstracts in
 * ../shared/data) and the number of runs (default `defaultRuns`), with every argument.
 */
function benchArgs(defaultRuns) {
  const args = process.argv.slice(2);
  const runs = Number(args[args.indexOf('--runs') + 1]) || defaultRuns;
  const file = path.resolve(args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? path.join(root, '../shared/data/med625_dev_labeled.txt'));
  return { args, runs, file };
}

module.exports = { root, median, benchArgs };
