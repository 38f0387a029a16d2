import type { SandboxUser } from "./sandbox-user.js";

/**
 * One version of an issue's body in its edit history, as GraphQL's `UserContentEdit` shows it:
 * who wrote that version (`editor`), when (`editedAt`) and the body it left (`diff`, which on
 * GitHub holds the whole text of the version, not a patch).
 */
export interface BodyEditState {
  id: number;
  nodeId: string;
  editor: SandboxUser;
  editedAt: string;
  /** when the history record was made: for the created version, the creation too (best reading) */
  createdAt: string;
  body: string | null;
}
