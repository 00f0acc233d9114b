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
  // A family for fullmakt (src/fullmakt): two parents and their daughter, born 20 May 2012, a minor until 2030.
  { fnr: '12838410128', name: 'Hanne Lie Dahl' },
  { fnr: '05898220216', name: 'Jonas Dahl' },
  { fnr: '20851255290', name: 'Emma Lie Dahl' },
]

/** The family among the demo persons; the demo seed gives the parents their relation to the child (ADR 0013). */
export const demoFamily = {
  mother: demoPersons[6]!,
  father: demoPersons[7]!,
  child: demoPersons[8]!,
}

const weights = [
  [3, 7, 6, 1, 8, 9, 4, 5, 2],
  [5, 4, 3, 2, 7, 6, 5, 4, 3, 2],
] as const

/**
 * A synthetic fødselsnummer (month + 80) for a birth date (`YYYY-MM-DD`), from the first individual number at or
 * after `individual` that gives valid control digits. The individual number decides the century: 000–499 for
 * 1900–1999, 500–999 for 2000–2039. For tests and demos that need a person of a given age.
 */
export function syntheticFnr(birthDate: string, individual: number): string {
  const [year, month, day] = birthDate.split('-')
  for (let n = individual; n < individual + 100 && n < 1000; n++) {
    const base = `${day}${Number(month) + 80}${year!.slice(2)}${String(n).padStart(3, '0')}`
    const digits = [...base].map(Number)
    const control = (weighted: readonly number[], values: number[]) => {
      const rest = 11 - (weighted.reduce((sum, weight, i) => sum + weight * values[i]!, 0) % 11)
      return rest === 11 ? 0 : rest
    }
    const first = control(weights[0], digits)
    if (first === 10) continue
    const second = control(weights[1], [...digits, first])
    if (second === 10) continue
    return `${base}${first}${second}`
  }
  throw new Error(`no synthetic fødselsnummer for ${birthDate} from individual number ${individual}`)
}
