import { randomBytes } from "node:crypto";

const hex = (bytes: number): string => randomBytes(bytes).toString("hex").toUpperCase();

/** An `x-github-request-id` in GitHub's shape, `C0DE:1A2B:3C4D5E:4F5A6B:65A1B2C3`. */
export function createRequestId(): string {
  return `${hex(2)}:${hex(2)}:${hex(3)}:${hex(3)}:${hex(4)}`;
}
