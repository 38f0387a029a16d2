import { describe, expect, it } from "vitest";
import { defaultConfig, type Config } from "../../../src/config/index.js";
import type { CompleteCheckRunsOptions } from "../../../src/github/graphql-check-runs.js";
import { judgeOwnRecordsCommit, secretsPolicy } from "../../../src/handlers/gates/own-records-commit.js";
import { fakeGithubToken } from "../../helpers/fake-credentials.js";
import { contextOn, fakeGitHubPort } from "../../helpers/fake-github-port.js";

const repository = "acme/widgets";
const parent = "a".repeat(40);
const head = "b".repeat(40);
const pull = { number: 4, headSha: head, headRef: "autopilot/records", baseRef: "main", fromFork: false };

/** A context whose instance made `head` on `parent` writing `files`, and the runs it published. */
function setUp(files: Record<string, string>, options: { clean?: boolean; config?: Config; message?: string } = {}) {
  const config = options.config ?? defaultConfig();
  const published: CompleteCheckRunsOptions[] = [];
  const github = fakeGitHubPort(
    {},
    {
      loadConfig: async () => ({ ok: true, config, pauseApplied: true }),
      completeCheckRuns: async (runs) => {
        published.push(runs);
        return 1;
      },
    },
  );
  const ctx = contextOn(github, config);
  const known = ctx.services.knownCommits;
  known.committed(
    repository,
    head,
    new Map(),
    Object.entries(files),
    parent,
    options.message ?? "autopilot: records after T-6\n\nTask: T-6\n",
  );
  if (options.clean ?? true) known.markClean(repository, "main", parent, secretsPolicy(defaultConfig()));
  return { ctx, github, published, known };
}

const conclusions = (published: CompleteCheckRunsOptions[]) =>
  published.flatMap((call) => call.runs.map((run) => `${run.result.name} ${run.result.conclusion}`));

describe("judgeOwnRecordsCommit", () => {
  it("judges what the app's own commit wrote on a clean parent, with no read, and keeps it clean", async () => {
    const { ctx, github, published, known } = setUp({ "docs/PROGRESS.md": "# Progress\n\n| T-6 | Sort widgets |\n" });
    expect(await judgeOwnRecordsCommit(ctx, pull, "R_repo")).toBe(true);
    expect(conclusions(published)).toEqual(["autopilot/secrets success"]);
    expect(github.calls.map((call) => call.op)).toEqual(["loadConfig", "completeCheckRuns"]);
    expect(known.isClean(repository, "main", head, secretsPolicy(defaultConfig()))).toBe(true);
    // a later event for the head (the gates job checks this first) publishes no second run
    expect(known.isJudged(repository, head)).toBe(true);
  });

  it("finds a secret in a file it wrote (a title carried into the records) or in its message: red, not clean", async () => {
    const token = fakeGithubToken();
    const inFile = setUp({ "docs/PROGRESS.md": `# Progress\n\n| T-6 | token=${token} |\n` });
    expect(await judgeOwnRecordsCommit(inFile.ctx, pull, "R_repo")).toBe(true);
    expect(conclusions(inFile.published)).toEqual(["autopilot/secrets failure"]);
    expect(inFile.known.isClean(repository, "main", head, secretsPolicy(defaultConfig()))).toBe(false);

    const inMessage = setUp({ "docs/PROGRESS.md": "# Progress\n" }, { message: `records\n\ntoken=${token}\n` });
    await judgeOwnRecordsCommit(inMessage.ctx, pull, "R_repo");
    expect(conclusions(inMessage.published)).toEqual(["autopilot/secrets failure"]);
  });

  it("leaves every other head to the full judgement: parent not judged clean, another branch, a fork, a widened allowlist", async () => {
    const files = { "docs/PROGRESS.md": "# Progress\n" };
    const unjudged = setUp(files, { clean: false });
    expect(await judgeOwnRecordsCommit(unjudged.ctx, pull, "R_repo")).toBe(false);
    const other = setUp(files);
    expect(await judgeOwnRecordsCommit(other.ctx, { ...pull, headRef: "autopilot/T-6-sort" }, "R_repo")).toBe(false);
    expect(await judgeOwnRecordsCommit(other.ctx, { ...pull, fromFork: true }, "R_repo")).toBe(false);
    expect(await judgeOwnRecordsCommit(other.ctx, { ...pull, headSha: "c".repeat(40) }, "R_repo")).toBe(false);
    const widened = defaultConfig();
    widened.secrets.allowlist.paths.push("docs/**");
    const changed = setUp(files, { config: widened });
    expect(await judgeOwnRecordsCommit(changed.ctx, pull, "R_repo")).toBe(false);
    for (const { published } of [unjudged, other, changed]) expect(published).toEqual([]);
  });
});
