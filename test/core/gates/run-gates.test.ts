import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/config/index.js";
import type { ChangedFile } from "../../../src/core/changed-file.js";
import type { GateResult } from "../../../src/core/gate-result.js";
import { runGates } from "../../../src/core/gates/index.js";
import type { RunGatesInput } from "../../../src/core/gates/index.js";
import type { TaskFileFrontMatter } from "../../../src/core/task/index.js";
import { fakeGithubToken } from "../../helpers/fake-credentials.js";
import { fileOf, lineFor } from "../queue/queue-fixtures.js";

const task: TaskFileFrontMatter = {
  id: "T-7",
  issue: 7,
  title: "List widgets",
  branch: "autopilot/T-7-list-widgets",
  scope: ["src/widgets/**", "test/widgets/**"],
  forbidden: [],
  risk: "medium",
  mode: "full",
  refs: ["NT-0001"],
  acceptance: ["GET /widgets returns the list"],
  tests: [],
};

const ntIndex = {
  path: "docs/blueprints/nt-index.json",
  text: JSON.stringify({ items: [{ id: "NT-0001", title: "Widgets are listed" }] }),
};

const added = (filename: string, lines: string[]): ChangedFile & { patch: string } => ({
  filename,
  status: "added",
  additions: lines.length,
  deletions: 0,
  patch: [`@@ -0,0 +1,${lines.length} @@`, ...lines.map((line) => `+${line}`)].join("\n"),
});

/** An in-scope change of T-7 with trailers: every gate passes unless a test changes something. */
function input(overrides: Partial<RunGatesInput> = {}): RunGatesInput {
  const files = [added("src/widgets/list.ts", ["export const list = [];"])];
  return {
    config: defaultConfig(),
    task,
    files,
    commits: [{ sha: "a".repeat(40), message: "feat: list widgets\n\nTask: T-7\nRefs: NT-0001\n" }],
    indexFiles: [ntIndex],
    queueText: "",
    repoFiles: ["src/app.ts", "src/widgets/list.ts"],
    patches: files,
    ...overrides,
  } as RunGatesInput;
}

const conclusions = (results: GateResult[]) => results.map((r) => [r.name, r.conclusion]);
const gate = (results: GateResult[], name: string): GateResult => {
  const found = results.find((r) => r.name === name);
  if (!found) throw new Error(`no ${name} result`);
  return found;
};

describe("runGates", () => {
  it("passes all three gates for an in-scope change with trailers", () => {
    expect(conclusions(runGates(input()))).toEqual([
      ["autopilot/scope", "success"],
      ["autopilot/concordance", "success"],
      ["autopilot/secrets", "success"],
    ]);
  });

  it("skips scope and concordance without a task, and still scans for secrets", () => {
    const results = runGates(input({ task: undefined, files: [added("src/app.ts", ["x"])] }));
    expect(conclusions(results)).toEqual([
      ["autopilot/scope", "neutral"],
      ["autopilot/concordance", "neutral"],
      ["autopilot/secrets", "success"],
    ]);
    expect(results[0]?.title).toBe("skipped: not a task branch");
    expect(results[1]?.summary).toMatch(/only the secret gate runs/);
  });

  it("fails the scope gate for a file outside the task scope", () => {
    const files = [added("src/app.ts", ["export const app = 2;"])];
    const scope = gate(runGates(input({ files, patches: files })), "autopilot/scope");
    expect(scope.conclusion).toBe("failure");
    expect(scope.annotations.map((a) => a.path)).toEqual(["src/app.ts"]);
  });

  describe("incomplete change", () => {
    const reason = "the compare API lists at most 3,000 files";

    it("fails every gate of a task, each naming the reason", () => {
      const results = runGates(input({ incomplete: reason }));
      expect(results.map((r) => r.conclusion)).toEqual(["failure", "failure", "failure"]);
      for (const result of results) expect(result.summary).toContain(reason);
    });

    it("fails the secret gate of a non-task change and leaves the skipped gates neutral", () => {
      const results = runGates(input({ task: undefined, incomplete: reason }));
      expect(results.map((r) => r.conclusion)).toEqual(["neutral", "neutral", "failure"]);
      expect(gate(results, "autopilot/secrets").summary).toContain(reason);
    });

    it("fails even when the reason is blank", () => {
      const results = runGates(input({ incomplete: "  " }));
      expect(results.map((r) => r.conclusion)).toEqual(["failure", "failure", "failure"]);
      expect(gate(results, "autopilot/secrets").summary).toContain("no reason was given");
    });
  });

  describe("locks from the queue", () => {
    it("fails the scope gate when another in-progress task holds an overlapping scope", () => {
      const queueText = fileOf(
        lineFor(7, ["queued", "in_progress"], { scope: task.scope }),
        lineFor(9, ["queued", "in_progress"], { scope: ["src/widgets/**"] }),
      );
      const scope = gate(runGates(input({ queueText })), "autopilot/scope");
      expect(scope.conclusion).toBe("failure");
      expect(scope.title).toMatch(/lock overlap with T-9/i);
      expect(scope.title).not.toMatch(/T-7/);
    });

    it("ignores queued and done tasks and the task's own entry", () => {
      const queueText = fileOf(
        lineFor(7, ["queued", "in_progress"], { scope: task.scope }),
        lineFor(8, ["queued"], { scope: ["src/widgets/**"] }),
        lineFor(9, ["queued", "in_progress", "review", "done"], { scope: ["src/widgets/**"] }),
        "not json at all",
      );
      expect(gate(runGates(input({ queueText })), "autopilot/scope").conclusion).toBe("success");
    });
  });

  describe("secrets", () => {
    it("reports a credential added in a patch with its file and new-file line", () => {
      const token = fakeGithubToken();
      const files = [added("src/widgets/list.ts", ["export const list = [];", `const auth = "${token}";`])];
      const secrets = gate(runGates(input({ files, patches: files })), "autopilot/secrets");
      expect(secrets.conclusion).toBe("failure");
      expect(secrets.annotations.map((a) => [a.path, a.start_line])).toEqual([["src/widgets/list.ts", 2]]);
      expect(secrets.summary).not.toContain(token);
    });

    it("scans the patches of files left out of the agent's change, such as the task file", () => {
      const taskFile = added("ops/tasks/T-7.md", [`token: ${fakeGithubToken()}`]);
      const files = [added("src/widgets/list.ts", ["export const list = [];"])];
      const secrets = gate(runGates(input({ files, patches: [...files, taskFile] })), "autopilot/secrets");
      expect(secrets.annotations.map((a) => a.path)).toEqual(["ops/tasks/T-7.md"]);
    });

    it("finds the same credential in a unified diff as in the patch", () => {
      const file = added("src/widgets/list.ts", ["export const list = [];", `const auth = "${fakeGithubToken()}";`]);
      const unifiedDiff = [
        "diff --git a/src/widgets/list.ts b/src/widgets/list.ts",
        "new file mode 100644",
        "--- /dev/null",
        "+++ b/src/widgets/list.ts",
        file.patch,
      ].join("\n");
      const fromDiff = gate(
        runGates(input({ files: [file], patches: undefined, unifiedDiff } as Partial<RunGatesInput>)),
        "autopilot/secrets",
      );
      const fromPatch = gate(runGates(input({ files: [file], patches: [file] })), "autopilot/secrets");
      expect(fromDiff.conclusion).toBe("failure");
      expect(fromDiff.annotations).toEqual(fromPatch.annotations);
    });

    it("drops a finding whose fingerprint the config allowlists", () => {
      const files = [added("src/widgets/list.ts", [`const auth = "${fakeGithubToken()}";`])];
      const first = gate(runGates(input({ files, patches: files })), "autopilot/secrets");
      const fingerprint = /Fingerprint: (sha256:[0-9a-f]{16})/.exec(first.annotations[0]?.message ?? "")?.[1];
      expect(fingerprint).toBeDefined();
      const config = defaultConfig();
      config.secrets.allowlist.fingerprints = [fingerprint ?? ""];
      expect(gate(runGates(input({ config, files, patches: files })), "autopilot/secrets").conclusion).toBe("success");
    });

    it("fails, naming the file, when a text file with additions came without a patch", () => {
      const files: ChangedFile[] = [
        { filename: "src/widgets/huge.json", status: "added", additions: 90_000, deletions: 0 },
      ];
      const secrets = gate(runGates(input({ files, patches: files })), "autopilot/secrets");
      expect(secrets.conclusion).toBe("failure");
      expect(secrets.summary).toContain("src/widgets/huge.json");
    });

    it("passes a binary file whose printable text holds no secret", () => {
      const files: ChangedFile[] = [
        {
          filename: "src/widgets/logo.png",
          status: "added",
          additions: 0,
          deletions: 0,
          binary: true,
          binaryText: "\nPNG\n\nIHDR",
        },
      ];
      expect(gate(runGates(input({ files, patches: files })), "autopilot/secrets").conclusion).toBe("success");
    });

    it("never passes a binary file whose content was not read", () => {
      const files: ChangedFile[] = [
        { filename: "src/widgets/logo.png", status: "added", additions: 0, deletions: 0, binary: true },
      ];
      const result = gate(runGates(input({ files, patches: files })), "autopilot/secrets");
      expect(result.conclusion).toBe("failure");
      expect(result.summary).toMatch(/`src\/widgets\/logo\.png`\) changed as binary .* could not be read/);
    });
  });
});
