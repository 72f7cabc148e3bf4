// Runs only in test/fixtures/workspace-broken, whose .medwrite/terms.yaml does not parse.
import * as assert from 'assert';
import * as vscode from 'vscode';

/** Resolves once `probe` returns a value, re-checking on every diagnostics change (no sleeping). */
function whenDiagnostics<T>(probe: () => T | undefined): Promise<T> {
  const now = probe();
  if (now !== undefined) return Promise.resolve(now);
  return new Promise((resolve) => {
    const sub = vscode.languages.onDidChangeDiagnostics(() => {
      const v = probe();
      if (v !== undefined) {
        sub.dispose();
        resolve(v);
      }
    });
  });
}

describe('broken workspace data (real extension host)', () => {
  let folder: vscode.WorkspaceFolder;

  before(async () => {
    const f = vscode.workspace.workspaceFolders?.[0];
    assert.ok(f, 'the host was started without a workspace folder');
    folder = f;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'draft.md'));
    await vscode.window.showTextDocument(doc);
    await vscode.extensions.getExtension('medwrite.medwrite')?.activate();
  });

  it('reports the YAML error on the broken data file, at its line', async () => {
    const terms = vscode.Uri.joinPath(folder.uri, '.medwrite', 'terms.yaml');
    const diags = await whenDiagnostics(() => {
      const d = vscode.languages.getDiagnostics(terms);
      return d.length ? d : undefined;
    });
    const codes = diags.map((d) => (typeof d.code === 'object' ? d.code.value : d.code));
    assert.ok(codes.includes('data-error'), `codes: ${JSON.stringify(codes)}`);
    assert.ok(diags.every((d) => d.severity === vscode.DiagnosticSeverity.Error));
    // The unclosed mapping starts on line 8 (1-based) of the fixture.
    assert.ok(diags.some((d) => d.range.start.line >= 6 && d.range.start.line <= 8), JSON.stringify(diags.map((d) => d.range.start)));
  });

  it('still hovers shipped glossary terms (IL-2) while the workspace file is broken', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'draft.md'));
    const pos = doc.positionAt(doc.getText().indexOf('IL-2') + 1);
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos)) ?? [];
    const text = hovers.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n')).join('\n');
    assert.match(text, /interleukin-2/);
  });
});
