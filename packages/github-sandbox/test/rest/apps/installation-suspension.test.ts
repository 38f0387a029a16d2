import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import {
  describeDelivery,
  invalidPayloads,
  label,
  startSandboxHarness,
  type SandboxHarness,
  type TestOctokit,
} from "../../e2e/sandbox-harness.js";
import { failure } from "../checks/commit-file.js";

const repo = { owner: "acme", repo: "widgets" };
const start = Date.parse("2026-12-06T08:00:00Z");
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

let h: SandboxHarness;
let clock: number;
afterEach(() => h?.close());

async function startSuspendable(): Promise<SandboxHarness> {
  clock = start;
  h = await startSandboxHarness({ now: () => clock });
  await h.sandbox.idle();
  return h;
}

/** Octokit holding one installation token as it is, as a worker that minted it before would. */
const holding = (token: string): TestOctokit =>
  new ProbotOctokit({
    auth: { token },
    baseUrl: h.sandbox.apiUrl,
    request: { retries: 0 },
    retry: { enabled: false },
    throttle: { enabled: false },
  });

const installation = async () => {
  const listed = (await h.appJwt.rest.apps.listInstallations()).data[0];
  const byId = (await h.appJwt.rest.apps.getInstallation({ installation_id: h.sandbox.installationId })).data;
  expect(byId.suspended_at).toBe(listed?.suspended_at);
  expect(byId.suspended_by).toEqual(listed?.suspended_by);
  return byId;
};

/** The deliveries after the first `from`, as `event.action`. */
const deliveredSince = async (from: number) => {
  await h.sandbox.idle();
  return h.receiver.received.slice(from).map((delivery) => describeDelivery(delivery, h.sandbox.webhookSecret));
};

describe("suspended installations", () => {
  it("the app suspends its own with its JWT: still listed, no new token, old tokens refused until it unsuspends", async () => {
    await startSuspendable();
    const installation_id = h.sandbox.installationId;
    const earlier = (await h.appJwt.rest.apps.createInstallationAccessToken({ installation_id })).data.token;
    const worker = holding(earlier);
    expect((await worker.rest.issues.listForRepo(repo)).status).toBe(200);

    clock += 60_000;
    expect((await h.appJwt.rest.apps.suspendInstallation({ installation_id })).status).toBe(204);
    expect(await installation()).toMatchObject({
      id: installation_id,
      suspended_at: iso(clock),
      suspended_by: { login: "autopilot[bot]", type: "Bot" },
      updated_at: iso(clock),
    });
    expect(await failure(h.appJwt.rest.apps.createInstallationAccessToken({ installation_id }))).toEqual({
      status: 403,
      message: "This installation has been suspended",
    });
    const refusedOld = { status: 403, message: `You suspended this installation owned by acme at ${iso(clock)}` };
    expect(await failure(worker.rest.issues.listForRepo(repo))).toEqual(refusedOld);
    expect(await failure(worker.rest.apps.listReposAccessibleToInstallation())).toEqual(refusedOld);
    const graphql = await worker.graphql("{ viewer { login } }").catch((error: { status: number }) => error.status);
    expect(graphql).toBe(403);
    // the suspension is the app's: an owner has no "Unsuspend" for it
    expect(() => h.sandbox.unsuspendInstallation({ by: "octocat" })).toThrow(/cannot lift the app's own/);

    clock += 60_000;
    expect((await h.appJwt.rest.apps.unsuspendInstallation({ installation_id })).status).toBe(204);
    expect(await installation()).toMatchObject({ suspended_at: null, suspended_by: null, updated_at: iso(clock) });
    expect((await worker.rest.issues.listForRepo(repo)).status).toBe(200);
    const fresh = (await h.appJwt.rest.apps.createInstallationAccessToken({ installation_id })).data.token;
    expect((await holding(fresh).rest.issues.listForRepo(repo)).status).toBe(200);
  });

  it("answers 404 for an installation that is not the app's, and takes only the app's JWT", async () => {
    await startSuspendable();
    const notFound = { status: 404, message: "Not Found" };
    expect(await failure(h.appJwt.rest.apps.suspendInstallation({ installation_id: 999 }))).toEqual(notFound);
    expect(await failure(h.appJwt.rest.apps.unsuspendInstallation({ installation_id: 999 }))).toEqual(notFound);
    const token = (await h.appJwt.rest.apps.createInstallationAccessToken({ installation_id: 1 })).data.token;
    const byToken = await failure(holding(token).rest.apps.suspendInstallation({ installation_id: 1 }));
    expect(byToken.status).toBe(401);
    expect((await installation()).suspended_at).toBeNull();
  });

  it("an owner suspends it: nothing in its repositories reaches the app, and unsuspending brings it all back", async () => {
    await startSuspendable();
    const issue = (await h.user.rest.issues.create({ ...repo, title: "Widgets squeak" })).data.number;
    await h.sandbox.idle();
    const before = h.receiver.received.length;

    clock += 60_000;
    const suspendedAt = iso(clock);
    h.sandbox.suspendInstallation({ by: "octocat" });
    expect(() => h.sandbox.suspendInstallation({ by: "octocat" })).toThrow(/already suspended/);
    await h.user.rest.issues.createComment({ ...repo, issue_number: issue, body: "@autopilot please look" });
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["bug"] });
    const whileSuspended = await deliveredSince(before);
    expect(whileSuspended.map(label)).toEqual(["installation.suspend"]);
    // the comment happened; it just went to nobody
    const happened = h.sandbox.events.history().map(({ name, action }) => label({ event: name, action }));
    expect(happened).toContain("issue_comment.created");
    expect(whileSuspended[0]?.payload).toMatchObject({
      action: "suspend",
      installation: { id: 1, suspended_at: suspendedAt, suspended_by: { login: "octocat", type: "User" } },
      sender: { login: "octocat" },
    });
    expect(whileSuspended[0]?.payload).not.toHaveProperty("repositories");
    expect(await installation()).toMatchObject({ suspended_at: suspendedAt, suspended_by: { login: "octocat" } });
    expect(await failure(h.app.rest.issues.createComment({ ...repo, issue_number: issue, body: "On it" }))).toEqual({
      status: 403,
      message: "This installation has been suspended",
    });

    clock += 60_000;
    h.sandbox.unsuspendInstallation({ by: "octocat" });
    await h.user.rest.issues.createComment({ ...repo, issue_number: issue, body: "@autopilot now?" });
    await h.app.rest.issues.createComment({ ...repo, issue_number: issue, body: "On it" });
    const afterwards = await deliveredSince(before + whileSuspended.length);
    expect(afterwards.map(label)).toEqual(["installation.unsuspend", "issue_comment.created", "issue_comment.created"]);
    expect(afterwards[0]?.payload).toMatchObject({
      installation: { suspended_at: null, suspended_by: null },
      sender: { login: "octocat" },
    });
    expect(invalidPayloads([...whileSuspended, ...afterwards])).toEqual([]);
    expect([...whileSuspended, ...afterwards].every((delivery) => delivery.signatureValid)).toBe(true);
  });

  it("keeps the app's and an owner's suspensions apart: the later one shows, each is lifted its own way", async () => {
    await startSuspendable();
    const installation_id = h.sandbox.installationId;
    const worker = holding((await h.appJwt.rest.apps.createInstallationAccessToken({ installation_id })).data.token);
    const from = h.receiver.received.length;

    clock += 60_000;
    const byOwner = iso(clock);
    h.sandbox.suspendInstallation({ by: "octocat" });
    expect(await failure(worker.rest.issues.listForRepo(repo))).toEqual({
      status: 403,
      message: `Sorry. This installation owned by acme suspended your access at ${byOwner}.`,
    });
    clock += 60_000;
    await h.appJwt.rest.apps.suspendInstallation({ installation_id });
    expect(await installation()).toMatchObject({ suspended_at: iso(clock), suspended_by: { login: "autopilot[bot]" } });
    expect((await failure(worker.rest.issues.listForRepo(repo))).message).toBe(
      `You suspended this installation owned by acme at ${iso(clock)}`,
    );

    // the app lifts its own suspension; the owner's still holds
    await h.appJwt.rest.apps.unsuspendInstallation({ installation_id });
    expect(await installation()).toMatchObject({ suspended_at: byOwner, suspended_by: { login: "octocat" } });
    expect((await failure(h.appJwt.rest.apps.createInstallationAccessToken({ installation_id }))).status).toBe(403);
    const seen = await deliveredSince(from);
    expect(seen.map(label)).toEqual(["installation.suspend", "installation.suspend", "installation.unsuspend"]);
    expect(seen.map((delivery) => (delivery.payload.sender as { login: string }).login)).toEqual([
      "octocat",
      "autopilot[bot]",
      "autopilot[bot]",
    ]);
    expect(invalidPayloads(seen)).toEqual([]);
  });
});
