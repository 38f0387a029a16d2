import { randomBytes } from "node:crypto";
import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Sandbox } from "@autopilot/github-sandbox";
import { taskSpec } from "../e2e/app-harness.js";
import {
  postDelivery,
  productionEnvOf,
  type ServerProcess,
  sourceEntry,
  startServerProcess,
  startupSweepDone,
} from "./server-process.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * Rotating the webhook secret, as an operator does it: the app is deployed with the new secret
 * (WEBHOOK_SECRET) and the old one (WEBHOOK_SECRET_PREVIOUS), then the app's settings on GitHub
 * get the new secret (`PATCH /app/hook/config`). Between the two steps GitHub still signs with the
 * old one: those deliveries (a maintainer's label among them) must not be refused and lost.
 */
describe("a webhook secret rotation", () => {
  let sandbox: Sandbox;
  let server: ServerProcess;
  let user: InstanceType<typeof ProbotOctokit>;
  let app: InstanceType<typeof ProbotOctokit>;
  const rotated = randomBytes(20).toString("hex");

  beforeAll(async () => {
    sandbox = await Sandbox.start();
    const previous = sandbox.webhookSecret;
    server = await startServerProcess({
      command: sourceEntry,
      env: productionEnvOf(sandbox, { WEBHOOK_SECRET: rotated, WEBHOOK_SECRET_PREVIOUS: previous }),
    });
    sandbox.setWebhookUrl(`${server.url}/api/github/webhooks`);
    await startupSweepDone(server);
    const base = { baseUrl: sandbox.apiUrl, retry: { enabled: false }, throttle: { enabled: false } };
    user = new ProbotOctokit({ ...base, auth: { token: sandbox.userToken() } });
    app = new ProbotOctokit({
      ...base,
      auth: { appId: sandbox.appId, privateKey: sandbox.credentials.privateKeyPem },
    });
  });
  afterAll(async () => {
    if (server?.child.exitCode === null) server.child.kill("SIGKILL");
    await sandbox?.stop();
  });

  /** Labels a new issue `autopilot`; once its dispatch job finished, whether its task's draft PR is open. */
  const dispatched = async (title: string) => {
    const issue = (await user.rest.issues.create({ ...repo, title, body: taskSpec(`src/${title}/**`) })).data.number;
    await user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    // refused or taken, as GitHub's delivery log tells (newest first): a refusal fails here, not by a timeout
    await sandbox.deliveries.idle();
    const label = sandbox.deliveries
      .list({ per_page: 100 })
      .deliveries.find((delivery) => delivery.event === "issues" && delivery.action === "labeled");
    expect(label?.status_code).toBe(200);
    await server.waitForLine(
      (line) => line.issue === issue && line.event === "issues.labeled" && line.msg === "work queue: job finished",
      `the dispatch job of #${issue}`,
    );
    const pulls = (await user.rest.pulls.list({ ...repo, state: "open" })).data;
    return pulls.some((pull) => pull.title === `[T-${issue}] ${title}` && pull.draft);
  };

  it("takes deliveries signed with the old secret, then with the new one, and refuses any other", async () => {
    // step 1 done (the app knows both), GitHub not told yet: it signs with the old secret
    expect(await dispatched("before")).toBe(true);
    expect(
      server.lines().some((line) => String(line.msg).startsWith("delivery signed with WEBHOOK_SECRET_PREVIOUS")),
    ).toBe(true);

    // step 2: GitHub's settings get the new secret
    const { data: config } = await app.request("PATCH /app/hook/config", { data: { secret: rotated } });
    expect(config.secret).toBe("********");
    const signedBefore = server.lines().length;
    expect(await dispatched("after")).toBe(true);
    const since = server.lines().slice(signedBefore);
    expect(since.some((line) => String(line.msg).startsWith("delivery signed with WEBHOOK_SECRET_PREVIOUS"))).toBe(
      false,
    );

    // a delivery signed with neither secret is refused as before
    const body = JSON.stringify({ action: "opened", repository: { full_name: "acme/widgets" } });
    expect(await postDelivery(server, { event: "issues", id: "forged-rotation", body, secret: "a-third-secret" })).toBe(
      400,
    );
  });
});
