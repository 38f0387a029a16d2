import type { FoundCheck, RequiredCheckEntry } from "../merge/required-checks.js";
import { requiredCheckOf, selectRequiredChecks } from "../merge/required-checks.js";
import type { ReadinessRow } from "./readiness-row.js";

/** A commit status on the default branch's head, as `GET /commits/{ref}/statuses` lists it (newest first). */
export interface HeadStatus {
  context: string;
  state: string;
  creator: { login: string } | null;
}

/** A check run on the default branch's head, as `GET /commits/{ref}/check-runs` lists it. */
export interface HeadCheckRun {
  name: string;
  status: string;
  conclusion: string | null;
  app: { slug?: string } | null;
}

const green = new Set(["success", "neutral", "skipped"]);

/** The newest status per context and creator: GitHub lists every status ever posted, newest first. */
export function latestStatuses<T extends HeadStatus>(statuses: readonly T[]): T[] {
  const seen = new Set<string>();
  return statuses.filter((status) => {
    const key = `${status.context}\n${status.creator?.login ?? ""}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

/** The head's statuses and check runs as the merge's required-check rules read them. */
export function foundChecks(headSha: string, statuses: readonly HeadStatus[], runs: readonly HeadCheckRun[]) {
  const found: FoundCheck[] = runs.map((run) => ({
    name: run.name,
    status: run.status as FoundCheck["status"],
    conclusion: (run.conclusion ?? null) as FoundCheck["conclusion"],
    headSha,
    source: { kind: "check_run", app: run.app?.slug ?? null },
  }));
  for (const status of latestStatuses(statuses)) {
    const done = status.state !== "pending";
    found.push({
      name: status.context,
      status: done ? "completed" : "in_progress",
      conclusion: done ? (status.state === "success" ? "success" : "failure") : null,
      headSha,
      source: { kind: "status", creator: status.creator?.login ?? null },
    });
  }
  return found;
}

/**
 * One row per `readiness.required_checks` entry: green only when every result that counts for it
 * on the head (by the merge's rules: a pinned check only from its app, a status never from the
 * agent's accounts or the app) is green, and at least one does. A failure from any counted source
 * fails; nothing counted yet, or a run still going, fails too (the check is not green).
 */
export function requiredCheckRows(
  entries: readonly RequiredCheckEntry[],
  facts: { defaultBranch: string; headSha: string; found: readonly FoundCheck[]; ownAccounts: readonly string[] },
): ReadinessRow[] {
  const required = entries.map(requiredCheckOf);
  const { counted, ignored } = selectRequiredChecks(required, facts.found, facts.ownAccounts);
  const short = facts.headSha.slice(0, 7);
  return required.map((check) => {
    const source = check.app === undefined ? "" : ` from the app ${check.app}`;
    const row = {
      id: `check:${check.name}`,
      check: `required check ${check.name}`,
      principal: "repository" as const,
      expected: `green${source} on ${facts.defaultBranch}'s head`,
    };
    const mine = counted.filter((item) => item.name === check.name);
    const notCounted = ignored.get(check.name) ?? [];
    const because = notCounted.length > 0 ? `; not counted: ${[...new Set(notCounted)].join("; ")}` : "";
    const failed = mine.filter((item) => item.status === "completed" && !green.has(item.conclusion ?? ""));
    if (failed.length > 0) {
      const how = [...new Set(failed.map((item) => item.conclusion ?? "failure"))].join(", ");
      return { ...row, result: "fail", detail: `${how} on ${short}` };
    }
    if (mine.some((item) => item.status !== "completed")) {
      return { ...row, result: "fail", detail: `still running on ${short}${because}` };
    }
    if (mine.length === 0) return { ...row, result: "fail", detail: `has not reported on ${short}${because}` };
    return { ...row, result: "ok", detail: `green on ${short}` };
  });
}
