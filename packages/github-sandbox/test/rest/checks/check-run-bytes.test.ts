import { describe, expect, it } from "vitest";
import { commitTo } from "../pulls/pull-helpers.js";
import { eventNames, requestFailure, useRestFixture } from "../rest-fixture.js";

const fixture = useRestFixture({ perTest: true });

/** 40,000 `é`: within REST's 65,535 characters, 80,000 bytes of UTF-8. */
const wide = "é".repeat(40_000);

const bytesizeError = (field: "summary" | "text") => ({
  resource: "CheckRun",
  code: "custom",
  field,
  message: `${field} exceeds a maximum bytesize of 65535`,
});

describe("check-run output within GitHub's 65,535 bytes", () => {
  it("refuses a summary or text over 65,535 UTF-8 bytes on REST create and update, though under 65,535 characters", async () => {
    const sha = await commitTo(fixture, "bytes", { "a.txt": "a\n" });
    const repo = { owner: fixture.owner, repo: fixture.name };
    const app = fixture.app();
    const created = await requestFailure(
      app.rest.checks.create({ ...repo, name: "x", head_sha: sha, output: { title: "t", summary: wide } }),
    );
    expect(created).toMatchObject({
      status: 422,
      message: "Validation Failed",
      data: { errors: [bytesizeError("summary")] },
    });
    expect(fixture.repo.checkRuns.size).toBe(0);

    const { data: run } = await app.rest.checks.create({ ...repo, name: "x", head_sha: sha, status: "in_progress" });
    fixture.events.length = 0;
    const updated = await requestFailure(
      app.rest.checks.update({
        ...repo,
        check_run_id: run.id,
        conclusion: "success",
        output: { title: "t", summary: "s", text: wide },
      }),
    );
    expect(updated).toMatchObject({ status: 422, data: { errors: [bytesizeError("text")] } });
    // refused before anything changed: still running, nothing announced
    expect((await app.rest.checks.get({ ...repo, check_run_id: run.id })).data.status).toBe("in_progress");
    expect(eventNames(fixture)).toEqual([]);

    const fits = "é".repeat(32_767);
    await app.rest.checks.update({
      ...repo,
      check_run_id: run.id,
      conclusion: "success",
      output: { title: "t", summary: fits },
    });
    expect((await app.rest.checks.get({ ...repo, check_run_id: run.id })).data.output.summary).toBe(fits);
  });

  it("refuses the same on GraphQL createCheckRun and updateCheckRun, as UNPROCESSABLE", async () => {
    const sha = await commitTo(fixture, "bytes-graphql", { "a.txt": "a\n" });
    const repositoryId = fixture.repo.nodeId;
    const raw = async (query: string, variables: Record<string, unknown>) =>
      (await fixture.app().request("POST /graphql", { query, variables })).data as {
        data?: Record<string, any>;
        errors?: { type?: string; message: string }[];
      };
    const create = `mutation ($i: CreateCheckRunInput!) { createCheckRun(input: $i) { checkRun { id } } }`;
    const update = `mutation ($i: UpdateCheckRunInput!) { updateCheckRun(input: $i) { checkRun { status } } }`;
    const refused = await raw(create, {
      i: { repositoryId, headSha: sha, name: "x", conclusion: "SUCCESS", output: { title: "t", summary: wide } },
    });
    expect(refused.errors).toMatchObject([
      { type: "UNPROCESSABLE", message: "summary exceeds a maximum bytesize of 65535" },
    ]);
    expect(fixture.repo.checkRuns.size).toBe(0);

    const started = await raw(create, { i: { repositoryId, headSha: sha, name: "x", status: "IN_PROGRESS" } });
    const checkRunId = started.data?.createCheckRun.checkRun.id as string;
    const big = await raw(update, {
      i: { repositoryId, checkRunId, conclusion: "SUCCESS", output: { title: "t", summary: "s".repeat(70_000) } },
    });
    expect(big.errors).toMatchObject([
      { type: "UNPROCESSABLE", message: "summary exceeds a maximum bytesize of 65535" },
    ]);
    const done = await raw(update, {
      i: { repositoryId, checkRunId, conclusion: "SUCCESS", output: { title: "t", summary: "é".repeat(32_767) } },
    });
    expect(done.data?.updateCheckRun.checkRun.status).toBe("COMPLETED");
  });
});
