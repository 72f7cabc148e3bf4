// `medwrite check`: runs the engine over files and prints findings.
import { loadDocument } from '../../node/documents';
import { collectFiles } from '../../node/files';
import { formatIssue } from '../../node/load';
import { openProject } from '../../node/project';
import { CliIo, Command, UsageError } from '../io';
import { displayPath, FileFinding, formatJson, formatSarif, formatText, OutputFormat } from '../output';
import { parseArgs } from '../args';

export const check: Command = async (args: string[], io: CliIo) => {
  const opts = parseArgs(args, { format: 'string', glossary: 'strings' });
  const format = (opts.values.format ?? 'text') as OutputFormat;
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown format '${format}' (use text, json or sarif)`);
  if (!opts.positionals.length) throw new UsageError('no files given (usage: medwrite check [--format text|json|sarif] [--glossary DIR] FILE|DIR...)');

  const project = openProject({ cwd: io.cwd, glossary: opts.values.glossary as string[] | undefined });
  if (project.load.issues.length) {
    const issues = project.load.issues.map((i) => formatIssue({ ...i, file: displayPath(i.file, io.cwd) }));
    throw new UsageError(`cannot use the data:\n${issues.join('\n')}`);
  }
  if (project.vocabularyError) io.stderr(`medwrite: typo check unavailable: ${project.vocabularyError}\n`);
  const { files, missing } = collectFiles(opts.positionals, io.cwd);
  if (missing.length) throw new UsageError(`no such file or folder: ${missing.join(', ')}`);

  const results: FileFinding[] = [];
  let unreadable = 0;
  for (const file of files) {
    const loaded = await loadDocument(file);
    const shown = displayPath(file, io.cwd);
    if (!loaded.ok) {
      io.stderr(`medwrite: ${shown}: ${loaded.reason}\n`);
      unreadable++;
      continue;
    }
    for (const w of loaded.warnings) io.stderr(`medwrite: ${shown}: ${w}\n`);
    for (const finding of project.engine.check(loaded.doc)) results.push({ file: shown, finding });
  }

  if (format === 'json') io.stdout(formatJson(results));
  else if (format === 'sarif') io.stdout(formatSarif(results, require('../../../../package.json').version));
  else io.stdout(formatText(results));
  if (unreadable) return 2;
  return results.length ? 1 : 0;
};
