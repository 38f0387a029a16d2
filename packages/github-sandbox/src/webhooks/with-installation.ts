/** GitHub's legacy global node ID for an installation: base64 of `023:IntegrationInstallation<id>`. */
export function installationNodeId(installationId: number): string {
  const type = "IntegrationInstallation";
  return Buffer.from(`${String(type.length).padStart(3, "0")}:${type}${installationId}`).toString("base64");
}

/**
 * The payload with GitHub's `installation` field for `installationId`. Probot takes the
 * installation from the payload to mint a token, and several examples lack the field. The full
 * installation object of an `installation` event keeps its other fields.
 */
export function withInstallation<T extends Record<string, unknown>>(payload: T, installationId: number): T {
  const current = payload.installation;
  const isFull = typeof current === "object" && current !== null && "account" in current;
  const installation = isFull
    ? { ...current, id: installationId }
    : { id: installationId, node_id: installationNodeId(installationId) };
  return { ...payload, installation };
}
