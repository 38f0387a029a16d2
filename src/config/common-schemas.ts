import { z } from "zod";
import { findPatternProblem } from "../core/scope/index.js";

/**
 * Wraps a section schema so an absent section parses to the section's own defaults. A function
 * default hands every parse a fresh object (no shared arrays to mutate by accident), and zod
 * evaluates it when emitting JSON Schema, so editors show the full default section.
 */
export const withSectionDefault = <S extends z.ZodType<object, object>>(schema: S) =>
  schema.default(() => schema.parse({}) as z.core.util.NoUndefined<z.output<S>>);

/** A repository path glob, checked by the same rules the scope gate applies (docs/scope-patterns.md). */
export const globSchema = z.string().superRefine((pattern, ctx) => {
  const problem = findPatternProblem(pattern);
  if (problem !== undefined) ctx.addIssue({ code: "custom", message: `this glob ${problem}` });
});

export const globListSchema = (description: string, fallback: readonly string[]) =>
  z
    .array(globSchema)
    .default(() => [...fallback])
    .describe(description);

/** A file or folder path relative to the repository root, as the GitHub contents API expects. */
export const repoPathSchema = z
  .string()
  .min(1, "a path may not be empty")
  .regex(/^(?!\/)(?!\.\/)(?!.*\/$)(?!(?:.*\/)?\.\.?(?:\/|$))[^\\*?[\]]+$/, {
    error:
      "must be a path relative to the repository root, like `ops/tasks`: no leading `/` or `./`, no trailing `/`, no `.` or `..` segments, no glob characters",
  });

/**
 * GitHub label names: at most 50 characters. Commas are refused because the issues API filters
 * labels with a comma-separated list, so a label with a comma could never be searched for.
 */
export const labelNameSchema = z
  .string()
  .min(1, "a label name may not be empty")
  .max(50, "GitHub label names are at most 50 characters")
  .regex(/^[^,]*$/, "label names may not contain commas: GitHub's label filters split on them")
  .regex(/^\S(?:.*\S)?$/, "a label name may not start or end with spaces");

/** A GitHub user login: 1–39 letters, digits or single hyphens, no hyphen at either end. */
export const githubLoginPattern = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
export const githubLoginSchema = z.string().regex(githubLoginPattern, {
  error: (issue) =>
    typeof issue.input === "string" && issue.input.startsWith("@")
      ? "write the login without the leading `@`"
      : "is not a GitHub login: 1–39 letters, digits or single hyphens, not starting or ending with a hyphen",
});

/** Positive whole numbers with a readable lower bound. */
export const countSchema = (minimum: number) => z.number().int().min(minimum);

/**
 * Refinement option: run a cross-field check even when sibling fields already failed, so one
 * pass reports every problem. The check still needs an object to look at, and must itself
 * tolerate fields of the wrong type.
 */
export const evenWithOtherIssues = {
  when: (payload: { value: unknown }) =>
    typeof payload.value === "object" && payload.value !== null && !Array.isArray(payload.value),
} as const;
