import { describe, expect, it } from "vitest";
import { useRestFixture, type TestOctokit } from "../rest-fixture.js";
import { commitTo, eventNames, failure, openPull } from "../pulls/pull-helpers.js";

let head: string;
const fixture = useRestFixture({
  perTest: true,
  setUp: async (started) => {
    head = await commitTo(started, "feature", { "a.txt": "a\n" });
    await openPull(started, "feature"); // #1, opened by the app's bot
    started.repo.collaborators.set("writer", "write");
  },
});

const where = () => ({ owner: fixture.owner, repo: fixture.name });

/** What these tests read of an event; Octokit's type is a union of GitHub's event kinds. */
interface ListedEvent {
  id: number;
  url: string;
  event: string;
  actor: { login: string } | null;
  commit_id: string | null;
  commit_url: string | null;
  label?: { name: string; color: string };
}

const listed = (data: readonly object[]): ListedEvent[] => data as ListedEvent[];

const eventsOf = async (issue_number: number, octokit: TestOctokit = fixture.app()) =>
  listed((await octokit.rest.issues.listEvents({ ...where(), issue_number })).data);

/** An owner's change request on #1, which the app's bot opened. */
const requestChanges = async (): Promise<number> =>
  (
    await fixture
      .user("octocat")
      .rest.pulls.createReview({ ...where(), pull_number: 1, event: "REQUEST_CHANGES", body: "Not like this" })
  ).data.id;

describe("issue events", () => {
  it("says who dismissed a review, what it was and why, where the review only says DISMISSED", async () => {
    const reviewId = await requestChanges();
    await fixture
      .user("writer")
      .rest.pulls.dismissReview({ ...where(), pull_number: 1, review_id: reviewId, message: "Addressed" });

    const review = (await fixture.app().rest.pulls.getReview({ ...where(), pull_number: 1, review_id: reviewId })).data;
    expect(review.state).toBe("DISMISSED");
    const events = await eventsOf(1);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      event: "review_dismissed",
      actor: { login: "writer" },
      commit_id: null,
      dismissed_review: {
        state: "changes_requested",
        review_id: reviewId,
        dismissal_message: "Addressed",
        dismissal_commit_id: head,
      },
    });
    expect(events[0]?.url).toBe(`${fixture.url}/repos/acme/widgets/issues/events/${events[0]?.id}`);
    expect(eventNames(fixture)).toEqual(["pull_request_review.submitted", "pull_request_review.dismissed"]);
  });

  it("refuses a dismissal without a message, as GitHub requires one", async () => {
    const reviewId = await requestChanges();
    // a plain string: Octokit's own types would not let the call leave `message` out
    const route: string = "PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals";
    const refused = await failure(
      fixture.user("writer").request(route, {
        ...where(),
        pull_number: 1,
        review_id: reviewId,
        event: "DISMISS",
      }),
    );
    expect(refused).toMatchObject({
      status: 422,
      data: { message: 'Invalid request.\n\n"message" wasn\'t supplied.' },
    });
    const review = (await fixture.app().rest.pulls.getReview({ ...where(), pull_number: 1, review_id: reviewId })).data;
    expect(review.state).toBe("CHANGES_REQUESTED");
    expect(await eventsOf(1)).toEqual([]);
    expect(eventNames(fixture)).toEqual(["pull_request_review.submitted"]);
  });

  it("records a stale approval dismissed by a push as the pusher's, without a message", async () => {
    await fixture.user("octocat").rest.repos.updateBranchProtection({
      ...where(),
      branch: "main",
      required_status_checks: null,
      enforce_admins: false,
      required_pull_request_reviews: { dismiss_stale_reviews: true },
      restrictions: null,
    });
    const approval = (
      await fixture.user("octocat").rest.pulls.createReview({ ...where(), pull_number: 1, event: "APPROVE" })
    ).data.id;
    await commitTo(fixture, "main", { "NEWS.md": "news\n" });
    await fixture.user("writer").rest.pulls.updateBranch({ ...where(), pull_number: 1 });
    const newHead = (await fixture.app().rest.pulls.get({ ...where(), pull_number: 1 })).data.head.sha;

    expect(await eventsOf(1)).toMatchObject([
      {
        event: "review_dismissed",
        actor: { login: "writer" },
        dismissed_review: {
          state: "approved",
          review_id: approval,
          dismissal_message: null,
          dismissal_commit_id: newHead,
        },
      },
    ]);
    expect(eventNames(fixture).filter((name) => name === "pull_request_review.dismissed")).toHaveLength(1);
  });

  it("records labels as they were, closing and reopening, oldest first", async () => {
    const octocat = fixture.user("octocat");
    const issue = (await octocat.rest.issues.create({ ...where(), title: "Broken", labels: ["bug"] })).data.number;
    await octocat.rest.issues.updateLabel({ ...where(), name: "bug", new_name: "defect", color: "00ff00" });
    await octocat.rest.issues.removeLabel({ ...where(), issue_number: issue, name: "defect" });
    await fixture.user("writer").rest.issues.update({ ...where(), issue_number: issue, state: "closed" });
    await octocat.rest.issues.update({ ...where(), issue_number: issue, state: "open" });

    const events = await eventsOf(issue);
    expect(events.map((event) => [event.event, event.actor?.login, event.label?.name])).toEqual([
      ["labeled", "octocat", "bug"],
      ["unlabeled", "octocat", "defect"],
      ["closed", "writer", undefined],
      ["reopened", "octocat", undefined],
    ]);
    expect(events[1]?.label).toEqual({ name: "defect", color: "00ff00" });
    expect(await eventsOf(1)).toEqual([]);
  });

  it("records a merge as merged at the merge commit, then closed", async () => {
    const merged = (await fixture.user("octocat").rest.pulls.merge({ ...where(), pull_number: 1 })).data;
    const events = await eventsOf(1);
    expect(events.map((event) => [event.event, event.actor?.login, event.commit_id])).toEqual([
      ["merged", "octocat", merged.sha],
      ["closed", "octocat", null],
    ]);
    expect(events[0]?.commit_url).toBe(`${fixture.url}/repos/acme/widgets/commits/${merged.sha}`);
  });

  it("pages the events with GitHub's Link header", async () => {
    const octocat = fixture.user("octocat");
    for (const name of ["a", "b", "c", "d", "e"])
      await octocat.rest.issues.addLabels({ ...where(), issue_number: 1, labels: [name] });
    const page = await fixture.app().rest.issues.listEvents({ ...where(), issue_number: 1, per_page: 2, page: 2 });
    expect(listed(page.data).map((event) => event.label?.name)).toEqual(["c", "d"]);
    expect(page.headers.link).toContain('per_page=2&page=3>; rel="next"');
    expect(page.headers.link).toContain('per_page=2&page=3>; rel="last"');
    const all = await fixture.app().paginate(fixture.app().rest.issues.listEvents, {
      ...where(),
      issue_number: 1,
      per_page: 2,
    });
    expect(listed(all).map((event) => event.label?.name)).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("needs issues or pull_requests read, and answers 404 for an unknown issue", async () => {
    const issue = (await fixture.user("octocat").rest.issues.create({ ...where(), title: "Plain" })).data.number;
    await fixture.user("octocat").rest.issues.update({ ...where(), issue_number: issue, state: "closed" });

    const contentsOnly = fixture.narrowedApp({ contents: "read", metadata: "read" });
    const refused = await failure(contentsOnly.rest.issues.listEvents({ ...where(), issue_number: 1 }));
    expect(refused).toMatchObject({ status: 403, data: { message: "Resource not accessible by integration" } });

    const pullsOnly = fixture.narrowedApp({ pull_requests: "read", metadata: "read" });
    expect(await eventsOf(1, pullsOnly)).toEqual([]);
    expect((await failure(pullsOnly.rest.issues.listEvents({ ...where(), issue_number: issue }))).status).toBe(403);
    const issuesOnly = fixture.narrowedApp({ issues: "read", metadata: "read" });
    expect((await eventsOf(issue, issuesOnly)).map((event) => event.event)).toEqual(["closed"]);

    const missing = await failure(fixture.app().rest.issues.listEvents({ ...where(), issue_number: 999 }));
    expect(missing).toMatchObject({ status: 404, data: { message: "Not Found" } });
  });
});
