import { SandboxHttpError, type SandboxRequest } from "../../http/index.js";
import type { IssueState, LabelState, RepoState, SandboxUser } from "../../state/index.js";
import type { RestContext } from "../rest-context.js";
import { mayCreateLabels } from "./issue-access.js";
import { emitIssueEvent } from "./issue-events.js";
import { createLabel, findLabel } from "./label-store.js";

/**
 * The label names in a request's `labels`: strings, or objects with a `name` (GitHub also takes
 * the label objects it hands out), a lone string, or a plain array in place of `{ labels }`.
 * Duplicates (case-insensitive) collapse into the first.
 */
export function labelNames(body: unknown): string[] {
  const raw =
    Array.isArray(body) || typeof body === "string" ? body : (body as { labels?: unknown } | null | undefined)?.labels;
  const items: unknown[] = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  const names = new Map<string, string>();
  for (const item of items) {
    const name =
      typeof item === "string"
        ? item
        : typeof item === "object" && item !== null
          ? (item as { name?: unknown }).name
          : undefined;
    if (typeof name === "string" && !names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  }
  return [...names.values()];
}

/**
 * The repository's labels with these names. GitHub creates the missing ones (gray, no
 * description) for a caller who may create labels, and refuses the request otherwise with
 * 403 "You do not have permission to create labels on this repository.".
 */
export function resolveLabels(
  ctx: RestContext,
  request: SandboxRequest,
  repo: RepoState,
  names: readonly string[],
): LabelState[] {
  const missing = names.filter((name) => !findLabel(repo, name));
  if (missing.length > 0 && !mayCreateLabels(ctx, request, repo)) {
    throw new SandboxHttpError(403, "You do not have permission to create labels on this repository.", {
      errors: [{ resource: "Repository", field: "label", code: "unauthorized" }],
    });
  }
  return names.map((name) => findLabel(repo, name) ?? createLabel(ctx.state, repo, { name }));
}

/**
 * Gives an issue exactly `next` as its labels, announcing each label removed (`unlabeled`) and
 * each added (`labeled`); a label the issue already has is no change and announces nothing.
 */
export function setIssueLabels(
  ctx: RestContext,
  repo: RepoState,
  sender: SandboxUser,
  issue: IssueState,
  next: readonly LabelState[],
): void {
  const had = new Set(issue.labels.map((label) => label.id));
  const keeps = new Set(next.map((label) => label.id));
  const removed = issue.labels.filter((label) => !keeps.has(label.id));
  const added = next.filter((label) => !had.has(label.id));
  if (removed.length === 0 && added.length === 0) return;
  issue.labels = [...next];
  issue.updatedAt = ctx.state.iso();
  for (const label of removed) emitIssueEvent(ctx, repo, sender, issue, "unlabeled", { label });
  for (const label of added) emitIssueEvent(ctx, repo, sender, issue, "labeled", { label });
}
