import { describe, expect, it } from "vitest";
import { hasDismissedReview, mayLiftObjection, reinstateObjections } from "../../../src/core/merge/index.js";

const reviews = [
  { id: 1, user: "octocat", state: "DISMISSED" },
  { id: 2, user: "hubot", state: "DISMISSED" },
  { id: 3, user: "mona", state: "APPROVED" },
];
const facts = { owners: ["octocat", "mona", "hubot"], changeAccounts: ["agent-dev", "autopilot[bot]"] };
const lift = (login: string) => mayLiftObjection(login, facts);

describe("a dismissed request for changes", () => {
  it("stands again when the agent's account dismissed it", () => {
    const counted = reinstateObjections(
      reviews,
      [{ reviewId: 1, actor: "agent-dev", priorState: "changes_requested" }],
      lift,
    );
    expect(counted.map((review) => review.state)).toEqual(["CHANGES_REQUESTED", "DISMISSED", "APPROVED"]);
  });

  it("stands again when a writer outside the owners or a bot dismissed it", () => {
    expect(mayLiftObjection("mallory", facts)).toBe(false);
    expect(mayLiftObjection("some-app[bot]", { ...facts, owners: [...facts.owners, "some-app[bot]"] })).toBe(false);
    const counted = reinstateObjections(
      reviews,
      [{ reviewId: 1, actor: "Mallory", priorState: "changes_requested" }],
      lift,
    );
    expect(counted[0]?.state).toBe("CHANGES_REQUESTED");
  });

  it("is lifted when an owner dismissed it, the objector included, whatever the case of the login", () => {
    const counted = reinstateObjections(
      reviews,
      [
        { reviewId: 1, actor: "Mona", priorState: "changes_requested" },
        { reviewId: 2, actor: "hubot", priorState: "changes_requested" },
      ],
      lift,
    );
    expect(counted.map((review) => review.state)).toEqual(["DISMISSED", "DISMISSED", "APPROVED"]);
  });

  it("leaves a dismissed approval dismissed, and a dismissal with no recorded event as it is", () => {
    const counted = reinstateObjections(reviews, [{ reviewId: 1, actor: "agent-dev", priorState: "approved" }], lift);
    expect(counted.map((review) => review.state)).toEqual(["DISMISSED", "DISMISSED", "APPROVED"]);
  });

  it("tells whether any review is dismissed, so nothing is read otherwise", () => {
    expect(hasDismissedReview(reviews)).toBe(true);
    expect(hasDismissedReview([{ id: 3, state: "APPROVED" }])).toBe(false);
  });

  it("an owner who is also one of the change's accounts cannot lift it", () => {
    expect(mayLiftObjection("agent-dev", { owners: ["agent-dev"], changeAccounts: ["agent-dev"] })).toBe(false);
  });
});
