/** A log that keeps what it was given, to assert on. */
export function recordingLog() {
  const errors: Array<{ fields: Record<string, unknown>; message: string }> = [];
  const debugs: Array<{ fields: Record<string, unknown>; message: string }> = [];
  return {
    errors,
    debugs,
    error: (fields: object, message: string) =>
      void errors.push({ fields: fields as Record<string, unknown>, message }),
    debug: (fields: object, message: string) =>
      void debugs.push({ fields: fields as Record<string, unknown>, message }),
  };
}
