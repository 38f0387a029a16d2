import { credentialCases } from "../helpers/credential-cases.js";
import { BASE64, RandomTokens } from "../helpers/random-tokens.js";

/**
 * One credential of every kind the secret rules know, each on a line that gives it the context
 * its rule needs, all assembled at run time from a seeded generator (no secret-shaped literal in
 * the repository). Formats follow each rule's pattern in `src/core/secrets/provider-rules.ts`.
 */
export interface CredentialSample {
  rule: string;
  /** the part that must never leave the app (for a private key: one line of its body) */
  secrets: string[];
  text: string;
}

const r = new RandomTokens(0x11a_5eed);
let calls = 0;

function privateKeySample(): CredentialSample {
  const label = "RSA " + "PRIVATE KEY";
  const body = Array.from({ length: 6 }, () => r.chars(BASE64, 64));
  return {
    rule: "private-key",
    secrets: body,
    text: [`-----BEGIN ${label}-----`, ...body, `-----END ${label}-----`].join("\n"),
  };
}

/** Fresh samples: one per rule id of `secretRules`. */
export function credentialSamples(): CredentialSample[] {
  const seen = new Set<string>();
  const firstPerRule = credentialCases(0x11a_5eed + calls++).filter(([rule]) => !seen.has(rule) && seen.add(rule));
  return [
    ...firstPerRule.map(([rule, secret, line]) => ({ rule, secrets: [secret], text: line(secret) })),
    privateKeySample(),
  ];
}
