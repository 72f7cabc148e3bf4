// What the document commands (check, report) share: opening the data (usage error on
// broken data) and reading each document, with problems reported on stderr.
import type { AnalyzedDocument } from '../core';
import { loadDocument } from '../node/documents';
import { collectFiles } from '../node/files';
import { formatIssue } from '../node/load';
import { openProject, Project, ProjectOptions } from '../node/project';
import { CliIo, UsageError } from './io';
import { displayPath } from './output';

/** The project for `--glossary` (or the shipped + workspace data); broken data is a usage error. */
export async function openProjectOrFail(io: CliIo, glossary: string[] | undefined, opts: Partial<ProjectOptions> = {}): Promise<Project> {
  const project = await openProject({ ...opts, cwd: io.cwd, glossary });
  if (project.load.issues.length) {
    const issues = project.load.issues.map((i) => formatIssue({ ...i, file: displayPath(i.file, io.cwd) }));
    throw new UsageError(`cannot use the data:\n${issues.join('\n')}`);
  }
  return project;
}

/**
 * Reads every document the inputs name (folders walked), one at a time, and hands each to
 * `visit` with its display path. Unreadable files are reported on stderr and counted.
 */
export async function forEachDocument(
  inputs: string[],
  io: CliIo,
  visit: (shown: string, doc: AnalyzedDocument) => void,
  timing?: { lap(phase: string): void },
): Promise<{ unreadable: number }> {
  const { files, missing } = collectFiles(inputs, io.cwd);
  if (missing.length) throw new UsageError(`no such file or folder: ${missing.join(', ')}`);
  let unreadable = 0;
  for (const file of files) {
    timing?.lap('other');
    const loaded = await loadDocument(file);
    timing?.lap('read and analyse documents');
    const shown = displayPath(file, io.cwd);
    if (!loaded.ok) {
      io.stderr(`medwrite: ${shown}: ${loaded.reason}\n`);
      unreadable++;
      continue;
    }
    for (const w of loaded.warnings) io.stderr(`medwrite: ${shown}: ${w}\n`);
    visit(shown, loaded.doc);
    timing?.lap('check (rules below)');
  }
  return { unreadable };
}
