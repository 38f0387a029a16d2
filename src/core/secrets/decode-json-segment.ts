import { Buffer } from "node:buffer";

/**
 * Decodes a base64url segment (as in a JWT) and parses it as a JSON object. Returns undefined
 * when the segment is not base64url JSON: for a scanner that is an answer, not an error.
 */
export function decodeJsonSegment(segment: string): Record<string, unknown> | undefined {
  const text = Buffer.from(segment, "base64url").toString("utf8");
  const trimmed = text.trim();
  if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    // random or truncated segments are common in fixtures; they are simply not JSON
    return undefined;
  }
  return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
}
