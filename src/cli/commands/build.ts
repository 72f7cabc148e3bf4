// `medwrite build SOURCE... --out DIR`: drafts terms.yaml, references.yaml and claims.yaml in
// DIR from plain text, Markdown and PubMed records (files or folders), merging into the
// files already in DIR (curated entries are kept as they are).
//
// Exit status: 0 every source read and every output written; 1 some sources were skipped
// (missing, empty, binary, too large) or an existing output file could not be parsed and
// was left untouched (each is named on stderr; the rest was processed); 2 usage error.
import * as path from 'path';
import { buildGlossary, BuildProgress, expandSources } from '../../node/build';
import { loadData, shippedGlossaryDir } from '../../node/load';
import type { Term } from '../../core/data';
import { CliIo, Command, UsageError } from '../io';
import { parseArgs } from '../args';
import { displayPath } from '../output';

/** From this many files on, a progress bar is drawn (on a terminal only). */
const PROGRESS_MIN_FILES = 5;

export const build: Command = async (args: string[], io: CliIo) => {
  const opts = parseArgs(args, { out: 'string', 'without-shipped': 'boolean', quiet: 'boolean' });
  const out = opts.values.out as string | undefined;
  if (!out) throw new UsageError('missing --out DIR (usage: medwrite build SOURCE... --out DIR)');
  if (!opts.positionals.length) throw new UsageError('no sources given (usage: medwrite build SOURCE... --out DIR)');
  const sources = opts.positionals.map((s) => path.resolve(io.cwd, s));
  const outDir = path.resolve(io.cwd, out);

  let knownTerms: Term[] = [];
  if (!opts.values['without-shipped']) {
    const shipped = loadData([shippedGlossaryDir()]);
    knownTerms = shipped.data.terms;
  }

  const total = expandSources(sources, io.cwd).files.length;
  let onProgress: BuildProgress | undefined;
  let bar: { start(total: number, value: number, payload?: object): void; update(value: number, payload?: object): void; stop(): void } | undefined;
  if (io.isTty && total >= PROGRESS_MIN_FILES && !opts.values.quiet) {
    const cliProgress = require('cli-progress') as typeof import('cli-progress');
    bar = new cliProgress.SingleBar(
      { format: 'medwrite build [{bar}] {value}/{total} files  {file}', stream: process.stderr, clearOnComplete: true, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { file: '' });
    onProgress = (done, _total, file) => bar!.update(done, { file: path.basename(file).slice(0, 40) });
  }
  let result;
  try {
    result = await buildGlossary(sources, outDir, onProgress, { knownTerms });
  } finally {
    bar?.stop();
  }

  let problems = 0;
  for (const f of result.files) {
    const shown = displayPath(f.file, io.cwd);
    if (f.status === 'skipped') {
      io.stderr(`medwrite: ${shown}: ${f.message}; skipped\n`);
      problems++;
    } else if (f.status === 'latin1') io.stderr(`medwrite: ${shown}: ${f.message}\n`);
  }
  for (const o of result.outputs) {
    const shown = displayPath(o.file, io.cwd);
    if (o.error) {
      io.stderr(`medwrite: ${shown}: ${o.error}; left unchanged\n`);
      problems++;
    } else if (!opts.values.quiet) io.stdout(`${shown}: ${o.added} added, ${o.kept} kept\n`);
  }
  const read = result.files.filter((f) => f.status !== 'skipped').length;
  if (!opts.values.quiet) io.stdout(`${read} of ${result.files.length} source files read; ${result.abbreviations.length} abbreviation definitions found\n`);
  return problems ? 1 : 0;
};
