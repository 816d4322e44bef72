// Scales shared by the charts: pure, so that they can be tested without a browser.

/** A round upper bound for the y axis (1, 2, 5 × 10ⁿ), never 0 so that empty charts still draw. */
export function niceMax(values: readonly number[]): number {
  const max = Math.max(0, ...values);
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((m) => m * magnitude >= max) ?? 10;
  return step * magnitude;
}

/** Shows every nth category label so that labels never overlap. */
export function labelEvery(count: number, slots: number): number {
  return Math.max(1, Math.ceil(count / Math.max(1, slots)));
}
