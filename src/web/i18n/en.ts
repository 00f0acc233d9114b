import type { Messages } from './index.ts'

/** The English texts; keys and parameters mirror `nb.ts`. */
export const en: Messages = {
  siteName: 'Deling',
  siteTagline: 'Data sharing in the Norwegian public sector',
  skipToContent: 'Skip to main content',
  languageMenu: 'Language',
  logIn: 'Log in',
  logOut: 'Log out',
  loggedInAs: (name) => `Logged in as ${name}`,
  footer: 'Deling is the catalog and consent gateway for data sharing in the Norwegian public sector.',
  apiDocs: 'API documentation',

  // The start page
  homeTitle: 'Deling: data catalog and consent gateway',
  homeIntro:
    "Deling brings the data catalog, the legal bases for sharing, the access rules and citizens' consents together, and enforces them at one gateway. Every disclosure is logged, and you can see who has received your data.",
  homeDevelopersHeading: 'For developers',
  homeDevelopersText:
    'Read the API documentation and get an organisation token as you do with Maskinporten: a client assertion signed with your own key (private_key_jwt).',
  openApiDocument: 'The OpenAPI document',
  issuerMetadata: "The authorization server's metadata",
  homeCitizensHeading: 'For citizens',
  homeCitizensText:
    'Log in to see who you are logged in as. Soon you will also accept and revoke consents and see who has received your data.',
  mySession: 'My login',
  homeComingHeading: 'Coming next',
  homeComingText: 'The data catalog, consents, the gateway and the access log come in the next versions.',

  testIdpTitle: 'Test login',
  testIdpIntro:
    "This is Deling's test login. You log in as a synthetic test person. Real national identity numbers are refused.",
  testIdpWarning: 'Not for real people: use ID-porten in production.',
  fnrLabel: 'National identity number (fødselsnummer)',
  fnrHint: '11 digits. Synthetic test persons have month + 80 (as in Tenor), and D numbers have day + 40.',
  pickPersonHeading: 'Choose a test person',
  pickPersonIntro: 'Choose a person to fill in the number.',
  usePerson: (name) => `Use ${name}`,
  noPersons: 'No test persons are registered. You can still type a synthetic number.',
  errorSummaryTitle: 'There is a problem with the form',
  fnrMissing: 'Enter the national identity number (11 digits), or choose a test person.',
  fnrInvalid: 'The national identity number is not valid. It must have 11 digits with the right check digits.',
  fnrNotSynthetic:
    'This looks like a real national identity number. The test login accepts synthetic test persons only (month + 80), never real people.',

  loginExpiredTitle: 'The login cannot be completed',
  loginExpiredText: 'The login took too long, or it was started in another browser or tab. Please start again.',
  loginCancelledTitle: 'The login was cancelled',
  loginCancelledText: 'You are not logged in. You can try again whenever you like.',
  loginFailedTitle: 'The login failed',
  loginFailedText: 'Something went wrong during the login. Please try again shortly.',
  loginUnavailableTitle: 'Login is not available right now',
  loginUnavailableText: 'The login service does not answer. Please try again shortly.',
  idportenFailedTitle: 'Login with ID-porten failed',
  idportenFailedText: 'ID-porten did not answer as expected, so you are not logged in. Please try again.',
  tryAgain: 'Try again',
  requestId: (id) => `Reference if you contact us: ${id}`,

  sessionTitle: 'Your login',
  sessionIntro: 'This is what Deling knows about your login.',
  sessionName: 'Name',
  sessionFnr: 'National identity number',
  sessionLevel: 'Security level',
  sessionExpires: 'Automatic logout',
  sessionExpiresAt: (time) => `at ${time} if you are inactive`,
  nameUnknown: 'Unknown',
  notLoggedInTitle: 'You are not logged in',
  notLoggedInText: 'Log in to see your consents and who has received data about you.',

  loggedOutTitle: 'You are logged out',
  loggedOutText: 'You are logged out of Deling.',
  loggedOutSharedComputer: 'If you use a shared computer, close the browser as well.',
  logInAgain: 'Log in again',

  acrNames: {
    'deling-test-idp': 'Test login (not a real person)',
    'idporten-loa-substantial': 'Substantial (ID-porten)',
    'idporten-loa-high': 'High (ID-porten)',
  },
  acrUnknown: 'Unknown',
}
