import type { ApplicationFunction } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { scaledThrottle, startAppOnSandbox, type ConnectedApp, type StartAppOptions } from "../../src/index.js";
import { startSandboxHarness, type SandboxHarness } from "./sandbox-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * An app answering a new issue with three comments at once, as concurrent jobs write; it reports
 * when each comment was answered, measured in the app, so nothing here sleeps. The limiter spaces
 * the starts, so the n-th answer (from 0) comes n intervals after the first request at the
 * earliest (10 ms allowed for timer rounding).
 */
function commenter(report: (times: number[]) => void): ApplicationFunction {
  return (app) => {
    app.on("issues.opened", async (context) => {
      // a read first, which the limiter does not space, so the installation token is in hand
      await context.octokit.rest.issues.get(context.issue());
      const started = Date.now();
      const times = await Promise.all(
        [1, 2, 3].map(async (n) => {
          await context.octokit.rest.issues.createComment(context.issue({ body: `Note ${n}` }));
          return Date.now() - started;
        }),
      );
      report(times.sort((a, b) => a - b));
    });
  };
}

/** Octokit's throttling as Probot runs it in production, on the sandbox: the spacing is real, only scaled. */
describe("startAppOnSandbox({ throttle })", () => {
  let h: SandboxHarness | undefined;
  let app: ConnectedApp | undefined;
  afterEach(async () => {
    await app?.stop();
    await h?.close();
    app = h = undefined;
  });

  const commentTimes = async (throttle: StartAppOptions["throttle"]): Promise<number[]> => {
    h = await startSandboxHarness();
    let reported!: (times: number[]) => void;
    const done = new Promise<number[]>((resolve) => (reported = resolve));
    app = await startAppOnSandbox(h.sandbox, { appFn: commenter(reported), logLevel: "fatal", throttle });
    await h.user.rest.issues.create({ ...repo, title: "Say something" });
    return done;
  };

  it("scaled: comments (writes that notify) go out one at a time, 3 s × timeScale apart", async () => {
    const times = await commentTimes({ timeScale: 0.1 });
    // three writes queued together: the second starts 300 ms after the first, the third 600 ms
    expect(times[1]).toBeGreaterThanOrEqual(300 - 10);
    expect(times[2]).toBeGreaterThanOrEqual(600 - 10);
    const comments = h!.sandbox.requests().filter((request) => request.operationId === "issues/create-comment");
    expect(comments.map((request) => request.status)).toEqual([201, 201, 201]);
  });

  it("true is production: 3 s between comments", async () => {
    const times = await commentTimes(true);
    expect(times[1]).toBeGreaterThanOrEqual(3000 - 10);
    expect(times[2]).toBeGreaterThanOrEqual(6000 - 10);
  }, 20_000);

  it("refuses a time scale that is not a fraction of production", () => {
    expect(() => scaledThrottle({ timeScale: 0 })).toThrow(
      "throttle.timeScale must be above 0 and at most 1 (1 is production), got 0",
    );
    expect(() => scaledThrottle({ timeScale: 2 })).toThrow("got 2");
  });
});
