// Citations in a real extension host: completion after `[@`, hover on a key, go to
// definition, and the Insert Citation command (its quick pick skipped through the `keys` argument).
import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'medwrite.medwrite';

function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the host was started without the fixture workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Position just after the n-th occurrence of `needle`. */
function after(doc: vscode.TextDocument, needle: string): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" not found`);
  return doc.positionAt(at + needle.length);
}

function inside(doc: vscode.TextDocument, needle: string, offset = 1): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" not found`);
  return doc.positionAt(at + offset);
}

async function citationCompletions(doc: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, '@');
  return list.items
    .filter((i) => i.kind === vscode.CompletionItemKind.Reference)
    .map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? []).map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n')).join('\n---\n');
}

describe('citations (real extension host)', () => {
  let doc: vscode.TextDocument;

  before(async () => {
    doc = await vscode.workspace.openTextDocument(fixtureUri('citations.md'));
    await vscode.window.showTextDocument(doc);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded in the host`);
    await ext.activate();
  });

  it('completes keys after `[@` from the shipped references and the front-matter bibliography', async () => {
    const labels = await citationCompletions(doc, after(doc, 'Completion after a bracket: [@hu'));
    assert.strictEqual(labels[0], 'humrich2016', labels.join(', '));
  });

  it('completes the second key of a group and leaves out keys already in it', async () => {
    const labels = await citationCompletions(doc, after(doc, 'Second key in a group: [@he2016; @mul'));
    assert.strictEqual(labels[0], 'muller2019', labels.join(', '));
    assert.ok(!labels.includes('he2016'));
  });

  it('shows the formatted reference (AMA), the DOI link and supported claims on hover', async () => {
    const shipped = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, inside(doc, '@humrich2016', 3)));
    assert.match(shipped, /Humrich JY\. Restoring regulation/);
    assert.match(shipped, /https:\/\/doi\.org\/10\.1080\/1744666X\.2016\.1199957/);
    assert.match(shipped, /Supports/);
    const own = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, inside(doc, '@muller2019', 3)));
    assert.match(own, /Müller J, García M\. Regulatory T cells in lupus: an overview\./);
  });

  it('goes to the bibliography entry of a key', async () => {
    const locations = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', doc.uri, inside(doc, '@muller2019', 3));
    const loc = locations[0];
    const uri = 'uri' in loc ? loc.uri : loc.targetUri;
    const range = 'range' in loc ? loc.range : loc.targetRange;
    assert.ok(uri.fsPath.endsWith('citations.bib'));
    assert.strictEqual(range.start.line, 1);
  });

  it('finds the uses of a key across the workspace', async () => {
    const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, inside(doc, '@he2016', 3));
    // Other providers (VS Code's Markdown features) may add link references; ours are the keys.
    const here = locations.filter((l) => l.uri.fsPath.endsWith('citations.md')).map((l) => doc.getText(l.range));
    assert.deepStrictEqual(here.filter((t) => t === 'he2016').length, 2, here.join(' | '));
  });

  it('completes in a long document (windowed analysis) but not inside fenced code', async () => {
    const filler = Array.from({ length: 3000 }, (_, i) => `Line ${i} of a long draft about IL-2 [@he2016].`).join('\n');
    const content = `${filler}\n\n\`\`\`\ncode [@hu\n\`\`\`\n\nProse again [@hu\n`;
    const long = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    const inCode = long.positionAt(content.indexOf('code [@hu') + 'code [@hu'.length);
    const inProse = long.positionAt(content.indexOf('Prose again [@hu') + 'Prose again [@hu'.length);
    assert.deepStrictEqual(await citationCompletions(long, inCode), []);
    assert.strictEqual((await citationCompletions(long, inProse))[0], 'humrich2016');
    const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', long.uri, long.positionAt(content.indexOf('@he2016', 100000) + 2)));
    assert.match(hover, /He J, Zhang X, Wei Y/);
  });

  it('Insert Citation inserts the chosen key in the document style and prefers the sentence claim references', async () => {
    const scratch = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Regulatory T cells need IL-2 to survive.\n' });
    const editor = await vscode.window.showTextDocument(scratch);
    const end = scratch.positionAt(scratch.getText().indexOf('.'));
    editor.selection = new vscode.Selection(end, end);
    const result = await vscode.commands.executeCommand<{ inserted: string; preferred: string[] }>('medwrite.insertCitation', { keys: ['humrich2016'] });
    assert.ok(result, 'the command returned nothing');
    assert.strictEqual(result.inserted, ' [@humrich2016]');
    assert.strictEqual(scratch.getText(), 'Regulatory T cells need IL-2 to survive [@humrich2016].\n');
    assert.ok(result.preferred.includes('humrich2016') && result.preferred.includes('zaman2022'), result.preferred.join(', '));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
