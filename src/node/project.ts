// Everything a front end needs to check documents on disk: the data layers to load
// (shipped glossary, workspace .medwrite/, extra paths) and the engine built on them.
import * as path from 'path';
import { createEngine, Engine, EngineSettings } from '../core';
import { findWorkspaceDataDir, loadData, LoadResult, shippedGlossaryDir } from './load';
import { loadVocabulary } from './vocabulary';

export interface ProjectOptions {
  /** Folder to search upwards from for a workspace `.medwrite/`. */
  cwd: string;
  /** When given, these folders/files replace the shipped data and the workspace folder. */
  glossary?: string[];
  /** Extra layers on top of the shipped and workspace data (from settings). */
  extra?: string[];
  settings?: EngineSettings;
  /** Load the typo rule's word list (dist/vocabulary/en.mwv); default true. */
  vocabulary?: boolean;
  /** Told when each loading phase ends (`--timing`). */
  timing?: { lap(phase: string): void };
}

/** The data layers, lowest first. */
export function dataSources(opts: ProjectOptions): string[] {
  if (opts.glossary?.length) return opts.glossary.map((g) => path.resolve(opts.cwd, g));
  const sources = [shippedGlossaryDir()];
  const workspace = findWorkspaceDataDir(opts.cwd);
  if (workspace) sources.push(workspace);
  for (const e of opts.extra ?? []) sources.push(path.resolve(opts.cwd, e));
  return sources;
}

export interface Project {
  engine: Engine;
  load: LoadResult;
  /** Why the typo vocabulary could not be loaded (the typo rule is then silent). */
  vocabularyError?: string;
}

/**
 * Loads the data and builds the engine, while the vocabulary is read on another thread. The
 * read is shared with any read already under way (`loadVocabulary`, which the CLI starts
 * before it loads its modules).
 */
export async function openProject(opts: ProjectOptions): Promise<Project> {
  const load = loadData(dataSources(opts));
  opts.timing?.lap('load glossary and claims');
  const vocabulary = opts.vocabulary !== false ? loadVocabulary() : undefined;
  vocabulary?.catch(() => undefined); // reported below, once the engine is built
  // Built while the vocabulary is read: the typo rule takes it at its first check.
  const engine = createEngine(load.data, opts.settings ?? {});
  opts.timing?.lap('build engine');
  let vocabularyError: string | undefined;
  if (vocabulary) {
    try {
      load.data.vocabulary = await vocabulary;
    } catch (err) {
      vocabularyError = (err as Error).message;
    }
    opts.timing?.lap('wait for the vocabulary');
  }
  return { engine, load, vocabularyError };
}
