// `medwrite check`: runs the engine over files and prints findings.
import { forEachDocument, openProjectOrFail } from '../documents';
import { CliIo, Command, UsageError } from '../io';
import { FileFinding, formatJson, formatSarif, formatText, OutputFormat } from '../output';
import { parseArgs } from '../args';
import { Stopwatch } from '../timing';
import { packageVersion } from '../../node/packageRoot';
import { CHECK_OPTIONS, checkSettings, readsVocabulary } from '../checkOptions';

export const check: Command = async (args: string[], io: CliIo) => {
  const opts = parseArgs(args, CHECK_OPTIONS);
  const format = (opts.values.format ?? 'text') as OutputFormat;
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown format '${format}' (use text, json or sarif)`);
  if (!opts.positionals.length) throw new UsageError('no files given (usage: medwrite check [--format text|json|sarif] [--glossary DIR] [--rules ID,...] [--timing] FILE|DIR...)');
  const settings = checkSettings(opts.values.rules);

  const watch = opts.values.timing ? new Stopwatch() : undefined;
  const project = await openProjectOrFail(io, opts.values.glossary as string[] | undefined, { timing: watch, settings, vocabulary: readsVocabulary(settings) });
  if (project.vocabularyError) io.stderr(`medwrite: typo check unavailable: ${project.vocabularyError}\n`);
  if (watch) project.engine.timings = new Map();
  const results: FileFinding[] = [];
  const { unreadable } = await forEachDocument(opts.positionals, io, (file, doc) => {
    for (const finding of project.engine.check(doc)) results.push({ file, finding });
  }, watch);

  if (format === 'json') io.stdout(formatJson(results));
  else if (format === 'sarif') io.stdout(formatSarif(results, packageVersion()));
  else io.stdout(formatText(results));
  if (watch) {
    watch.lap('output');
    io.stderr(watch.report(project.engine.timings, io.launch));
  }
  if (unreadable) return 2;
  return results.length ? 1 : 0;
};
