// Reading a document from disk for checking: text (binary/huge refused, Latin-1
// fallback), analysis, and the references of the bibliographies its front matter names.
import { AnalyzedDocument, analyze } from '../core';
import type * as Bibliography from './bibliography';
import { languageIdForFile, readDocument } from './files';

export type LoadedDocument = { ok: true; doc: AnalyzedDocument; warnings: string[] } | { ok: false; reason: string };

export async function loadDocument(file: string): Promise<LoadedDocument> {
  const read = readDocument(file);
  if (!read.ok) return read;
  const doc = analyze({ uri: file, languageId: languageIdForFile(file), text: read.text });
  const warnings: string[] = [];
  if (doc.frontMatterError) warnings.push(`front matter is not valid YAML (${doc.frontMatterError}); its bibliography, if any, is not loaded`);
  if (!doc.frontMatter?.bibliography) return { ok: true, doc, warnings };
  // Loaded only for documents that name a bibliography: citation-js is large.
  const { frontMatterBibliographies, loadBibliographyFile }: typeof Bibliography = require('./bibliography');
  for (const bib of frontMatterBibliographies(doc.frontMatter, file)) {
    try {
      const loaded = await loadBibliographyFile(bib);
      doc.references.push(...loaded.items);
      for (const issue of loaded.issues) warnings.push(`${issue.file}:${issue.line}:${issue.column}: ${issue.message}`);
    } catch (err) {
      warnings.push(`cannot read bibliography ${bib}: ${(err as Error).message}`);
    }
  }
  return { ok: true, doc, warnings };
}
