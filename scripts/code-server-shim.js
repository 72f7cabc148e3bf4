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

const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const HOST = path.join(ROOT, 'test', 'host');
const ENTRY = path.join(HOST, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = process.env.MEDWRITE_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_S = Number(process.env.MEDWRITE_HOST_TIMEOUT || 240);
const VERBOSE = !!process.env.MEDWRITE_HOST_VERBOSE;
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

function say(msg) { process.stderr.write(`[code-server-shim] ${msg}\n`); }

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

// ---------------------------------------------------------------- helpers
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => { res.resume(); resolve(res.statusCode === 200); });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => { req.destroy(); resolve(false); });
  });
}

function tempEnv(root) {
  const dirs = { HOME: 'home', XDG_CONFIG_HOME: 'config', XDG_DATA_HOME: 'data', XDG_CACHE_HOME: 'cache',
    XDG_RUNTIME_DIR: 'runtime' };
  const env = { ...process.env };
  for (const [k, d] of Object.entries(dirs)) {
    const p = path.join(root, d);
    fs.mkdirSync(p, { recursive: true, mode: 0o700 });
    env[k] = p;
  }
  // Never let the test host pick up the caller's VS Code IPC / Electron settings.
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  env.VSCODE_OPTIONS = 'enable-smoke-test-driver';
  return env;
}

// ---------------------------------------------------------------- cleanup (every path)
const cleanups = [];
let cleaning = null;
function onCleanup(fn) { cleanups.push(fn); }
function cleanup() {
  if (!cleaning) {
    cleaning = (async () => {
      for (const fn of cleanups.reverse()) {
        try { await fn(); } catch (e) { if (VERBOSE) say(`cleanup: ${e.message}`); }
      }
    })();
  }
  return cleaning;
}
let exiting = false;
async function finish(code) {
  if (exiting) return;
  exiting = true;
  await cleanup();
  process.exit(code);
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => { say(`got ${sig}, cleaning up`); finish(130); });
process.on('uncaughtException', (e) => { say(`error: ${e.stack || e}`); finish(1); });
process.on('unhandledRejection', (e) => { say(`error: ${e && e.stack || e}`); finish(1); });

function killGroup(child, logName) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const t = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 3000);
    child.once('exit', () => { clearTimeout(t); resolve(); });
    try { process.kill(-child.pid, 'SIGTERM'); } catch { clearTimeout(t); resolve(); }
    if (VERBOSE) say(`stopping ${logName} (process group ${child.pid})`);
  });
}

// ---------------------------------------------------------------- code-server
/** Starts code-server in its own process group; resolves { child, port, logFile, logTail() } once /healthz answers. */
async function startCodeServer({ tmp, env, userDataDir, extensionsDir }) {
  if (!fs.existsSync(ENTRY)) {
    throw new Error(`code-server is not installed (${ENTRY} missing): run bash scripts/install-test-host.sh`);
  }
  const logFile = path.join(tmp, 'code-server.log');
  const cfg = path.join(tmp, 'config.yaml');
  fs.writeFileSync(cfg, 'auth: none\ncert: false\n');
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const logFd = fs.openSync(logFile, 'a');
    const child = spawn(process.execPath, [ENTRY, '--config', cfg, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
      '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--disable-telemetry',
      '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'],
    { env, detached: true, stdio: ['ignore', VERBOSE ? 'inherit' : logFd, VERBOSE ? 'inherit' : logFd] });
    fs.closeSync(logFd);
    onCleanup(() => killGroup(child, 'code-server'));
    let exited = false;
    child.once('exit', () => { exited = true; });
    const deadline = Date.now() + 60_000;
    while (!exited && Date.now() < deadline) {
      if (await httpOk(`http://127.0.0.1:${port}/healthz`)) {
        return { child, port, logFile };
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    if (!exited) throw new Error(`code-server did not answer /healthz on port ${port} within 60 s; log: ${logFile}`);
    if (attempt >= 3) throw new Error(`code-server exited at start 3 times; its log:\n${readTail(logFile)}`);
    say(`code-server exited at start (port ${port} taken?), retrying`);
  }
}

// The workbench logs its own start-up steps and failed look-ups (no internet) through the same channel as the
// tests' console output; hide those (MEDWRITE_HOST_VERBOSE=1 shows everything).
const CHATTER = [/^Resolv(ing|ed) connection token/, /^Creating a socket/, /^Updating additional builtin/,
  /^\[Service Worker\]/, /^ChatSessionStore:/, /getaddrinfo ENOTFOUND/, /^\[(Extension Host|ExtensionService)\]/];
function isWorkbenchChatter(type, text) {
  return CHATTER.some((re) => re.test(text));
}

function readTail(file, n = 60) {
  try { return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n'); } catch { return '(no log)'; }
}

function installExtension({ env, userDataDir, extensionsDir, vsix }) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [ENTRY, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
      '--install-extension', vsix, '--force'], { env, detached: true, stdio: ['ignore', 'inherit', 'inherit'] });
    onCleanup(() => killGroup(child, 'code-server --install-extension'));
    child.on('exit', (code, sig) => resolve(code ?? (sig ? 1 : 0)));
  });
}

// ---------------------------------------------------------------- main
async function main() {
  const args = parseArgs(process.argv.slice(2));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'medwrite-host-'));
  const keepTmp = !!process.env.MEDWRITE_HOST_KEEP_TMP;
  onCleanup(() => { if (!keepTmp) fs.rmSync(tmp, { recursive: true, force: true }); else say(`kept ${tmp}`); });
  const env = tempEnv(tmp);
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
  const timer = setTimeout(() => {
    say(`TIMEOUT: no result from the extension host after ${TIMEOUT_S} s (waiting for ${phase}). ` +
      `Set MEDWRITE_HOST_TIMEOUT=<seconds> to wait longer. code-server log tail:\n${readTail(path.join(tmp, 'code-server.log'))}`);
    finish(124);
  }, TIMEOUT_S * 1000);
  onCleanup(() => clearTimeout(timer));

  const t0 = Date.now();
  const server = await startCodeServer({ tmp, env, userDataDir, extensionsDir });
  if (VERBOSE) say(`code-server up on port ${server.port} in ${Date.now() - t0} ms`);

  phase = 'Chromium to start';
  let chromium;
  try {
    ({ chromium } = require(path.join(HOST, 'node_modules', 'playwright-core')));
  } catch {
    throw new Error('playwright-core is not installed in test/host: run bash scripts/install-test-host.sh');
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, env,
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  onCleanup(() => Promise.race([browser.close(), new Promise((r) => setTimeout(r, 5000))]));
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
    if (!exiting) { say(`code-server exited early (${c ?? s}); log tail:\n${readTail(server.logFile)}`); finish(1); }
  });

  phase = 'the workbench to load and the tests to finish';
  if (VERBOSE) say(`opening ${url}`);
  await page.goto(url);
  const code = await result;
  if (VERBOSE) say(`tests finished with ${code} after ${Date.now() - t0} ms`);
  return code;
}

main().then((code) => finish(code), (e) => { say(`error: ${e.message}`); finish(1); });
