import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Annotation, GateResult } from "../../src/core/gate-result.js";
import { completeCheckRuns, startCheckRuns } from "../../src/github/graphql-check-runs.js";
import { readFilesAndChecks } from "../../src/github/graphql-read-files.js";
import { startGithubFixture, type GithubFixture } from "./github-fixture.js";

let gh: GithubFixture;
let headSha: string;
beforeAll(async () => {
  gh = await startGithubFixture();
  headSha = await gh.commit("graphql-checks", { "src/a.ts": "export const a = 1;\n", "assets/logo.bin": "\u0000PNG" });
});
afterAll(() => gh.close());

const annotationsFor = (count: number): Annotation[] =>
  Array.from({ length: count }, (_, index) => ({
    path: `src/file-${index}.ts`,
    start_line: index + 1,
    end_line: index + 1,
    annotation_level: "failure" as const,
    title: "outside scope",
    message: `file ${index} is outside the task scope`,
  }));

const gate = (name: string, overrides: Partial<GateResult> = {}): GateResult => ({
  name,
  conclusion: "success",
  title: "ok",
  summary: "## ok",
  annotations: [],
  ...overrides,
});

const repositoryId = () => gh.sandbox.repo.nodeId;
const runsOn = async (sha: string) =>
  (await gh.user.rest.checks.listForRef({ owner: gh.owner, repo: gh.repo, ref: sha, filter: "all" })).data.check_runs;

describe("startCheckRuns + completeCheckRuns", () => {
  it("starts three runs in one request, completes them in one, and a run with 120 annotations in two more", async () => {
    const sha = await gh.commit("graphql-batches", { "src/b.ts": "export {};\n" });
    let mark = gh.mark();
    const started = await startCheckRuns(gh.app, {
      repositoryId: repositoryId(),
      headSha: sha,
      names: ["autopilot/scope", "autopilot/concordance", "autopilot/secrets"],
    });
    expect(gh.callsSince(mark).map((call) => call.operationId)).toEqual(["graphql"]);
    expect((await runsOn(sha)).map((run) => [run.name, run.status]).sort()).toEqual([
      ["autopilot/concordance", "in_progress"],
      ["autopilot/scope", "in_progress"],
      ["autopilot/secrets", "in_progress"],
    ]);

    mark = gh.mark();
    const longSummary = "x".repeat(70_000);
    const requests = await completeCheckRuns(gh.app, {
      repositoryId: repositoryId(),
      runs: [
        {
          checkRunId: started.get("autopilot/scope")!,
          result: gate("autopilot/scope", {
            conclusion: "failure",
            title: "120 files outside scope",
            annotations: annotationsFor(120),
          }),
        },
        {
          checkRunId: started.get("autopilot/concordance")!,
          result: gate("autopilot/concordance", { summary: longSummary }),
        },
        {
          checkRunId: started.get("autopilot/secrets")!,
          result: gate("autopilot/secrets", {
            annotations: annotationsFor(3).map((note) => ({ ...note, annotation_level: "warning" as const })),
          }),
        },
      ],
    });
    expect(requests).toBe(3);
    expect(gh.callsSince(mark).map((call) => call.operationId)).toEqual(["graphql", "graphql", "graphql"]);

    const runs = Object.fromEntries((await runsOn(sha)).map((run) => [run.name, run]));
    expect(runs["autopilot/scope"]).toMatchObject({
      status: "completed",
      conclusion: "failure",
      output: { title: "120 files outside scope", annotations_count: 120 },
    });
    expect(runs["autopilot/secrets"]).toMatchObject({
      status: "completed",
      conclusion: "success",
      output: { annotations_count: 3 },
    });
    const summary = runs["autopilot/concordance"]!.output.summary ?? "";
    expect(summary.length).toBeLessThanOrEqual(65_535);
    expect(summary).toMatch(/characters were cut/);
    const scopeNotes = await gh.user.paginate(gh.user.rest.checks.listAnnotations, {
      owner: gh.owner,
      repo: gh.repo,
      check_run_id: runs["autopilot/scope"]!.id,
      per_page: 100,
    });
    expect(scopeNotes.map((note) => note.path)).toEqual(annotationsFor(120).map((note) => note.path));
  });
});

describe("completeCheckRuns without started runs", () => {
  it("creates the runs completed in one request, and appends annotations past 50 to the runs it created", async () => {
    const sha = await gh.commit("graphql-created-completed", { "src/c.ts": "export {};\n" });
    const mark = gh.mark();
    const requests = await completeCheckRuns(gh.app, {
      repositoryId: repositoryId(),
      headSha: sha,
      runs: [
        {
          result: gate("autopilot/scope", {
            conclusion: "failure",
            title: "60 outside",
            annotations: annotationsFor(60),
          }),
        },
        { result: gate("autopilot/secrets") },
      ],
    });
    expect(requests).toBe(2);
    expect(gh.callsSince(mark).map((call) => call.operationId)).toEqual(["graphql", "graphql"]);
    const runs = await runsOn(sha);
    expect(runs.map((run) => [run.name, run.status, run.conclusion, run.output.annotations_count]).sort()).toEqual([
      ["autopilot/scope", "completed", "failure", 60],
      ["autopilot/secrets", "completed", "success", 0],
    ]);
  });
});

describe("completeCheckRuns and GitHub's limit in bytes", () => {
  it("completes a run whose summary is 70,000 `é`: cut to 65,535 bytes of UTF-8, not characters", async () => {
    const sha = await gh.commit("graphql-wide-summary", { "src/d.ts": "export {};\n" });
    const started = await startCheckRuns(gh.app, {
      repositoryId: repositoryId(),
      headSha: sha,
      names: ["autopilot/scope"],
    });
    await completeCheckRuns(gh.app, {
      repositoryId: repositoryId(),
      runs: [
        {
          checkRunId: started.get("autopilot/scope")!,
          result: gate("autopilot/scope", { conclusion: "failure", summary: "é".repeat(70_000) }),
        },
      ],
    });
    const [run] = await runsOn(sha);
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
    const summary = run!.output.summary ?? "";
    expect(Buffer.byteLength(summary, "utf8")).toBeLessThanOrEqual(65_535);
    expect(summary.startsWith("éé")).toBe(true);
    const kept = summary.indexOf("\n\n---\n_");
    const cut = Number(/_([\d,]+) characters were cut/.exec(summary)?.[1]?.replace(/,/g, ""));
    expect(cut).toBe(70_000 - kept);
  });
});

describe("readFilesAndChecks", () => {
  it("reads files at their refs and the head's latest gate runs in one request; a binary file through REST", async () => {
    await gh.app.rest.checks.create({
      owner: gh.owner,
      repo: gh.repo,
      head_sha: headSha,
      name: "autopilot/secrets",
      status: "completed",
      conclusion: "success",
    });
    // another app's runs of the same names are not the app's judgement
    const actions = new ProbotOctokit({
      baseUrl: gh.sandbox.apiUrl,
      auth: { token: gh.sandbox.actionsToken() },
      retry: { enabled: false },
      throttle: { enabled: false },
    });
    for (const name of ["autopilot/secrets", "autopilot/scope"]) {
      await actions.rest.checks.create({
        owner: gh.owner,
        repo: gh.repo,
        head_sha: headSha,
        name,
        status: "completed",
        conclusion: name === "autopilot/scope" ? "success" : "failure",
      });
    }
    const mark = gh.mark();
    const read = await readFilesAndChecks(gh.app, {
      owner: gh.owner,
      repo: gh.repo,
      files: [
        { key: "code", ref: headSha, path: "src/a.ts" },
        { key: "absent", ref: "main", path: "ops/queue.jsonl" },
        { key: "binary", ref: "graphql-checks", path: "assets/logo.bin" },
      ],
      checksAt: { sha: headSha, checkName: "autopilot/secrets", appId: gh.sandbox.appId },
    });
    expect(read.repositoryId).toBe(repositoryId());
    expect(read.files.get("code")?.text).toBe("export const a = 1;\n");
    expect(read.files.get("absent")).toBeUndefined();
    expect(read.files.get("binary")?.text).toBe("\u0000PNG");
    expect(read.runs.get("autopilot/secrets")).toEqual({ status: "COMPLETED", conclusion: "SUCCESS" });
    expect(read.runs.has("autopilot/scope")).toBe(false);
    expect(gh.callsSince(mark).map((call) => call.operationId)).toEqual(["graphql", "repos/get-content"]);
  });
});
