/**
 * Every text a citizen reads on Deling's pages, in Norwegian bokmål (the default language). `en.ts` has the same
 * keys; the type checker refuses a text that exists in one language only.
 */
export const nb = {
  // The frame of every page
  siteName: 'Deling',
  siteTagline: 'Deling av data i offentlig sektor',
  skipToContent: 'Hopp til hovedinnhold',
  languageMenu: 'Språk',
  logIn: 'Logg inn',
  logOut: 'Logg ut',
  loggedInAs: (name: string) => `Logget inn som ${name}`,
  footer: 'Deling er katalogen og samtykkeporten for deling av data i offentlig sektor.',
  apiDocs: 'API-dokumentasjon',

  // The start page
  homeTitle: 'Deling: datakatalog og samtykkeport',
  homeIntro:
    'Deling samler datakatalogen, hjemlene for deling, tilgangsreglene og innbyggernes samtykker på ett sted, og håndhever dem i én port. Hver utlevering blir logget, og du kan se hvem som har fått dine opplysninger.',
  homeDevelopersHeading: 'For utviklere',
  homeDevelopersText:
    'Les API-dokumentasjonen og hent et virksomhetstoken slik du gjør i Maskinporten: klientpåstand signert med egen nøkkel (private_key_jwt).',
  openApiDocument: 'OpenAPI-dokumentet',
  issuerMetadata: 'Autorisasjonsserverens metadata',
  homeCitizensHeading: 'For innbyggere',
  homeCitizensText:
    'Logg inn for å se hvem du er logget inn som. Snart kan du også godta og trekke tilbake samtykker og se hvem som har fått dine opplysninger.',
  mySession: 'Min innlogging',
  homeComingHeading: 'Under arbeid',
  homeComingText: 'Datakatalogen, samtykkene, porten og tilgangsloggen kommer i de neste versjonene.',

  // The test identity provider (embedded default and tests)
  testIdpTitle: 'Testinnlogging',
  testIdpIntro:
    'Dette er testinnloggingen til Deling. Her logger du inn som en syntetisk testperson. Ekte fødselsnumre blir avvist.',
  testIdpWarning: 'Ikke for ekte personer: bruk ID-porten i produksjon.',
  fnrLabel: 'Fødselsnummer',
  fnrHint: '11 siffer. Syntetiske testpersoner har måned + 80 (som i Tenor), og d-nummer har dag + 40.',
  pickPersonHeading: 'Velg en testperson',
  pickPersonIntro: 'Velg en person for å fylle inn fødselsnummeret.',
  usePerson: (name: string) => `Bruk ${name}`,
  noPersons: 'Ingen testpersoner er lagt inn. Du kan likevel skrive inn et syntetisk fødselsnummer.',
  errorSummaryTitle: 'Det er en feil i skjemaet',
  fnrMissing: 'Skriv inn fødselsnummeret (11 siffer), eller velg en testperson.',
  fnrInvalid: 'Fødselsnummeret er ikke gyldig. Det må ha 11 siffer med riktige kontrollsifre.',
  fnrNotSynthetic:
    'Dette ser ut som et ekte fødselsnummer. Testinnloggingen tar bare imot syntetiske testpersoner (måned + 80), aldri ekte personer.',

  // Login that could not be finished
  loginExpiredTitle: 'Innloggingen kan ikke fullføres',
  loginExpiredText:
    'Innloggingen tok for lang tid, eller den ble startet i en annen nettleser eller fane. Start innloggingen på nytt.',
  loginCancelledTitle: 'Innloggingen ble avbrutt',
  loginCancelledText: 'Du er ikke logget inn. Du kan prøve igjen når du vil.',
  loginFailedTitle: 'Innloggingen mislyktes',
  loginFailedText: 'Noe gikk galt under innloggingen. Prøv igjen om litt.',
  loginUnavailableTitle: 'Innlogging er ikke tilgjengelig akkurat nå',
  loginUnavailableText: 'Innloggingstjenesten svarer ikke. Prøv igjen om litt.',
  idportenFailedTitle: 'Innlogging med ID-porten mislyktes',
  idportenFailedText: 'ID-porten svarte ikke som forventet, så du er ikke logget inn. Prøv igjen.',
  tryAgain: 'Prøv igjen',
  requestId: (id: string) => `Referanse ved henvendelse: ${id}`,

  // The citizen's own session
  sessionTitle: 'Din innlogging',
  sessionIntro: 'Dette er det Deling vet om innloggingen din.',
  sessionName: 'Navn',
  sessionFnr: 'Fødselsnummer',
  sessionLevel: 'Sikkerhetsnivå',
  sessionExpires: 'Logges ut automatisk',
  sessionExpiresAt: (time: string) => `kl. ${time} hvis du ikke er aktiv`,
  nameUnknown: 'Ukjent',
  notLoggedInTitle: 'Du er ikke logget inn',
  notLoggedInText: 'Logg inn for å se samtykkene dine og hvem som har fått data om deg.',

  // After logout
  loggedOutTitle: 'Du er logget ut',
  loggedOutText: 'Du er logget ut av Deling.',
  loggedOutSharedComputer: 'Bruker du en delt datamaskin, bør du også lukke nettleseren.',
  logInAgain: 'Logg inn igjen',

  // Security levels (the `acr` of the login)
  acrNames: {
    'deling-test-idp': 'Testinnlogging (ikke ekte person)',
    'idporten-loa-substantial': 'Betydelig (ID-porten)',
    'idporten-loa-high': 'Høyt (ID-porten)',
  } as Record<string, string>,
  acrUnknown: 'Ukjent',

  // Consent: the citizen's screen, "my consents" and the receipt
  consentTitle: 'Forespørsel om samtykke',
  consentIntro: (organisation: string) => `${organisation} ber om lov til å hente opplysninger om deg.`,
  consentWho: 'Hvem spør',
  consentOrgnr: (orgnr: string) => `org.nr. ${orgnr}`,
  consentPurpose: 'Formål',
  consentMessage: 'Melding fra virksomheten',
  consentDatasetsHeading: 'Dette blir delt',
  consentPublisher: 'Fra',
  consentFields: 'Opplysninger',
  consentRule: 'Tilgangsregel',
  consentRuleText: (ruleId: string, purposeCode: string) => `${ruleId} (formålskode ${purposeCode})`,
  consentValidTo: 'Gyldig til',
  consentUse: 'Bruk',
  consentOneTime: 'Én gang: samtykket er brukt opp etter første utlevering',
  consentManyTimes: 'Så mange ganger som trengs fram til utløpet',
  consentStatus: 'Status',
  consentStatusNames: {
    pending: 'Venter på svaret ditt',
    accepted: 'Godtatt',
    rejected: 'Avslått',
    expired: 'Utløpt',
    revoked: 'Trukket tilbake',
    used: 'Brukt',
    withdrawn: 'Trukket tilbake av virksomheten',
  } as Record<string, string>,
  consentDecisionHeading: 'Ditt svar',
  consentDecisionHint: 'Du kan trekke tilbake et samtykke når som helst under Mine samtykker.',
  consentAccept: 'Godta',
  consentReject: 'Avslå',
  consentDecided: (status: string) => `Du har allerede svart på denne forespørselen. Status: ${status}.`,
  consentConflictTitle: 'Samtykket kan ikke endres',
  consentConflictText: (status: string) => `Samtykket har status «${status}», så det kan ikke endres nå.`,
  consentNotFoundTitle: 'Fant ikke samtykket',
  consentNotFoundText: 'Det finnes ingen slik forespørsel om samtykke til deg.',
  myConsentsTitle: 'Mine samtykker',
  myConsentsIntro: 'Her ser du hvem som har bedt om samtykke til å hente opplysninger om deg, og hva du har svart.',
  myConsentsEmpty: 'Ingen har bedt om samtykke fra deg.',
  consentRevoke: 'Trekk tilbake',
  consentReceipt: 'Last ned kvittering',
  consentOpen: 'Se forespørselen',

  // The citizen's access log: every delivery of their data
  accessLogTitle: 'Hvem har fått opplysninger om meg',
  accessLogIntro:
    'Her ser du hver gang opplysninger om deg er utlevert gjennom Deling: når, til hvem, hvorfor, med hvilken hjemmel eller hvilket samtykke, og hvilke opplysninger.',
  accessLogEmpty: 'Ingen opplysninger om deg er utlevert gjennom Deling.',
  accessLogWhen: 'Når',
  accessLogReceiver: 'Til',
  accessLogSystem: 'System',
  accessLogFrom: 'Fra',
  accessLogPurpose: 'Formål',
  accessLogBasis: 'Grunnlag',
  accessLogLegalBasis: 'Hjemmel i lov',
  accessLogConsent: (id: string) => `Ditt samtykke ${id}`,
  accessLogFields: 'Opplysninger',
  accessLogNoFields: 'Ingen enkeltfelt registrert',
  accessLogShowing: (shown: number, total: number) => `Viser de ${shown} nyeste av ${total} utleveringer.`,
}
