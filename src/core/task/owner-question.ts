import { fieldExamples, formHeadings, taskSpecFields } from "./task-spec-fields.js";
import type { TaskSpecField } from "./task-spec-fields.js";

/**
 * One thing the owner must fix before a task can start: which field, what is wrong with it
 * (markdown; owner values are quoted as code) and a valid answer to copy.
 */
export interface OwnerQuestion {
  field: string;
  problem: string;
  example: string;
}

/** Where a field was written, so the example answers in the same syntax. */
export type SpecSyntax = "fenced" | "form";

export const exampleFor = (field: TaskSpecField, syntax: SpecSyntax): string => fieldExamples[field][syntax];

/** Words owners reach for instead of a field name (normalized: lower case, single spaces). */
const extraAliases: Record<string, TaskSpecField> = {
  path: "scope",
  paths: "scope",
  "allowed paths": "scope",
  forbid: "forbidden",
  deny: "forbidden",
  exclude: "forbidden",
  excluded: "forbidden",
  criteria: "acceptance",
  "acceptance criterion": "acceptance",
  "definition of done": "acceptance",
  done: "acceptance",
  test: "tests",
  "test command": "tests",
  ref: "refs",
  reference: "refs",
  blueprint: "refs",
  blueprints: "refs",
  limit: "budget",
  limits: "budget",
  level: "risk",
  "autopilot mode": "mode",
};

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = previous[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

const normalizeKey = (key: string): string =>
  key
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");

/** The closest candidate to a misspelled key, when one is close enough to be a fair guess. */
export function closestKey(key: string, candidates: readonly string[]): string | undefined {
  const wanted = normalizeKey(key);
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate);
    const allowed = candidate.length <= 4 ? 1 : 2;
    if (distance <= allowed && (!best || distance < best.distance)) best = { candidate, distance };
  }
  if (best) return best.candidate;
  // "max_files" → files, "scope_paths" → scope
  return candidates.find((candidate) => candidate.length >= 4 && wanted.split(" ").includes(candidate));
}

/** The spec field a misspelled or synonymous key most likely meant. */
export function suggestField(key: string): TaskSpecField | undefined {
  const wanted = normalizeKey(key);
  const alias =
    taskSpecFields.find((field) => field === wanted || formHeadings[field].includes(wanted)) ?? extraAliases[wanted];
  return alias ?? (closestKey(key, taskSpecFields) as TaskSpecField | undefined);
}
