// `medwrite references FILE...`: writes or updates the "References" section of Markdown
// documents from the citations they contain (AMA/Vancouver numbered by first citation, APA
// alphabetical). Everything outside the generated list is kept byte for byte; a second run
// changes nothing. With --check nothing is written and the exit status is 1 when a list is
// out of date (for CI).
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../core';
import { parseCitationStyle, CITATION_STYLES } from '../../core/citations/format';
import { updateReferenceList } from '../../core/citations/referenceList';
import { BibliographyStore, bibliographyFiles, registerShippedStyles } from '../../node/bibliography';
import { collectFiles, languageIdForFile } from '../../node/files';
import { formatIssue } from '../../node/load';
import { openProject } from '../../node/project';
import { parseArgs } from '../args';
import { CliIo, Command, UsageError } from '../io';
import { displayPath } from '../output';

const USAGE = 'medwrite references [--style ama|vancouver|apa] [--bibliography FILE]... [--glossary DIR] [--check] FILE|DIR...';

export const references: Command = async (args: string[], io: CliIo) => {
  const opts = parseArgs(args, { style: 'string', bibliography: 'strings', glossary: 'strings', check: 'boolean' });
  const styleArg = opts.values.style as string | undefined;
  if (styleArg !== undefined && !(CITATION_STYLES as readonly string[]).includes(styleArg.toLowerCase())) {
    throw new UsageError(`unknown style '${styleArg}' (use ${CITATION_STYLES.join(', ')})`);
  }
  const style = parseCitationStyle(styleArg, 'ama');
  if (!opts.positionals.length) throw new UsageError(`no files given (usage: ${USAGE})`);
  const checkOnly = opts.values.check === true;

  const project = await openProject({ cwd: io.cwd, glossary: opts.values.glossary as string[] | undefined, vocabulary: false });
  if (project.load.issues.length) {
    throw new UsageError(`cannot use the data:\n${project.load.issues.map((i) => formatIssue({ ...i, file: displayPath(i.file, io.cwd) })).join('\n')}`);
  }
  const { files, missing } = collectFiles(opts.positionals, io.cwd);
  if (missing.length) throw new UsageError(`no such file or folder: ${missing.join(', ')}`);
  registerShippedStyles();

  const store = new BibliographyStore();
  const reportedIssues = new Set<string>();
  let failed = 0;
  let outdated = 0;
  for (const file of files) {
    const shown = displayPath(file, io.cwd);
    const languageId = languageIdForFile(file);
    if (languageId !== 'markdown' && languageId !== 'quarto') {
      if (opts.positionals.some((p) => path.resolve(io.cwd, p) === file)) io.stderr(`medwrite: ${shown}: not a Markdown or Quarto document; skipped\n`);
      continue;
    }
    let raw: string;
    try {
      raw = fs.readFileSync(file, 'utf8');
    } catch (err) {
      io.stderr(`medwrite: ${shown}: ${(err as Error).message}\n`);
      failed++;
      continue;
    }
    if (raw.includes('\ufffd')) {
      io.stderr(`medwrite: ${shown}: not UTF-8 text; skipped (the file is left as it is)\n`);
      failed++;
      continue;
    }
    const bom = raw.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
    const text = bom ? raw.slice(1) : raw;
    const doc = analyze({ uri: file, languageId, text });
    const bibFiles = bibliographyFiles({
      settingsPaths: (opts.values.bibliography as string[] | undefined) ?? [],
      workspaceFolders: [io.cwd],
      documentFile: file,
      frontMatter: doc.frontMatter,
    });
    const merged = await store.collect(bibFiles, project.load.data);
    for (const issue of merged.issues) {
      const line = `${displayPath(issue.file, io.cwd)}:${issue.line}:${issue.column}: ${issue.severity}: ${issue.message}`;
      if (!reportedIssues.has(line)) io.stderr(`medwrite: ${line}\n`);
      reportedIssues.add(line);
    }
    const result = updateReferenceList(doc, (k) => merged.byKey.get(k), { style });
    if (result.unknown.length) io.stderr(`medwrite: ${shown}: cited but in no bibliography: ${result.unknown.join(', ')}\n`);
    if (result.edits.length === 0) {
      io.stdout(`${shown}: reference list up to date (${result.listed.length} references)\n`);
      continue;
    }
    outdated++;
    if (checkOnly) {
      io.stdout(`${shown}: reference list out of date (${result.listed.length} references)\n`);
      continue;
    }
    fs.writeFileSync(file, bom + result.text);
    io.stdout(`${shown}: reference list written (${result.listed.length} references, ${style.toUpperCase()})\n`);
  }
  if (failed) return 2;
  return checkOnly && outdated ? 1 : 0;
};
