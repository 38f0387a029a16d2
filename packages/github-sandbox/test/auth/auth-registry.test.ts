import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { AuthRegistry, jwtMessages, SandboxAuthError, signAppJwt, type AppIdentity } from "../../src/auth/index.js";
import { fakeGithubToken } from "../helpers/fake-credentials.js";

const appId = 4242;
const startMs = Date.UTC(2026, 0, 15, 12, 0, 0);

const appKey = generateKeyPairSync("rsa", { modulusLength: 2048 });
const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 });

const app: AppIdentity = {
  appId,
  slug: "autopilot-sandbox",
  name: "Autopilot (sandbox)",
  publicKeyPem: appKey.publicKey.export({ type: "spki", format: "pem" }).toString(),
};

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Signs like universal-github-app-jwt (RSASSA-PKCS1-v1_5 / SHA-256 over `header.payload`), written independently of the sandbox. */
function jwt(
  claims: Record<string, unknown>,
  key: KeyObject = appKey.privateKey,
  header: object = { alg: "RS256", typ: "JWT" },
): string {
  const message = `${b64url(header)}.${b64url(claims)}`;
  return `${message}.${sign("RSA-SHA256", Buffer.from(message), key).toString("base64url")}`;
}

describe("AuthRegistry app JWTs", () => {
  let nowMs: number;
  let registry: AuthRegistry;
  const now = (): number => Math.floor(nowMs / 1000);
  const octokitClaims = (): Record<string, unknown> => ({ iat: now() - 30, exp: now() + 570, iss: appId });

  beforeEach(() => {
    nowMs = startMs;
    registry = new AuthRegistry({ app, now: () => nowMs });
  });

  it("accepts a JWT built like Octokit's, with either bearer spelling", () => {
    const token = jwt(octokitClaims());
    expect(registry.verifyAppJwt(`Bearer ${token}`)).toEqual({ ok: true });
    expect(registry.verifyAppJwt(`bearer ${token}`)).toEqual({ ok: true });
    expect(registry.authenticate(`bearer ${token}`)).toEqual({ kind: "app", appId });
  });

  it("accepts the JWT its own signAppJwt helper builds for drivers", () => {
    const privateKeyPem = appKey.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(registry.verifyAppJwt(`Bearer ${signAppJwt({ appId, privateKeyPem, now: now() })}`)).toEqual({ ok: true });
  });

  it("refuses a JWT signed with another key as undecodable, as GitHub does", () => {
    const result = registry.verifyAppJwt(`Bearer ${jwt(octokitClaims(), otherKey.privateKey)}`);
    expect(result).toEqual({ ok: false, status: 401, message: "A JSON web token could not be decoded" });
  });

  it("refuses an expired JWT with the message auth-app recognises as clock skew", () => {
    const result = registry.verifyAppJwt(`Bearer ${jwt({ iat: now() - 700, exp: now() - 100, iss: appId })}`);
    expect(result).toEqual({ ok: false, status: 401, message: jwtMessages.expired });
    expect(jwtMessages.expired).toMatch(
      /'Expiration time' claim \('exp'\) must be a numeric value representing the future time at which the assertion expires/,
    );
  });

  it("refuses an exp more than ten minutes after iat", () => {
    const result = registry.verifyAppJwt(`Bearer ${jwt({ iat: now() - 30, exp: now() + 700, iss: appId })}`);
    expect(result).toEqual({
      ok: false,
      status: 401,
      message: "'Expiration time' claim ('exp') is too far in the future",
    });
  });

  it("tolerates 60 s of clock drift on iat, not more", () => {
    expect(registry.verifyAppJwt(`Bearer ${jwt({ iat: now() + 50, exp: now() + 590, iss: appId })}`)).toEqual({
      ok: true,
    });
    expect(registry.verifyAppJwt(`Bearer ${jwt({ iat: now() + 120, exp: now() + 500, iss: appId })}`)).toEqual({
      ok: false,
      status: 401,
      message: jwtMessages.issuedAt,
    });
  });

  it("a JWT valid now stops working once the clock passes exp", () => {
    const token = jwt(octokitClaims());
    nowMs += 571_000;
    expect(registry.verifyAppJwt(`Bearer ${token}`)).toMatchObject({ ok: false, message: jwtMessages.expired });
  });

  it("refuses another app's id as 'Integration not found' and a quoted id as not an Integer", () => {
    expect(registry.verifyAppJwt(`Bearer ${jwt({ ...octokitClaims(), iss: 999 })}`)).toEqual({
      ok: false,
      status: 401,
      message: "Integration not found",
    });
    expect(registry.verifyAppJwt(`Bearer ${jwt({ ...octokitClaims(), iss: String(appId) })}`)).toEqual({
      ok: false,
      status: 401,
      message: "'Issuer' claim ('iss') must be an Integer",
    });
  });

  it("accepts the app's client ID as issuer when the app has one", () => {
    const clientId = "Iv23liSandboxClient";
    const withClientId = new AuthRegistry({ app: { ...app, clientId }, now: () => nowMs });
    expect(withClientId.verifyAppJwt(`Bearer ${jwt({ ...octokitClaims(), iss: clientId })}`)).toEqual({ ok: true });
  });

  it("refuses malformed tokens and headers as undecodable", () => {
    const valid = jwt(octokitClaims());
    const [, payload, signature] = valid.split(".");
    const malformed = [
      undefined,
      "",
      "Bearer not-a-jwt",
      "Bearer a.b.c",
      `Bearer ${b64url({ alg: "none", typ: "JWT" })}.${payload}.${signature}`,
      `Bearer ${jwt(octokitClaims(), appKey.privateKey, { alg: "HS256", typ: "JWT" })}`,
      `Bearer ${valid}.extra`,
      `Bearer ${valid.slice(0, valid.lastIndexOf("."))}.AAAA`,
      `Basic ${Buffer.from(`x:${valid}`).toString("base64")}`,
    ];
    for (const header of malformed) {
      expect(registry.verifyAppJwt(header), String(header)).toEqual({
        ok: false,
        status: 401,
        message: "A JSON web token could not be decoded",
      });
    }
  });

  it("an installation token is not an app JWT", () => {
    const { token } = registry.createInstallationToken(1);
    expect(registry.verifyAppJwt(`token ${token}`)).toMatchObject({ ok: false, message: jwtMessages.undecodable });
  });

  it("authenticate answers a bad JWT with GitHub's JWT message", () => {
    expect(registry.authenticate(`Bearer ${jwt(octokitClaims(), otherKey.privateKey)}`)).toEqual({
      status: 401,
      message: jwtMessages.undecodable,
    });
  });
});

describe("AuthRegistry tokens", () => {
  let nowMs: number;
  let registry: AuthRegistry;

  beforeEach(() => {
    nowMs = startMs;
    registry = new AuthRegistry({ app, now: () => nowMs });
  });

  it("mints GitHub-shaped installation tokens that authenticate for one hour", () => {
    const created = registry.createInstallationToken(77);
    expect(created.token).toMatch(/^ghs_[A-Za-z0-9]{36}$/);
    expect(created.expires_at).toBe("2026-01-15T13:00:00Z");
    expect(created.repository_selection).toBe("all");
    expect(created.permissions).toMatchObject({ contents: "write", issues: "write", metadata: "read" });

    expect(registry.authenticate(`token ${created.token}`)).toEqual({
      kind: "installation",
      installationId: 77,
      permissions: created.permissions,
      repositories: undefined,
      expiresAt: created.expires_at,
    });
    nowMs += 59 * 60_000;
    expect(registry.authenticate(`Bearer ${created.token}`)).toMatchObject({ kind: "installation" });
    nowMs += 60_000;
    expect(registry.authenticate(`token ${created.token}`)).toEqual({ status: 401, message: "Bad credentials" });
  });

  it("every token is new", () => {
    const tokens = new Set(Array.from({ length: 50 }, () => registry.createInstallationToken(1).token));
    expect(tokens.size).toBe(50);
  });

  it("narrows a token to repositories and a subset of permissions", () => {
    const created = registry.createInstallationToken(77, {
      repositories: ["acme/widgets"],
      permissions: { contents: "read", checks: "write" },
    });
    expect(created).toMatchObject({
      repository_selection: "selected",
      permissions: { contents: "read", checks: "write" },
    });
    expect(registry.authenticate(`token ${created.token}`)).toMatchObject({
      repositories: ["acme/widgets"],
      permissions: { contents: "read", checks: "write" },
    });
  });

  it("refuses permissions the installation does not grant with GitHub's 422", () => {
    const attempt = (): unknown => registry.createInstallationToken(77, { permissions: { administration: "write" } });
    expect(attempt).toThrow(SandboxAuthError);
    expect(attempt).toThrow("The permissions requested are not granted to this installation.");
    expect(() => registry.createInstallationToken(77, { permissions: { metadata: "write" } })).toThrow(
      SandboxAuthError,
    );
  });

  it("uses the installation permissions it is given", () => {
    const narrow = new AuthRegistry({ app, now: () => nowMs, installationPermissions: { metadata: "read" } });
    expect(narrow.createInstallationToken(1).permissions).toEqual({ metadata: "read" });
  });

  it("user tokens act as their user, also as a git client's Basic password", () => {
    const token = registry.createUserToken("octocat");
    expect(token).toMatch(/^ghp_[A-Za-z0-9]{36}$/);
    expect(registry.authenticate(`token ${token}`)).toEqual({ kind: "user", login: "octocat" });
    const basic = Buffer.from(`octocat:${token}`).toString("base64");
    expect(registry.authenticate(`Basic ${basic}`)).toEqual({ kind: "user", login: "octocat" });
    nowMs += 24 * 3_600_000;
    expect(registry.authenticate(`token ${token}`)).toEqual({ kind: "user", login: "octocat" });
  });

  it("unknown, revoked or malformed credentials are 'Bad credentials'; no header is anonymous", () => {
    const { token } = registry.createInstallationToken(1);
    expect(registry.revokeToken(token)).toBe(true);
    for (const header of [`token ${token}`, `token ${fakeGithubToken()}`, "Digest abc", "token", "token a b"]) {
      expect(registry.authenticate(header), header).toEqual({ status: 401, message: "Bad credentials" });
    }
    expect(registry.authenticate(undefined)).toBeUndefined();
    expect(registry.authenticate("  ")).toBeUndefined();
  });

  it("returns copies, so a caller cannot widen a token's permissions", () => {
    const { token } = registry.createInstallationToken(1, { permissions: { contents: "read" } });
    const principal = registry.authenticate(`token ${token}`);
    if (principal && "kind" in principal && principal.kind === "installation") principal.permissions.contents = "write";
    expect(registry.authenticate(`token ${token}`)).toMatchObject({ permissions: { contents: "read" } });
  });
});

describe("AuthRegistry and a suspended installation", () => {
  it("mints nothing for it, refuses its tokens with the given 403 while it lasts, and expiry still wins", () => {
    let nowMs = startMs;
    let suspended: string | undefined;
    const registry = new AuthRegistry({
      app,
      now: () => nowMs,
      suspendedInstallation: (id) => (id === 77 ? suspended : undefined),
    });
    const { token } = registry.createInstallationToken(77);
    const other = registry.createInstallationToken(78).token;

    suspended = "Sorry. This installation owned by acme suspended your access at 2026-01-15T12:00:00Z.";
    expect(registry.authenticate(`token ${token}`)).toEqual({ status: 403, message: suspended });
    expect(registry.authenticate(`token ${other}`)).toMatchObject({ kind: "installation", installationId: 78 });
    const refusal = (() => {
      try {
        registry.createInstallationToken(77);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(SandboxAuthError);
    expect(refusal).toMatchObject({ status: 403, message: "This installation has been suspended" });

    suspended = undefined;
    expect(registry.authenticate(`token ${token}`)).toMatchObject({ kind: "installation", installationId: 77 });
    suspended = "This GitHub App installation is currently suspended.";
    nowMs += 60 * 60 * 1000;
    expect(registry.authenticate(`token ${token}`)).toEqual({ status: 401, message: "Bad credentials" });
  });
});
