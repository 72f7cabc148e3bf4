// Where the package's own files are (glossary/, styles/, dist/): found upwards from this
// module, which runs from out/src/node (tsc) or from dist/ (the bundled extension).
import * as fs from 'fs';
import * as path from 'path';

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'glossary'))) return (root = dir);
    dir = path.dirname(dir);
  }
  return (root = path.resolve(__dirname, '../../..'));
}

/** A file or folder of the package, e.g. `packagePath('glossary')`. */
export function packagePath(...parts: string[]): string {
  return path.join(packageRoot(), ...parts);
}

/** The package's version (from package.json, read where the package is: the CLI also runs bundled). */
export function packageVersion(): string {
  return String(JSON.parse(fs.readFileSync(packagePath('package.json'), 'utf8')).version);
}
