import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  capSummary,
  publishGateResult,
  stickyMarker,
  toGithubAnnotation,
  upsertStickyComment,
} from "../../src/github/index.js";
import { fakeGithubToken } from "../helpers/fake-credentials.js";
import { startGithubFixture, type GithubFixture } from "./github-fixture.js";

let gh: GithubFixture;
beforeAll(async () => {
  gh = await startGithubFixture();
});
afterAll(() => gh.close());

/**
 * The adapters are the last place before GitHub: whatever a renderer quoted (a file name, a
 * commit subject, a model's words), no comment and no check run carries a credential.
 */
describe("what the adapters post", () => {
  const token = fakeGithubToken();

  it("a sticky comment is posted redacted, and the same text again writes nothing", async () => {
    const { data: issue } = await gh.user.rest.issues.create({
      owner: gh.owner,
      repo: gh.repo,
      title: "redacted comment",
    });
    const target = {
      owner: gh.owner,
      repo: gh.repo,
      issueNumber: issue.number,
      key: "review",
      body: `the model said ${token}`,
    };
    await upsertStickyComment(gh.app, target);
    const again = await upsertStickyComment(gh.app, target);
    expect(again).toMatchObject({ created: false, updated: false });
    const { data: comments } = await gh.user.rest.issues.listComments({
      owner: gh.owner,
      repo: gh.repo,
      issue_number: issue.number,
    });
    expect(comments.map((comment) => comment.body)).toEqual([
      `${stickyMarker("review")}\nthe model said [REDACTED:github-token]`,
    ]);
  });

  it("a check run's title, summary and annotations are redacted", async () => {
    expect(capSummary(`file ${token}`)).not.toContain(token);
    const annotation = toGithubAnnotation({
      path: "a.ts",
      start_line: 1,
      end_line: 1,
      annotation_level: "failure",
      title: token,
      message: token,
    });
    expect(JSON.stringify(annotation)).not.toContain(token);
    const { data: main } = await gh.user.rest.repos.getBranch({ owner: gh.owner, repo: gh.repo, branch: "main" });
    const id = await publishGateResult(gh.app, {
      owner: gh.owner,
      repo: gh.repo,
      headSha: main.commit.sha,
      result: {
        name: "autopilot/scope",
        conclusion: "failure",
        title: `outside: ${token}`,
        summary: `- \`${token}.ts\``,
        annotations: [],
      },
    });
    const { data: run } = await gh.user.rest.checks.get({ owner: gh.owner, repo: gh.repo, check_run_id: id });
    expect(`${run.output.title}\n${run.output.summary}`).not.toContain(token);
    expect(run.output.title).toContain("[REDACTED:");
  });
});
