import { createPublicKey, verify, type KeyObject } from "node:crypto";
import type { AppIdentity } from "./app-identity.js";
import { jwtMessages } from "./jwt-messages.js";

export type JwtVerification = { ok: true } | { ok: false; status: 401; message: string };

/** GitHub caps an app JWT's lifetime at ten minutes. */
export const maxJwtLifetimeSeconds = 600;
/** GitHub tolerates this much clock drift between the app's machine and its own. */
export const clockDriftSeconds = 60;

const reject = (message: string): JwtVerification => ({ ok: false, status: 401, message });

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
}

/**
 * Checks an app JWT the way GitHub does, in GitHub's order: the token must decode, name this app
 * as its issuer, carry a valid RS256 signature from the app's key, and have `iat`/`exp` claims
 * within GitHub's limits. `nowSeconds` is the server's clock.
 */
export function verifyAppJwtToken(
  app: AppIdentity,
  publicKey: KeyObject,
  jwt: string,
  nowSeconds: number,
): JwtVerification {
  const parts = jwt.split(".");
  if (parts.length !== 3) return reject(jwtMessages.undecodable);
  const [headerPart = "", payloadPart = "", signaturePart = ""] = parts;
  const header = decodeSegment(headerPart);
  const claims = decodeSegment(payloadPart);
  if (!header || !claims || header.alg !== "RS256" || !/^[A-Za-z0-9_-]+$/.test(signaturePart)) {
    return reject(jwtMessages.undecodable);
  }

  const iss = claims.iss;
  const byClientId = typeof iss === "string" && app.clientId !== undefined && iss === app.clientId;
  if (!byClientId) {
    // Observed on the live API: a numeric app ID sent as a JSON string is refused, not coerced.
    if (typeof iss !== "number" || !Number.isInteger(iss)) return reject(jwtMessages.issuerNotInteger);
    if (iss !== app.appId) return reject(jwtMessages.unknownIssuer);
  }

  const signed = Buffer.from(`${headerPart}.${payloadPart}`);
  if (!verify("RSA-SHA256", signed, publicKey, Buffer.from(signaturePart, "base64url"))) {
    return reject(jwtMessages.undecodable);
  }

  const { iat, exp } = claims;
  if (typeof iat !== "number" || !Number.isInteger(iat) || iat > nowSeconds + clockDriftSeconds) {
    return reject(jwtMessages.issuedAt);
  }
  if (typeof exp !== "number" || !Number.isFinite(exp) || exp <= nowSeconds) {
    return reject(jwtMessages.expired);
  }
  if (exp - iat > maxJwtLifetimeSeconds || exp > nowSeconds + maxJwtLifetimeSeconds + clockDriftSeconds) {
    return reject(jwtMessages.tooFarInFuture);
  }
  return { ok: true };
}

/** Parses the app's public key once; a malformed key is a sandbox setup bug and throws here. */
export const loadPublicKey = (app: AppIdentity): KeyObject => createPublicKey(app.publicKeyPem);
