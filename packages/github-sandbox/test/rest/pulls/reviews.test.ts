import { describe, expect, it } from "vitest";
import { useRestFixture } from "../rest-fixture.js";
import { commitTo, eventNames, failure, openPull } from "./pull-helpers.js";

let head: string;
const fixture = useRestFixture({
  perTest: true,
  setUp: async (started) => {
    head = await commitTo(started, "feature", { "a.txt": "a\n" });
    await openPull(started, "feature"); // opened by the app's bot
  },
});

const pr = (): { owner: string; repo: string; pull_number: number } => ({
  owner: fixture.owner,
  repo: fixture.name,
  pull_number: 1,
});

describe("pulls reviews", () => {
  it("approves at the head commit and emits pull_request_review.submitted", async () => {
    const { data } = await fixture.user("octocat").rest.pulls.createReview({ ...pr(), event: "APPROVE" });
    expect(data).toMatchObject({
      state: "APPROVED",
      commit_id: head,
      body: "",
      user: { login: "octocat" },
      author_association: "COLLABORATOR",
    });
    expect(data.submitted_at).toMatch(/Z$/);
    expect(data.html_url).toContain(`/acme/widgets/pull/1#pullrequestreview-${data.id}`);
    expect(eventNames(fixture)).toEqual(["pull_request_review.submitted"]);
    expect(fixture.events[0]).toMatchObject({ review: { state: "APPROVED" }, sender: { login: "octocat" } });
  });

  it("refuses approving or requesting changes on your own pull request", async () => {
    const own = await failure(fixture.app().rest.pulls.createReview({ ...pr(), event: "APPROVE" }));
    expect(own).toMatchObject({
      status: 422,
      data: { message: "Unprocessable Entity", errors: ["Can not approve your own pull request"] },
    });
    const changes = await failure(
      fixture.app().rest.pulls.createReview({ ...pr(), event: "REQUEST_CHANGES", body: "no" }),
    );
    expect(changes.data.errors).toEqual(["Can not request changes on your own pull request"]);
    const comment = await fixture.app().rest.pulls.createReview({ ...pr(), event: "COMMENT", body: "A note to self" });
    expect(comment.data.state).toBe("COMMENTED");
  });

  it("needs a body to request changes or comment", async () => {
    const blank = await failure(fixture.user("octocat").rest.pulls.createReview({ ...pr(), event: "REQUEST_CHANGES" }));
    expect(blank).toMatchObject({ status: 422, data: { errors: ["Body can't be blank"] } });
    expect(fixture.events).toEqual([]);
  });

  it("keeps a review without event pending, visible only to its author, until submitted", async () => {
    const octocat = fixture.user("octocat");
    const pending = (await octocat.rest.pulls.createReview({ ...pr(), body: "draft thoughts" })).data;
    expect(pending.state).toBe("PENDING");
    expect(pending.submitted_at).toBeUndefined();
    expect(fixture.events).toEqual([]);
    const again = await failure(octocat.rest.pulls.createReview({ ...pr() }));
    expect(again.data.errors).toEqual(["User can only have one pending review per pull request"]);

    expect((await fixture.app().rest.pulls.listReviews({ ...pr() })).data).toEqual([]);
    expect((await failure(fixture.app().rest.pulls.getReview({ ...pr(), review_id: pending.id }))).status).toBe(404);
    expect((await octocat.rest.pulls.listReviews({ ...pr() })).data.map((review) => review.id)).toEqual([pending.id]);

    const submitted = (
      await octocat.rest.pulls.submitReview({ ...pr(), review_id: pending.id, event: "REQUEST_CHANGES" })
    ).data;
    expect(submitted).toMatchObject({ id: pending.id, state: "CHANGES_REQUESTED", body: "draft thoughts" });
    expect(eventNames(fixture)).toEqual(["pull_request_review.submitted"]);
    const resubmit = await failure(
      octocat.rest.pulls.submitReview({ ...pr(), review_id: pending.id, event: "APPROVE" }),
    );
    expect(resubmit.status).toBe(422);
  });

  it("dismisses an approval (push access needed) but not a pending review", async () => {
    const approval = (await fixture.user("octocat").rest.pulls.createReview({ ...pr(), event: "APPROVE" })).data;
    const byReader = await failure(
      fixture.user("reader").rest.pulls.dismissReview({ ...pr(), review_id: approval.id, message: "stale" }),
    );
    expect(byReader.status).toBe(403);
    const dismissed = (
      await fixture.app().rest.pulls.dismissReview({ ...pr(), review_id: approval.id, message: "stale" })
    ).data;
    expect(dismissed.state).toBe("DISMISSED");
    expect(eventNames(fixture)).toEqual(["pull_request_review.submitted", "pull_request_review.dismissed"]);

    const octocat = fixture.user("octocat");
    const pending = (await octocat.rest.pulls.createReview({ ...pr(), body: "hmm" })).data;
    const refused = await failure(octocat.rest.pulls.dismissReview({ ...pr(), review_id: pending.id, message: "x" }));
    expect(refused).toMatchObject({ status: 422, data: { errors: ["Can not dismiss a pending review"] } });
  });

  it("lets the author edit a review's body, and lists reviews in order", async () => {
    const first = (await fixture.user("reader").rest.pulls.createReview({ ...pr(), event: "COMMENT", body: "one" }))
      .data;
    await fixture.user("octocat").rest.pulls.createReview({ ...pr(), event: "APPROVE" });
    const edited = (
      await fixture.user("reader").rest.pulls.updateReview({ ...pr(), review_id: first.id, body: "one, edited" })
    ).data;
    expect(edited.body).toBe("one, edited");
    const listed = (await fixture.app().rest.pulls.listReviews({ ...pr() })).data;
    expect(listed.map((review) => [review.user?.login, review.state])).toEqual([
      ["reader", "COMMENTED"],
      ["octocat", "APPROVED"],
    ]);
    const page = await fixture.app().rest.pulls.listReviews({ ...pr(), per_page: 1 });
    expect(page.headers.link).toContain('rel="next"');
  });

  it("drops a requested reviewer from requested_reviewers once they review", async () => {
    const requested = await fixture.app().rest.pulls.requestReviewers({ ...pr(), reviewers: ["octocat"] });
    expect(requested.status).toBe(201);
    expect(requested.data.requested_reviewers?.map((user) => user.login)).toEqual(["octocat"]);
    const stranger = await failure(fixture.app().rest.pulls.requestReviewers({ ...pr(), reviewers: ["stranger"] }));
    expect(stranger.status).toBe(422);
    await fixture.user("octocat").rest.pulls.createReview({ ...pr(), event: "APPROVE" });
    expect((await fixture.app().rest.pulls.listRequestedReviewers({ ...pr() })).data).toEqual({ users: [], teams: [] });
  });

  it("removes a requested reviewer", async () => {
    await fixture.app().rest.pulls.requestReviewers({ ...pr(), reviewers: ["octocat", "reader"] });
    const removed = await fixture.app().rest.pulls.removeRequestedReviewers({ ...pr(), reviewers: ["octocat"] });
    expect(removed.data.requested_reviewers?.map((user) => user.login)).toEqual(["reader"]);
    expect(
      (await fixture.app().rest.pulls.listRequestedReviewers({ ...pr() })).data.users.map((user) => user.login),
    ).toEqual(["reader"]);
  });

  it("deletes a pending review, never a submitted one", async () => {
    const octocat = fixture.user("octocat");
    const pending = await octocat.rest.pulls.createReview({ ...pr(), body: "draft thoughts" });
    expect(pending.data.state).toBe("PENDING");
    const deleted = await octocat.rest.pulls.deletePendingReview({ ...pr(), review_id: pending.data.id });
    expect(deleted.data).toMatchObject({ id: pending.data.id, state: "PENDING" });
    expect((await octocat.rest.pulls.listReviews({ ...pr() })).data).toEqual([]);

    const submitted = await octocat.rest.pulls.createReview({ ...pr(), event: "APPROVE" });
    const refused = await failure(octocat.rest.pulls.deletePendingReview({ ...pr(), review_id: submitted.data.id }));
    expect(refused.status).toBe(422);
  });

  it("needs pull_requests write from an installation", async () => {
    const reader = fixture.narrowedApp({ pull_requests: "read" });
    const refused = await failure(reader.rest.pulls.createReview({ ...pr(), event: "COMMENT", body: "hi" }));
    expect(refused).toMatchObject({ status: 403, data: { message: "Resource not accessible by integration" } });
    expect((await reader.rest.pulls.listReviews({ ...pr() })).status).toBe(200);
  });
});
