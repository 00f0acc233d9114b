/** Texts of the life-event pages (/life-events) and the life-event facet of the catalog search. */
export const lifeEventsNb = {
  lifeEventsLink: 'Livshendelser',
  lifeEventFacetName: 'Livshendelse',
  lifeEventsTitle: 'Livshendelser',
  lifeEventsIntro:
    'Når noe stort skjer i livet, deler flere offentlige virksomheter opplysninger om deg for å gi deg tjenestene du har krav på. Velg en livshendelse for å se hvilke virksomheter som deler hva, med hvem og etter hvilken hjemmel.',
  lifeEventsCount: (count: number) => (count === 1 ? '1 datasett' : `${count} datasett`),
  lifeEventsNoDatasets: 'Ingen datasett ennå',
  lifeEventsHomeText: 'Se hvem som deler hva når du får barn, mister jobben eller flytter.',
  lifeEventNational: 'I Digdirs felles vokabular for livshendelser:',
  lifeEventOwn:
    'Digdirs vokabular har ikke et begrep for denne livshendelsen som vi har kunnet bekrefte ennå, så Deling bruker sitt eget:',
  lifeEventSharingHeading: 'Hvem deler hva med hvem',
  lifeEventSharingIntro: (datasets: number, publishers: number) =>
    `${datasets === 1 ? '1 datasett' : `${datasets} datasett`} fra ${publishers === 1 ? '1 virksomhet' : `${publishers} virksomheter`} brukes når dette skjer.`,
  lifeEventNone:
    'Ingen datasett er merket med denne livshendelsen ennå. Utgivere merker datasettene sine i beskrivelsen (feltet lifeEvents).',
  lifeEventShares: 'deler med',
  lifeEventAnyWithConsent: 'alle virksomheter som har samtykke fra personen',
  lifeEventSharesNobody: 'har ingen tilgangsregler ennå',
  lifeEventDatasetsHeading: 'Datasettene og reglene deres',
  lifeEventSearchLink: 'Søk i disse datasettene',
  lifeEventAllLink: 'Alle livshendelser',
  lifeEventNotFoundTitle: 'Fant ikke livshendelsen',
  lifeEventNotFoundText: 'Deling kjenner ikke denne livshendelsen. Kanskje lenken er skrevet feil?',
  lifeEventMore: (count: number) => `Viser de første ${count} datasettene. Søk for å se resten.`,
}

export const lifeEventsEn: typeof lifeEventsNb = {
  lifeEventsLink: 'Life events',
  lifeEventFacetName: 'Life event',
  lifeEventsTitle: 'Life events',
  lifeEventsIntro:
    'When something big happens in your life, several public bodies share data about you to give you the services you are entitled to. Choose a life event to see which bodies share what, with whom and under which law.',
  lifeEventsCount: (count: number) => (count === 1 ? '1 dataset' : `${count} datasets`),
  lifeEventsNoDatasets: 'No datasets yet',
  lifeEventsHomeText: 'See who shares what when you have a child, lose your job or move.',
  lifeEventNational: "In Digdir's common vocabulary of life events:",
  lifeEventOwn:
    "Digdir's vocabulary has no concept for this life event that we could confirm yet, so Deling uses its own:",
  lifeEventSharingHeading: 'Who shares what with whom',
  lifeEventSharingIntro: (datasets: number, publishers: number) =>
    `${datasets === 1 ? '1 dataset' : `${datasets} datasets`} from ${publishers === 1 ? '1 public body' : `${publishers} public bodies`} are used when this happens.`,
  lifeEventNone:
    'No dataset is tagged with this life event yet. Publishers tag their datasets in the description (the lifeEvents field).',
  lifeEventShares: 'shares with',
  lifeEventAnyWithConsent: "any organisation with the person's consent",
  lifeEventSharesNobody: 'has no access rules yet',
  lifeEventDatasetsHeading: 'The datasets and their rules',
  lifeEventSearchLink: 'Search these datasets',
  lifeEventAllLink: 'All life events',
  lifeEventNotFoundTitle: 'Life event not found',
  lifeEventNotFoundText: 'Deling does not know this life event. Perhaps the link is mistyped?',
  lifeEventMore: (count: number) => `Showing the first ${count} datasets. Search to see the rest.`,
}
