import { codeownersPatternProblem, compileCodeownersPattern } from "./codeowners-pattern.js";

/** An owner as CODEOWNERS names one: a user `@login`, a team `@org/team`, or an email address. */
export type CodeOwner =
  | { kind: "user"; login: string }
  | { kind: "team"; org: string; slug: string }
  | { kind: "email"; address: string };

export interface CodeownersRule {
  /** 1-based line number in the file */
  line: number;
  pattern: string;
  /** empty: the matching files have no owner (a later line can take ownership away) */
  owners: CodeOwner[];
  matches: (path: string) => boolean;
}

/** A line GitHub skips, and why. */
export interface CodeownersError {
  line: number;
  text: string;
  problem: string;
}

export interface Codeowners {
  /** where the file was found: `.github/CODEOWNERS`, `CODEOWNERS` or `docs/CODEOWNERS` */
  path: string;
  rules: CodeownersRule[];
  errors: CodeownersError[];
}

/** Where GitHub looks for CODEOWNERS on the base branch, in order; the first file found is used. */
export const codeownersPaths = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"] as const;

/** GitHub ignores a CODEOWNERS file over 3 MB. */
export const maxCodeownersBytes = 3 * 1024 * 1024;

const userPattern = /^@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\[bot\])?)$/;
const teamPattern = /^@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9_.-]+)$/;
const emailPattern = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function parseOwner(token: string): CodeOwner | undefined {
  const team = teamPattern.exec(token);
  if (team) return { kind: "team", org: team[1] ?? "", slug: team[2] ?? "" };
  const user = userPattern.exec(token);
  if (user) return { kind: "user", login: user[1] ?? "" };
  if (emailPattern.test(token)) return { kind: "email", address: token };
  return undefined;
}

/**
 * Parses a CODEOWNERS file as GitHub reads it: one `pattern owner…` rule per line, `#` starts a
 * comment (at the start of a line or of a word), blank lines are skipped. A line GitHub cannot
 * use (negation, `[ ]`, an owner that is neither `@user`, `@org/team` nor an email) is skipped and
 * reported in `errors`, like the errors GitHub shows on the file. Order matters: for a path, the
 * last matching rule wins (see `codeOwnersOf`).
 */
export function parseCodeowners(text: string, path: string = codeownersPaths[0]): Codeowners {
  const rules: CodeownersRule[] = [];
  const errors: CodeownersError[] = [];
  if (Buffer.byteLength(text, "utf8") > maxCodeownersBytes) {
    return { path, rules, errors: [{ line: 0, text: "", problem: "the file is over 3 MB: GitHub ignores it" }] };
  }
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const words = raw
      .trim()
      .split(/\s+/)
      .filter((word) => word !== "");
    const comment = words.findIndex((word) => word.startsWith("#"));
    const [pattern, ...tokens] = comment === -1 ? words : words.slice(0, comment);
    if (pattern === undefined) return;
    const problem = codeownersPatternProblem(pattern);
    if (problem) return void errors.push({ line, text: raw.trim(), problem });
    const owners: CodeOwner[] = [];
    for (const token of tokens) {
      const owner = parseOwner(token);
      if (!owner)
        return void errors.push({
          line,
          text: raw.trim(),
          problem: `${JSON.stringify(token)} is not an owner: write @login, @org/team or an email address`,
        });
      owners.push(owner);
    }
    rules.push({ line, pattern, owners, matches: compileCodeownersPattern(pattern) });
  });
  return { path, rules, errors };
}

/**
 * The rule that decides who owns `path`: the last one that matches it, or undefined when none
 * does. A deciding rule with no owners means the path has no code owner.
 */
export function codeOwnersOf(codeowners: Pick<Codeowners, "rules">, path: string): CodeownersRule | undefined {
  for (let index = codeowners.rules.length - 1; index >= 0; index--) {
    const rule = codeowners.rules[index];
    if (rule?.matches(path)) return rule;
  }
  return undefined;
}

/** `@login`, `@org/team` or the address: how the owner is written in the file. */
export const ownerName = (owner: CodeOwner): string =>
  owner.kind === "user" ? `@${owner.login}` : owner.kind === "team" ? `@${owner.org}/${owner.slug}` : owner.address;
