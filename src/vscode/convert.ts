// The one place engine types become vscode types.
import * as vscode from 'vscode';
import type { Finding, Position, Range, Severity, TextEdit } from '../core';

export const toPosition = (p: Position) => new vscode.Position(p.line, p.character);
export const toRange = (r: Range) => new vscode.Range(toPosition(r.start), toPosition(r.end));
export const fromPosition = (p: vscode.Position): Position => ({ line: p.line, character: p.character });

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** A diagnostic that remembers the finding it came from, so code actions use its fixes. */
export class MedwriteDiagnostic extends vscode.Diagnostic {
  constructor(readonly finding: Finding) {
    super(toRange(finding.range), finding.message, SEVERITY[finding.severity]);
    this.source = 'medwrite';
    this.code = finding.rule;
  }
}

export function toDiagnostic(finding: Finding, dataFileUri?: (file: string) => vscode.Uri | undefined): MedwriteDiagnostic {
  const d = new MedwriteDiagnostic(finding);
  const related = (finding.related ?? [])
    .map((r) => {
      const uri = r.file && dataFileUri ? dataFileUri(r.file) : undefined;
      if (!uri) return undefined;
      const line = Math.max(0, (r.line ?? 1) - 1);
      return new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, new vscode.Position(line, 0)), r.message);
    })
    .filter((r): r is vscode.DiagnosticRelatedInformation => Boolean(r));
  if (related.length) d.relatedInformation = related;
  return d;
}

export function toWorkspaceEdit(uri: vscode.Uri, edits: TextEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) we.replace(uri, toRange(e.range), e.newText);
  return we;
}
