/**
 * Token families whose prefix is too short or too common to own (`pat` starts `path`), so no
 * provider rule reads them, but whose whole shape is unmistakable: a value of the family that
 * misses the provider's exact format (a character too many, a `-` in its hex) is a doctored
 * example, never a token the provider issued. The generic rule judges the exact ones.
 */
const FAMILIES: readonly { family: RegExp; format: RegExp }[] = [
  // Airtable personal access token: `pat` + 14 characters, `.`, 64 hex
  { family: /^pat[A-Za-z0-9]{8,24}\.[0-9A-Za-z_-]{40,96}$/, format: /^pat[A-Za-z0-9]{14}\.[0-9a-f]{64}$/ },
];

export function isMalformedProviderToken(value: string): boolean {
  for (const { family, format } of FAMILIES) if (family.test(value) && !format.test(value)) return true;
  return false;
}
