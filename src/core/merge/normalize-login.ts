/** Logins compare case-insensitively (GitHub's are), with or without a leading `@`. */
export const normalizeLogin = (login: string): string => login.trim().replace(/^@/, "").toLowerCase();
