import { afterEach, describe, expect, it } from "vitest";
import { appManifest } from "../../src/represent/app.js";
import type { SandboxOptions } from "../../src/index.js";
import { describeDelivery, invalidPayloads, startSandboxHarness, type SandboxHarness } from "../e2e/sandbox-harness.js";

const repo = { owner: "acme", repo: "widgets" };
let h: SandboxHarness;
afterEach(() => h?.close());

/** The admin archives acme/widgets, the app fails to comment on it, and the admin unarchives it. */
async function archiveAndUnarchive(options: SandboxOptions) {
  h = await startSandboxHarness(options);
  const issue = (await h.user.rest.issues.create({ ...repo, title: "Retire the widgets" })).data.number;
  await h.user.rest.repos.update({ ...repo, archived: true });
  const refused = await h.app.rest.issues.createComment({ ...repo, issue_number: issue, body: "Queued" }).then(
    () => undefined,
    (error: { status: number }) => error.status,
  );
  await h.user.rest.repos.update({ ...repo, archived: false });
  await h.sandbox.idle();
  const seen = h.receiver.received.map((delivery) => describeDelivery(delivery, h.sandbox.webhookSecret));
  return { refused, seen, repository: seen.filter((delivery) => delivery.event === "repository") };
}

describe("repository webhooks (archived, unarchived)", () => {
  it("reach an app subscribed to them, in GitHub's payload shape, and nothing is sent for a refused write", async () => {
    const { refused, seen, repository } = await archiveAndUnarchive({
      appEvents: [...appManifest.events, "repository"],
    });
    expect(refused).toBe(403);
    expect(repository.map((delivery) => delivery.action)).toEqual(["archived", "unarchived"]);
    expect(invalidPayloads(repository)).toEqual([]);
    expect(repository.every((delivery) => delivery.signatureValid)).toBe(true);
    expect(repository[0]?.payload).toMatchObject({
      action: "archived",
      repository: { full_name: "acme/widgets", archived: true },
      organization: { login: "acme" },
      sender: { login: "octocat" },
      installation: { id: h.sandbox.installationId },
    });
    expect(repository[1]?.payload).toMatchObject({ repository: { archived: false } });
    expect(seen.map((delivery) => delivery.event)).not.toContain("issue_comment");
  });

  it("reach no app that does not subscribe to them", async () => {
    const unsubscribed = appManifest.events.filter((event) => event !== "repository");
    const { refused, seen, repository } = await archiveAndUnarchive({ appEvents: unsubscribed });
    expect(refused).toBe(403);
    expect(seen.map((delivery) => delivery.event)).toContain("issues");
    expect(repository).toEqual([]);
  });
});
