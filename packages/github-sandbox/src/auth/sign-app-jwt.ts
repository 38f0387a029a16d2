import { sign } from "node:crypto";

export interface SignAppJwtOptions {
  appId: number | string;
  privateKeyPem: string;
  /** Seconds since the epoch; defaults to the current time. */
  now?: number;
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");

/**
 * An app JWT built exactly like universal-github-app-jwt (what Probot and @octokit/auth-app use):
 * `iat` backdated 30 s for clock drift, `exp` ten minutes after `iat`, RS256. For drivers that act
 * as the app without Octokit, such as a test reading `GET /app/hook/deliveries`.
 */
export function signAppJwt({ appId, privateKeyPem, now = Math.floor(Date.now() / 1000) }: SignAppJwtOptions): string {
  const iat = now - 30;
  const message = `${encode({ alg: "RS256", typ: "JWT" })}.${encode({ iat, exp: iat + 600, iss: appId })}`;
  return `${message}.${sign("RSA-SHA256", Buffer.from(message), privateKeyPem).toString("base64url")}`;
}
