/**
 * The control path `path` falls under, or undefined. A control path is exact, or a folder written
 * `folder/**`; it is compared literally (no glob syntax), so a configured path holding a brace or
 * a parenthesis means itself.
 */
export function matchControlPath(controls: readonly string[], path: string): string | undefined {
  return controls.find((control) =>
    control.endsWith("/**") ? path.startsWith(control.slice(0, -2)) : path === control,
  );
}
