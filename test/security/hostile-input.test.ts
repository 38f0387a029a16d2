import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/index.js";
import { parseTaskSpec } from "../../src/core/task/index.js";
import { findPrivateKeys, PemMarkers } from "../../src/core/secrets/find-private-keys.js";
import { redactSecrets, scanText } from "../../src/core/secrets/index.js";
import { fakeGithubToken } from "../helpers/fake-credentials.js";
import {
  commentBodies,
  pushCommit,
  startAppHarness,
  startTask,
  taskStatus,
  type AppHarness,
} from "../e2e/app-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const slowExtglob = "**/+(a|a)+(a|a)+(a|a)+(a|a)b";

/**
 * Hostile input, as an attacker writes it: a scope pattern that would keep the event loop busy
 * for minutes, text built to make the secret finders quadratic, and credentials hidden where the
 * scan used not to look (a commit message, a file git calls binary).
 */
describe("hostile input", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const secretsRun = async (app: AppHarness, sha: string) => {
    const runs = (await app.user.rest.checks.listForRef({ ...repo, ref: sha })).data.check_runs;
    return {
      secrets: runs.find((run) => run.name === "autopilot/secrets"),
      concordance: runs.find((run) => run.name === "autopilot/concordance"),
    };
  };

  it("an extglob scope in a task spec gets a question naming the problem, and no dispatch", async () => {
    h = await startAppHarness();
    const body = [
      "Pages.",
      "",
      "```autopilot",
      `scope: ["${slowExtglob}"]`,
      "risk: low",
      "acceptance:",
      '  - "works"',
      "```",
    ].join("\n");
    const issue = (await h.user.rest.issues.create({ ...repo, title: "Slow glob", body })).data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();
    const comments = (await commentBodies(h, issue)).join("\n");
    expect(comments).toMatch(/\*\*scope\*\*: item 1 uses the extglob `\+\(…\)`, which is not supported/);
    expect(await taskStatus(h, `T-${issue}`)).not.toBe("in_progress");
    const pulls = (await h.user.rest.pulls.list({ ...repo, state: "open" })).data;
    expect(pulls.some((pull) => pull.title.startsWith(`[T-${issue}]`))).toBe(false);
  });

  it("a credential in a commit message fails autopilot/secrets, shown redacted everywhere", async () => {
    h = await startAppHarness();
    const credential = fakeGithubToken();
    const { branch } = await startTask(h, "Paginate widget lists", "src/widgets/**");
    const sha = await pushCommit(h.user, branch, `Use the token ${credential}\n\nTask: T-1\nRefs: ${credential}\n`, {
      "src/widgets/list.ts": "export const pageSize = 50;\n",
    });
    await h.settle();
    const { secrets, concordance } = await secretsRun(h, sha);
    expect(secrets).toMatchObject({ conclusion: "failure" });
    expect(secrets?.output.summary).toContain("commit message");
    for (const run of [secrets, concordance]) {
      expect(JSON.stringify(run?.output)).not.toContain(credential);
    }
    expect(concordance?.output.summary).toContain("[REDACTED:github-token]");
  });

  it("a credential in a file starting with a NUL byte never gets a silent success", async () => {
    h = await startAppHarness();
    const credential = fakeGithubToken();
    const { branch } = await startTask(h, "Paginate widget lists", "src/widgets/**");
    const sha = await pushCommit(h.user, branch, "Add the client\n\nTask: T-1\nRefs: NT-0012\n", {
      "src/widgets/client.ts": `\u0000\nexport const token = "${credential}";\n`,
    });
    await h.settle();
    const { secrets } = await secretsRun(h, sha);
    expect(secrets?.conclusion).not.toBe("success");
    expect(secrets).toMatchObject({ conclusion: "failure" });
    expect(secrets?.output.title).toMatch(/1 possible secret found/);
    expect(secrets?.output.summary).toContain("src/widgets/client.ts");
    expect(JSON.stringify(secrets?.output)).not.toContain(credential);
  });
});

describe("hostile patterns and text, without the sandbox", () => {
  it("refuses an extglob in a task spec and in every glob of the configuration", () => {
    const spec = parseTaskSpec(["```autopilot", `scope: ["${slowExtglob}"]`, "risk: low", "```"].join("\n"));
    expect(JSON.stringify(spec)).toMatch(/extglob `\+\(…\)`.*not supported/);
    const config = parseConfig(
      [
        "defaults:",
        '  scope: ["src/@(a|b)/**"]',
        '  forbidden: ["*(x)"]',
        "secrets:",
        "  allowlist:",
        '    paths: ["?(y)"]',
        "concordance:",
        '  exempt_paths: ["src/!(z)/**"]',
      ].join("\n"),
    );
    expect(config.ok).toBe(false);
    const paths = config.ok
      ? []
      : config.issues.filter((issue) => /extglob/.test(issue.message)).map((issue) => issue.path);
    expect(paths.sort()).toEqual([
      "concordance.exempt_paths[0]",
      "defaults.forbidden[0]",
      "defaults.scope[0]",
      "secrets.allowlist.paths[0]",
    ]);
  });

  it("2 MB of private-key headers completes and finds no key; with bodies it finds every key", () => {
    const headers = "-----BEGIN RSA PRIVATE KEY-----\n".repeat(65_536);
    expect(scanText(headers, "keys.pem")).toEqual([]);
    expect(redactSecrets(headers).redactions).toBe(0);
    expect(findPrivateKeys(headers, 0, 31, new PemMarkers(headers))).toEqual([]);
    const body = Buffer.from(Array.from({ length: 48 }, (_, i) => (i * 37 + 11) % 256)).toString("base64");
    const keys = `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----\n`.repeat(5_000);
    expect(scanText(keys, "keys.pem")).toHaveLength(5_000);
    expect(redactSecrets(keys).redactions).toBe(5_000);
  });
});
