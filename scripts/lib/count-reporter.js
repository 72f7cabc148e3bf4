// Mocha reporter for the unit suite: mocha's usual output (`spec`, or `dot` with --reporter-option style=dot),
// then a closing line `N passed, N failed` (and `, N skipped` when tests were skipped) that
// scripts/test-all.js and CI can count.
'use strict';

const Mocha = require('mocha');

const { Base, Spec, Dot } = Mocha.reporters;

class CountReporter extends Base {
  constructor(runner, options = {}) {
    super(runner, options);
    const opts = options.reporterOption || options.reporterOptions || {};
    const Inner = opts.style === 'dot' ? Dot : Spec;
    // The inner reporter prints the tests and the failures; this one only adds the closing line after them.
    new Inner(runner, options); // eslint-disable-line no-new
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const s = runner.stats || { passes: 0, failures: 0, pending: 0 };
      Base.consoleLog(`${s.passes} passed, ${s.failures} failed${s.pending ? `, ${s.pending} skipped` : ''}`);
    });
  }
}

module.exports = CountReporter;
