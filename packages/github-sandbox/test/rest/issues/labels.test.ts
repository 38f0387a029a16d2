import { describe, expect, it } from "vitest";
import { useRestFixture, type TestOctokit } from "../rest-fixture.js";
import { apiError, loggedErrors } from "./issues-test-helpers.js";

describe("repository labels", () => {
  let app: TestOctokit;
  const owner = "acme";
  const repo = "widgets";

  const fixture = useRestFixture({
    setUp: (started) => {
      app = started.app();
    },
  });

  it("lists a new repository's default labels by name", async () => {
    const { data } = await app.rest.issues.listLabelsForRepo({ owner, repo });
    expect(data.map((label) => label.name)).toEqual(["bug", "documentation", "enhancement", "question"]);
    expect(data[0]).toMatchObject({
      color: "d73a4a",
      default: true,
      description: "Something isn't working",
      url: `${fixture.url}/repos/acme/widgets/labels/bug`,
    });
  });

  it("creates a label, refusing a taken name (case-insensitively), a bad color and a long description", async () => {
    const created = await app.rest.issues.createLabel({
      owner,
      repo,
      name: "autopilot:blocked",
      color: "B60205",
      description: "Waiting on a human",
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      name: "autopilot:blocked",
      color: "B60205",
      description: "Waiting on a human",
      default: false,
    });
    expect(created.headers.location).toBe(created.data.url);
    const gray = await app.rest.issues.createLabel({ owner, repo, name: "plain" });
    expect(gray.data).toMatchObject({ color: "ededed", description: null });

    const taken = await apiError(
      app.rest.issues.createLabel({ owner, repo, name: "AUTOPILOT:BLOCKED", color: "000000" }),
    );
    expect(taken.status).toBe(422);
    expect(taken.response.data).toMatchObject({
      message: "Validation Failed",
      errors: [{ resource: "Label", code: "already_exists", field: "name" }],
    });
    for (const color of ["#ffffff", "red", "12345"]) {
      const bad = await apiError(app.rest.issues.createLabel({ owner, repo, name: `c-${color}`, color }));
      expect(bad.response.data).toMatchObject({
        message: "Validation Failed",
        errors: [{ resource: "Label", code: "invalid", field: "color" }],
      });
    }
    const long = await apiError(
      app.rest.issues.createLabel({ owner, repo, name: "wordy", description: "x".repeat(101) }),
    );
    expect(long.response.data.errors).toEqual([{ resource: "Label", code: "invalid", field: "description" }]);
    expect(fixture.events).toEqual([]);
    expect(loggedErrors(fixture)).toEqual([]);
  });

  it("gets a label case-insensitively, and 404 for one that does not exist", async () => {
    expect((await app.rest.issues.getLabel({ owner, repo, name: "BUG" })).data.name).toBe("bug");
    const missing = await apiError(app.rest.issues.getLabel({ owner, repo, name: "nope" }));
    expect([missing.status, missing.response.data.message]).toEqual([404, "Not Found"]);
  });

  it("renames and recolors a label, which the issues carrying it show at once", async () => {
    await app.rest.issues.createLabel({ owner, repo, name: "wip" });
    const { data: issue } = await app.rest.issues.create({ owner, repo, title: "Renamed label", labels: ["wip"] });
    const updated = await app.rest.issues.updateLabel({
      owner,
      repo,
      name: "WIP",
      new_name: "in progress",
      color: "fbca04",
      description: "Being worked on",
    });
    expect(updated.data).toMatchObject({ name: "in progress", color: "fbca04", description: "Being worked on" });
    expect(updated.data.url).toBe(`${fixture.url}/repos/acme/widgets/labels/in%20progress`);
    expect((await app.rest.issues.get({ owner, repo, issue_number: issue.number })).data.labels).toMatchObject([
      { name: "in progress", color: "fbca04" },
    ]);
    expect((await apiError(app.rest.issues.getLabel({ owner, repo, name: "wip" }))).status).toBe(404);
    const clash = await apiError(app.rest.issues.updateLabel({ owner, repo, name: "in progress", new_name: "Bug" }));
    expect(clash.response.data.errors).toEqual([{ resource: "Label", code: "already_exists", field: "name" }]);
    const recased = await app.rest.issues.updateLabel({ owner, repo, name: "in progress", new_name: "In Progress" });
    expect(recased.data.name).toBe("In Progress");
  });

  it("deletes a label and takes it off every issue, without unlabeled events", async () => {
    await app.rest.issues.createLabel({ owner, repo, name: "doomed" });
    const { data: issue } = await app.rest.issues.create({
      owner,
      repo,
      title: "Loses a label",
      labels: ["doomed", "bug"],
    });
    fixture.events.length = 0;
    expect((await app.rest.issues.deleteLabel({ owner, repo, name: "DOOMED" })).status).toBe(204);
    expect((await app.rest.issues.get({ owner, repo, issue_number: issue.number })).data.labels).toMatchObject([
      { name: "bug" },
    ]);
    expect((await apiError(app.rest.issues.deleteLabel({ owner, repo, name: "doomed" }))).status).toBe(404);
    expect(fixture.events).toEqual([]);
  });

  it("leaves labels to push access and to installations with issues or pull_requests write", async () => {
    for (const login of ["reader", "stranger"]) {
      const refused = await apiError(fixture.user(login).rest.issues.createLabel({ owner, repo, name: `by-${login}` }));
      expect([refused.status, refused.response.data.message]).toEqual([403, "Must have admin rights to Repository."]);
    }
    const readOnly = fixture.narrowedApp({ issues: "read", metadata: "read" });
    const integration = await apiError(readOnly.rest.issues.deleteLabel({ owner, repo, name: "bug" }));
    expect([integration.status, integration.response.data.message]).toEqual([
      403,
      "Resource not accessible by integration",
    ]);
    expect((await readOnly.rest.issues.getLabel({ owner, repo, name: "bug" })).status).toBe(200);
    const prOnly = fixture.narrowedApp({ pull_requests: "write", metadata: "read" });
    expect((await prOnly.rest.issues.createLabel({ owner, repo, name: "from-pr-permission" })).status).toBe(201);
    expect(fixture.repo.labels.has("by-reader")).toBe(false);
  });

  it("pages the repository's labels", async () => {
    const total = fixture.repo.labels.size;
    const pages = await app.paginate(app.rest.issues.listLabelsForRepo, { owner, repo, per_page: 3 });
    expect(pages).toHaveLength(total);
    const first = await app.rest.issues.listLabelsForRepo({ owner, repo, per_page: 3 });
    expect(first.headers.link).toMatch(/page=2>; rel="next".*rel="last"/);
  });
});
