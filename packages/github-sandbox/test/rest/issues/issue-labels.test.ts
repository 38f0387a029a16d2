import { describe, expect, it } from "vitest";
import { useRestFixture, type TestOctokit } from "../rest-fixture.js";
import { apiError, eventNames, loggedErrors, seedPull } from "./issues-test-helpers.js";

describe("labels on an issue", () => {
  let app: TestOctokit;
  const owner = "acme";
  const repo = "widgets";
  let issueNumber: number;

  const names = (labels: { name: string }[]): string[] => labels.map((label) => label.name);

  const fixture = useRestFixture({
    setUp: (started) => {
      app = started.app();
    },
    beforeEach: async (started) => {
      issueNumber = (await started.user("octocat").rest.issues.create({ owner, repo, title: "Label me" })).data.number;
    },
  });

  it("adds labels, creating missing ones, and answers all of the issue's labels", async () => {
    const first = await app.rest.issues.addLabels({ owner, repo, issue_number: issueNumber, labels: ["bug"] });
    expect(first.status).toBe(200);
    expect(names(first.data)).toEqual(["bug"]);
    const second = await app.rest.issues.addLabels({
      owner,
      repo,
      issue_number: issueNumber,
      labels: ["Bug", "autopilot:running", { name: "enhancement" }] as never,
    });
    expect(names(second.data)).toEqual(["autopilot:running", "bug", "enhancement"]);
    expect(second.data[0]).toMatchObject({
      color: "ededed",
      default: false,
      url: `${fixture.url}/repos/acme/widgets/labels/autopilot:running`,
    });
    // the label already on the issue announces nothing
    expect(eventNames(fixture)).toEqual(["issues.labeled", "issues.labeled", "issues.labeled"]);
    expect(fixture.events.map((event) => (event.name === "issues" ? event.label?.name : undefined))).toEqual([
      "bug",
      "autopilot:running",
      "enhancement",
    ]);
    expect(fixture.events[2]).toMatchObject({
      issue: { number: issueNumber },
      sender: { login: "autopilot-sandbox[bot]" },
    });
    const listed = await app.rest.issues.listLabelsOnIssue({ owner, repo, issue_number: issueNumber });
    expect(listed.data).toEqual(second.data);
    expect(loggedErrors(fixture)).toEqual([]);
  });

  it("sets labels, announcing removals and additions, and removes them one by one or all", async () => {
    await app.rest.issues.addLabels({ owner, repo, issue_number: issueNumber, labels: ["bug", "question"] });
    fixture.events.length = 0;
    const set = await app.rest.issues.setLabels({
      owner,
      repo,
      issue_number: issueNumber,
      labels: ["question", "documentation"],
    });
    expect(names(set.data)).toEqual(["documentation", "question"]);
    expect(eventNames(fixture)).toEqual(["issues.unlabeled", "issues.labeled"]);

    const removed = await app.rest.issues.removeLabel({ owner, repo, issue_number: issueNumber, name: "QUESTION" });
    expect(names(removed.data)).toEqual(["documentation"]);
    const absent = await apiError(
      app.rest.issues.removeLabel({ owner, repo, issue_number: issueNumber, name: "question" }),
    );
    expect([absent.status, absent.response.data.message]).toEqual([404, "Label does not exist"]);

    const cleared = await app.rest.issues.removeAllLabels({ owner, repo, issue_number: issueNumber });
    expect(cleared.status).toBe(204);
    expect((await app.rest.issues.get({ owner, repo, issue_number: issueNumber })).data.labels).toEqual([]);
    expect(eventNames(fixture)).toEqual(["issues.unlabeled", "issues.labeled", "issues.unlabeled", "issues.unlabeled"]);
  });

  it("labels a pull request with pull_request events", async () => {
    const pull = seedPull(fixture, "Labelled PR");
    await app.rest.issues.addLabels({ owner, repo, issue_number: pull.number, labels: ["bug", "enhancement"] });
    await app.rest.issues.removeLabel({ owner, repo, issue_number: pull.number, name: "bug" });
    expect(eventNames(fixture)).toEqual(["pull_request.labeled", "pull_request.labeled", "pull_request.unlabeled"]);
    expect(fixture.events[0]).toMatchObject({ pull: { number: pull.number }, label: { name: "bug" } });
  });

  it("answers 404 for an issue that does not exist", async () => {
    const missing = await apiError(app.rest.issues.addLabels({ owner, repo, issue_number: 9999, labels: ["bug"] }));
    expect([missing.status, missing.response.data.message]).toEqual([404, "Not Found"]);
  });

  it("refuses readers and outsiders, and label creation to triage", async () => {
    for (const login of ["reader", "stranger"]) {
      const refused = await apiError(
        fixture.user(login).rest.issues.addLabels({ owner, repo, issue_number: issueNumber, labels: ["bug"] }),
      );
      expect([refused.status, refused.response.data.message]).toEqual([403, "Must have admin rights to Repository."]);
    }
    fixture.ctx.state.setPermission(fixture.repo, "triager", "triage");
    const triager = fixture.user("triager");
    expect(
      names((await triager.rest.issues.addLabels({ owner, repo, issue_number: issueNumber, labels: ["bug"] })).data),
    ).toEqual(["bug"]);
    const creates = await apiError(
      triager.rest.issues.addLabels({ owner, repo, issue_number: issueNumber, labels: ["not-yet-a-label"] }),
    );
    expect(creates.status).toBe(403);
    expect(creates.response.data).toMatchObject({
      message: "You do not have permission to create labels on this repository.",
      errors: [{ resource: "Repository", field: "label", code: "unauthorized" }],
    });
    expect(fixture.repo.labels.has("not-yet-a-label")).toBe(false);
    expect(eventNames(fixture)).toEqual(["issues.labeled"]);
  });

  it("holds installations to issues write, or pull_requests write on a pull request (which cannot create labels)", async () => {
    const readOnly = fixture.narrowedApp({ issues: "read", metadata: "read" });
    const refused = await apiError(
      readOnly.rest.issues.addLabels({ owner, repo, issue_number: issueNumber, labels: ["bug"] }),
    );
    expect([refused.status, refused.response.data.message]).toEqual([403, "Resource not accessible by integration"]);
    const prOnly = fixture.narrowedApp({ pull_requests: "write", metadata: "read" });
    const pull = seedPull(fixture, "PR for the pull_requests permission");
    const onIssue = await apiError(
      prOnly.rest.issues.addLabels({ owner, repo, issue_number: issueNumber, labels: ["bug"] }),
    );
    expect(onIssue.status).toBe(403);
    expect(
      names((await prOnly.rest.issues.addLabels({ owner, repo, issue_number: pull.number, labels: ["bug"] })).data),
    ).toEqual(["bug"]);
    const creates = await apiError(
      prOnly.rest.issues.addLabels({ owner, repo, issue_number: pull.number, labels: ["pr-only-new"] }),
    );
    expect([creates.status, creates.response.data.message]).toEqual([
      403,
      "You do not have permission to create labels on this repository.",
    ]);
  });

  it("pages an issue's labels", async () => {
    await app.rest.issues.addLabels({ owner, repo, issue_number: issueNumber, labels: ["l1", "l2", "l3"] });
    const page = await app.rest.issues.listLabelsOnIssue({
      owner,
      repo,
      issue_number: issueNumber,
      per_page: 2,
      page: 2,
    });
    expect(names(page.data)).toEqual(["l3"]);
    expect(page.headers.link).toContain('rel="prev"');
    expect(page.headers.link).toContain('rel="first"');
  });
});
