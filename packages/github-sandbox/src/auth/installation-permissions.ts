import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { SandboxAuthError } from "./sandbox-auth-error.js";

/**
 * What the sandbox's installation grants unless told otherwise: the `default_permissions` of the
 * app registration in `seed/app.yml` (Autopilot's app.yml; its tests keep the copy equal), so the
 * app meets the same limits it would meet on GitHub.
 */
export const defaultInstallationPermissions: Readonly<Record<string, string>> = readManifestPermissions();

function readManifestPermissions(): Record<string, string> {
  const manifest = parse(readFileSync(new URL("../../seed/app.yml", import.meta.url), "utf8")) as {
    default_permissions?: Record<string, string>;
  };
  if (!manifest?.default_permissions) throw new Error("sandbox: seed/app.yml has no default_permissions");
  return manifest.default_permissions;
}

const rank: Record<string, number> = { read: 1, write: 2, admin: 3 };

/**
 * The permissions a new installation token carries: all granted ones, or the requested subset.
 * Asking for more than the installation has is refused as GitHub refuses it.
 */
export function narrowPermissions(
  granted: Readonly<Record<string, string>>,
  requested: Record<string, string> | undefined,
): Record<string, string> {
  if (!requested) return { ...granted };
  for (const [name, level] of Object.entries(requested)) {
    const have = granted[name];
    if (have === undefined || (rank[level] ?? Infinity) > (rank[have] ?? 0)) {
      throw new SandboxAuthError(422, "The permissions requested are not granted to this installation.");
    }
  }
  return { ...requested };
}
