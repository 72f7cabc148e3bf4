// Markdown shown when hovering a glossary term.
import type { MedwriteData, Term } from './data';
import type { GlossaryIndex, TermMatch } from './glossary';

export function renderTermHover(term: Term, match: TermMatch, glossary: GlossaryIndex, data: MedwriteData): string {
  const lines: string[] = [];
  const title = term.fullName && term.fullName !== term.preferred ? `**${term.preferred}** — ${term.fullName}` : `**${term.preferred}**`;
  lines.push(title, '');
  if (match.form.status === 'discouraged') {
    lines.push(`_Preferred form: **${match.form.replacement ?? term.preferred}** (not "${match.text}")._`, '');
  }
  lines.push(escapeMarkdown(term.definition.trim()), '');
  const abbreviations = (term.abbreviations ?? []).filter((a) => a !== term.preferred);
  if (abbreviations.length) lines.push(`Also written: ${abbreviations.join(', ')}`, '');
  const related = (term.related ?? [])
    .map((id) => glossary.term(id))
    .filter((t): t is Term => Boolean(t))
    .map((t) => t.preferred);
  if (related.length) lines.push(`Related: ${related.join(', ')}`, '');
  const sources = term.provenance.map((p) => `${p.file}:${p.line}`);
  const where = data.locations.get(`term:${term.id}`);
  const from = where ? ` · glossary entry ${baseName(where.file)}:${where.line}` : '';
  if (sources.length || from) lines.push(`_Source: ${sources.join(', ')}${from}_`);
  return lines.join('\n').trim();
}

/** Definitions are plain prose; keep stray Markdown characters literal. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}<>#|])/g, '\\$1');
}

/** The file name of a path (the engine has no `path`; both separators are handled). */
function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}
