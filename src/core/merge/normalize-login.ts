/** Logins compare case-insensitively (GitHub's are), with or without a leading `@`. */
export const normalizeLogin = (login: string): string => login.trim().replace(/^@/, "").toLowerCase();

/** The account GitHub's merge queue merges and pushes as (`merged_by` of a queue merge, the pusher of its groups). */
export const mergeQueueLogin = "github-merge-queue[bot]";
