// `medwrite report FILE|DIR... [--format md|json] [--glossary DIR] [--scope sentence|paragraph]`:
// the claim report (each claim made per document, uncited first; references never cited).
import { analyze } from '../../core';
import { buildClaimReport, renderClaimReportJson, renderClaimReportMarkdown, ReportInput } from '../../core/report';
import { frontMatterBibliographies, loadBibliographyFile } from '../../node/bibliography';
import { collectFiles, languageIdForFile, readDocument } from '../../node/files';
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
    const read = readDocument(file);
    const shown = displayPath(file, io.cwd);
    if (!read.ok) {
      io.stderr(`medwrite: ${shown}: ${read.reason}\n`);
      unreadable++;
      continue;
    }
    const doc = analyze({ uri: file, languageId: languageIdForFile(file), text: read.text });
    // The document's own bibliographies (front matter `bibliography:`) count as loaded references.
    for (const bib of frontMatterBibliographies(doc.frontMatter, file)) {
      try {
        doc.references.push(...(await loadBibliographyFile(bib)).items);
      } catch (err) {
        io.stderr(`medwrite: ${shown}: cannot read bibliography ${displayPath(bib, io.cwd)}: ${(err as Error).message}\n`);
      }
    }
    inputs.push({ file: shown, doc });
  }
  const result = buildClaimReport(inputs, project.load.data, { citationScope: scope });
  io.stdout(format === 'json' ? renderClaimReportJson(result) : renderClaimReportMarkdown(result));
  return unreadable ? 2 : 0;
};
