#!/usr/bin/env node
/*
 * A stand-in for the `code` executable, for machines that cannot download desktop VS Code.
 *
 * It understands the arguments @vscode/test-electron's runTests() passes to VS Code
 *   --extensionDevelopmentPath=P  --extensionTestsPath=T  --user-data-dir=U  --extensions-dir=E  [folder]
 * (others such as --no-sandbox or --disable-updates are accepted and ignored), plus
 *   --install-extension <file.vsix>   (install into --extensions-dir and exit)
 * and runs the tests in a real VS Code extension host: code-server@4.100.3 (test/host) serves VS Code 1.100.3,
 * headless Debian Chromium (playwright-core) opens the workbench with the test paths in the page's `payload`
 * (the mechanism @vscode/test-web uses; honoured because we set VSCODE_OPTIONS=enable-smoke-test-driver).
 * The test output arrives through window.codeAutomationLog and the result through window.codeAutomationExit(code):
 * we relay the first to stdout/stderr and exit with the second.
 *
 * Every run gets a fresh temporary HOME/XDG_* (so nothing is written to the real home), a free port, its own
 * process group for code-server (killed on every exit path), and a time limit (MEDWRITE_HOST_TIMEOUT seconds,
 * default 240) after which it says what it was waiting for and exits 124.
 *
 * Environment: MEDWRITE_HOST_VERBOSE=1 prints code-server's own log as it goes (it is always printed on failure);
 * MEDWRITE_CHROMIUM overrides /usr/bin/chromium.
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  VERBOSE, setTag, say, finish, isExiting, timeLimit, readTail, tempSession, writeUserSettings, startCodeServer,
  installExtension, launchChromium,
} = require('./lib/test-host');

setTag('code-server-shim');
const TIMEOUT_S = Number(process.env.MEDWRITE_HOST_TIMEOUT || 240);

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const valued = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir',
    'install-extension', 'locale', 'log']);
  const out = { extensionDevelopmentPath: [], folders: [], ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (!valued.has(name)) { out.ignored.push(a); continue; }
      const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new Error(`${a} needs a value`);
      if (name === 'extensionDevelopmentPath') out.extensionDevelopmentPath.push(path.resolve(value));
      else out[name] = name === 'locale' || name === 'log' ? value : path.resolve(value);
    } else {
      out.folders.push(path.resolve(a));
    }
  }
  return out;
}

// The workbench logs its own start-up steps and failed look-ups (no internet) through the same channel as the
// tests' console output; hide those (MEDWRITE_HOST_VERBOSE=1 shows everything).
const CHATTER = [/^Resolv(ing|ed) connection token/, /^Creating a socket/, /^Updating additional builtin/,
  /^\[Service Worker\]/, /^ChatSessionStore:/, /getaddrinfo ENOTFOUND/, /^\[(Extension Host|ExtensionService)\]/];
function isWorkbenchChatter(type, text) {
  return CHATTER.some((re) => re.test(text));
}


// ---------------------------------------------------------------- main
async function main() {
  const args = parseArgs(process.argv.slice(2));
  const { tmp, env } = tempSession('medwrite-host-');
  const userDataDir = args['user-data-dir'] || path.join(tmp, 'user-data');
  const extensionsDir = args['extensions-dir'] || path.join(tmp, 'extensions');
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });

  if (args['install-extension']) {
    return installExtension({ env, userDataDir, extensionsDir, vsix: args['install-extension'] });
  }
  if (!args.extensionTestsPath) {
    throw new Error('nothing to do: pass --extensionTestsPath=<index.js> (and --extensionDevelopmentPath=<dir>) or --install-extension <vsix>');
  }

  let phase = 'code-server to start';
  timeLimit(TIMEOUT_S, () => `no result from the extension host (waiting for ${phase}). ` +
    `Set MEDWRITE_HOST_TIMEOUT=<seconds> to wait longer. code-server log tail:\n${readTail(path.join(tmp, 'code-server.log'))}`);

  const t0 = Date.now();
  writeUserSettings(userDataDir);
  const server = await startCodeServer({ tmp, env, userDataDir, extensionsDir });
  if (VERBOSE) say(`code-server up on port ${server.port} in ${Date.now() - t0} ms`);

  phase = 'Chromium to start';
  const browser = await launchChromium(env);
  const page = await browser.newPage();

  const authority = `127.0.0.1:${server.port}`;
  const remote = (p) => `vscode-remote://${authority}${p.split(path.sep).join('/')}`;
  const payload = [];
  for (const p of args.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(p)]);
  payload.push(['extensionTestsPath', remote(args.extensionTestsPath)]);
  const q = new URLSearchParams();
  if (args.folders[0]) q.set('folder', args.folders[0]);
  q.set('payload', JSON.stringify(payload));
  const url = `http://${authority}/?${q.toString()}`;

  const result = new Promise((resolve) => {
    page.exposeFunction('codeAutomationLog', (type, msg) => {
      const text = Array.isArray(msg) ? msg.join(' ') : String(msg);
      if (!VERBOSE && isWorkbenchChatter(type, text)) return;
      if (type === 'error' || type === 'warn') process.stderr.write(text + '\n');
      else process.stdout.write(text + '\n');
    });
    page.exposeFunction('codeAutomationExit', (code, logs) => {
      if (code !== 0 && Array.isArray(logs)) {
        const dir = path.join(os.tmpdir(), `medwrite-host-logs-${process.pid}`);
        for (const l of logs) {
          const f = path.join(dir, l.relativePath);
          fs.mkdirSync(path.dirname(f), { recursive: true });
          fs.writeFileSync(f, l.contents);
        }
        say(`workbench logs saved in ${dir}`);
      }
      resolve(Number(code) || 0);
    });
  });
  page.on('pageerror', (e) => { if (VERBOSE) say(`page error: ${e.message}`); });
  page.on('crash', () => { say('Chromium page crashed'); finish(1); });
  server.child.once('exit', (c, s) => {
    if (!isExiting()) { say(`code-server exited early (${c ?? s}); log tail:\n${readTail(server.logFile)}`); finish(1); }
  });

  phase = 'the workbench to load and the tests to finish';
  if (VERBOSE) say(`opening ${url}`);
  await page.goto(url);
  const code = await result;
  if (VERBOSE) say(`tests finished with ${code} after ${Date.now() - t0} ms`);
  return code;
}

main().then((code) => finish(code), (e) => { say(`error: ${e.message}`); finish(1); });
