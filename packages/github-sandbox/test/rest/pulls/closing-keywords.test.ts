import { Buffer } from "node:buffer";
import { describe, expect, it } from "vitest";
import { eventNames, useRestFixture, type TestOctokit } from "../rest-fixture.js";
import { commitTo } from "./pull-helpers.js";

const fixture = useRestFixture({ perTest: true });
const repo = { owner: "acme", repo: "widgets" };

const openIssue = async (title: string): Promise<number> =>
  (await fixture.user().rest.issues.create({ ...repo, title })).data.number;
const issue = async (number: number) => (await fixture.app().rest.issues.get({ ...repo, issue_number: number })).data;
const issueEvents = async (number: number) =>
  (await fixture.app().rest.issues.listEvents({ ...repo, issue_number: number })).data;

/** A pull request from `branch` (one commit, `message`) into `base`, saying `body`. */
async function pullSaying(body: string, options: { branch?: string; base?: string; message?: string } = {}) {
  const { branch = "feature", base = "main", message } = options;
  const from = await fixture.repo.git.getRef(`refs/heads/${base}`);
  await commitTo(fixture, branch, { [`${branch}.txt`]: `${branch}\n` }, { ...(from ? { from } : {}), message });
  const { data } = await fixture
    .app()
    .rest.pulls.create({ ...repo, head: branch, base, title: `Work on ${branch}`, body });
  return data.number;
}

const merge = (pull: number, by: TestOctokit = fixture.user()) =>
  by.rest.pulls.merge({ ...repo, pull_number: pull, merge_method: "squash" });

/** The `issues.closed` events recorded, as `#<number> by <sender>`. */
const issueCloses = (): string[] =>
  fixture.events.flatMap((event) =>
    event.name === "issues" && event.action === "closed" ? [`#${event.issue.number} by ${event.sender.login}`] : [],
  );

describe("Closing keywords: merging a pull request into the default branch closes the issues it names", () => {
  it("closes the linked issue as completed, by the merger, right after pull_request.closed", async () => {
    const linked = await openIssue("Sort the widgets");
    const pull = await pullSaying(`Sorts them.\n\nCloses #${linked}`);
    fixture.events.length = 0;
    await merge(pull);

    expect(await issue(linked)).toMatchObject({
      state: "closed",
      state_reason: "completed",
      closed_by: { login: "octocat" },
    });
    const names = eventNames(fixture);
    expect(names.filter((name) => name === "issues.closed")).toHaveLength(1);
    expect(names.indexOf("issues.closed")).toBe(names.indexOf("pull_request.closed") + 1);
    expect(issueCloses()).toEqual([`#${linked} by octocat`]);
    const closed = (await issueEvents(linked)).filter((event) => event.event === "closed");
    expect(closed).toEqual([expect.objectContaining({ actor: expect.objectContaining({ login: "octocat" }) })]);
    expect(closed[0]?.commit_id).toBeNull();
  });

  it("reads every keyword in any case, with a colon or the repository's name, in the body and the commits", async () => {
    const numbers: number[] = [];
    for (let n = 0; n < 7; n += 1) numbers.push(await openIssue(`Issue ${n}`));
    const [a, b, listed, named, other, inWord, inCommit] = numbers as [number, number, number, number, ...number[]];
    const body = [
      `fixes #${a}`,
      `Resolves: #${b}, #${listed}`,
      `CLOSED acme/Widgets#${named}; closes someone/else#${other}`,
      `prefixes #${inWord}`,
    ].join("\n");
    const pull = await pullSaying(body, { message: `Tidy up\n\nresolved #${inCommit}` });
    await merge(pull, fixture.app());

    const states = await Promise.all(numbers.map(async (n) => (await issue(n)).state));
    // #listed: one issue per keyword, as GitHub links them; #other: another repository's
    expect(states).toEqual(["closed", "closed", "open", "closed", "open", "open", "closed"]);
    expect(issueCloses()).toEqual([a, b, named, inCommit].map((n) => `#${n} by autopilot-sandbox[bot]`));
  });

  it("closes no pull request a keyword names", async () => {
    const linked = await openIssue("Sort the widgets");
    const other = await pullSaying("Another change", { branch: "other" });
    const pull = await pullSaying(`Closes #${other}\nCloses #${linked}`);
    await merge(pull);
    expect((await fixture.app().rest.pulls.get({ ...repo, pull_number: other })).data.state).toBe("open");
    expect(issueCloses()).toEqual([`#${linked} by octocat`]);
  });

  it("closes nothing when the pull request merges into another base", async () => {
    const linked = await openIssue("Sort the widgets");
    await commitTo(fixture, "develop", { "develop.txt": "develop\n" });
    const pull = await pullSaying(`Closes #${linked}`, { base: "develop" });
    await merge(pull);
    expect((await issue(linked)).state).toBe("open");
    expect(issueCloses()).toEqual([]);
  });

  it("leaves an issue already closed as it is, with no event", async () => {
    const linked = await openIssue("Sort the widgets");
    await fixture
      .user()
      .rest.issues.update({ ...repo, issue_number: linked, state: "closed", state_reason: "not_planned" });
    const eventsBefore = await issueEvents(linked);
    const pull = await pullSaying(`Closes #${linked}`);
    fixture.events.length = 0;
    await merge(pull, fixture.app());

    expect(await issue(linked)).toMatchObject({ state_reason: "not_planned", closed_by: { login: "octocat" } });
    expect(issueCloses()).toEqual([]);
    expect(await issueEvents(linked)).toEqual(eventsBefore);
  });
});

describe("Closing keywords in commits pushed straight to a branch", () => {
  it("close the issues they name on the default branch, as the pusher, and nothing on another branch", async () => {
    const linked = await openIssue("Sort the widgets");
    const other = await openIssue("Count the widgets");
    const push = (branch: string, message: string) =>
      fixture.user().rest.repos.createOrUpdateFileContents({
        ...repo,
        path: `pushed-${branch}.txt`,
        branch,
        message,
        content: Buffer.from("text\n").toString("base64"),
      });
    await commitTo(fixture, "side", { "side.txt": "side\n" });
    await push("side", `Count them\n\nFixes #${other}`);
    expect((await issue(other)).state).toBe("open");

    fixture.events.length = 0;
    await push("main", `Sort them\n\nCloses #${linked}`);
    expect(await issue(linked)).toMatchObject({
      state: "closed",
      state_reason: "completed",
      closed_by: { login: "octocat" },
    });
    expect(eventNames(fixture).filter((name) => name.startsWith("issues."))).toEqual(["issues.closed"]);
    expect(issueCloses()).toEqual([`#${linked} by octocat`]);
  });
});

describe("Closing an issue GitHub's keyword already closed", () => {
  it("answers REST's PATCH state closed and GraphQL's closeIssue without an error or a new event", async () => {
    const linked = await openIssue("Sort the widgets");
    await merge(await pullSaying(`Closes #${linked}`), fixture.app());
    const eventsBefore = await issueEvents(linked);
    fixture.events.length = 0;

    const patched = await fixture.app().rest.issues.update({ ...repo, issue_number: linked, state: "closed" });
    expect(patched.status).toBe(200);
    expect(patched.data).toMatchObject({ state: "closed", state_reason: "completed" });
    const { data } = await fixture.app().request("POST /graphql", {
      query: `mutation ($id: ID!) { closeIssue(input: { issueId: $id, stateReason: COMPLETED }) { issue { number state } } }`,
      variables: { id: patched.data.node_id },
    });
    expect(data).toEqual({ data: { closeIssue: { issue: { number: linked, state: "CLOSED" } } } });

    expect(fixture.events).toEqual([]);
    expect(await issueEvents(linked)).toEqual(eventsBefore);
    expect((await issue(linked)).closed_by).toMatchObject({ login: "autopilot-sandbox[bot]" });
  });
});
