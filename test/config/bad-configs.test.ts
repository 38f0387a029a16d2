import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/index.js";
import type { ConfigIssue } from "../../src/config/index.js";

const badDir = new URL("./fixtures/bad/", import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, badDir), "utf8");

interface Expected {
  path: string;
  line: number;
  column?: number;
  message: RegExp;
}

/** Every bad fixture and exactly the issues it must produce, in file order. */
const expectations: Record<string, Expected[]> = {
  "syntax-error.yml": [
    // The parser notices the unclosed `[` where the next key starts.
    { path: "", line: 3, column: 1, message: /^YAML syntax error in `\.github\/autopilot\.yml`: .*end with a \]/ },
  ],
  "top-level-list.yml": [{ path: "", line: 1, column: 1, message: /must be a mapping of settings .*got a list/ }],
  "multiple-documents.yml": [{ path: "", line: 2, message: /more than one YAML document/ }],
  "duplicate-keys.yml": [{ path: "", line: 3, column: 1, message: /Map keys must be unique/ }],
  "unquoted-handle.yml": [{ path: "", line: 3, column: 11, message: /reserved character @; put the value in quotes/ }],
  "unknown-keys.yml": [
    { path: "dryRun", line: 1, column: 1, message: /unknown key `dryRun` at the top level\. Did you mean `dry_run`\?/ },
    {
      path: "defaults.budgt",
      line: 3,
      column: 3,
      message:
        /unknown key `budgt` in `defaults`\. Did you mean `budget`\? Allowed keys here: `scope`, `forbidden`, `budget`, `risk`\./,
    },
    {
      path: "method",
      line: 5,
      column: 1,
      message: /unknown key `method` at the top level\. It belongs at `merge\.method`\./,
    },
  ],
  "wrong-types.yml": [
    {
      path: "paused",
      line: 1,
      column: 9,
      message: /must be `true` or `false`, got the text `yes` \(YAML 1\.2 reads `yes`/,
    },
    { path: "owners", line: 2, column: 9, message: /must be a list, got the text `alice`/ },
    { path: "defaults.budget.files", line: 5, column: 12, message: /must be a number, got the text `fifty`/ },
  ],
  "empty-section.yml": [
    { path: "labels", line: 1, column: 1, message: /is empty: give it a mapping .*or delete the key/ },
  ],
  "bad-risk.yml": [
    {
      path: "defaults.risk",
      line: 2,
      column: 9,
      message: /must be one of `low`, `medium`, `high`, `critical`, got the text `severe`/,
    },
  ],
  "bad-merge-method.yml": [
    {
      path: "merge.method",
      line: 2,
      column: 11,
      message: /must be one of `merge`, `squash`, `rebase`, got the text `fast-forward`/,
    },
  ],
  "bad-allowlist-regex.yml": [
    {
      path: "secrets.allowlist.regexes[1]",
      line: 5,
      column: 9,
      message: /not a valid JavaScript regular expression \(.*Unterminated group\)/,
    },
    {
      path: "secrets.allowlist.regexes[2]",
      line: 6,
      column: 9,
      message: /matches the empty string, so it would allowlist every finding/,
    },
  ],
  "bad-fingerprint.yml": [
    {
      path: "secrets.allowlist.fingerprints[1]",
      line: 5,
      column: 9,
      message: /`sha256:` followed by 16 lowercase hex digits/,
    },
    {
      path: "secrets.allowlist.fingerprints[2]",
      line: 6,
      column: 9,
      message: /`sha256:` followed by 16 lowercase hex digits/,
    },
  ],
  "mention-without-at.yml": [
    { path: "dispatch.handle", line: 3, column: 11, message: /must start with `@`, e\.g\. `@copilot`/ },
  ],
  "workflow-dispatch-without-workflow.yml": [
    // The key is missing, so the issue points at the section that lacks it.
    {
      path: "dispatch.workflow",
      line: 1,
      column: 1,
      message: /is required with `target: workflow_dispatch`: .*`agent\.yml`/,
    },
  ],
  "unknown-dispatch-target.yml": [
    {
      path: "dispatch.target",
      line: 2,
      column: 11,
      message: /must be one of `workflow_dispatch`, `mention`, `none`; got the text `slack`/,
    },
  ],
  "bad-template-placeholder.yml": [
    {
      path: "dispatch.inputs.issue_url",
      line: 6,
      message: /unknown placeholder `\{\{issue_url\}\}`; the known ones are `\{\{task_id\}\}`/,
    },
  ],
  "policy-auto-for-disabled.yml": [
    {
      path: "merge.policy.low.disabled",
      line: 5,
      column: 17,
      message: /`auto` is not allowed for mode `disabled`.*use `never` or `approval`/,
    },
  ],
  "policy-auto-for-critical.yml": [
    {
      path: "merge.policy.critical.full",
      line: 4,
      column: 13,
      message: /critical-risk changes with no human .*`merge\.allow_auto_critical: true`/,
    },
  ],
  "unpriced-model.yml": [
    {
      path: "review.manager.model",
      line: 4,
      column: 12,
      message: /`gpt-9-preview` has no known price, so `max_cost_usd` could not cap it: add it under `review.prices`/,
    },
  ],
  "own-check-required.yml": [
    { path: "merge.required_checks[1]", line: 4, column: 7, message: /`autopilot\/\*` checks are always required/ },
  ],
  "bad-check-source.yml": [
    { path: "agent_accounts[0]", line: 1, column: 18, message: /write the login without the leading `@`/ },
    { path: "merge.required_checks[1].app", line: 5, column: 28, message: /is not a GitHub App slug/ },
    { path: "merge.required_checks[2]", line: 6, column: 7, message: /`ci\/test` is listed twice/ },
  ],
  "negative-budget.yml": [
    { path: "defaults.budget.files", line: 2, column: 20, message: /must be at least 1, got `-5`/ },
    { path: "defaults.budget.lines", line: 2, column: 31, message: /must be at least 1, got `0`/ },
  ],
  "bad-owner-login.yml": [
    { path: "owners[1]", line: 3, column: 5, message: /without the leading `@`/ },
    { path: "owners[2]", line: 4, column: 5, message: /is not a GitHub login: 1–39 letters, digits or single hyphens/ },
  ],
  "duplicate-labels.yml": [
    { path: "labels.in_progress", line: 3, column: 16, message: /same label `Autopilot:Waiting` as `labels\.queued`/ },
  ],
  "bad-paths.yml": [
    { path: "task_dir", line: 1, column: 11, message: /relative to the repository root/ },
    { path: "queue_file", line: 2, column: 13, message: /no `\.` or `\.\.` segments/ },
    { path: "branch_prefix", line: 3, column: 16, message: /Git branch name/ },
    {
      path: "defaults.scope[0]",
      line: 5,
      column: 11,
      message: /this glob contains `\.\.`: patterns are relative to the repository root/,
    },
  ],
  "many-issues.yml": [
    { path: "defaults.risk", line: 4, column: 9, message: /must be one of `low`, `medium`, `high`, `critical`/ },
    { path: "defaults.budget.files", line: 6, column: 12, message: /must be at least 1, got `0`/ },
    { path: "secrets.allowlist.regexes[0]", line: 9, column: 15, message: /Range out of order/ },
    { path: "merge.method", line: 11, column: 11, message: /got the text `ff`/ },
    { path: "merge.policy.medium.disabled", line: 14, column: 17, message: /not allowed for mode `disabled`/ },
    { path: "dispatch.handle", line: 17, column: 11, message: /must start with `@`/ },
    { path: "owners[1]", line: 18, column: 22, message: /is not a GitHub login/ },
    { path: "revew", line: 19, column: 1, message: /Did you mean `review`\?/ },
  ],
};

const summarize = (issues: readonly ConfigIssue[]) => issues.map(({ path, line, column }) => ({ path, line, column }));

describe("bad configuration files", () => {
  it("has an expectation for every fixture, and at least a dozen fixtures", () => {
    const fixtures = readdirSync(badDir)
      .filter((name) => name.endsWith(".yml"))
      .sort();
    expect(fixtures).toEqual(Object.keys(expectations).sort());
    expect(fixtures.length).toBeGreaterThanOrEqual(12);
  });

  for (const [name, expected] of Object.entries(expectations)) {
    it(`${name}: reports ${expected.map((issue) => issue.path || "the file").join(", ")}`, () => {
      const result = parseConfig(read(name), { file: ".github/autopilot.yml" });
      if (result.ok) throw new Error(`${name} was accepted`);
      expect(summarize(result.issues)).toEqual(
        expected.map(({ path, line, column }) => ({ path, line, column: column ?? expect.any(Number) })),
      );
      result.issues.forEach((issue, index) => expect(issue.message).toMatch(expected[index]?.message ?? /never/));
    });
  }

  it("writes messages for people: no zod jargon, no stack traces, one line each", () => {
    for (const name of Object.keys(expectations)) {
      const result = parseConfig(read(name));
      if (result.ok) continue;
      for (const issue of result.issues) {
        expect(issue.message).not.toMatch(/Invalid input|Invalid option|expected \w+, received|ZodError|\bat \w+ \(/);
        expect(issue.message).not.toContain("\n");
        expect(issue.message.length).toBeLessThan(400);
      }
    }
  });

  it("reports a value of the wrong type inside a list with its index", () => {
    const result = parseConfig("defaults:\n  forbidden:\n    - docs/**\n    - 42\n");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      { path: "defaults.forbidden[1]", line: 4, column: 7, message: "must be text, got `42`" },
    ]);
  });

  it("names record keys that need brackets unambiguously", () => {
    const result = parseConfig("review:\n  prices:\n    gpt-4.1: { input: 2 }\n");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      { path: 'review.prices["gpt-4.1"].output', line: 3, column: 5, message: "is required: give it a number" },
    ]);
  });

  it("rejects a model name with spaces as a key of `prices`, pointing at the key", () => {
    const result = parseConfig("review:\n  prices:\n    gpt 5: { input: 1, output: 2 }\n");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      {
        path: 'review.prices["gpt 5"]',
        line: 3,
        column: 5,
        message: expect.stringMatching(/is not an allowed key here: must be a model name/),
      },
    ]);
  });

  it("refuses to expand aliases without bound", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (const name of ["b", "c", "d", "e", "f"]) {
      const previous = String.fromCharCode(name.charCodeAt(0) - 1);
      bomb.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(", ")}]`);
    }
    const result = parseConfig(bomb.join("\n"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.message).toMatch(/YAML aliases in `\.github\/autopilot\.yml` expand too often/);
  });
});
