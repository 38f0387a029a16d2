import { ALNUM, RandomTokens } from "./random-tokens.js";

// one seeded stream for the whole process: every call gives a new token, the same on every run
const tokens = new RandomTokens(0x5eed);

/** A token shaped like a GitHub classic personal access token (prefix + 36 characters). */
export const fakeGithubToken = (): string => tokens.token(["gh", "p_"].join(""), ALNUM, 36);
