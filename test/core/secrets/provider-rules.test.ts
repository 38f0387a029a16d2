import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { scanText, secretRules } from "../../../src/core/secrets/index.js";
import { credentialCases } from "../../helpers/credential-cases.js";
import { ALNUM, BASE64, RandomTokens, UPPER } from "../../helpers/random-tokens.js";

const r = new RandomTokens(20240601);

const cases = credentialCases(20240601);

function fingerprint(secret: string): string {
  return `sha256:${createHash("sha256").update(secret).digest("hex").slice(0, 16)}`;
}

describe("provider and generic rules", () => {
  it.each(cases)("%s detects a token of the published shape", (rule, secret, line) => {
    const text = `# config\n${line(secret)}\n# end\n`;
    const findings = scanText(text, "config/app.env");
    const hit = findings.find((finding) => finding.rule === rule);
    expect(hit, `${rule} on: ${line(secret).replace(secret, "<secret>")}`).toBeDefined();
    expect(hit!.line).toBe(2);
    expect(hit!.column).toBe(line(secret).indexOf(secret) + 1);
    expect(hit!.fingerprint).toBe(fingerprint(secret));
    for (const finding of findings) {
      expect(finding.preview).not.toContain(secret);
      expect(finding.preview.length).toBeLessThanOrEqual(120);
    }
  });

  it("documents every rule id a finding can carry", () => {
    const ids = new Set(secretRules.map((rule) => rule.id));
    for (const [rule] of cases) expect(ids.has(rule), rule).toBe(true);
    expect(ids.has("private-key")).toBe(true);
    expect(secretRules.every((rule) => rule.description.length > 10)).toBe(true);
    expect(new Set(secretRules.map((rule) => rule.id)).size).toBe(secretRules.length);
  });

  it("reports one finding per secret, not one per overlapping rule", () => {
    const token = "gh" + "p_" + r.chars(ALNUM, 36);
    const findings = scanText(`GITHUB_TOKEN=${token}\n`, ".env");
    expect(findings).toHaveLength(1);
    expect(findings[0]!.rule).toBe("github-token");
  });

  it("finds several secrets on one line and masks all of them in every preview", () => {
    const id = "AK" + "IA" + r.chars(UPPER + "234567", 16);
    const secret = r.chars(BASE64, 40);
    const line = `aws configure set aws_access_key_id ${id}; export AWS_SECRET_ACCESS_KEY=${secret}`;
    const findings = scanText(line, "setup.sh");
    expect(findings.map((finding) => finding.rule).sort()).toEqual(["aws-access-key-id", "aws-secret-access-key"]);
    for (const finding of findings) {
      expect(finding.preview).not.toContain(id);
      expect(finding.preview).not.toContain(secret);
    }
  });
});
