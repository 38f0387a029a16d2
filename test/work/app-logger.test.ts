import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createAppLogger } from "../../src/work/app-logger.js";
import { fakeGithubToken } from "../helpers/fake-credentials.js";

describe("the app's logger", () => {
  it("writes no credential, whatever text a field quotes", async () => {
    const out = new PassThrough();
    const line = new Promise<string>((resolve) => out.once("data", (chunk: Buffer) => resolve(chunk.toString("utf8"))));
    const log = await createAppLogger({ level: "info", format: "json", destination: out });
    const token = fakeGithubToken();
    log.info({ reason: `/block until ${token} is replaced` }, `issue title mentions ${token}`);
    const written = await line;
    expect(written).toContain("is replaced");
    expect(written).toContain("[REDACTED:");
    expect(written).not.toContain(token);
  });
});
