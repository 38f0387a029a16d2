/** JSON.parse without throwing; a UTF-8 BOM (common from Windows editors) is forgiven. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const body = text.replace(/^\uFEFF/, "");
  if (body.trim() === "") return { ok: false, message: "the file is empty" };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    if (error instanceof SyntaxError) return { ok: false, message: `invalid JSON: ${error.message}` };
    throw error;
  }
}
