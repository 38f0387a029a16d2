import type { ChangedFile } from "../changed-file.js";
import { compilePatterns } from "../scope/index.js";
import { maxOmissionsInPrompt, renderBudgetedDiff, renderBudgetedFile, renderOmissions } from "./budgeted-diff.js";
import type { BudgetedDiff, BudgetedFile, Omission } from "./budgeted-diff.js";
import { isBinaryFile, lacksPatch, lowValueKind, lowValueOrder } from "./classify-file.js";
import type { LowValueKind } from "./classify-file.js";
import { PieceCounter } from "./piece-counter.js";
import { numberHunk } from "./number-hunk.js";
import { splitHunks } from "./split-hunks.js";
import { sanitizeUntrusted } from "./untrusted.js";

export interface BudgetDiffInput {
  files: readonly ChangedFile[];
  /** tokens the diff may take: `max_input_tokens` minus the rest of the prompt */
  maxTokens: number;
  /** the provider's token count (or an estimate) of a text */
  estimateTokens: (text: string) => number;
  /** the task's scope globs: files inside are kept before others */
  scope?: readonly string[];
  /** paths named by risks or by the spec: kept before everything else */
  priorityPaths?: readonly string[];
  /**
   * Why GitHub did not list the whole change (more files than its compare or pull-files list
   * returns): the files it left out cannot be reviewed, so coverage is partial and the review says why.
   */
  incomplete?: string | undefined;
}

interface Candidate {
  index: number;
  file: ChangedFile;
  hunks: string[];
  kind: LowValueKind | undefined;
  /** 0: named by risks or the spec, 1: in the task scope, 2: the rest */
  tier: number;
  /** indices of the hunks kept; all of them until the budget says otherwise */
  kept: number[];
  dropped?: Omission["reason"];
}

/**
 * Fits a pull request's diff into a token budget, deterministically. Everything goes in when it
 * fits. Otherwise lockfiles, then generated, vendored and minified files leave first, whole
 * kinds at a time; then files are taken by relevance (named by risks or the spec, then in the
 * task scope, then the rest; ties in the pull request's order), each with as many of its hunks
 * as still fit, cut only at hunk boundaries. Every file left out or cut is listed with the reason.
 *
 * Fast on large diffs with a real tokenizer: each hunk and header is counted at most once (none
 * once the budget is spent), candidate diffs are sized by summing those counts, and the whole
 * rendered text is counted only when that sum says it is close to the limit.
 */
export function budgetDiff(input: BudgetDiffInput): BudgetedDiff {
  const { candidates, fixed } = prepare(input);
  const pieces = new PieceCounter(input.estimateTokens);
  const estimate = pieces.count;
  const attempt = (namesShown = maxOmissionsInPrompt): BudgetedDiff =>
    assemble(candidates, fixed, namesShown, input.maxTokens);
  const fits = (diff: BudgetedDiff): boolean => pieces.fits(diff, input.maxTokens);

  let diff = attempt();
  if (fits(diff)) return diff;
  for (const kind of lowValueOrder) {
    const ofKind = candidates.filter((c) => c.kind === kind && c.dropped === undefined);
    if (ofKind.length === 0) continue;
    for (const candidate of ofKind) drop(candidate, kind);
    diff = attempt();
    if (fits(diff)) return diff;
  }

  // Reserve room for the longest note the prompt could carry, then fill greedily by relevance.
  const open = candidates.filter((c) => c.dropped === undefined).sort((a, b) => a.tier - b.tier || a.index - b.index);
  for (const candidate of open) drop(candidate, "budget");
  let room = input.maxTokens - estimate(renderOmissions([...fixed, ...candidates.map(asOmission)]));
  const taken: Candidate[] = [];
  for (const candidate of open) {
    if (room <= 0) break;
    const header = estimate(renderBudgetedFile(toBudgetedFile({ ...candidate, kept: [] })));
    if (header > room) continue;
    let cost = header;
    const kept: number[] = [];
    candidate.hunks.forEach((hunk, i) => {
      // a hunk costs at least one token (and its line break): not worth counting once none fits
      if (cost + 2 > room) return;
      const hunkCost = estimate(hunk) + 1;
      if (cost + hunkCost <= room) {
        kept.push(i);
        cost += hunkCost;
      }
    });
    if (kept.length === 0 && candidate.hunks.length > 0) continue;
    candidate.kept = kept;
    delete candidate.dropped;
    room -= cost + 2;
    taken.push(candidate);
  }

  // Token counts need not add up exactly; give back the least relevant pieces until the whole fits.
  diff = attempt();
  while (!fits(diff) && taken.length > 0) {
    const last = taken[taken.length - 1] as Candidate;
    last.kept.pop();
    if (last.kept.length === 0) {
      drop(last, "budget");
      taken.pop();
    }
    diff = attempt();
  }
  for (let names = maxOmissionsInPrompt; !fits(diff) && names > 0; names = Math.floor(names / 2)) {
    diff = attempt(Math.floor(names / 2));
  }
  return diff.tokens >= 0 ? diff : { ...diff, tokens: input.estimateTokens(renderBudgetedDiff(diff)) };
}

function prepare(input: BudgetDiffInput): { candidates: Candidate[]; fixed: (Omission & { index: number })[] } {
  const inScope = input.scope !== undefined && input.scope.length > 0 ? compilePatterns(input.scope) : undefined;
  const priority = new Set(input.priorityPaths ?? []);
  const candidates: Candidate[] = [];
  const fixed: (Omission & { index: number })[] = [];
  // after every listed file: what GitHub did not list at all
  if (input.incomplete !== undefined)
    fixed.push({
      index: input.files.length,
      filename: "(files GitHub did not list)",
      reason: "not_listed",
      detail: input.incomplete,
    });
  input.files.forEach((file, index) => {
    if (isBinaryFile(file)) fixed.push({ index, filename: file.filename, reason: "binary" });
    else if (lacksPatch(file)) fixed.push({ index, filename: file.filename, reason: "no_patch" });
    else {
      const { preamble, hunks } = splitHunks(sanitizeUntrusted(file.patch ?? "", "diff"));
      // every kept line numbered as the new file numbers it: the models cite `file:line` from it
      const all = hunks.length === 0 && preamble.trim() !== "" ? [preamble] : hunks.map(numberHunk);
      const tier = priority.has(file.filename) ? 0 : inScope?.matches(file.filename) ? 1 : 2;
      candidates.push({ index, file, hunks: all, kind: lowValueKind(file), tier, kept: all.map((_, i) => i) });
    }
  });
  return { candidates, fixed };
}

function drop(candidate: Candidate, reason: Omission["reason"]): void {
  candidate.dropped = reason;
  candidate.kept = [];
}

function asOmission(candidate: Candidate): Omission {
  return { filename: candidate.file.filename, reason: candidate.dropped ?? "budget" };
}

function toBudgetedFile(candidate: Candidate): BudgetedFile {
  const { file } = candidate;
  return {
    filename: file.filename,
    status: file.status,
    ...(file.previous_filename === undefined ? {} : { previous_filename: file.previous_filename }),
    additions: file.additions,
    deletions: file.deletions,
    hunks: candidate.kept.map((i) => candidate.hunks[i] as string),
    totalHunks: candidate.hunks.length,
  };
}

/** The diff as the candidates now stand; `tokens` is -1 until `PieceCounter.fits` counts it. */
function assemble(
  candidates: readonly Candidate[],
  fixed: readonly (Omission & { index: number })[],
  omissionsShown: number,
  limit: number,
): BudgetedDiff {
  const files: BudgetedFile[] = [];
  const omitted: (Omission & { index: number })[] = [...fixed];
  for (const candidate of candidates) {
    if (candidate.dropped !== undefined) {
      omitted.push({ index: candidate.index, ...asOmission(candidate) });
      continue;
    }
    files.push(toBudgetedFile(candidate));
    if (candidate.kept.length < candidate.hunks.length) {
      const detail = `${candidate.kept.length} of ${candidate.hunks.length} hunks shown`;
      omitted.push({ index: candidate.index, filename: candidate.file.filename, reason: "cut", detail });
    }
  }
  const ordered = omitted.sort((a, b) => a.index - b.index).map(({ index: _index, ...omission }) => omission);
  const partial = ordered.some((omission) => omission.reason !== "binary");
  const shape = { files, omitted: ordered, omissionsShown };
  return {
    ...shape,
    coverage: partial ? "partial" : "full",
    tokens: -1,
    limit,
  };
}
