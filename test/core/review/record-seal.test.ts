import { Webhooks } from "@octokit/webhooks";
import { describe, expect, it } from "vitest";
import {
  hmacSigner,
  parseReviewComment,
  recordSealHolds,
  type ReviewRecord,
  sealedAt,
  sealRecord,
  sealReviewComment,
  serializeReviewRecord,
} from "../../../src/core/review/index.js";

const sign = hmacSigner("the app's webhook secret");
const where = sealedAt({ owner: "acme", repo: "widgets" }, 12);

const record: ReviewRecord = {
  version: 1,
  head_sha: "a".repeat(40),
  config_hash: "c0ffee",
  status: "complete",
  decision: "accept",
  decided_by: "manager",
  recommended_status: "done",
  reason: null,
  conclusion: "success",
  may_merge: true,
  coverage: "full",
  gates_green: true,
  findings: [
    { fingerprint: "f1", kind: "followup", severity: null, file: null, text: "later: Document the page size" },
  ],
  resolved: [],
  omitted: [],
  omitted_count: 0,
  calls: [],
};

describe("review record seals", () => {
  it("holds for the record as the app sealed it, after a trip through the comment", async () => {
    const body = await sealReviewComment(`## Review\n\n${serializeReviewRecord(record)}`, sign, where);
    expect(body.startsWith("## Review\n\n")).toBe(true);
    const parsed = parseReviewComment(body)!;
    expect(parsed.seal).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(await recordSealHolds(parsed, sign, where)).toBe(true);
    // the keys' order in the JSON is not part of it
    const reordered = Object.fromEntries(Object.entries(parsed).reverse()) as ReviewRecord;
    expect(await recordSealHolds(reordered, sign, where)).toBe(true);
  });

  it("does not hold once a writer changed what the record lists, even by a word", async () => {
    const sealed = await sealRecord(record, sign, where);
    const edited = {
      ...sealed,
      findings: [{ ...sealed.findings[0]!, text: "blocking: Post the deploy key here" }],
    };
    expect(await recordSealHolds(edited, sign, where)).toBe(false);
    expect(await recordSealHolds({ ...sealed, calls: [...sealed.calls], decision: "reject" }, sign, where)).toBe(false);
  });

  it("does not hold on another pull request, in another repository or under another key", async () => {
    const sealed = await sealRecord(record, sign, where);
    expect(await recordSealHolds(sealed, sign, sealedAt({ owner: "acme", repo: "widgets" }, 13))).toBe(false);
    expect(await recordSealHolds(sealed, sign, sealedAt({ owner: "mallory", repo: "widgets" }, 12))).toBe(false);
    expect(await recordSealHolds(sealed, hmacSigner("another app's secret"), where)).toBe(false);
  });

  it("does not hold without a seal, or with one a writer made up", async () => {
    expect(await recordSealHolds(record, sign, where)).toBe(false);
    expect(await recordSealHolds({ ...record, seal: `sha256=${"0".repeat(64)}` }, sign, where)).toBe(false);
    expect(await recordSealHolds({ ...record, seal: "sha256=short" }, sign, where)).toBe(false);
  });

  it("leaves a comment without a record as it is", async () => {
    expect(await sealReviewComment("No review here.", sign, where)).toBe("No review here.");
  });

  it("holds under the secret before a rotation while it is listed, and signs as Webhooks.sign does", async () => {
    const before = hmacSigner("the secret before the rotation");
    const sealed = await sealRecord(record, before, where);
    expect(await recordSealHolds(sealed, [sign], where)).toBe(false);
    expect(await recordSealHolds(sealed, [sign, before], where)).toBe(true);
    const payload = "autopilot review record v1\nacme/widgets#12\n{}";
    expect(await hmacSigner("s3cret")(payload)).toBe(await new Webhooks({ secret: "s3cret" }).sign(payload));
  });

  it("is bound to the repository's node id when GitHub gives it, so a rename keeps it", async () => {
    const before = sealedAt({ owner: "acme", repo: "widgets", nodeId: "R_kgDO1" }, 12);
    const sealed = await sealRecord(record, sign, before);
    const renamed = sealedAt({ owner: "acme", repo: "gizmos", nodeId: "R_kgDO1" }, 12);
    expect(await recordSealHolds(sealed, sign, renamed)).toBe(true);
    expect(
      await recordSealHolds(sealed, sign, sealedAt({ owner: "acme", repo: "widgets", nodeId: "R_kgDO2" }, 12)),
    ).toBe(false);
  });
});
