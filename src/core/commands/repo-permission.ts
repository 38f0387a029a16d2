/** A user's permission on the repository, as `GET /repos/{owner}/{repo}/collaborators/{user}/permission` says. */
export type RepoPermission = "admin" | "maintain" | "write" | "triage" | "read" | "none";
