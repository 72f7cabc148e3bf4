// The engine's public surface: what the CLI and the editor adapters import.
import type { MedwriteData } from './data';
import { Engine, CheckerFactory, EngineContext, EngineSettings } from './engine';
import type { ClaimChecker } from './claims/checker';
import { CLAIM_RULES } from './rules';
import { createTypoChecker, createPreferredFormChecker } from './typos';

/** Every checker, in the order findings are produced. Feature modules add theirs here. */
export const checkerFactories: CheckerFactory[] = [
  // The claim check's modules load only for an engine that runs a claim rule (not for a spelling pass).
  Object.assign((ctx: EngineContext): ClaimChecker => require('./claims/checker').claimCheckerFactory(ctx), { rules: CLAIM_RULES }),
  Object.assign((ctx: EngineContext) => createTypoChecker(ctx), { rules: ['typo', 'unknown-word'] as const }),
  Object.assign((ctx: EngineContext) => createPreferredFormChecker(ctx), { rules: ['preferred-form'] as const }),
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
