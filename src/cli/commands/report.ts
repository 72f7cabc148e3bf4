// `medwrite report FILE|DIR... [--format md|json] [--glossary DIR] [--scope sentence|paragraph]`:
// the claim report (each claim made per document, uncited first; references never cited).
import { buildClaimReport, renderClaimReportJson, renderClaimReportMarkdown, ReportInput } from '../../core/report';
import { forEachDocument, openProjectOrFail } from '../documents';
import { CliIo, Command, UsageError } from '../io';
import { parseArgs } from '../args';

export const report: Command = async (args: string[], io: CliIo) => {
  const opts = parseArgs(args, { format: 'string', glossary: 'strings', scope: 'string' });
  const format = String(opts.values.format ?? 'md');
  if (!['md', 'markdown', 'json'].includes(format)) throw new UsageError(`unknown format '${format}' (use md or json)`);
  const scope = String(opts.values.scope ?? 'sentence');
  if (!['sentence', 'paragraph'].includes(scope)) throw new UsageError(`unknown scope '${scope}' (use sentence or paragraph)`);
  if (!opts.positionals.length) throw new UsageError('no files given (usage: medwrite report [--format md|json] [--glossary DIR] FILE|DIR...)');

  // The report needs the claim base only: no typo vocabulary.
  const project = await openProjectOrFail(io, opts.values.glossary as string[] | undefined, { vocabulary: false });
  const inputs: ReportInput[] = [];
  const { unreadable } = await forEachDocument(opts.positionals, io, (file, doc) => inputs.push({ file, doc }));
  const result = buildClaimReport(inputs, project.load.data, { citationScope: scope });
  io.stdout(format === 'json' ? renderClaimReportJson(result) : renderClaimReportMarkdown(result));
  return unreadable ? 2 : 0;
};
