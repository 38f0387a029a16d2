/**
 * Autopilot's own check runs are the ones its app created: another app (or an Actions job with
 * `checks: write`) can create runs with the same `autopilot/*` names, and those judge nothing.
 */

/** The app's slug from its bot login, `autopilot[bot]` → `autopilot`. */
export const appSlugOf = (botLogin: string): string => botLogin.replace(/\[bot\]$/, "");

/** A check run as REST lists it: `app` is the app that created it. */
export interface RunWithApp {
  app?: { slug?: string | null } | null;
}

/** Whether a listed run was created by the app whose slug is `appSlug` (slugs compare case-insensitively). */
export const isOwnRun = (run: RunWithApp, appSlug: string): boolean =>
  typeof run.app?.slug === "string" && run.app.slug.toLowerCase() === appSlug.toLowerCase();
