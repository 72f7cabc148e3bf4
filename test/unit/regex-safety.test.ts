// No pattern may backtrack catastrophically. Each text function gets 1 MB pathological lines
// (one repeated unit, no line breaks) and must scale linearly: the time for 1 MB is compared
// with the time for 64 KB (16x input). Linear code gives a ratio near 16, quadratic code near
// 256; we fail above 64, which leaves a factor of 4 for measurement noise either way. This
// compares two runs of the same code (CPU time, not a wall-clock limit); a suspicious ratio
// is re-measured (best of five) so a busy machine does not fail it.
import * as assert from 'assert';
import * as path from 'path';
import { analyze } from '../../src/core/document';
import { GlossaryIndex } from '../../src/core/glossary';
import { splitSentences } from '../../src/core/sentences';
import { findCitations } from '../../src/core/citations/inText';
import { ClaimChecker } from '../../src/core/claims/checker';
import { findQuantities } from '../../src/core/claims/quantity';
import { nonAssertiveReason } from '../../src/core/claims/matcher';
import { loadData } from '../../src/node/load';

const MB = 1024 * 1024;
const UNITS = [
  'a.', 'e.g. ', '[', '[@', '@a', '(', '(Smith et al. ', '\\cite{', '^1', '1,000,', '`', '<a ', '<!-- ', '$a', 'http://a',
  'a@b.', '[x](', '-', ' ', 'whether ', 'if ', 'IL-2 ', 'Tregs depend on IL-2 ', 'not ', '¹', '| ', '> ', '1. ',
  'at least one and a half million ',
];

const shipped = loadData([path.resolve(__dirname, '../../../glossary')]).data;
const checker = new ClaimChecker(shipped, new GlossaryIndex(shipped.terms));

const FUNCTIONS: Record<string, (text: string) => unknown> = {
  'document analysis (Markdown)': (t) => analyze({ uri: 'mem:x', languageId: 'markdown', text: t }),
  'document analysis (LaTeX)': (t) => analyze({ uri: 'mem:x', languageId: 'latex', text: t }),
  'sentence splitter': (t) => splitSentences(analyze({ uri: 'mem:x', languageId: 'plaintext', text: t })),
  'citation finder': (t) => findCitations(t, { latex: true }),
  'claim matcher': (t) => checker.analyzeSentence(t),
  'number reader': (t) => findQuantities(t),
  'assertion filter': (t) => nonAssertiveReason(t),
};

const repeatTo = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

/** CPU time of this process (not wall time), so other work on the machine barely moves it. */
function ms(fn: (t: string) => unknown, text: string): number {
  const start = process.cpuUsage();
  fn(text);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const LIMIT = 64;

/** Time(1 MB) / time(64 KB), best of up to five measurements. */
function ratio(fn: (t: string) => unknown, unit: string): number {
  const small = repeatTo(unit, MB / 16);
  const big = repeatTo(unit, MB);
  fn(repeatTo(unit, 4096)); // warm up the JIT
  let best = Infinity;
  let smallBest = Infinity;
  let bigBest = Infinity;
  for (let attempt = 0; attempt < 5 && best > LIMIT; attempt++) {
    smallBest = Math.min(smallBest, ms(fn, small));
    bigBest = Math.min(bigBest, ms(fn, big));
    // Very fast runs are dominated by noise: only ratios of measurable times count (quadratic
    // work on 1 MB takes far longer than 50 ms).
    best = bigBest < 50 ? 1 : bigBest / Math.max(smallBest, 1);
  }
  return best;
}

describe('regex safety: linear time on 1 MB pathological lines', function () {
  this.timeout(120000);
  for (const [name, fn] of Object.entries(FUNCTIONS)) {
    it(name, () => {
      const slow: string[] = [];
      for (const unit of UNITS) {
        const r = ratio(fn, unit);
        if (r > LIMIT) slow.push(`${JSON.stringify(unit)} x${r.toFixed(1)}`);
      }
      assert.deepStrictEqual(slow, [], `superlinear on: ${slow.join(', ')}`);
    });
  }
});
