import { generateKeyPairSync } from "node:crypto";

/** The GitHub App the sandbox plays host to: what GitHub knows about it, never its private key. */
export interface AppIdentity {
  appId: number;
  slug: string;
  name: string;
  /** SPKI PEM; app JWTs are verified against it. */
  publicKeyPem: string;
  /** GitHub also accepts the app's client ID (`Iv23…`) as a JWT issuer. */
  clientId?: string;
}

export interface AppCredentials {
  identity: AppIdentity;
  /** PKCS#8 PEM, the format GitHub hands out and Probot and universal-github-app-jwt read. */
  privateKeyPem: string;
}

/**
 * A fresh RSA key pair for a sandbox app. Keys are generated at run time so no private key ever
 * sits in the repository.
 */
export function createAppCredentials(app: Omit<AppIdentity, "publicKeyPem">): AppCredentials {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  return { identity: { ...app, publicKeyPem: publicKey }, privateKeyPem: privateKey };
}
