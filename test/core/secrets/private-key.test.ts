import { describe, expect, it } from "vitest";
import { scanText } from "../../../src/core/secrets/index.js";
import { BASE64, RandomTokens } from "../../helpers/random-tokens.js";

const r = new RandomTokens(1729);
const body = (lines: number) => Array.from({ length: lines }, () => r.chars(BASE64, 64));
const pem = (label: string, lines: string[]) => [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`];

describe("private keys", () => {
  it.each([
    "RSA PRIVATE KEY",
    "EC PRIVATE KEY",
    "OPENSSH PRIVATE KEY",
    "PRIVATE KEY",
    "ENCRYPTED PRIVATE KEY",
    "PGP PRIVATE KEY BLOCK",
  ])("reports a %s block once, on its BEGIN line", (label) => {
    const lines = body(6);
    const text = ["# deploy key", ...pem(label, lines), "after"].join("\n");
    const findings = scanText(text, "deploy/key");
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: "private-key", line: 2, column: 1 });
    for (const line of lines) expect(findings[0]!.preview).not.toContain(line);
  });

  it("finds a key inside a JSON string with escaped newlines (service-account files)", () => {
    const key = `-----BEGIN ${"PRIVATE KEY"}-----\\n${body(3).join("\\n")}\\n-----END ${"PRIVATE KEY"}-----\\n`;
    const findings = scanText(
      `{\n  "type": "service_account",\n  "private_key": "${key}",\n  "client_email": "x@y.iam.gserviceaccount.com"\n}`,
      "sa.json",
    );
    expect(findings.map((finding) => [finding.rule, finding.line])).toEqual([["private-key", 3]]);
    expect(findings[0]!.preview).not.toMatch(/[A-Za-z0-9+/]{40}/);
  });

  it("reports a key whose END marker was cut off", () => {
    const text = [`-----BEGIN ${"RSA PRIVATE KEY"}-----`, ...body(4)].join("\n");
    expect(scanText(text, "k.pem").map((finding) => finding.line)).toEqual([1]);
  });

  it("does not report empty, placeholder or public key blocks", () => {
    expect(scanText(pem("PRIVATE KEY", ["anything"]).join("\n"), "a.pem")).toEqual([]);
    expect(scanText(`-----BEGIN ${"OPENSSH PRIVATE KEY"}----------END ${"OPENSSH PRIVATE KEY"}-----`, "b.pem")).toEqual(
      [],
    );
    expect(
      scanText(pem("RSA PRIVATE KEY", ["MIIEowIBAAKCAQEA...", "...", "<your key here>"]).join("\n"), "c.md"),
    ).toEqual([]);
    expect(scanText(pem("PUBLIC KEY", body(4)).join("\n"), "d.pem")).toEqual([]);
  });

  it("does not read a key body as lines of other secrets", () => {
    const lines = body(20).map((line, index) =>
      index === 3 ? `${line.slice(0, 40)}token=${line.slice(0, 20)}` : line,
    );
    expect(scanText(pem("RSA PRIVATE KEY", lines).join("\n"), "k.pem")).toHaveLength(1);
  });
});
