import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  describeDelivery,
  invalidPayloads,
  label,
  startSandboxHarness,
  type SandboxHarness,
  type SeenDelivery,
} from "./sandbox-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/** A transfer and a deletion through GraphQL, as the app's webhook receiver gets them. */
describe("issue transfer and deletion webhooks", () => {
  let h: SandboxHarness;
  let seen: SeenDelivery[];

  beforeAll(async () => {
    h = await startSandboxHarness();
    const { state } = h.sandbox;
    const gadgets = await state.createRepo("acme", "gadgets");
    state.setPermission(gadgets, "octocat", "admin");
    state.setMembersCanDeleteIssues("acme", true);
    const moving = (await h.user.rest.issues.create({ ...repo, title: "Belongs in gadgets", labels: ["bug"] })).data;
    const doomed = (await h.user.rest.issues.create({ ...repo, title: "Spam" })).data;
    await h.user.graphql(
      `mutation ($issue: ID!, $repo: ID!) { transferIssue(input: { issueId: $issue, repositoryId: $repo }) { issue { id } } }`,
      { issue: moving.node_id, repo: gadgets.nodeId },
    );
    await h.user.graphql(`mutation ($issue: ID!) { deleteIssue(input: { issueId: $issue }) { repository { id } } }`, {
      issue: doomed.node_id,
    });
    await h.sandbox.idle();
    seen = h.receiver.received.map((delivery) => describeDelivery(delivery, h.sandbox.webhookSecret));
  });
  afterAll(() => h?.close());

  it("deliver issues.transferred, issues.opened in the target and issues.deleted, signed and valid", () => {
    // what the transfer and the deletion caused: the issues opened in widgets beforehand are left out
    const inGadgets = (delivery: SeenDelivery): boolean =>
      (delivery.payload.repository as { full_name?: string } | undefined)?.full_name === "acme/gadgets";
    const moves = seen.filter(
      (delivery) => delivery.action === "transferred" || delivery.action === "deleted" || inGadgets(delivery),
    );
    expect(moves.map(label)).toEqual(["issues.transferred", "issues.opened", "issues.deleted"]);
    expect(moves.every((delivery) => delivery.signatureValid)).toBe(true);
    expect(invalidPayloads(moves)).toEqual([]);
    expect(moves[0]?.payload).toMatchObject({
      repository: { full_name: "acme/widgets" },
      changes: { new_repository: { full_name: "acme/gadgets" }, new_issue: { number: 1, title: "Belongs in gadgets" } },
    });
    expect(moves[1]?.payload).toMatchObject({ repository: { full_name: "acme/gadgets" }, issue: { number: 1 } });
    expect(moves[2]?.payload).toMatchObject({ issue: { title: "Spam" }, repository: { full_name: "acme/widgets" } });
  });
});
