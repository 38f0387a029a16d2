import { z } from "zod";

const units = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const durationPattern = /^([1-9]\d{0,5})([mhd])$/;

/**
 * A length of time as people write it in YAML: a whole number and a unit, `90m`, `72h`, `3d`.
 * Kept as the text the owner wrote (the JSON Schema and the docs show it as is); `durationMs`
 * turns it into milliseconds where it is used.
 */
export const durationSchema = z
  .string()
  .regex(durationPattern, "must be a whole number followed by m (minutes), h (hours) or d (days), like `72h` or `3d`");

/** Milliseconds in a duration `durationSchema` accepted; a clear error for anything else. */
export function durationMs(text: string): number {
  const match = durationPattern.exec(text);
  if (!match) throw new RangeError(`autopilot: "${text}" is not a duration like 90m, 72h or 3d`);
  return Number(match[1]) * units[match[2] as keyof typeof units];
}
