/**
 * Every problem type Deling answers with (RFC 9457). The `type` member is `<PUBLIC_URL>/problems/<slug>`, and
 * that URL documents the type, so a developer who meets one can read what it means.
 */
export const problemTypes = {
  'validation-failed': {
    title: 'The request is not valid',
    description: 'One or more fields are missing or wrong; `errors` names each by JSON pointer.',
  },
  'malformed-json': {
    title: 'The body is not valid JSON',
    description: 'The request body could not be parsed as JSON.',
  },
  'bad-request': { title: 'Bad request', description: 'The request could not be understood.' },
  'not-rdf': {
    title: 'The document is not RDF',
    description:
      'The document could not be read as RDF in the syntax its Content-Type names (Turtle, N-Triples, N-Quads, TriG, RDF/XML or JSON-LD with an inline @context).',
  },
  'unsupported-media-type': {
    title: 'Unsupported media type',
    description: 'The Content-Type of the body is not one this operation accepts.',
  },
  'payload-too-large': { title: 'The body is too large', description: 'Request bodies are limited to 1 MiB.' },
  'headers-too-large': {
    title: 'The request line or headers are too large',
    description: 'The URL and the headers of a request are limited to 16 KiB together.',
  },
  'request-timeout': {
    title: 'The request took too long to arrive',
    description: 'The client did not send the whole request in time; the connection is closed.',
  },
  'not-found': { title: 'Not found', description: 'There is no such resource, or it is not visible to the caller.' },
  'method-not-allowed': {
    title: 'Method not allowed',
    description: 'The resource exists but does not support this method; see the Allow header.',
  },
  'not-acceptable': { title: 'Not acceptable', description: 'None of the media types in Accept can be produced.' },
  conflict: { title: 'Conflict', description: 'The resource already exists or was changed concurrently.' },
  'last-admin': {
    title: 'The organisation would have no admin',
    description:
      "A person cannot take an organisation's last admin role: give the role to someone else first. The operator can.",
  },
  'precondition-failed': {
    title: 'The resource has changed',
    description: 'If-Match names a version that is no longer the current one. Read the resource again and retry.',
  },
  'upstream-failed': {
    title: 'The upstream source failed',
    description:
      'A source Deling fetched for this request could not be reached, timed out, answered with an error, was larger than allowed, or answered with something Deling cannot read.',
  },
  'no-rule': {
    title: 'No access rule gives you this',
    description:
      "No access rule in force gives your organisation this dataset for this purpose (or the rule a consent relies on is no longer in force). The dataset's rules are public: see `GET /catalog/datasets/{id}/access-rules`.",
  },
  'purpose-mismatch': {
    title: 'Not for this purpose',
    description:
      'Your organisation has rules (or a consent) for this dataset, but for other purposes than the one in Deling-Purpose.',
  },
  'consent-required': {
    title: 'Consent required',
    description:
      "This dataset is given for this purpose only with the data subject's consent. Ask for it (`POST /consent/requests`), then call with a token carrying the consent in `authorization_details`.",
  },
  'consent-revoked': {
    title: 'The consent is revoked',
    description: 'The citizen or your organisation revoked the consent in the token; it gives nothing any more.',
  },
  'consent-expired': {
    title: 'The consent has expired',
    description: 'The consent in the token is past its validTo. Ask the citizen for a new one.',
  },
  'consent-used': {
    title: 'The consent is used',
    description: 'The consent in the token was for one delivery, and that delivery has been made.',
  },
  'consent-not-accepted': {
    title: 'The consent is not accepted',
    description: 'The consent in the token is pending, rejected or withdrawn: only an accepted consent gives data.',
  },
  'consumer-mismatch': {
    title: 'The consent is not yours',
    description: "The consent in the token was not given to the token's organisation.",
  },
  'subject-mismatch': {
    title: 'Another person',
    description: 'Deling-Subject names another person than the one who gave the consent in the token.',
  },
  'subject-required': {
    title: 'Deling-Subject required',
    description:
      'The dataset holds personal data: send the header Deling-Subject with the fødselsnummer or d-nummer the request is about.',
  },
  'dataset-mismatch': {
    title: 'The consent does not cover this dataset',
    description: 'The consent in the token covers other datasets than the one requested.',
  },
  'upstream-timeout': {
    title: 'The data service did not answer in time',
    description:
      "The data service behind the dataset did not answer within the gateway's time limit (DELING_GATEWAY_TIMEOUT_MS). Retry later.",
  },
  'upstream-not-allowed': {
    title: 'The data service address is not allowed',
    description:
      "The dataset's data service is on a private, loopback or link-local address that the operator has not allowed (DELING_UPSTREAM_ALLOW). Nothing was sent to it.",
  },
  'organisation-not-registered': {
    title: 'The organisation is not registered',
    description: "The token's organisation is not registered in Deling; ask the operator to register it.",
  },
  unauthorized: {
    title: 'Authentication required',
    description: 'A valid access token is required; see the WWW-Authenticate header.',
  },
  'invalid-token': {
    title: 'The access token is not valid',
    description: 'The token is malformed, expired, not yet valid, for another audience, or signed by an unknown key.',
  },
  'invalid-dpop-proof': {
    title: 'The DPoP proof is not valid',
    description:
      'The DPoP proof is missing, malformed, replayed, or does not match the request or the token (RFC 9449).',
  },
  'login-required': {
    title: 'Log in first',
    description: 'This needs a citizen who is logged in (the session cookie from /auth/login).',
  },
  'insufficient-scope': {
    title: 'The token lacks a required scope',
    description: 'The access token does not carry the scope this operation requires.',
  },
  forbidden: { title: 'Forbidden', description: 'The caller may not do this.' },
  'csrf-failed': {
    title: 'The form could not be verified',
    description: "The form was not sent from Deling's own page, or the page is too old. Reload it and try again.",
  },
  'too-many-requests': {
    title: 'Too many requests',
    description: 'The rate limit is reached; retry after the number of seconds in Retry-After.',
  },
  'database-unavailable': {
    title: 'The database is unavailable',
    description: 'Deling cannot reach its database right now; nothing was changed. Retry shortly.',
  },
  'concurrent-change': {
    title: 'A concurrent change got in the way',
    description:
      'Another change to the same data came at the same moment, and the database rolled back the transaction of this request. Retry it after the seconds in Retry-After.',
  },
  'internal-error': {
    title: 'Internal error',
    description: 'An unexpected error; quote the request id when reporting it.',
  },
} as const satisfies Record<string, { title: string; description: string }>

export type ProblemSlug = keyof typeof problemTypes
