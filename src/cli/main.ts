// Entry point of the `medwrite` command: dispatches to one module per sub-command.
import { Command, CliIo, processIo, UsageError } from './io';
import { checkReadsVocabulary } from './checkOptions';

export { processIo }; // bin/medwrite.js adds how it launched the CLI to it

const commands: Record<string, () => Command> = {
  check: () => require('./commands/check').check,
  abbreviations: () => require('./commands/abbreviations').abbreviations,
  build: () => require('./commands/build').build,
  references: () => require('./commands/references').references,
  report: () => require('./commands/report').report,
};

const USAGE = `usage: medwrite <command> [options]

commands:
  check [--format text|json|sarif] [--glossary DIR] [--rules ID,...] [--timing] FILE|DIR...
                      check documents (typos, preferred forms, claims, citations);
                      --rules runs only the listed rules (e.g. typo,preferred-form)
  abbreviations [--format text|json] FILE|DIR...
                      list abbreviation definitions ("long form (SF)", "SF (long form)")
  build SOURCE... --out DIR [--without-shipped] [--quiet]
                      draft terms.yaml, references.yaml, claims.yaml from documents,
                      merging into DIR (exit 1: some files skipped, 2: usage error)
  references [--style ama|vancouver|apa] [--bibliography FILE]... [--check] FILE|DIR...
                      write or update the References section of Markdown documents
                      (--check: write nothing, exit 1 when a list is out of date)
  report [--format md|json] [--scope sentence|paragraph] [--glossary DIR] FILE|DIR...
                      claim report: each claim per document and what cites it (uncited
                      first), plus references never cited
`;

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(USAGE);
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.stdout(`${require('../node/packageRoot').packageVersion()}\n`);
    return 0;
  }
  const load = commands[name];
  if (!load) {
    io.stderr(`medwrite: unknown command '${name}'\n${USAGE}`);
    return 2;
  }
  // The 42 MB typo vocabulary is read on another thread while this one loads the command's
  // modules and data; `check` then picks up the same read. A failure is reported there.
  if (name === 'check' && checkReadsVocabulary(rest)) require('../node/vocabulary').loadVocabulary().catch(() => undefined);
  try {
    return await load()(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`medwrite ${name}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
