// Drafting a glossary, reference list and claim base from source documents (pure).
export * from './source';
export * from './terms';
export * from './references';
export * from './claims';
