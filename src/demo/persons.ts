/** A synthetic citizen of the demo: a Tenor-style number (month + 80) that no real person can have. */
export interface DemoPerson {
  fnr: string
  name: string
}

/**
 * The demo's citizens, for the test login, consent requests and "my page". Every number is synthetic (month + 80,
 * as in Skatteetaten's Tenor test data) with valid mod-11 control digits; the names are invented.
 */
export const demoPersons: readonly DemoPerson[] = [
  { fnr: '12858440015', name: 'Ingrid Fjellheim' },
  { fnr: '03917920183', name: 'Lars Bakken Strøm' },
  { fnr: '27879210130', name: 'Sofie Haugland' },
  { fnr: '08826530090', name: 'Arne Vik' },
  { fnr: '30865740057', name: 'Nora Eide Solberg' },
  // A d-nummer (day + 40) as well: people working in Norway without a fødselsnummer are citizens of the data too.
  { fnr: '51848820028', name: 'Marta Kowalska' },
]
