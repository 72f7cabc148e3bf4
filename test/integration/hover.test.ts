// Glossary hovers, asked through VS Code's own hover command in a real extension host.
import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'medwrite.medwrite';

function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the host was started without the fixture workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

function hoverText(hovers: vscode.Hover[]): string[] {
  return hovers.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n'));
}

/** Position inside the n-th (0-based) occurrence of `needle`, one character in. */
function positionOf(doc: vscode.TextDocument, needle: string, nth = 0): vscode.Position {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (occurrence ${nth}) not found in ${doc.uri.fsPath}`);
  }
  return doc.positionAt(at + 1);
}

async function hoverAt(doc: vscode.TextDocument, needle: string, nth = 0): Promise<vscode.Hover[]> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, needle, nth));
  return hovers ?? [];
}

describe('glossary hover (real extension host)', () => {
  let doc: vscode.TextDocument;

  before(async () => {
    doc = await vscode.workspace.openTextDocument(fixtureUri('draft.md'));
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(doc.languageId, 'markdown');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded in the host`);
    // Opening a markdown file triggers activation; wait for it instead of sleeping.
    await ext.activate();
    assert.ok(ext.isActive);
  });

  it('IL-2 shows its full name, interleukin-2, over exactly the word', async () => {
    const hovers = await hoverAt(doc, 'IL-2', 1);
    const text = hoverText(hovers).join('\n');
    assert.match(text, /interleukin-2/);
    const range = hovers.find((h) => hoverText([h])[0].includes('interleukin-2'))?.range;
    assert.ok(range, 'the MedWrite hover has a range');
    assert.strictEqual(doc.getText(range), 'IL-2');
  });

  it('SLE shows systemic lupus erythematosus', async () => {
    const text = hoverText(await hoverAt(doc, 'SLE')).join('\n');
    assert.match(text, /systemic lupus erythematosus/);
  });

  it('a plural variant (regulatory T cells) resolves to the Treg entry', async () => {
    const text = hoverText(await hoverAt(doc, 'regulatory T cells')).join('\n');
    assert.match(text, /regulatory T cell/);
    assert.match(text, /Treg/);
  });

  it('Tfh shows follicular helper T cell', async () => {
    const text = hoverText(await hoverAt(doc, 'Tfh')).join('\n');
    assert.match(text, /follicular helper T cell/);
  });

  it('a word that is not a glossary term gets no hover', async () => {
    const hovers = await hoverAt(doc, 'plan');
    assert.deepStrictEqual(hoverText(hovers), []);
  });

  it('turning medwrite.hover.enabled off removes the glossary hover', async () => {
    const config = vscode.workspace.getConfiguration('medwrite');
    await config.update('hover.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      const text = hoverText(await hoverAt(doc, 'SLE')).join('\n');
      assert.doesNotMatch(text, /systemic lupus erythematosus/);
    } finally {
      await config.update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    const text = hoverText(await hoverAt(doc, 'SLE')).join('\n');
    assert.match(text, /systemic lupus erythematosus/);
  });
});
