import { hmacSigner, type RecordSigner, sealMatches } from "../seal.js";
import { parseReviewComment, recordStart, type ReviewRecord, serializeReviewRecord } from "./review-record.js";

export { hmacSigner, type RecordSigner };

/**
 * The pull request a review record is sealed to: `<repository node id>#12`, which a rename or a
 * transfer of the repository keeps; `owner/repo#12` when GitHub gave no node id.
 */
export const sealedAt = (
  repository: { owner: string; repo: string; nodeId?: string | undefined },
  pullNumber: number,
): string => `${repository.nodeId ?? `${repository.owner}/${repository.repo}`}#${pullNumber}`;

/** JSON with every object's keys sorted, so a record parsed back signs as it was sealed. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * What the seal signs: the record without its seal, and the pull request it was written on
 * (`sealedAt`), so a sealed record copied onto another pull request, or out of another
 * repository the app is installed on, does not verify there. The prefix keeps it apart from
 * anything else the secret signs (a webhook payload is a JSON object).
 */
function sealPayload(record: ReviewRecord, where: string): string {
  const { seal: _seal, ...rest } = record;
  return `autopilot review record v1\n${where.toLowerCase()}\n${canonicalJson(rest)}`;
}

/** The record with its seal. */
export async function sealRecord(record: ReviewRecord, sign: RecordSigner, where: string): Promise<ReviewRecord> {
  return { ...record, seal: await sign(sealPayload(record, where)) };
}

/**
 * Whether the record is as the app wrote it on that pull request. Any writer may edit the app's
 * comment (GitHub lets push access edit anyone's), so what the record lists (follow-ups to open,
 * model calls to put in the audit log) is acted on only when this holds. A record without a seal
 * (edited, or written before seals existed) does not verify.
 */
export async function recordSealHolds(
  record: ReviewRecord,
  signers: RecordSigner | readonly RecordSigner[],
  where: string,
): Promise<boolean> {
  if (record.seal === undefined) return false;
  return sealMatches(sealPayload(record, where), record.seal, signers);
}

/** A review comment with its record sealed in place; a body without a record is left as it is. */
export async function sealReviewComment(body: string, sign: RecordSigner, where: string): Promise<string> {
  const record = parseReviewComment(body);
  if (record === undefined) return body;
  const start = recordStart(body);
  return `${body.slice(0, start)}${serializeReviewRecord(await sealRecord(record, sign, where))}`;
}
