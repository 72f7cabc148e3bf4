// `--timing`: where a run's time went (on stderr), like ESLint's TIMING. Times are wall
// clock; "startup" is Node's own start and module loading, before the command ran.
export class Stopwatch {
  private readonly laps: Array<[string, number]> = [];
  private last = performance.now();
  private readonly started = this.last;

  /** Ends the current phase under `name` (phases with the same name add up). */
  lap(name: string): void {
    const now = performance.now();
    const found = this.laps.find((l) => l[0] === name);
    if (found) found[1] += now - this.last;
    else this.laps.push([name, now - this.last]);
    this.last = now;
  }

  /**
   * The phases, then per-rule times (a checker is named by its first rule), then the total;
   * `launch` says how the process was started (bin/medwrite.js: code cache, V8 flags).
   */
  report(rules?: Map<string, number>, launch?: string): string {
    const row = (name: string, ms: number) => `  ${name.padEnd(28)}${ms.toFixed(1).padStart(9)} ms\n`;
    let out = `medwrite timing:${launch ? ` (${launch})` : ''}\n` + row('startup', this.started);
    for (const [name, ms] of this.laps) out += row(name, ms);
    for (const [rule, ms] of rules ?? []) out += row(`  ${rule}`, ms);
    return out + row('total', performance.now());
  }
}
