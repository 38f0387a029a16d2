import { preferredMergeMethods, type MergeMethod } from "../../config/merge-schema.js";

/** What decides which merge methods GitHub accepts on a base: the repository's settings and the base's rules. */
export interface MergeMethodFacts {
  base: string;
  settings: { mergeCommitAllowed: boolean; squashMergeAllowed: boolean; rebaseMergeAllowed: boolean };
  /** the rules GitHub applies to the base (`GET /rules/branches/{base}`); undefined when it did not say */
  rules: readonly { type: string; parameters?: Record<string, unknown> }[] | undefined;
}

const settingName: Readonly<Record<MergeMethod, string>> = {
  merge: "Allow merge commits",
  squash: "Allow squash merging",
  rebase: "Allow rebase merging",
};

const isMethod = (value: unknown): value is MergeMethod =>
  value === "merge" || value === "squash" || value === "rebase";

/**
 * Why GitHub refuses each method it refuses on the base, in words an owner can act on: the
 * repository's setting is off, a ruleset's `required_linear_history` rule forbids merge commits,
 * or a ruleset's `pull_request` rule lists other `allowed_merge_methods`.
 */
export function forbiddenMergeMethods(facts: MergeMethodFacts): Map<MergeMethod, string> {
  const { settings, base } = facts;
  const on: Readonly<Record<MergeMethod, boolean>> = {
    merge: settings.mergeCommitAllowed,
    squash: settings.squashMergeAllowed,
    rebase: settings.rebaseMergeAllowed,
  };
  const why = new Map<MergeMethod, string>();
  for (const method of preferredMergeMethods) {
    if (!on[method]) why.set(method, `“${settingName[method]}” is off in Settings → General → Pull requests`);
  }
  for (const rule of facts.rules ?? []) {
    if (rule.type === "required_linear_history" && !why.has("merge"))
      why.set("merge", `a ruleset's required_linear_history rule on ${base} forbids merge commits`);
    const listed = rule.type === "pull_request" ? rule.parameters?.allowed_merge_methods : undefined;
    if (!Array.isArray(listed)) continue;
    const allowed = listed.filter(isMethod);
    for (const method of preferredMergeMethods) {
      if (allowed.includes(method) || why.has(method)) continue;
      const only = allowed.length === 0 ? "no method" : allowed.join(", ");
      why.set(method, `a ruleset's pull_request rule on ${base} allows only ${only}`);
    }
  }
  return why;
}

/** The methods GitHub accepts on the base, in the order an unset `merge.method` tries them. */
export const allowedMergeMethods = (facts: MergeMethodFacts): MergeMethod[] => {
  const forbidden = forbiddenMergeMethods(facts);
  return preferredMergeMethods.filter((method) => !forbidden.has(method));
};

/*
 * The owner question's words (plain text: the question escapes every markdown character of a
 * reason, and shows 300 characters of it), naming the setting and the fix.
 */

/** Why a configured `merge.method` cannot merge, and the fix. */
export const configuredMethodRefusal = (method: MergeMethod, why: string): string =>
  `merge.method is ${method}, which the repository does not allow (${why}); allow it there, or change or ` +
  "remove merge.method in .github/autopilot.yml, then choose 1";

/** Why nothing merges when GitHub accepts no merge method on the base, and the fix. */
export const noMergeMethodRefusal = (base: string): string =>
  `the repository's settings and the rules of ${base} allow none of squash, merge or rebase; allow one in ` +
  "Settings → General → Pull requests (or the rulesets), then choose 1";
