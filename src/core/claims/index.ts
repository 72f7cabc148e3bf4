// The claim check's public surface.
export { ClaimChecker, claimCheckerFactory, CLAIM_RULES, insertionPoint } from './checker';
export type { CitationScope, ClaimCheckStats, ClaimOccurrence, ClaimStatus, DocumentClaims, SentenceAnalysis, SentenceResult } from './checker';
export { matchSentence, compileClaim, explainHit, wordMatchesCue, nonAssertiveReason } from './matcher';
export type { ClaimHit, CompiledClaim, SentenceClaims } from './matcher';
export { findQuantities, claimInterval, describeQuantity } from './quantity';
export { findStrongPhrases } from './overclaim';
