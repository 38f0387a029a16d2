import { Sandbox } from "@autopilot/github-sandbox";
import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readIssueBodyEditsSince } from "../../src/github/issue-body-edit.js";
import { silentLog as log } from "../helpers/silent-log.js";

const repo = { owner: "acme", repo: "widgets" };
let clock = Date.parse("2026-12-06T10:00:00Z");
let sandbox: Sandbox;
let app: InstanceType<typeof ProbotOctokit>;
let user: InstanceType<typeof ProbotOctokit>;

beforeAll(async () => {
  sandbox = await Sandbox.start({ validateResponses: true, now: () => clock });
  const base = { baseUrl: sandbox.apiUrl, log, retry: { enabled: false }, throttle: { enabled: false } };
  app = new ProbotOctokit({
    ...base,
    auth: {
      appId: sandbox.appId,
      privateKey: sandbox.credentials.privateKeyPem,
      installationId: sandbox.installationId,
    },
  });
  user = new ProbotOctokit({ ...base, auth: { token: sandbox.userToken() } });
});
afterAll(() => sandbox.stop());

const at = (seconds: number) => new Date(Date.parse("2026-12-06T10:00:00Z") + seconds * 1000).toISOString();

describe("readIssueBodyEditsSince", () => {
  it("lists the body's edits at or after a moment, newest first, without the created version", async () => {
    clock = Date.parse(at(0));
    const issue = (await user.rest.issues.create({ ...repo, title: "Pages", body: "v1" })).data.number;
    // nothing edited yet: GitHub lists no version at all
    expect(await readIssueBodyEditsSince(app, repo, issue, at(0))).toEqual([]);
    clock = Date.parse(at(10));
    await user.rest.issues.update({ ...repo, issue_number: issue, body: "v2" });
    clock = Date.parse(at(20));
    await app.rest.issues.update({ ...repo, issue_number: issue, body: "v3" });

    const all = await readIssueBodyEditsSince(app, repo, issue, at(0));
    // GraphQL names the app as a Bot without REST's `[bot]` suffix
    expect(all.map((edit) => [edit.editor?.login, edit.editor?.type])).toEqual([
      [expect.not.stringContaining("[bot]"), "Bot"],
      ["octocat", "User"],
    ]);
    expect(all.map((edit) => Date.parse(edit.at))).toEqual([Date.parse(at(20)), Date.parse(at(10))]);
    // to the second: a moment later in the edit's second still counts it
    expect(await readIssueBodyEditsSince(app, repo, issue, new Date(Date.parse(at(10)) + 400).toISOString())).toEqual(
      all,
    );
    expect(await readIssueBodyEditsSince(app, repo, issue, at(11))).toEqual(all.slice(0, 1));
    expect(await readIssueBodyEditsSince(app, repo, issue, at(21))).toEqual([]);
  });
});
