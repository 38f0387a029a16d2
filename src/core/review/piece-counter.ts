import { renderBudgetedDiff, renderFileHeader, renderOmissions, type BudgetedDiff } from "./budgeted-diff.js";

/**
 * Token counts of the pieces a rendered diff is made of (file headers, hunks, the omissions
 * note), each counted once. A diff's size is the sum of its pieces plus one token per line
 * break between them; tokenizers merge little across a line break, so that sum is within a
 * couple of tokens per piece of the whole text's count, which is taken only when the sum is
 * that close to the limit.
 */
export class PieceCounter {
  readonly #counts = new Map<string, number>();
  readonly #count: (text: string) => number;

  constructor(count: (text: string) => number) {
    this.#count = count;
  }

  readonly count = (text: string): number => {
    let tokens = this.#counts.get(text);
    if (tokens === undefined) {
      tokens = this.#count(text);
      this.#counts.set(text, tokens);
    }
    return tokens;
  };

  /** Whether `diff` fits in `limit`; sets `diff.tokens` to the whole text's count when it was taken. */
  fits(diff: BudgetedDiff, limit: number): boolean {
    let sum = 0;
    let pieces = 0;
    const add = (text: string): void => {
      sum += this.count(text) + 1;
      pieces += 1;
    };
    for (const file of diff.files) {
      add(renderFileHeader(file));
      for (const hunk of file.hunks) add(hunk);
      // far over the limit: no need to count the rest
      if (sum - 2 * pieces > limit) return false;
    }
    const note = renderOmissions(diff.omitted, diff.omissionsShown);
    if (note !== "") add(note);
    if (sum - 2 * pieces > limit) return false;
    diff.tokens = this.#count(renderBudgetedDiff(diff));
    return diff.tokens <= limit;
  }
}
