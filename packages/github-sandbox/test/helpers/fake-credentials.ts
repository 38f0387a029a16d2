import { randomBytes } from "node:crypto";

/**
 * A token shaped like a GitHub classic personal access token (prefix + 36 characters) that no
 * sandbox issued. Built at run time, so no secret-shaped literal sits in the repository.
 */
export const fakeGithubToken = (): string => ["gh", "p_"].join("") + randomBytes(18).toString("hex");
