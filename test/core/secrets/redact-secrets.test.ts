import { describe, expect, it } from "vitest";
import { redactSecrets } from "../../../src/core/secrets/index.js";
import { ALNUM, BASE64, DIGITS, HEX, RandomTokens, UPPER } from "../../helpers/random-tokens.js";

const r = new RandomTokens(2718);

describe("redactSecrets", () => {
  it("masks every secret, leaves no secret substring and counts the redactions", () => {
    const secrets = [
      "gh" + "p_" + r.chars(ALNUM, 36),
      "AK" + "IA" + r.chars(UPPER + "234567", 16),
      "xo" + "xb-" + r.chars(DIGITS, 12) + "-" + r.chars(DIGITS, 13) + "-" + r.chars(ALNUM, 24),
      r.chars(HEX, 40),
      r.chars(ALNUM, 18),
    ];
    const prompt = [
      "Review this change:",
      `const token = "${secrets[0]}";`,
      `AWS_ACCESS_KEY_ID=${secrets[1]}`,
      `slack: ${secrets[2]}`,
      `client_secret: "${secrets[3]}"`,
      `DATABASE_URL=postgres://app:${secrets[4]}@db.internal/prod`,
      "Thanks!",
    ].join("\n");
    const { text, redactions } = redactSecrets(prompt);
    expect(redactions).toBe(5);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).toContain("[REDACTED:github-token]");
    expect(text).toContain("AWS_ACCESS_KEY_ID=[REDACTED:aws-access-key-id]");
    expect(text).toContain("postgres://app:[REDACTED:url-credentials]@db.internal/prod");
    expect(text.startsWith("Review this change:\n")).toBe(true);
    expect(text.endsWith("\nThanks!")).toBe(true);
  });

  it("removes the whole body of a private key and keeps its markers", () => {
    const body = Array.from({ length: 8 }, () => r.chars(BASE64, 64));
    const label = "OPENSSH " + "PRIVATE KEY";
    const { text, redactions } = redactSecrets(
      [`-----BEGIN ${label}-----`, ...body, `-----END ${label}-----`].join("\n"),
    );
    expect(redactions).toBe(1);
    for (const line of body) expect(text).not.toContain(line);
    expect(text).toBe(`-----BEGIN ${label}-----[REDACTED:private-key]-----END ${label}-----`);
  });

  it("redacts even on lines that carry the allow pragma: a prompt never needs the value", () => {
    const secret = "gh" + "p_" + r.chars(ALNUM, 36);
    const { text, redactions } = redactSecrets(`const t = "${secret}"; // autopilot:allow-secret`);
    expect(redactions).toBe(1);
    expect(text).not.toContain(secret);
  });

  it("returns text without secrets unchanged", () => {
    const plain = "const key = cache.get(id);\nexport const token = process.env.TOKEN;\n";
    expect(redactSecrets(plain)).toEqual({ text: plain, redactions: 0 });
  });
});
