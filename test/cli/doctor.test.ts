import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ProbotOctokit } from "probot";
import { main } from "../../src/cli/main.js";
import { judgeStateProtection } from "../../src/core/doctor/index.js";
import { mergeQueueRuleset, Sandbox } from "@autopilot/github-sandbox";
import { tempDir } from "./cli-harness.js";
import type { CliRun } from "./cli-harness.js";

interface Row {
  check: string;
  result: string;
  advice: string;
}

async function doctor(args: string[], env: Record<string, string | undefined>): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(["doctor", ...args], {
    cwd: tempDir(),
    env,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdin: async () => "",
    untilStopped: () => Promise.resolve(),
  });
  return { code, stdout, stderr };
}

describe("autopilot doctor", () => {
  let sandbox: Sandbox;
  let user: InstanceType<typeof ProbotOctokit>;
  const repo = { owner: "acme", repo: "widgets" };

  beforeEach(async () => {
    sandbox = await Sandbox.start();
    user = new ProbotOctokit({
      auth: { token: sandbox.userToken() },
      baseUrl: sandbox.apiUrl,
      throttle: { enabled: false },
      retry: { enabled: false },
    } as ConstructorParameters<typeof ProbotOctokit>[0]);
  });
  afterEach(async () => {
    await sandbox.stop();
  });

  async function writeFile(path: string, text: string): Promise<void> {
    let sha: string | undefined;
    try {
      sha = ((await user.rest.repos.getContent({ ...repo, path })).data as { sha: string }).sha;
    } catch {
      sha = undefined;
    }
    await user.rest.repos.createOrUpdateFileContents({
      ...repo,
      path,
      message: `Write ${path}`,
      content: Buffer.from(text).toString("base64"),
      ...(sha ? { sha } : {}),
    });
  }

  const run = (extra: string[] = []) =>
    doctor(["--repo", "acme/widgets", "--api-url", sandbox.apiUrl, "--format", "json", ...extra], {
      GITHUB_TOKEN: sandbox.userToken(),
    });
  const rows = (result: CliRun): Row[] => (JSON.parse(result.stdout) as { checks: Row[] }).checks;
  const row = (result: CliRun, prefix: string): Row | undefined => rows(result).find((r) => r.check.startsWith(prefix));

  it("passes a healthy setup (dispatch none) and prints a table by default", async () => {
    await writeFile(".github/autopilot.yml", "dispatch:\n  target: none\n");
    const json = await run();
    expect(json.code).toBe(0);
    expect(row(json, "config")?.result).toBe("ok");
    expect(row(json, "workflow")).toBeUndefined();
    expect(row(json, "labels")?.result).toBe("warn");
    expect(row(json, "labels")?.advice).toMatch(/the app creates them on first use/);
    expect(row(json, "branch protection")).toMatchObject({ result: "ok" });

    const token = { GITHUB_TOKEN: sandbox.userToken() };
    const table = await doctor(["--repo", "acme/widgets", "--api-url", sandbox.apiUrl], token);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^CHECK\s+RESULT\s+ADVICE/);
    expect(table.stdout).toMatch(/config \.github\/autopilot\.yml\s+ok/);
  });

  it("checks that every listed owner is an account with write access, as the app requires", async () => {
    sandbox.state.setPermission(sandbox.repo, "alice", "write");
    await writeFile(".github/autopilot.yml", "owners: [octocat, alice]\ndispatch:\n  target: none\n");
    expect(row(await run(), "owners")).toMatchObject({ result: "ok", advice: "all 2 listed owners can push" });

    // a renamed owner's login nobody holds, and one nobody gave access to
    await writeFile(".github/autopilot.yml", "owners: [octocat, ghostly]\ndispatch:\n  target: none\n");
    const some = row(await run(), "owners");
    expect(some?.result).toBe("warn");
    expect(some?.advice).toMatch(/^ghostly \(no such account\): a listed owner counts only with write access/);

    await writeFile(".github/autopilot.yml", "owners: [ghostly]\ndispatch:\n  target: none\n");
    const none = await run();
    expect(row(none, "owners")).toMatchObject({ result: "fail" });
    expect(none.code).not.toBe(0);
  });

  it("names the merge method Autopilot will use on the default branch", async () => {
    await writeFile(".github/autopilot.yml", "dispatch:\n  target: none\n");
    expect(row(await run(), "merge method")).toEqual({
      check: "merge method on main",
      result: "ok",
      advice: "merge.method is unset: Autopilot merges with squash, the first of squash, merge, rebase main allows",
    });
  });

  it("fails a configured merge.method the repository's settings forbid, naming the setting and the fix", async () => {
    await user.rest.repos.update({ ...repo, allow_squash_merge: false });
    await writeFile(".github/autopilot.yml", "dispatch:\n  target: none\nmerge:\n  method: squash\n");
    const result = await run();
    expect(result.code).toBe(1);
    expect(row(result, "merge method")).toMatchObject({
      result: "fail",
      advice: expect.stringContaining("“Allow squash merging” is off in Settings → General → Pull requests"),
    });
    expect(row(result, "merge method")?.advice).toContain("(unset, Autopilot would use merge)");
  });

  it("judges the merge method for a token without admin rights too, from GraphQL", async () => {
    await user.rest.repos.update({ ...repo, allow_squash_merge: false });
    await writeFile(".github/autopilot.yml", "dispatch:\n  target: none\nmerge:\n  method: squash\n");
    sandbox.state.setPermission(sandbox.repo, "coder", "write");
    const asWriter = await doctor(["--repo", "acme/widgets", "--api-url", sandbox.apiUrl, "--format", "json"], {
      GITHUB_TOKEN: sandbox.userToken("coder"),
    });
    expect(row(asWriter, "merge method")).toMatchObject({
      result: "fail",
      advice: expect.stringContaining("“Allow squash merging” is off"),
    });
  });

  it("warns when main's merge queue requires autopilot/* checks on merge groups the app does not hear of", async () => {
    await writeFile(".github/autopilot.yml", "dispatch:\n  target: none\n");
    expect(row(await run(), "merge queue")).toBeUndefined();
    await user.rest.repos.createRepoRuleset({
      ...repo,
      ...mergeQueueRuleset({ checks: [{ context: "ci/test" }, { context: "autopilot/scope" }] }),
    });
    const warned = row(await run(), "merge queue of main");
    expect(warned).toMatchObject({ result: "warn" });
    expect(warned?.advice).toContain("autopilot/scope");
  });

  it("passes the seeded workflow_dispatch setup, with labels present", async () => {
    for (const name of ["autopilot", "autopilot:queued"]) {
      await user.rest.issues.createLabel({ ...repo, name, color: "ededed" });
    }
    const result = await run();
    expect(result.code).toBe(0);
    expect(row(result, "workflow .github/workflows/agent.yml")?.result).toBe("ok");
    expect(row(result, "labels")?.advice).not.toMatch(/autopilot:queued,/);
  });

  it("fails a config naming a missing workflow, with advice naming the file", async () => {
    await writeFile(".github/autopilot.yml", "dispatch:\n  target: workflow_dispatch\n  workflow: coder.yml\n");
    const result = await run();
    expect(result.code).toBe(1);
    expect(row(result, "workflow")).toMatchObject({ result: "fail" });
    expect(row(result, "workflow")?.advice).toMatch(/\.github\/workflows\/coder\.yml does not exist on main/);
  });

  it("judges CI on the default branch and readiness.required_checks as the app's readiness gate does", async () => {
    await writeFile(
      ".github/autopilot.yml",
      "dispatch:\n  target: none\nagent_accounts: [coder]\nreadiness:\n  required_checks: [ci/test]\n",
    );
    const head = (await user.rest.repos.getBranch({ ...repo, branch: "main" })).data.commit.sha;
    const missing = await run();
    expect(missing.code).toBe(1);
    expect(row(missing, "CI on main")?.result).toBe("ok");
    expect(row(missing, "required check ci/test")).toMatchObject({ result: "fail" });
    expect(row(missing, "required check ci/test")?.advice).toMatch(/^has not reported on [0-9a-f]{7}/);

    // the agent's own green status does not count, as in the app
    sandbox.state.setPermission(sandbox.repo, "coder", "write");
    const coder = new ProbotOctokit({
      auth: { token: sandbox.userToken("coder") },
      baseUrl: sandbox.apiUrl,
      throttle: { enabled: false },
      retry: { enabled: false },
    } as ConstructorParameters<typeof ProbotOctokit>[0]);
    await coder.rest.repos.createCommitStatus({ ...repo, sha: head, state: "success", context: "ci/test" });
    expect(row(await run(), "required check ci/test")?.result).toBe("fail");

    await user.rest.repos.createCommitStatus({ ...repo, sha: head, state: "failure", context: "ci/lint" });
    await user.rest.repos.createCommitStatus({ ...repo, sha: head, state: "success", context: "ci/test" });
    const red = await run();
    expect(row(red, "CI on main")).toMatchObject({ result: "fail" });
    expect(row(red, "CI on main")?.advice).toMatch(/ci\/lint/);
    expect(row(red, "required check ci/test")?.result).toBe("ok");
  });

  it("fails a workflow without a workflow_dispatch trigger", async () => {
    const noTrigger = "on: [push]\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: [{ run: echo }]\n";
    await writeFile(".github/workflows/agent.yml", noTrigger);
    const result = await run();
    expect(result.code).toBe(1);
    expect(row(result, "workflow")?.advice).toMatch(/no `workflow_dispatch` trigger/);
  });

  it("fails an input the configuration sends that the workflow does not declare", async () => {
    await writeFile(
      ".github/autopilot.yml",
      [
        "dispatch:",
        "  target: workflow_dispatch",
        "  workflow: agent.yml",
        "  inputs:",
        "    task: '{{task_id}}'",
        "    branch: '{{branch}}'",
        "    brief: '{{task_file}}'",
        "    model: fast",
        "",
      ].join("\n"),
    );
    const result = await run();
    expect(result.code).toBe(1);
    const advice = row(result, "workflow")?.advice;
    expect(advice).toMatch(/sends `model` but \.github\/workflows\/agent\.yml does not declare/);
  });

  it("fails a mention of @copilot, which no app's mention starts, with the way that works", async () => {
    await writeFile(".github/autopilot.yml", "dispatch:\n  target: mention\n  handle: '@copilot'\n");
    const result = await run();
    expect(result.code).toBe(1);
    expect(row(result, "dispatch mention @copilot")).toMatchObject({ result: "fail" });
    expect(row(result, "dispatch mention")?.advice).toMatch(/only when a person assigns it the issue/);
  });

  it("warns that a workflow pushing without an app token starts no CI", async () => {
    const steps = "    steps:\n      - uses: actions/checkout@v4\n      - run: git push origin HEAD\n";
    const inputs = "      task: {}\n      branch: {}\n      brief: {}\n";
    await writeFile(
      ".github/workflows/agent.yml",
      `on:\n  workflow_dispatch:\n    inputs:\n${inputs}jobs:\n  agent:\n    runs-on: ubuntu-latest\n${steps}`,
    );
    const result = await run();
    expect(row(result, "workflow .github/workflows/agent.yml")).toMatchObject({ result: "warn" });
    expect(row(result, "workflow")?.advice).toMatch(/without a GitHub App token.*starts no workflow/);
  });

  it("warns when there is no configuration: the defaults apply", async () => {
    const path = ".github/autopilot.yml";
    const current = (await user.rest.repos.getContent({ ...repo, path })).data as { sha: string };
    await user.rest.repos.deleteFile({ ...repo, path, message: "No config", sha: current.sha });
    const result = await run();
    expect(result.code).toBe(0);
    expect(row(result, "config")).toMatchObject({ result: "warn" });
    expect(row(result, "config")?.advice).toMatch(/does not exist on main: the defaults apply/);
  });

  it("fails an invalid configuration, naming the path of the issue", async () => {
    await writeFile(".github/autopilot.yml", "dispatch:\n  target: carrier_pigeon\n");
    const result = await run();
    expect(result.code).toBe(1);
    expect(row(result, "config")).toMatchObject({ result: "fail" });
    expect(row(result, "config")?.advice).toMatch(/dispatch\.target/);
  });

  it("passes a default branch that requires pull requests and checks: the app never pushes there", async () => {
    await user.request("PUT /repos/{owner}/{repo}/branches/{branch}/protection", {
      ...repo,
      branch: "main",
      required_status_checks: { strict: true, contexts: ["ci/test"] },
      enforce_admins: null,
      required_pull_request_reviews: { required_approving_review_count: 1 },
      restrictions: null,
    });
    const result = await run();
    expect(row(result, "branch protection of main")).toMatchObject({ result: "ok" });
    expect(row(result, "branch protection of main")?.advice).toMatch(
      /requires pull requests.*keeps its state on autopilot\/state/,
    );
  });

  it("fails a protected default branch when the configuration keeps the state there", async () => {
    await writeFile(".github/autopilot.yml", "state_branch: main\n");
    await user.request("PUT /repos/{owner}/{repo}/branches/{branch}/protection", {
      ...repo,
      branch: "main",
      required_status_checks: null,
      enforce_admins: null,
      required_pull_request_reviews: { required_approving_review_count: 1 },
      restrictions: null,
    });
    const result = await run();
    expect(result.code).toBe(1);
    expect(row(result, "branch protection of main")).toMatchObject({ result: "fail" });
    expect(row(result, "branch protection of main")?.advice).toMatch(
      /requires pull requests.*state_branch: main.*ops\/queue\.jsonl/,
    );
    expect(row(result, "branch protection of autopilot/state")).toBeUndefined();
  });

  it("only warns about a protection that still accepts direct pushes, where the state is kept on main", async () => {
    await writeFile(".github/autopilot.yml", "state_branch: main\n");
    await user.request("PUT /repos/{owner}/{repo}/branches/{branch}/protection", {
      ...repo,
      branch: "main",
      required_status_checks: null,
      enforce_admins: null,
      required_pull_request_reviews: null,
      restrictions: null,
    });
    const result = await run();
    expect(result.code).toBe(0);
    expect(row(result, "branch protection")).toMatchObject({ result: "warn" });
    expect(row(result, "branch protection")?.advice).toMatch(/accepts direct pushes/);
  });

  it("says so when the token is refused or the repository cannot be seen", async () => {
    const base = ["--repo", "acme/widgets", "--api-url", sandbox.apiUrl];
    const refused = await doctor(base, { GITHUB_TOKEN: `not-a-token-${Date.now()}` });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/cannot read acme\/widgets .*the token in GITHUB_TOKEN is not accepted/);
    const unknown = await doctor(["--repo", "acme/nothing", "--api-url", sandbox.apiUrl], {
      GITHUB_TOKEN: sandbox.userToken(),
    });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no such repository, or the token cannot see it/);
  });

  it("answers usage errors with exit 2 and a clear message, reads --token-env, documents itself", async () => {
    const noRepo = await doctor(["--api-url", sandbox.apiUrl], { GITHUB_TOKEN: sandbox.userToken() });
    expect(noRepo).toMatchObject({ code: 2 });
    expect(noRepo.stderr).toMatch(/--repo is required/);
    const noToken = await doctor(["--repo", "acme/widgets", "--api-url", sandbox.apiUrl], {});
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/no token: set GITHUB_TOKEN/);
    const otherEnv = await doctor(["--repo", "acme/widgets", "--api-url", sandbox.apiUrl, "--token-env", "AP_TOKEN"], {
      AP_TOKEN: sandbox.userToken(),
    });
    expect(otherEnv.code).toBe(0);
    const help = await doctor(["--help"], {});
    expect(help.stdout).toMatch(/autopilot doctor --repo OWNER\/NAME/);
  });

  describe("the app's installation and its state branch", () => {
    const asApp = (box: Sandbox) => ["--app-id", String(box.appId), "--private-key-file", box.privateKeyPath];
    const runOn = (box: Sandbox, extra: string[] = []) =>
      doctor(["--repo", "acme/widgets", "--api-url", box.apiUrl, "--format", "json", ...extra], {
        GITHUB_TOKEN: box.userToken(),
      });

    it("says the app's permissions are not checked without the app's credentials", async () => {
      const result = await run();
      expect(row(result, "app permissions")).toMatchObject({ result: "warn" });
      expect(row(result, "app permissions")?.advice).toMatch(/only to the app itself.*--app-id/);
    });

    it("passes the permissions of app.yml, read as the app", async () => {
      const result = await runOn(sandbox, asApp(sandbox));
      expect(row(result, "app permissions")).toMatchObject({ result: "ok" });
      expect(row(result, "app permissions")?.advice).toMatch(/contents: write.*actions: write.*statuses: read/);
      expect(rows(result).filter((r) => r.check.startsWith("app ") && r.result !== "ok")).toEqual([]);
    });

    it("fails each permission the installation lacks, naming it, what breaks and how to grant it", async () => {
      const narrow = await Sandbox.start({
        installationPermissions: {
          metadata: "read",
          contents: "write",
          pull_requests: "write",
          issues: "read",
          statuses: "read",
        },
      });
      try {
        const result = await runOn(narrow, asApp(narrow));
        expect(result.code).toBe(1);
        const failed = rows(result)
          .filter((r) => r.result === "fail")
          .map((r) => r.check);
        // the seeded configuration dispatches a workflow: actions write is needed too
        expect(failed).toEqual(["app permission issues", "app permission checks", "app permission actions"]);
        expect(row(result, "app permission issues")?.advice).toMatch(
          /needs `issues: write`; the installation grants only `issues: read`/,
        );
        expect(row(result, "app permission checks")?.advice).toMatch(
          /does not grant it: the gates and the review cannot report/,
        );
        expect(row(result, "app permission checks")?.advice).toMatch(
          /Checks → Read and write.*accept the new permissions/,
        );
        expect(row(result, "app permission actions")?.advice).toMatch(/refuses the `workflow_dispatch`/);
        expect(row(result, "app permissions")).toBeUndefined();
      } finally {
        await narrow.stop();
      }
    });

    it("does not ask for actions: write when no workflow is dispatched", async () => {
      const noActions = await Sandbox.start({
        installationPermissions: {
          metadata: "read",
          contents: "write",
          pull_requests: "write",
          issues: "write",
          checks: "write",
          statuses: "read",
        },
      });
      try {
        const writer = new ProbotOctokit({
          auth: { token: noActions.userToken() },
          baseUrl: noActions.apiUrl,
          throttle: { enabled: false },
          retry: { enabled: false },
        } as ConstructorParameters<typeof ProbotOctokit>[0]);
        const path = ".github/autopilot.yml";
        const current = (await writer.rest.repos.getContent({ ...repo, path })).data as { sha: string };
        const content = Buffer.from("dispatch:\n  target: none\n").toString("base64");
        await writer.rest.repos.createOrUpdateFileContents({
          ...repo,
          path,
          message: "No dispatch",
          content,
          sha: current.sha,
        });
        const result = await runOn(noActions, asApp(noActions));
        expect(row(result, "app permission actions")).toBeUndefined();
        expect(row(result, "app permissions")).toMatchObject({ result: "ok" });
      } finally {
        await noActions.stop();
      }
    });

    it("warns when CODEOWNERS names a team whose members the app may not read", async () => {
      await writeFile(".github/CODEOWNERS", "* @acme/core\ndocs/ @octocat\n");
      const result = await run(asApp(sandbox));
      expect(row(result, "app permission members")).toMatchObject({ result: "warn" });
      expect(row(result, "app permission members")?.advice).toMatch(/names @acme\/core.*their approvals do not count/);
    });

    it("fails an app whose credentials GitHub refuses, or that is not installed", async () => {
      const wrongId = await run(["--app-id", String(sandbox.appId + 1), "--private-key-file", sandbox.privateKeyPath]);
      expect(wrongId.code).toBe(1);
      expect(row(wrongId, "app permissions")?.advice).toMatch(/refuses app \d+'s credentials/);
      const missingKey = await run(["--app-id", String(sandbox.appId), "--private-key-file", "/nonexistent/key.pem"]);
      expect(missingKey.code).toBe(2);
      expect(missingKey.stderr).toMatch(/cannot read the private key \/nonexistent\/key\.pem/);
      await sandbox.state.createRepo("octocat", "tools");
      const elsewhere = await doctor(
        ["--repo", "octocat/tools", "--api-url", sandbox.apiUrl, "--format", "json", ...asApp(sandbox)],
        {
          GITHUB_TOKEN: sandbox.userToken(),
        },
      );
      expect(row(elsewhere, "app permissions")).toMatchObject({ result: "fail" });
      expect(row(elsewhere, "app permissions")?.advice).toMatch(/is not installed on octocat\/tools: install it/);
      const badId = await run(["--app-id", "autopilot", "--private-key-file", sandbox.privateKeyPath]);
      expect(badId.stderr).toMatch(/must be the app's numeric id, not "autopilot"/);
    });

    it("reads the app's credentials from APP_ID and PRIVATE_KEY_PATH, as the app's deployment sets them", async () => {
      const result = await doctor(["--repo", "acme/widgets", "--api-url", sandbox.apiUrl, "--format", "json"], {
        GITHUB_TOKEN: sandbox.userToken(),
        APP_ID: String(sandbox.appId),
        PRIVATE_KEY_PATH: sandbox.privateKeyPath,
      });
      expect(row(result, "app permissions")).toMatchObject({ result: "ok" });
    });

    it("fails a protection rule on autopilot/state, where the app records its queue", async () => {
      // before the app's first write: nobody can tell whether a rule's pattern will match it, so the
      // row warns, with the words the app's own readiness row uses (judgeStateProtection)
      const absent = await run();
      const absentRow = row(absent, "branch protection of autopilot/state");
      expect(absentRow).toEqual(judgeStateProtection("autopilot/state", "main", { kind: "unknown" }));
      expect(absentRow).toMatchObject({ result: "warn" });
      expect(absentRow?.advice).toMatch(/cannot tell whether a protection rule applies.*may not exist yet/);

      const main = (await user.rest.git.getRef({ ...repo, ref: "heads/main" })).data.object.sha;
      await user.rest.git.createRef({ ...repo, ref: "refs/heads/autopilot/state", sha: main });
      const unprotected = await run();
      expect(row(unprotected, "branch protection of autopilot/state")).toMatchObject({ result: "ok" });
      expect(row(unprotected, "branch protection of autopilot/state")?.advice).toMatch(/no protection applies/);

      await user.request("PUT /repos/{owner}/{repo}/branches/{branch}/protection", {
        ...repo,
        branch: "autopilot/state",
        required_status_checks: null,
        enforce_admins: null,
        required_pull_request_reviews: { required_approving_review_count: 1 },
        restrictions: null,
      });
      const protectedState = await run();
      expect(protectedState.code).toBe(1);
      expect(row(protectedState, "branch protection of autopilot/state")).toMatchObject({ result: "fail" });
      expect(row(protectedState, "branch protection of autopilot/state")?.advice).toMatch(
        /GitHub refuses them.*Remove autopilot\/state from the rule/,
      );
    });

    it("fails a ruleset that covers task branches and refuses their pushes, and passes once they are excluded", async () => {
      expect(row(await run(), "rulesets on task branches (autopilot/T-…)")).toMatchObject({ result: "ok" });
      const ruleset = (
        await user.rest.repos.createRepoRuleset({
          ...repo,
          name: "CI everywhere",
          target: "branch",
          enforcement: "active",
          conditions: { ref_name: { include: ["~ALL"], exclude: [] } },
          rules: [
            {
              type: "required_status_checks",
              parameters: { strict_required_status_checks_policy: false, required_status_checks: [{ context: "ci" }] },
            },
          ],
        })
      ).data.id;
      const ruled = await run();
      expect(ruled.code).toBe(1);
      expect(row(ruled, "rulesets on task branches (autopilot/T-…)")).toMatchObject({
        result: "fail",
        advice: expect.stringContaining(`(\`required_status_checks\`, ruleset ${ruleset})`),
      });
      await user.rest.repos.updateRepoRuleset({
        ...repo,
        ruleset_id: ruleset,
        conditions: { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } },
      });
      expect(row(await run(), "rulesets on task branches (autopilot/T-…)")).toMatchObject({ result: "ok" });
    });

    it("passes a ruleset that lists the app in its bypass list, when told the app's id", async () => {
      await user.rest.repos.createRepoRuleset({
        ...repo,
        name: "CI everywhere, but for the app",
        target: "branch",
        enforcement: "active",
        bypass_actors: [{ actor_id: sandbox.appId, actor_type: "Integration", bypass_mode: "always" }],
        conditions: { ref_name: { include: ["~ALL"], exclude: [] } },
        rules: [
          {
            type: "required_status_checks",
            parameters: { strict_required_status_checks_policy: false, required_status_checks: [{ context: "ci" }] },
          },
        ],
      });
      const taskRow = "rulesets on task branches (autopilot/T-…)";
      // without the app's id doctor cannot tell whom the bypass list names: the rule counts
      expect(row(await run(), taskRow)).toMatchObject({ result: "fail" });
      const told = await run(asApp(sandbox));
      expect(row(told, taskRow)).toMatchObject({ result: "ok" });
      expect(row(told, "rulesets on autopilot/state")).toMatchObject({ result: "ok" });
    });
  });
});
