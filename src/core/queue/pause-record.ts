import { z } from "zod";

/** `ops/pause.json` on the state branch: an owner's `/pause` (or `/resume`), who and when. */
export const pauseRecordSchema = z.looseObject({
  paused: z.boolean(),
  by: z.string().optional(),
  at: z.string().optional(),
  /** set when the app paused itself, saying why */
  reason: z.string().optional(),
});

export type PauseRecord = z.output<typeof pauseRecordSchema>;

export type ParsedPause = { ok: true; record: PauseRecord | undefined } | { ok: false; problem: string };

/** The pause record as read (undefined or empty: never paused); a file that is not one is reported, not guessed. */
export function parsePauseRecord(text: string | undefined): ParsedPause {
  if (text === undefined || text.trim() === "") return { ok: true, record: undefined };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `is not JSON (${(error as Error).message})` };
  }
  const parsed = pauseRecordSchema.safeParse(value);
  if (!parsed.success)
    return { ok: false, problem: 'must be an object like {"paused": true, "by": "octocat", "at": "…"}' };
  return { ok: true, record: parsed.data };
}

export const serializePauseRecord = (record: PauseRecord): string => `${JSON.stringify(record)}\n`;
