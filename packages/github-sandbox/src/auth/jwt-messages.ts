/**
 * GitHub's own 401 messages for a rejected app JWT. @octokit/auth-app matches the three claim
 * messages to detect clock skew and retries with the offset taken from the response's `Date`
 * header, so the wording must stay exactly GitHub's.
 */
export const jwtMessages = {
  undecodable: "A JSON web token could not be decoded",
  unknownIssuer: "Integration not found",
  issuerNotInteger: "'Issuer' claim ('iss') must be an Integer",
  issuedAt: "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
  expired:
    "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
  tooFarInFuture: "'Expiration time' claim ('exp') is too far in the future",
} as const;
