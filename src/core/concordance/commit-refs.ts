import { parseTrailers } from "./parse-trailers.js";
import { normalizeRefId, normalizeTaskId } from "./ref-id.js";

/** What one commit message claims to implement, read from its `Task:`, `Refs:` and `WBS:` trailers. */
export interface CommitRefs {
  /** the first `Task:` value, canonical (`T-12`) when it is a task id, as written otherwise */
  task?: string;
  /** every `Task:` value, in order; more than one is allowed only if they agree */
  tasks: string[];
  /** ids from `Refs:` trailers, canonical, deduplicated, in order of appearance */
  refs: string[];
  /** ids from `WBS:` trailers, canonical, deduplicated, in order of appearance */
  wbs: string[];
  /** tokens of `Refs:` / `WBS:` trailers that are not NT/TD/WBS ids (`#12`, `NT12`) */
  invalid: string[];
}

/** Ids are separated by commas and/or whitespace (semicolons forgiven too). */
const tokenSeparator = /[\s,;]+/;

export function commitRefs(message: string): CommitRefs {
  const result: CommitRefs = { tasks: [], refs: [], wbs: [], invalid: [] };
  for (const trailer of parseTrailers(message)) {
    if (trailer.key === "Task") {
      if (trailer.value === "") continue;
      result.tasks.push(normalizeTaskId(trailer.value) ?? trailer.value);
      continue;
    }
    const target = trailer.key === "Refs" ? result.refs : trailer.key === "WBS" ? result.wbs : undefined;
    if (!target) continue;
    for (const token of trailer.value.split(tokenSeparator)) {
      if (token === "") continue;
      const id = normalizeRefId(token);
      if (id === undefined) {
        if (!result.invalid.includes(token)) result.invalid.push(token);
      } else if (!target.includes(id)) {
        target.push(id);
      }
    }
  }
  const [first] = result.tasks;
  if (first !== undefined) result.task = first;
  return result;
}

/** Every id a commit names, `Refs:` first then `WBS:`, without duplicates. */
export function commitIds(refs: CommitRefs): string[] {
  return [...new Set([...refs.refs, ...refs.wbs])];
}

/**
 * Merge commits carry no trailers of their own (git writes their message), so the gate exempts
 * them. Only the parents would tell for sure; the message is all the gate gets, and these are the
 * subjects git and GitHub write.
 */
export function isMergeCommitMessage(message: string): boolean {
  const subject = message.split("\n", 1)[0] ?? "";
  return /^Merge (branch|branches|remote-tracking branch|pull request|tag|commit) /.test(subject);
}
