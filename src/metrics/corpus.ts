/** Throws unless there is one reference for each hypothesis, and at least one of each (a caller's mistake, not a user's). */
export function checkCorpus(hypotheses: readonly string[], references: readonly string[]): void {
  if (hypotheses.length !== references.length) {
    throw new RangeError(`Expected one reference for each hypothesis, got ${hypotheses.length} hypotheses and ${references.length} references`);
  }
  if (hypotheses.length === 0) throw new RangeError('Expected at least one hypothesis and its reference, got none');
}
