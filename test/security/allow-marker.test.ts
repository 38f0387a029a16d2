import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/index.js";
import { runGates, type RunGatesInput } from "../../src/core/gates/index.js";
import { ALLOW_PRAGMA, scanText } from "../../src/core/secrets/index.js";
import { fakeGithubToken } from "../helpers/fake-credentials.js";

const patchAdding = (filename: string, lines: string[]) => ({
  filename,
  status: "added",
  additions: lines.length,
  deletions: 0,
  patch: [`@@ -0,0 +1,${lines.length} @@`, ...lines.map((line) => `+${line}`)].join("\n"),
});

/** A plain (non-task) PR as the gates see it: the secret gate alone judges it. */
function pushOf(lines: string[], config = defaultConfig()): RunGatesInput {
  const files = [patchAdding("src/deploy.ts", lines)];
  return {
    config,
    files,
    patches: files,
    commits: [],
    indexFiles: [],
    queueText: "",
    repoFiles: [],
  } as unknown as RunGatesInput;
}

describe("the change's author writes the allow marker beside a credential", () => {
  const token = fakeGithubToken();
  const line = `const token = "${token}"; // ${ALLOW_PRAGMA}`;

  it("still fails autopilot/secrets, redacted, and says only the owner's allowlist counts", () => {
    const secrets = runGates(pushOf([line])).find((result) => result.name === "autopilot/secrets");
    expect(secrets?.conclusion).toBe("failure");
    expect(JSON.stringify(secrets)).not.toContain(token);
    expect(secrets?.summary).toMatch(/does not count here/);
  });

  it("passes once an owner lists the finding's fingerprint in the configuration", () => {
    const fingerprint = scanText(`const token = "${token}";`, "src/deploy.ts")[0]?.fingerprint;
    expect(fingerprint).toMatch(/^sha256:/);
    const config = defaultConfig();
    config.secrets.allowlist.fingerprints = [fingerprint as string];
    const secrets = runGates(pushOf([line], config)).find((result) => result.name === "autopilot/secrets");
    expect(secrets?.conclusion).toBe("success");
  });

  it("is still honoured by the local scanner (a developer's own pre-commit check)", () => {
    expect(scanText(line, "src/deploy.ts")).toEqual([]);
  });
});
