import { linePreviews } from "./build-preview.js";
import type { CompiledScanOptions } from "./compile-scan-options.js";
import { DOCUMENTED_EXAMPLE_FINGERPRINTS } from "./documented-examples.js";
import { fingerprintSecret } from "./mask-secret.js";
import type { SecretFinding, SecretMatch } from "./secret-finding.js";

/**
 * Turns matches into findings: 1-based line and column, a masked preview, the fingerprint, and
 * the allowlist applied (fingerprints, then regexes against the secret or the whole line), and
 * credentials that documentation publishes as examples left out.
 */
export function buildFindings(
  text: string,
  file: string,
  matches: readonly SecretMatch[],
  allowlist: CompiledScanOptions,
): SecretFinding[] {
  if (matches.length === 0) return [];
  const sorted = [...matches].sort((a, b) => a.reportAt - b.reportAt || a.start - b.start);
  const findings: SecretFinding[] = [];
  let lineNumber = 1;
  let lineStart = 0;
  let index = 0;
  while (index < sorted.length) {
    const first = sorted[index]!;
    let newline = text.indexOf("\n", lineStart);
    while (newline !== -1 && newline < first.reportAt) {
      lineNumber++;
      lineStart = newline + 1;
      newline = text.indexOf("\n", lineStart);
    }
    const lineEnd = newline === -1 ? text.length : newline;
    const group: SecretMatch[] = [];
    while (index < sorted.length && sorted[index]!.reportAt < lineEnd + 1) group.push(sorted[index++]!);
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, "");
    // the regexes are tried on the line once, not once per secret on it
    if (allowlist.regexes.some((regex) => regex.test(line))) continue;
    const spans = group.map((match) => ({
      start: match.start - lineStart,
      end: match.end - lineStart,
      secret: match.secret,
    }));
    let previews: ((focus: number) => string) | undefined;
    for (const match of group) {
      const fingerprint = fingerprintSecret(match.secret);
      if (allowlist.fingerprints.has(fingerprint) || DOCUMENTED_EXAMPLE_FINGERPRINTS.has(fingerprint)) continue;
      if (allowlist.regexes.some((regex) => regex.test(match.secret))) continue;
      previews ??= linePreviews(line, spans);
      findings.push({
        file,
        line: lineNumber,
        column: match.reportAt - lineStart + 1,
        rule: match.rule,
        preview: previews(match.reportAt - lineStart),
        fingerprint,
      });
    }
  }
  return findings;
}
