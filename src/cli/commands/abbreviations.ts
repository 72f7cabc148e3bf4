// `medwrite abbreviations [--format text|json] FILE...`: lists the abbreviation definitions
// ("systemic lupus erythematosus (SLE)", "SLE (systemic lupus erythematosus)") in files.
//
// Exit status: 0 all files read; 1 some files were skipped (missing, empty, binary, too
// large: each is named on stderr) but the others were processed; 2 usage error.
import { findAbbreviations } from '../../core/abbreviations';
import { expandSources, readSource } from '../../node/build';
import { CliIo, Command, UsageError } from '../io';
import { parseArgs } from '../args';
import { displayPath } from '../output';

export interface AbbreviationRecord {
  file: string;
  line: number;
  short: string;
  long: string;
  character: number;
  pattern: string;
}

export const abbreviations: Command = async (args: string[], io: CliIo) => {
  const opts = parseArgs(args, { format: 'string' });
  const format = (opts.values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format '${format}' (use text or json)`);
  if (!opts.positionals.length) throw new UsageError('no files given (usage: medwrite abbreviations [--format text|json] FILE...)');
  const { files, missing } = expandSources(opts.positionals, io.cwd);
  let skipped = 0;
  for (const m of missing) {
    io.stderr(`medwrite: ${m}: no such file or folder; skipped\n`);
    skipped++;
  }
  const records: AbbreviationRecord[] = [];
  for (const file of files) {
    const shown = displayPath(file, io.cwd);
    const read = readSource(file);
    if (!read.ok) {
      io.stderr(`medwrite: ${shown}: ${read.reason}; skipped\n`);
      skipped++;
      continue;
    }
    if (read.encoding === 'latin1') io.stderr(`medwrite: ${shown}: not valid UTF-8; read as Latin-1\n`);
    for (const d of findAbbreviations(read.text)) {
      records.push({ file: shown, line: d.line, short: d.short, long: d.long, character: d.character + 1, pattern: d.pattern });
    }
  }
  if (format === 'json') {
    const out = records.map((r) => ({ file: r.file, line: r.line, short: r.short, long: r.long, character: r.character, pattern: r.pattern }));
    io.stdout(`${JSON.stringify({ abbreviations: out })}\n`);
  } else {
    for (const r of records) io.stdout(`${r.file}:${r.line}:${r.character}: ${r.short} = ${r.long}\n`);
  }
  return skipped ? 1 : 0;
};
