/** A log that keeps what it was given, to assert on. */
export function recordingLog() {
  const errors: Array<{ fields: Record<string, unknown>; message: string }> = [];
  const warnings: Array<{ fields: Record<string, unknown>; message: string }> = [];
  const debugs: Array<{ fields: Record<string, unknown>; message: string }> = [];
  return {
    errors,
    warnings,
    debugs,
    error: (fields: object, message: string) =>
      void errors.push({ fields: fields as Record<string, unknown>, message }),
    warn: (fields: object, message: string) =>
      void warnings.push({ fields: fields as Record<string, unknown>, message }),
    debug: (fields: object, message: string) =>
      void debugs.push({ fields: fields as Record<string, unknown>, message }),
  };
}
