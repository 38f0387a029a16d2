const normalize = (key: string): string => key.toLowerCase().replace(/[-_\s]/g, "");

const editDistance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
};

/**
 * The candidate a mistyped key most likely meant: same letters modulo case, `-`, `_` and spaces
 * (`dryRun` → `dry_run`), or a small typo (about one edit per three characters).
 */
export const suggestKey = (key: string, candidates: readonly string[]): string | undefined => {
  const wanted = normalize(key);
  const exact = candidates.find((candidate) => normalize(candidate) === wanted);
  if (exact !== undefined) return exact;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, normalize(candidate));
    if (distance <= Math.max(1, Math.floor(candidate.length / 3)) && (best === undefined || distance < best.distance)) {
      best = { candidate, distance };
    }
  }
  return best?.candidate;
};
