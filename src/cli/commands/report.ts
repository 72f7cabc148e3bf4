// `medwrite report FILE|DIR... [--format md|json] [--glossary DIR] [--scope sentence|paragraph]`:
// the claim report (each claim made per document, uncited first; references never cited).
import { buildClaimReport, renderClaimReportJson, renderClaimReportMarkdown, ReportInput } from '../../core/report';
import { loadDocument } from '../../node/documents';
import { collectFiles } from '../../node/files';
import { formatIssue } from '../../node/load';
import { openProject } from '../../node/project';
import { CliIo, Command, UsageError } from '../io';
import { displayPath } from '../output';
import { parseArgs } from '../args';

export const report: Command = async (args: string[], io: CliIo) => {
  const opts = parseArgs(args, { format: 'string', glossary: 'strings', scope: 'string' });
  const format = String(opts.values.format ?? 'md');
  if (!['md', 'markdown', 'json'].includes(format)) throw new UsageError(`unknown format '${format}' (use md or json)`);
  const scope = String(opts.values.scope ?? 'sentence');
  if (!['sentence', 'paragraph'].includes(scope)) throw new UsageError(`unknown scope '${scope}' (use sentence or paragraph)`);
  if (!opts.positionals.length) throw new UsageError('no files given (usage: medwrite report [--format md|json] [--glossary DIR] FILE|DIR...)');

  const project = openProject({ cwd: io.cwd, glossary: opts.values.glossary as string[] | undefined });
  if (project.load.issues.length) {
    const issues = project.load.issues.map((i) => formatIssue({ ...i, file: displayPath(i.file, io.cwd) }));
    throw new UsageError(`cannot use the data:\n${issues.join('\n')}`);
  }
  const { files, missing } = collectFiles(opts.positionals, io.cwd);
  if (missing.length) throw new UsageError(`no such file or folder: ${missing.join(', ')}`);

  const inputs: ReportInput[] = [];
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
    inputs.push({ file: shown, doc: loaded.doc });
  }
  const result = buildClaimReport(inputs, project.load.data, { citationScope: scope });
  io.stdout(format === 'json' ? renderClaimReportJson(result) : renderClaimReportMarkdown(result));
  return unreadable ? 2 : 0;
};
