// Quick fixes: taken from the fixes the engine attached to each finding, matched to the
// diagnostic by rule id and range (never by message text).
import * as vscode from 'vscode';
import type { Finding, Fix } from '../core';
import { toRange, toWorkspaceEdit } from './convert';
import type { DiagnosticsFeature } from './diagnostics';
import { DOCUMENT_SELECTOR } from './services';

export const ADD_WORD_COMMAND = 'medwrite.addWordToWorkspace';
export const IGNORE_WORD_COMMAND = 'medwrite.ignoreWordInDocument';

export class FixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: DiagnosticsFeature) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const findings = this.diagnostics.findingsFor(doc.uri);
    for (const diag of context.diagnostics) {
      if (diag.source !== 'medwrite') continue;
      const finding = findings.find((f) => f.rule === diag.code && toRange(f.range).isEqual(diag.range) && f.message === diag.message);
      if (!finding) continue;
      for (const fix of finding.fixes ?? []) actions.push(this.toAction(doc, diag, finding, fix));
    }
    return actions;
  }

  private toAction(doc: vscode.TextDocument, diag: vscode.Diagnostic, finding: Finding, fix: Fix): vscode.CodeAction {
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diag];
    action.isPreferred = fix.isPreferred;
    if (fix.kind === 'edit') action.edit = toWorkspaceEdit(doc.uri, fix.edits);
    else if (fix.kind === 'add-word') action.command = { command: ADD_WORD_COMMAND, title: fix.title, arguments: [fix.word ?? doc.getText(diag.range), doc.uri] };
    else action.command = { command: IGNORE_WORD_COMMAND, title: fix.title, arguments: [fix.word ?? doc.getText(diag.range), doc.uri, finding.rule] };
    return action;
  }
}

export function registerCodeActions(context: vscode.ExtensionContext, diagnostics: DiagnosticsFeature): void {
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(DOCUMENT_SELECTOR, new FixProvider(diagnostics), { providedCodeActionKinds: FixProvider.kinds }),
  );
}
