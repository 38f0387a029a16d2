import { describe, expect, it } from "vitest";
import { evaluateSecretsGate, scanText, type SecretFinding } from "../../../src/core/secrets/index.js";
import { ALNUM, RandomTokens } from "../../helpers/random-tokens.js";

const r = new RandomTokens(1618);

function findingsFor(count: number): { findings: SecretFinding[]; secrets: string[] } {
  const secrets = Array.from({ length: count }, () => "gh" + "p_" + r.chars(ALNUM, 36));
  const text = secrets.map((secret, index) => `const token${index} = "${secret}"; // a | b \`c\``).join("\n");
  return { findings: scanText(text, "src/tokens.ts"), secrets };
}

describe("evaluateSecretsGate", () => {
  it("fails with one failure annotation per finding and a masked table, telling to rotate", () => {
    const { findings, secrets } = findingsFor(2);
    const result = evaluateSecretsGate({ findings });
    expect(result.name).toBe("autopilot/secrets");
    expect(result.conclusion).toBe("failure");
    expect(result.title).toMatch(/2 possible secrets/);
    expect(result.title).toMatch(/rotate/i);
    expect(result.annotations).toHaveLength(2);
    expect(result.annotations[1]).toMatchObject({
      path: "src/tokens.ts",
      start_line: 2,
      end_line: 2,
      start_column: findings[1]!.column,
      annotation_level: "failure",
      title: "Possible secret (github-token)",
    });
    for (const annotation of result.annotations) expect(annotation.message).toMatch(/rotate/i);
    expect(result.summary).toMatch(/\| File \| Line \| Rule \| Preview \(masked\) \| Fingerprint \|/);
    expect(result.summary).toContain(findings[0]!.fingerprint);
    expect(result.summary).toMatch(/not enough/);
    const json = JSON.stringify(result);
    for (const secret of secrets) expect(json).not.toContain(secret);
    // pipes in a previewed line must not break the table
    expect(result.summary.split("\n").filter((line) => line.startsWith("| `src/tokens.ts`"))).toHaveLength(2);
    expect(result.summary).toContain("a \\| b");
  });

  it("fails when the scan was incomplete, saying why, even without findings", () => {
    const result = evaluateSecretsGate({ findings: [], incomplete: "the PR has more than 3000 files" });
    expect(result.conclusion).toBe("failure");
    expect(result.title).toBe("Secret scan incomplete");
    expect(result.summary).toContain("the PR has more than 3000 files");
    expect(result.annotations).toEqual([]);
  });

  it("mentions an incomplete scan next to the findings", () => {
    const { findings } = findingsFor(1);
    const result = evaluateSecretsGate({ findings, incomplete: "2 files had no patch" });
    expect(result.conclusion).toBe("failure");
    expect(result.title).toMatch(/incomplete/);
    expect(result.summary).toContain("2 files had no patch");
  });

  it("passes when nothing was found and everything was seen", () => {
    const result = evaluateSecretsGate({ findings: [] });
    expect(result).toMatchObject({ name: "autopilot/secrets", conclusion: "success", annotations: [] });
    expect(result.title).toBe("No secrets in the added lines");
  });

  it("caps the summary table and points to the annotations for the rest", () => {
    const { findings } = findingsFor(105);
    const result = evaluateSecretsGate({ findings });
    expect(result.annotations).toHaveLength(105);
    expect(result.summary).toContain("…and 5 more");
  });
});
