import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthRegistry } from "../../src/auth/index.js";

const appId = 4242;
const keys = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The app's real client (ProbotOctokit, i.e. @octokit/auth-app and universal-github-app-jwt)
 * against three routes answered by AuthRegistry, so the verifier is proven on the JWTs and token
 * flow the app will really produce, clock-skew recovery included.
 */
describe("AuthRegistry with the app's Octokit", () => {
  let skewMs = 0;
  const registry = new AuthRegistry({
    app: { appId, slug: "autopilot-sandbox", name: "Autopilot (sandbox)", publicKeyPem: keys.publicKey },
    now: () => Date.now() + skewMs,
  });
  let server: Server;
  let baseUrl: string;

  function answer(response: ServerResponse, status: number, body: unknown): void {
    // auth-app corrects its clock from the Date header of a rejected JWT, as GitHub sends it.
    response.writeHead(status, {
      "content-type": "application/json",
      date: new Date(Date.now() + skewMs).toUTCString(),
    });
    response.end(JSON.stringify(body));
  }

  function route(request: IncomingMessage, response: ServerResponse): void {
    const call = `${request.method} ${request.url}`;
    if (call === "GET /app" || call === "POST /app/installations/77/access_tokens") {
      const verdict = registry.verifyAppJwt(request.headers.authorization);
      if (!verdict.ok) return answer(response, 401, { message: verdict.message });
      return call === "GET /app"
        ? answer(response, 200, { id: appId, slug: "autopilot-sandbox" })
        : answer(response, 201, registry.createInstallationToken(77));
    }
    if (call === "GET /repos/acme/widgets") {
      const principal = registry.authenticate(request.headers.authorization);
      if (principal === undefined || !("kind" in principal))
        return answer(response, 401, { message: "Bad credentials" });
      return answer(response, 200, { full_name: "acme/widgets", principal });
    }
    return answer(response, 404, { message: "Not Found" });
  }

  beforeAll(async () => {
    server = createServer(route);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("accepts the app JWT and the installation token Octokit obtains with it", async () => {
    skewMs = 0;
    const appOctokit = new ProbotOctokit({ auth: { appId, privateKey: keys.privateKey }, baseUrl, log: silent });
    expect((await appOctokit.request("GET /app")).data).toMatchObject({ id: appId });

    const installationOctokit = new ProbotOctokit({
      auth: { appId, privateKey: keys.privateKey, installationId: 77 },
      baseUrl,
      log: silent,
    });
    const { data } = await installationOctokit.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "widgets" });
    expect(data).toMatchObject({ principal: { kind: "installation", installationId: 77 } });
  });

  it("lets auth-app recover from a server clock 15 minutes ahead, because the messages are GitHub's", async () => {
    skewMs = 15 * 60_000;
    const appOctokit = new ProbotOctokit({ auth: { appId, privateKey: keys.privateKey }, baseUrl, log: silent });
    expect((await appOctokit.request("GET /app")).data).toMatchObject({ id: appId });
  });

  it("a wrong key is refused with GitHub's message", async () => {
    skewMs = 0;
    const other = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    const appOctokit = new ProbotOctokit({ auth: { appId, privateKey: other.privateKey }, baseUrl, log: silent });
    await expect(appOctokit.request("GET /app")).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining("A JSON web token could not be decoded"),
    });
  });
});
