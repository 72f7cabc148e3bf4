// Diagnostics and quick fixes through the real extension host: a typo, a non-preferred
// form and an uncited claim are reported, and applying the preferred fix yields the
// corrected text with the rest of the document byte-identical.
import * as assert from 'assert';
import * as vscode from 'vscode';

function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the host was started without the fixture workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Resolves with the document's MedWrite diagnostics once `ready` accepts them (event-driven, no sleeps). */
function diagnosticsWhen(uri: vscode.Uri, ready: (d: vscode.Diagnostic[]) => boolean, timeoutMs = 60000): Promise<vscode.Diagnostic[]> {
  const current = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'medwrite');
  return new Promise((resolve, reject) => {
    if (ready(current())) return resolve(current());
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`diagnostics never matched; last: ${JSON.stringify(current().map((d) => [d.code, d.message]))}`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      if (ready(current())) {
        clearTimeout(timer);
        sub.dispose();
        resolve(current());
      }
    });
  });
}

async function preferredFix(doc: vscode.TextDocument, diag: vscode.Diagnostic): Promise<vscode.CodeAction> {
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
  // The command returns only the actions for this range; it does not echo their diagnostics back.
  const mine = actions.filter((a) => a.kind?.value === vscode.CodeActionKind.QuickFix.value);
  const preferred = mine.find((a) => a.isPreferred);
  assert.ok(preferred, `no preferred quick fix for ${diag.code}; got ${JSON.stringify(mine.map((a) => a.title))}`);
  assert.ok(preferred.edit, 'the preferred fix carries an edit');
  return preferred;
}

async function openFresh(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

async function revert(doc: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

describe('typo and preferred-form fixes (real extension host)', () => {
  let doc: vscode.TextDocument;
  before(async () => {
    doc = await openFresh('typos.md');
  });
  after(() => revert(doc));

  it('reports the misspelling with the right first suggestion and applies it', async () => {
    const diags = await diagnosticsWhen(doc.uri, (d) => d.some((x) => x.code === 'typo'));
    const typo = diags.find((d) => d.code === 'typo')!;
    assert.strictEqual(doc.getText(typo.range), 'interlukin');
    const before = doc.getText();
    const fix = await preferredFix(doc, typo);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.strictEqual(doc.getText(), before.replace('interlukin', 'interleukin'));
  });

  it('reports IL2 as a non-preferred form of IL-2 and fixes it', async () => {
    const diags = await diagnosticsWhen(doc.uri, (d) => d.some((x) => x.code === 'preferred-form'));
    const form = diags.find((d) => d.code === 'preferred-form')!;
    assert.strictEqual(doc.getText(form.range), 'IL2');
    const before = doc.getText();
    const fix = await preferredFix(doc, form);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.strictEqual(doc.getText(), before.replace('IL2', 'IL-2'));
  });
});

describe('uncited claim fix (real extension host)', () => {
  let doc: vscode.TextDocument;
  before(async () => {
    doc = await openFresh('claims.md');
  });
  after(() => revert(doc));

  it('flags the uncited claim and inserts a supporting citation before the full stop', async () => {
    const diags = await diagnosticsWhen(doc.uri, (d) => d.some((x) => x.code === 'uncited-claim'));
    const claim = diags.find((d) => d.code === 'uncited-claim')!;
    assert.strictEqual(claim.range.start.line, 2);
    assert.ok(claim.relatedInformation?.some((r) => r.location.uri.fsPath.endsWith('claims.yaml')), 'related information points at the claim base');
    const before = doc.getText();
    const fix = await preferredFix(doc, claim);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    const after = doc.getText();
    const m = /IL-2 deficiency( \[@[a-z0-9]+(?:; @[a-z0-9]+)*\])\./.exec(after);
    assert.ok(m, `citation not inserted before the full stop: ${after.split('\n')[2]}`);
    assert.strictEqual(after, before.replace('IL-2 deficiency.', `IL-2 deficiency${m[1]}.`), 'the rest of the document is byte-identical');
    await diagnosticsWhen(doc.uri, (d) => !d.some((x) => x.code === 'uncited-claim'));
  });
});
