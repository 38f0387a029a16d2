import { describe, expect, it } from "vitest";
import { useRestFixture, type TestOctokit } from "../rest-fixture.js";
import { apiError, eventNames, loggedErrors, seedPull } from "./issues-test-helpers.js";

describe("issues REST handlers", () => {
  let app: TestOctokit;
  let octocat: TestOctokit;
  const owner = "acme";
  const repo = "widgets";

  const fixture = useRestFixture({
    setUp: (started) => {
      app = started.app();
      octocat = started.user("octocat");
    },
  });

  describe("create and get", () => {
    it("opens an issue as the app's bot with labels (missing ones created) and assignees", async () => {
      const created = await app.rest.issues.create({
        owner,
        repo,
        title: "Add sprockets",
        body: "Spec",
        labels: ["bug", "autopilot:ready"],
        assignees: ["octocat"],
      });
      expect(created.status).toBe(201);
      const { data } = created;
      expect(data).toMatchObject({
        title: "Add sprockets",
        body: "Spec",
        state: "open",
        state_reason: null,
        locked: false,
        comments: 0,
        closed_at: null,
        author_association: "NONE",
        user: { login: "autopilot-sandbox[bot]", type: "Bot" },
        assignee: { login: "octocat" },
        reactions: { total_count: 0, "+1": 0 },
      });
      expect(data.labels.map((label) => (typeof label === "string" ? label : label.name))).toEqual([
        "autopilot:ready",
        "bug",
      ]);
      expect(data.labels[0]).toMatchObject({
        name: "autopilot:ready",
        color: "ededed",
        default: false,
        description: null,
      });
      expect(data.html_url).toBe(`${fixture.url}/acme/widgets/issues/${data.number}`);
      expect(data.url).toBe(`${fixture.url}/repos/acme/widgets/issues/${data.number}`);
      expect(data).not.toHaveProperty("pull_request");
      expect(created.headers.location).toBe(data.url);
      expect(eventNames(fixture)).toEqual(["issues.opened", "issues.labeled", "issues.labeled", "issues.assigned"]);
      const labeled = fixture.events.filter((event) => event.name === "issues" && event.action === "labeled");
      expect(labeled.map((event) => event.name === "issues" && event.label?.name)).toEqual(["bug", "autopilot:ready"]);
      expect(fixture.events[3]).toMatchObject({
        assignee: { login: "octocat" },
        sender: { login: "autopilot-sandbox[bot]" },
      });

      const fetched = await octocat.rest.issues.get({ owner, repo, issue_number: data.number });
      expect(fetched.data).toEqual(data);
      expect(loggedErrors(fixture)).toEqual([]);
    });

    it("lets anyone open an issue on a public repository, dropping labels and assignees without push access", async () => {
      const { data } = await fixture
        .user("stranger")
        .rest.issues.create({ owner, repo, title: "It broke", labels: ["bug"], assignees: ["octocat"] });
      expect(data).toMatchObject({
        user: { login: "stranger" },
        labels: [],
        assignees: [],
        assignee: null,
        author_association: "NONE",
      });
      const byReader = await fixture
        .user("reader")
        .rest.issues.create({ owner, repo, title: "Me too", labels: ["bug"] });
      expect(byReader.data).toMatchObject({ labels: [], author_association: "COLLABORATOR" });
      expect(eventNames(fixture)).toEqual(["issues.opened", "issues.opened"]);
    });

    it("refuses a blank title, an unassignable login, and a missing title before creating anything", async () => {
      const before = fixture.repo.nextNumber;
      const blank = await apiError(octocat.rest.issues.create({ owner, repo, title: "  " }));
      expect(blank.status).toBe(422);
      expect(blank.response.data).toMatchObject({
        message: "Validation Failed",
        errors: [{ resource: "Issue", code: "missing_field", field: "title" }],
      });
      const nobody = await apiError(
        octocat.rest.issues.create({ owner, repo, title: "x", assignees: ["nobody-here"], labels: ["brand-new"] }),
      );
      expect(nobody.status).toBe(422);
      expect(nobody.response.data.errors).toEqual([
        { value: "nobody-here", resource: "Issue", field: "assignees", code: "invalid" },
      ]);
      const missing = await apiError(
        octocat.request("POST /repos/{owner}/{repo}/issues", { owner, repo, body: "no title" } as never),
      );
      expect(missing.status).toBe(422);
      expect(fixture.repo.nextNumber).toBe(before);
      expect(fixture.repo.labels.has("brand-new")).toBe(false);
      expect(fixture.events).toEqual([]);
    });

    it("answers a pull request's number with its issue, carrying pull_request and draft", async () => {
      const pull = seedPull(fixture, "Feature");
      const { data } = await app.rest.issues.get({ owner, repo, issue_number: pull.number });
      expect(data).toMatchObject({
        number: pull.number,
        draft: false,
        html_url: `${fixture.url}/acme/widgets/pull/${pull.number}`,
      });
      expect(data.pull_request).toEqual({
        url: `${fixture.url}/repos/acme/widgets/pulls/${pull.number}`,
        html_url: `${fixture.url}/acme/widgets/pull/${pull.number}`,
        diff_url: `${fixture.url}/acme/widgets/pull/${pull.number}.diff`,
        patch_url: `${fixture.url}/acme/widgets/pull/${pull.number}.patch`,
        merged_at: null,
      });
      const missing = await apiError(app.rest.issues.get({ owner, repo, issue_number: 9999 }));
      expect([missing.status, missing.response.data.message]).toEqual([404, "Not Found"]);
    });

    it("hides a private repository's issues from outsiders with 404", async () => {
      const secret = await fixture.ctx.state.createRepo(owner, "secret", { private: true });
      fixture.ctx.state.setPermission(secret, "reader", "read");
      const { data } = await fixture.user("reader").rest.issues.create({ owner, repo: "secret", title: "Internal" });
      expect(data).toMatchObject({ number: 1, author_association: "COLLABORATOR" });
      const outsider = fixture.user("stranger");
      for (const attempt of [
        outsider.rest.issues.get({ owner, repo: "secret", issue_number: 1 }),
        outsider.rest.issues.create({ owner, repo: "secret", title: "x" }),
      ]) {
        const hidden = await apiError(attempt);
        expect([hidden.status, hidden.response.data.message]).toEqual([404, "Not Found"]);
      }
    });

    it("keeps /api/v3 in the urls for a GitHub Enterprise-style client", async () => {
      const { data } = await octocat.request("POST /api/v3/repos/{owner}/{repo}/issues", {
        owner,
        repo,
        title: "Enterprise",
      });
      expect((data as { url: string }).url).toBe(
        `${fixture.url}/api/v3/repos/acme/widgets/issues/${(data as { number: number }).number}`,
      );
    });
  });

  describe("update", () => {
    it("edits title and body with changes, closes with a reason and reopens", async () => {
      const { data: issue } = await octocat.rest.issues.create({ owner, repo, title: "Old title", body: "old" });
      fixture.events.length = 0;
      const edited = await octocat.rest.issues.update({
        owner,
        repo,
        issue_number: issue.number,
        title: "New title",
        body: "new",
      });
      expect(edited.data).toMatchObject({ title: "New title", body: "new", state: "open" });
      expect(fixture.events[0]).toMatchObject({
        name: "issues",
        action: "edited",
        changes: { title: { from: "Old title" }, body: { from: "old" } },
      });

      const closed = await app.rest.issues.update({
        owner,
        repo,
        issue_number: issue.number,
        state: "closed",
        state_reason: "not_planned",
      });
      expect(closed.data).toMatchObject({
        state: "closed",
        state_reason: "not_planned",
        closed_by: { login: "autopilot-sandbox[bot]" },
      });
      expect(closed.data.closed_at).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/));
      const reopened = await octocat.rest.issues.update({ owner, repo, issue_number: issue.number, state: "open" });
      expect(reopened.data).toMatchObject({
        state: "open",
        state_reason: "reopened",
        closed_at: null,
        closed_by: null,
      });
      const again = await octocat.rest.issues.update({ owner, repo, issue_number: issue.number, state: "closed" });
      expect(again.data.state_reason).toBe("completed");
      expect(eventNames(fixture)).toEqual(["issues.edited", "issues.closed", "issues.reopened", "issues.closed"]);
      expect(fixture.events[1]).toMatchObject({ issue: { state: "closed", stateReason: "not_planned" } });
    });

    it("replaces labels and assignees, announcing only what changed", async () => {
      const { data: issue } = await octocat.rest.issues.create({
        owner,
        repo,
        title: "Relabel",
        labels: ["bug", "question"],
        assignees: ["octocat"],
      });
      fixture.events.length = 0;
      const { data } = await octocat.rest.issues.update({
        owner,
        repo,
        issue_number: issue.number,
        labels: ["question", "enhancement"],
        assignees: ["reader"],
      });
      expect(data.labels.map((label) => (typeof label === "string" ? label : label.name))).toEqual([
        "enhancement",
        "question",
      ]);
      expect(data.assignees?.map((user) => user.login)).toEqual(["reader"]);
      expect(eventNames(fixture)).toEqual([
        "issues.unlabeled",
        "issues.labeled",
        "issues.unassigned",
        "issues.assigned",
      ]);
      expect(
        fixture.events.map((event) =>
          event.name === "issues" ? (event.label?.name ?? event.assignee?.login) : undefined,
        ),
      ).toEqual(["bug", "enhancement", "octocat", "reader"]);
      fixture.events.length = 0;
      await octocat.rest.issues.update({
        owner,
        repo,
        issue_number: issue.number,
        title: "Relabel",
        labels: ["QUESTION", "enhancement"],
      });
      expect(fixture.events).toEqual([]);
    });

    it("announces pull_request events for a pull request's number", async () => {
      const pull = seedPull(fixture, "PR via issues");
      await app.rest.issues.update({
        owner,
        repo,
        issue_number: pull.number,
        title: "PR retitled",
        labels: ["bug"],
        state: "closed",
      });
      expect(eventNames(fixture)).toEqual(["pull_request.edited", "pull_request.closed", "pull_request.labeled"]);
      expect(fixture.events[0]).toMatchObject({
        pull: { number: pull.number },
        changes: { title: { from: "PR via issues" } },
      });
      expect(fixture.events[2]).toMatchObject({ label: { name: "bug" } });
    });

    it("lets authors change their own issue and refuses others without triage", async () => {
      const reader = fixture.user("reader");
      const { data: own } = await reader.rest.issues.create({ owner, repo, title: "Mine" });
      const { data: theirs } = await octocat.rest.issues.create({ owner, repo, title: "Theirs" });
      fixture.events.length = 0;
      await reader.rest.issues.update({ owner, repo, issue_number: own.number, title: "Still mine", state: "closed" });
      // labels need push access: silently dropped, as GitHub documents
      const dropped = await reader.rest.issues.update({ owner, repo, issue_number: own.number, labels: ["bug"] });
      expect(dropped.data.labels).toEqual([]);
      const refused = await apiError(
        reader.rest.issues.update({ owner, repo, issue_number: theirs.number, state: "closed" }),
      );
      expect([refused.status, refused.response.data.message]).toEqual([403, "Must have admin rights to Repository."]);
      const stranger = await apiError(
        fixture.user("stranger").rest.issues.update({ owner, repo, issue_number: theirs.number, title: "Mine now" }),
      );
      expect(stranger.status).toBe(403);
      expect(eventNames(fixture)).toEqual(["issues.edited", "issues.closed"]);
      expect(fixture.repo.issues.get(theirs.number)).toMatchObject({ title: "Theirs", state: "open" });
    });

    it("refuses installations without issues write, except pull_requests write on a pull request", async () => {
      const readOnly = fixture.narrowedApp({ issues: "read", metadata: "read" });
      const created = await apiError(readOnly.rest.issues.create({ owner, repo, title: "nope" }));
      expect([created.status, created.response.data.message]).toEqual([403, "Resource not accessible by integration"]);
      const { data: issue } = await octocat.rest.issues.create({ owner, repo, title: "Guarded" });
      const pull = seedPull(fixture, "Guarded PR");
      const prOnly = fixture.narrowedApp({ pull_requests: "write", metadata: "read" });
      const onIssue = await apiError(
        prOnly.rest.issues.update({ owner, repo, issue_number: issue.number, title: "x" }),
      );
      expect([onIssue.status, onIssue.response.data.message]).toEqual([403, "Resource not accessible by integration"]);
      const onPull = await prOnly.rest.issues.update({ owner, repo, issue_number: pull.number, title: "PR renamed" });
      expect(onPull.data.title).toBe("PR renamed");
    });
  });

  describe("assignees and locking", () => {
    it("adds and removes assignees, ignoring logins that cannot be assigned", async () => {
      const { data: issue } = await octocat.rest.issues.create({ owner, repo, title: "Assign me" });
      fixture.events.length = 0;
      const added = await app.rest.issues.addAssignees({
        owner,
        repo,
        issue_number: issue.number,
        assignees: ["reader", "nobody-here"],
      });
      expect(added.status).toBe(201);
      expect(added.data.assignees?.map((user) => user.login)).toEqual(["reader"]);
      const removed = await app.rest.issues.removeAssignees({
        owner,
        repo,
        issue_number: issue.number,
        assignees: ["reader"],
      });
      expect(removed.data.assignees).toEqual([]);
      expect(eventNames(fixture)).toEqual(["issues.assigned", "issues.unassigned"]);
    });

    it("locks with a reason and unlocks, for push access only", async () => {
      const { data: issue } = await octocat.rest.issues.create({ owner, repo, title: "Heated" });
      const locked = await app.rest.issues.lock({ owner, repo, issue_number: issue.number, lock_reason: "too heated" });
      expect(locked.status).toBe(204);
      expect((await app.rest.issues.get({ owner, repo, issue_number: issue.number })).data).toMatchObject({
        locked: true,
        active_lock_reason: "too heated",
      });
      const refused = await apiError(
        fixture.user("reader").rest.issues.unlock({ owner, repo, issue_number: issue.number }),
      );
      expect([refused.status, refused.response.data.message]).toEqual([403, "Must have admin rights to Repository."]);
      await octocat.rest.issues.unlock({ owner, repo, issue_number: issue.number });
      expect((await app.rest.issues.get({ owner, repo, issue_number: issue.number })).data).toMatchObject({
        locked: false,
        active_lock_reason: null,
      });
    });
  });
});
