import { compilePatterns } from "../scope/compile-patterns.js";
import type { RepositoryInstruction } from "./review-context.js";

/**
 * The files on the base branch whose text is review guidance, in the order they are given: the
 * agent-instruction files the coding agents read (AGENTS.md, CLAUDE.md) and GitHub Copilot's.
 */
export const instructionFiles = ["AGENTS.md", "CLAUDE.md", ".github/copilot-instructions.md"] as const;

/** One `review.instructions` entry: guidance for changes to the paths its globs match. */
export interface PathInstruction {
  paths: readonly string[];
  text: string;
}

/**
 * The repository's instructions for one review: the instruction files found on the base branch
 * (empty ones skipped), then each `review.instructions` entry whose globs match a changed path.
 */
export function repositoryInstructions(input: {
  /** the instruction files' text at the base, undefined when absent */
  files: ReadonlyArray<{ path: string; text: string | undefined }>;
  configured: readonly PathInstruction[];
  changedPaths: readonly string[];
}): RepositoryInstruction[] {
  const found = input.files.flatMap((file) =>
    file.text === undefined || file.text.trim() === "" ? [] : [{ source: file.path, text: file.text }],
  );
  const matching = input.configured.filter((entry) => {
    const matcher = compilePatterns(entry.paths);
    return input.changedPaths.some((path) => matcher.matches(path));
  });
  return [
    ...found,
    ...matching.map((entry) => ({ source: `review.instructions for ${entry.paths.join(", ")}`, text: entry.text })),
  ];
}
