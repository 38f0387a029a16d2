import { normalizeLogin } from "./normalize-login.js";
import type { NamedCheckState } from "./check-state.js";

/** A `merge.required_checks` entry: a name, or a name pinned to the GitHub App that must report it. */
export type RequiredCheckEntry = string | { name: string; app: string };

/** A required check with its source: `app` is the slug of the only app whose run counts. */
export interface RequiredCheck {
  name: string;
  app: string | undefined;
}

/**
 * Where a found check came from: a check run and the slug of the app that created it, or a
 * commit status and the account that posted it (GitHub does not say which app, if any).
 */
export type CheckSource = { kind: "check_run"; app: string | null } | { kind: "status"; creator: string | null };

/** A check run or status found on the pull request, with its source when the caller knows it. */
export interface FoundCheck extends NamedCheckState {
  source?: CheckSource;
}

export const requiredCheckOf = (entry: RequiredCheckEntry): RequiredCheck =>
  typeof entry === "string" ? { name: entry, app: undefined } : { name: entry.name, app: entry.app };

/**
 * Why `found` does not count for `required`, or undefined when it does. A pinned check counts
 * only as a check run of its app (as GitHub's rulesets pin a check to an integration), so a
 * commit status never satisfies it; an unpinned one counts from any app, and as a commit status
 * only when the status was not posted by one of the change's own accounts (its author, its
 * committers, the agent, the app itself).
 */
export function ignoredBecause(
  required: RequiredCheck,
  found: FoundCheck,
  ownAccounts: ReadonlySet<string>,
): string | undefined {
  const source = found.source;
  if (required.app !== undefined) {
    const where = `(${required.name} must come from ${required.app})`;
    if (source?.kind === "status") return `a commit status by ${source.creator ?? "an unknown account"} ${where}`;
    const app = source?.kind === "check_run" ? source.app : null;
    if (app === null || app.toLowerCase() !== required.app.toLowerCase())
      return `a check run by ${app ?? "an unknown app"} ${where}`;
    return undefined;
  }
  if (source?.kind === "status") {
    if (source.creator === null) return "a commit status by an unknown account";
    if (ownAccounts.has(normalizeLogin(source.creator))) {
      return `a commit status by ${source.creator}, an account of the change itself`;
    }
  }
  return undefined;
}

/** The found checks that count for the required ones, and a line for each that was left out. */
export function selectRequiredChecks(
  required: readonly RequiredCheck[],
  found: readonly FoundCheck[],
  ownAccounts: readonly string[],
): { counted: NamedCheckState[]; ignored: Map<string, string[]> } {
  const own = new Set(ownAccounts.map(normalizeLogin));
  const counted: NamedCheckState[] = [];
  const ignored = new Map<string, string[]>();
  for (const check of found) {
    const rule = required.find((item) => item.name === check.name);
    if (rule === undefined) continue;
    const why = ignoredBecause(rule, check, own);
    if (why === undefined) {
      const { source: _source, ...state } = check;
      counted.push(state);
    } else ignored.set(check.name, [...(ignored.get(check.name) ?? []), why]);
  }
  return { counted, ignored };
}
