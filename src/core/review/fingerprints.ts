import { createHash } from "node:crypto";
import type { AssistantManagerFindings, Severity } from "./review-schemas.js";

export type FindingKind = "risk" | "missing_deliverable" | "test_gap" | "followup";

/** A finding reduced to what identifies it across pushes; stored in the sticky comment's JSON. */
export interface FingerprintedFinding {
  fingerprint: string;
  kind: FindingKind;
  /** risks: their severity; follow-ups: null, blocking is part of the text key */
  severity: Severity | null;
  file: string | null;
  /** the risk's description, the criterion, the gap's description or the follow-up's title */
  text: string;
}

export interface FindingComparison {
  /** first reported on this push */
  new: FingerprintedFinding[];
  /** reported before and again now; they keep their earlier fingerprint */
  stillOpen: FingerprintedFinding[];
  /** reported before, absent now: fixed */
  resolved: FingerprintedFinding[];
}

/** Words that carry no meaning for identity; numbers go too, since line numbers move on every push. */
const stopWords = new Set(
  "a an and are as at be by for from in is it its line lines of on or that the this to was were will with".split(" "),
);

/** Lowercased, punctuation-free, number-free, sorted unique words: rewording order does not matter. */
export function normalizedWords(text: string): string[] {
  const words = text
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter((word) => word !== "" && !stopWords.has(word) && !/^(l|line)?\d+$/.test(word));
  return [...new Set(words)].sort();
}

export function fingerprintOf(finding: Omit<FingerprintedFinding, "fingerprint">): string {
  const key = [finding.kind, finding.severity ?? "", finding.file ?? "", normalizedWords(finding.text).join(" ")].join(
    "\u0000",
  );
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}

type Risk = AssistantManagerFindings["risks"][number];
type Missing = AssistantManagerFindings["missing_deliverables"][number];
type Gap = AssistantManagerFindings["test_gaps"][number];
type Followup = AssistantManagerFindings["followups"][number];

const identity = {
  risk: (risk: Risk): Omit<FingerprintedFinding, "fingerprint"> => ({
    kind: "risk",
    severity: risk.severity,
    file: [...risk.evidence.map((e) => e.file)].sort()[0] ?? null,
    text: risk.description,
  }),
  missing: (item: Missing): Omit<FingerprintedFinding, "fingerprint"> => ({
    kind: "missing_deliverable",
    severity: null,
    file: null,
    text: item.criterion,
  }),
  gap: (gap: Gap): Omit<FingerprintedFinding, "fingerprint"> => ({
    kind: "test_gap",
    severity: null,
    file: gap.file,
    text: gap.description,
  }),
  followup: (item: Followup): Omit<FingerprintedFinding, "fingerprint"> => ({
    kind: "followup",
    severity: null,
    file: null,
    text: `${item.blocking ? "blocking" : "later"}: ${item.title}`,
  }),
};

/**
 * The findings without those `dismissed` says an owner set aside (by fingerprint), and the ones
 * left out, fingerprinted: a dismissed risk neither counts in the decision nor shows as open.
 */
export function withoutDismissed(
  findings: AssistantManagerFindings,
  dismissed: (finding: FingerprintedFinding) => boolean,
): { findings: AssistantManagerFindings; left: FingerprintedFinding[] } {
  const left: FingerprintedFinding[] = [];
  const keep =
    <T>(of: (item: T) => Omit<FingerprintedFinding, "fingerprint">) =>
    (item: T): boolean => {
      const raw = of(item);
      const finding = { fingerprint: fingerprintOf(raw), ...raw };
      if (!dismissed(finding)) return true;
      left.push(finding);
      return false;
    };
  return {
    findings: {
      risks: findings.risks.filter(keep(identity.risk)),
      missing_deliverables: findings.missing_deliverables.filter(keep(identity.missing)),
      test_gaps: findings.test_gaps.filter(keep(identity.gap)),
      followups: findings.followups.filter(keep(identity.followup)),
    },
    left,
  };
}

/** Every finding of an assistant-manager answer with its fingerprint, duplicates removed. */
export function fingerprintFindings(findings: AssistantManagerFindings): FingerprintedFinding[] {
  const raw: Omit<FingerprintedFinding, "fingerprint">[] = [
    ...findings.risks.map(identity.risk),
    ...findings.missing_deliverables.map(identity.missing),
    ...findings.test_gaps.map(identity.gap),
    ...findings.followups.map(identity.followup),
  ];
  const seen = new Set<string>();
  const out: FingerprintedFinding[] = [];
  for (const finding of raw) {
    const fingerprint = fingerprintOf(finding);
    if (seen.has(fingerprint)) continue;
    seen.add(fingerprint);
    out.push({ fingerprint, ...finding });
  }
  return out;
}

/** Share of words two texts have in common (Jaccard), 0 to 1. */
function similarity(a: string, b: string): number {
  const left = new Set(normalizedWords(a));
  const right = new Set(normalizedWords(b));
  const shared = [...left].filter((word) => right.has(word)).length;
  const union = new Set([...left, ...right]).size;
  return union === 0 ? 1 : shared / union;
}

/** How alike two findings' words must be to count as the same finding reworded. */
export const rewordedThreshold = 0.6;

/**
 * Matches this push's findings against the previous review's open ones: same fingerprint first,
 * then, since models reword, the same kind and file with mostly the same words (severity may
 * change). A match keeps the earlier fingerprint, so a finding is reported once however often
 * it recurs. Deterministic: best matches first, ties in list order.
 */
export function compareWithPrevious(
  previous: readonly FingerprintedFinding[],
  current: readonly FingerprintedFinding[],
): FindingComparison {
  const matchedPrevious = new Map<number, FingerprintedFinding>();
  const matchedCurrent = new Set<number>();
  const indexByFingerprint = new Map(previous.map((finding, i) => [finding.fingerprint, i] as const));
  current.forEach((finding, j) => {
    const i = indexByFingerprint.get(finding.fingerprint);
    if (i === undefined || matchedPrevious.has(i)) return;
    matchedPrevious.set(i, finding);
    matchedCurrent.add(j);
  });

  const pairs: { i: number; j: number; score: number }[] = [];
  previous.forEach((before, i) => {
    if (matchedPrevious.has(i)) return;
    current.forEach((now, j) => {
      if (matchedCurrent.has(j) || before.kind !== now.kind || before.file !== now.file) return;
      const score = similarity(before.text, now.text);
      if (score >= rewordedThreshold) pairs.push({ i, j, score });
    });
  });
  pairs.sort((a, b) => b.score - a.score || a.i - b.i || a.j - b.j);
  for (const { i, j } of pairs) {
    if (matchedPrevious.has(i) || matchedCurrent.has(j)) continue;
    matchedPrevious.set(i, {
      ...(current[j] as FingerprintedFinding),
      fingerprint: (previous[i] as FingerprintedFinding).fingerprint,
    });
    matchedCurrent.add(j);
  }

  return {
    new: current.filter((_, j) => !matchedCurrent.has(j)),
    stillOpen: [...matchedPrevious.entries()].sort(([a], [b]) => a - b).map(([, finding]) => finding),
    resolved: previous.filter((_, i) => !matchedPrevious.has(i)),
  };
}
