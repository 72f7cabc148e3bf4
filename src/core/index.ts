// The engine's public surface: what the CLI and the editor adapters import.
import type { MedwriteData } from './data';
import { Engine, Checker, CheckerFactory, EngineContext, EngineSettings } from './engine';
import { CLAIM_RULES, PREFERRED_FORM_RULES, TYPO_RULES } from './rules';
import type { RuleId } from './types';
import { createTypoChecker, createPreferredFormChecker } from './typos';

/** A factory that names its checker's rules, so an engine with all of them off neither builds nor loads it. */
function withRules(rules: readonly RuleId[], make: (ctx: EngineContext) => Checker): CheckerFactory {
  return Object.assign(make, { rules });
}

/** Every checker, in the order findings are produced. Feature modules add theirs here. */
export const checkerFactories: CheckerFactory[] = [
  // The claim check's modules load only for an engine that runs a claim rule (not for a spelling pass).
  withRules(CLAIM_RULES, (ctx) => require('./claims/checker').claimCheckerFactory(ctx)),
  withRules(TYPO_RULES, (ctx) => createTypoChecker(ctx)),
  withRules(PREFERRED_FORM_RULES, (ctx) => createPreferredFormChecker(ctx)),
];

export function createEngine(data: MedwriteData, settings: EngineSettings = {}): Engine {
  return new Engine(data, settings, checkerFactories);
}

export { Engine } from './engine';
export type { EngineSettings, EngineContext, Checker, CheckerFactory, HoverResult } from './engine';
export { AnalyzedDocument, analyze } from './document';
export { GlossaryIndex } from './glossary';
export * from './types';
export * from './data';
export { isProbablyBinary } from './typos';
