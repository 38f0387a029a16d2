import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Annotation, GateResult } from "../../src/core/gate-result.js";
import { capSummary, publishGateResult, toGithubAnnotation } from "../../src/github/index.js";
import { startGithubFixture, type GithubFixture } from "./github-fixture.js";

let gh: GithubFixture;
let headSha: string;
beforeAll(async () => {
  gh = await startGithubFixture();
  headSha = await gh.commit("checks", { "src/a.ts": "export const a = 1;\n" });
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

const gate = (overrides: Partial<GateResult> = {}): GateResult => ({
  name: "autopilot/scope",
  conclusion: "failure",
  title: "3 files outside scope",
  summary: "## Scope\nSome files are outside the scope.",
  annotations: [],
  ...overrides,
});

async function listAnnotations(checkRunId: number) {
  return gh.user.paginate(gh.user.rest.checks.listAnnotations, {
    owner: gh.owner,
    repo: gh.repo,
    check_run_id: checkRunId,
    per_page: 100,
  });
}

describe("publishGateResult", () => {
  it("creates the run completed in one call when there are at most 50 annotations", async () => {
    const mark = gh.mark();
    const id = await publishGateResult(gh.app, {
      owner: gh.owner,
      repo: gh.repo,
      headSha,
      result: gate({
        name: "autopilot/secrets",
        conclusion: "success",
        title: "No secrets",
        annotations: annotationsFor(50),
      }),
    });
    expect(gh.callsSince(mark).map((call) => call.operationId)).toEqual(["checks/create"]);
    const { data } = await gh.user.rest.checks.get({ owner: gh.owner, repo: gh.repo, check_run_id: id });
    expect(data).toMatchObject({
      name: "autopilot/secrets",
      status: "completed",
      conclusion: "success",
      head_sha: headSha,
    });
    expect(await listAnnotations(id)).toHaveLength(50);
  });

  it("cuts a 70,000-character summary to GitHub's limit with a note, and keeps the conclusion", async () => {
    const summary = `# Report\n${"x".repeat(70_000)}`;
    const id = await publishGateResult(gh.app, {
      owner: gh.owner,
      repo: gh.repo,
      headSha,
      result: gate({ name: "autopilot/concordance", conclusion: "neutral", summary, annotations: annotationsFor(51) }),
    });
    const { data } = await gh.user.rest.checks.get({ owner: gh.owner, repo: gh.repo, check_run_id: id });
    const published = data.output.summary ?? "";
    expect(published.length).toBeLessThanOrEqual(65_535);
    expect(published.startsWith("# Report\nxxx")).toBe(true);
    const cut = Number(/_([\d,]+) characters were cut/.exec(published)?.[1]?.replace(/,/g, ""));
    expect(cut).toBe(summary.length - published.indexOf("\n\n---\n_"));
    expect(published).toMatch(/full report is in the annotations and the app's logs/);
    expect(data).toMatchObject({ status: "completed", conclusion: "neutral" });
    expect(await listAnnotations(id)).toHaveLength(51);
  });

  it("keeps the details the app reads back whole, and leaves out details past GitHub's limit rather than cut them", async () => {
    const publish = (text: string) =>
      publishGateResult(gh.app, { owner: gh.owner, repo: gh.repo, headSha, result: gate({ text }) });
    const record = `<!-- autopilot:review-json\n${JSON.stringify({ findings: ["x".repeat(1_000)] })}\n-->`;
    const kept = await publish(record);
    const read = async (id: number) =>
      (await gh.user.rest.checks.get({ owner: gh.owner, repo: gh.repo, check_run_id: id })).data.output.text;
    expect(await read(kept)).toBe(record);
    // a cut copy of a record would not parse: none is kept, and the run is still published
    const long = await publish(`<!-- ${"y".repeat(65_536)} -->`);
    expect(await read(long)).toBeNull();
  });

  it("creates the run completed with 120 annotations in three calls, in order, and keeps the conclusion", async () => {
    const mark = gh.mark();
    const id = await publishGateResult(gh.app, {
      owner: gh.owner,
      repo: gh.repo,
      headSha,
      externalId: "T-7",
      result: gate({ annotations: annotationsFor(120) }),
    });
    expect(gh.callsSince(mark).map((call) => call.operationId)).toEqual([
      "checks/create",
      "checks/update",
      "checks/update",
    ]);

    const annotations = await listAnnotations(id);
    expect(annotations).toHaveLength(120);
    expect(annotations.map((annotation) => annotation.path)).toEqual(
      annotationsFor(120).map((annotation) => annotation.path),
    );
    expect(annotations[119]).toMatchObject({ start_line: 120, annotation_level: "failure", title: "outside scope" });
    // the later updates carried only output: GitHub leaves status and conclusion as the first set them
    const { data } = await gh.user.rest.checks.get({ owner: gh.owner, repo: gh.repo, check_run_id: id });
    expect(data).toMatchObject({ status: "completed", conclusion: "failure", head_sha: headSha, external_id: "T-7" });
    expect(data.output.title).toBe("3 files outside scope");
  });
});

describe("check-run output limits", () => {
  it("leaves a summary within the limit alone", () => {
    const text = "y".repeat(65_535);
    expect(capSummary(text)).toBe(text);
  });

  it("cuts to GitHub's 65,535 bytes of UTF-8, never splitting a character", () => {
    // 40,000 emoji are 80,000 UTF-16 units but 160,000 bytes: GitHub refuses more than 65,535 bytes
    const capped = capSummary("😀".repeat(40_000));
    expect(Buffer.byteLength(capped, "utf8")).toBeLessThanOrEqual(65_535);
    expect(capped).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(capped).toMatch(/^😀+\n\n---\n_[\d,]+ characters were cut/u);
    const wide = "é".repeat(32_767);
    expect(capSummary(wide)).toBe(wide);
    expect(capSummary(`${wide}é`)).toMatch(/characters were cut/);
  });

  it("maps annotations to what GitHub accepts: lines from 1, columns only on one line, bounded message and title", () => {
    const base = { path: "a.ts", annotation_level: "warning" as const, message: "m" };
    expect(toGithubAnnotation({ ...base, start_line: 0, end_line: 0, start_column: 3, end_column: 9 })).toEqual({
      ...base,
      start_line: 1,
      end_line: 1,
      start_column: 3,
      end_column: 9,
    });
    expect(toGithubAnnotation({ ...base, start_line: 4, end_line: 6, start_column: 3, end_column: 9 })).toEqual({
      ...base,
      start_line: 4,
      end_line: 6,
    });
    const long = toGithubAnnotation({
      ...base,
      start_line: 2,
      end_line: 1,
      message: "é".repeat(40_000),
      title: "t".repeat(300),
    });
    expect(long.end_line).toBe(2);
    expect(Buffer.byteLength(long.message, "utf8")).toBeLessThanOrEqual(64 * 1024);
    expect(long.message.endsWith("…")).toBe(true);
    expect(long.title).toHaveLength(255);
  });
});
