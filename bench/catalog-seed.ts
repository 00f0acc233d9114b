/**
 * Generates a large catalog directly in the database (no HTTP, no per-row round trips): organisations, datasets
 * with their legal bases, data services and access rules, in one transaction of `insert … select` statements over
 * `generate_series`. Deterministic: the same count gives the same catalog, so runs compare.
 *
 * The full-text document is the SQL that `searchVector()` (src/catalog/datasets.repo.ts) builds, with its text
 * parameters swapped for column expressions, so the seeded vectors cannot drift from the ones the API writes.
 */
import { type SQL, sql } from 'drizzle-orm'
import { searchVector } from '../src/catalog/datasets.repo.ts'
import type { Database } from '../src/db/database.ts'

/** Norwegian words with their English counterparts: titles, descriptions and keywords are built from them. */
const words: [string, string][] = [
  ['inntekt', 'income'],
  ['skatt', 'tax'],
  ['arbeid', 'work'],
  ['bolig', 'housing'],
  ['helse', 'health'],
  ['utdanning', 'education'],
  ['trygd', 'social security'],
  ['pensjon', 'pension'],
  ['eiendom', 'property'],
  ['kjøretøy', 'vehicle'],
  ['folkeregister', 'population register'],
  ['barnehage', 'kindergarten'],
  ['skole', 'school'],
  ['sykehus', 'hospital'],
  ['resept', 'prescription'],
  ['vaksine', 'vaccine'],
  ['lønn', 'salary'],
  ['arbeidsgiver', 'employer'],
  ['arbeidsforhold', 'employment'],
  ['foretak', 'enterprise'],
  ['regnskap', 'accounts'],
  ['avgift', 'duty'],
  ['toll', 'customs'],
  ['fiske', 'fishing'],
  ['landbruk', 'agriculture'],
  ['skog', 'forest'],
  ['miljø', 'environment'],
  ['utslipp', 'emissions'],
  ['energi', 'energy'],
  ['strøm', 'electricity'],
  ['vei', 'road'],
  ['trafikk', 'traffic'],
  ['ulykke', 'accident'],
  ['kriminalitet', 'crime'],
  ['innvandring', 'immigration'],
  ['statsborgerskap', 'citizenship'],
  ['valg', 'election'],
  ['befolkning', 'population'],
  ['adresse', 'address'],
  ['kart', 'map'],
  ['klima', 'climate'],
  ['stønad', 'allowance'],
  ['sykepenger', 'sickness benefit'],
  ['dagpenger', 'unemployment benefit'],
  ['barnetrygd', 'child benefit'],
  ['studielån', 'student loan'],
  ['tilskudd', 'grant'],
  ['tilsyn', 'inspection'],
  ['bygg', 'building'],
  ['inntektsopplysninger', 'income information'],
]

const suffixes: [string, string][] = [
  ['i kommunene', 'in the municipalities'],
  ['per fylke', 'by county'],
  ['for foretak', 'for enterprises'],
  ['for personer', 'for persons'],
  ['månedlig', 'monthly'],
  ['årlig', 'yearly'],
  ['historikk', 'history'],
  ['register', 'register'],
]

const publisherNames = [
  'Skatteetaten',
  'Arbeids- og velferdsetaten',
  'Statistisk sentralbyrå',
  'Brønnøysundregistrene',
  'Kartverket',
  'Helsedirektoratet',
  'Folkehelseinstituttet',
  'Statens lånekasse for utdanning',
  'Husbanken',
  'Utlendingsdirektoratet',
  'Politidirektoratet',
  'Tolletaten',
  'Statens vegvesen',
  'Miljødirektoratet',
  'Mattilsynet',
  'Fiskeridirektoratet',
  'Landbruksdirektoratet',
  'Norsk helsenett',
  'Digitaliseringsdirektoratet',
  'Arkivverket',
  'Sjøfartsdirektoratet',
  'Luftfartstilsynet',
  'Arbeidstilsynet',
  'Finanstilsynet',
  'Konkurransetilsynet',
  'Datatilsynet',
  'Direktoratet for samfunnssikkerhet og beredskap',
  'Norges vassdrags- og energidirektorat',
  'Statens pensjonskasse',
  'Barne-, ungdoms- og familiedirektoratet',
  'Utdanningsdirektoratet',
  'Kriminalomsorgsdirektoratet',
  'Oslo kommune',
  'Bergen kommune',
  'Trondheim kommune',
  'Stavanger kommune',
  'Kristiansand kommune',
  'Tromsø kommune',
  'Drammen kommune',
  'Bodø kommune',
  'Ålesund kommune',
  'Lillehammer kommune',
  'Vestland fylkeskommune',
  'Akershus fylkeskommune',
  'Nordland fylkeskommune',
  'Innlandet fylkeskommune',
  'Troms fylkeskommune',
  'Agder fylkeskommune',
  'Rogaland fylkeskommune',
  'Møre og Romsdal fylkeskommune',
]

/** [short name, Lovdata id, section]: the laws datasets are described under. */
const laws: [string, string, string][] = [
  ['a-opplysningsloven', '2012-06-22-43', '7'],
  ['skatteforvaltningsloven', '2016-05-27-14', '3-3'],
  ['folketrygdloven', '1997-02-28-19', '21-4'],
  ['NAV-loven', '2006-06-16-20', '7'],
  ['forvaltningsloven', '1967-02-10', '13b'],
  ['offentleglova', '2006-05-19-16', '13'],
  ['personopplysningsloven', '2018-06-15-38', '1'],
  ['arkivlova', '1992-12-04-126', '6'],
  ['statistikkloven', '2019-06-21-32', '10'],
  ['helseregisterloven', '2014-06-20-43', '19'],
  ['pasientjournalloven', '2014-06-20-42', '19'],
  ['barnevernsloven', '2021-06-18-97', '13-4'],
  ['opplæringslova', '2023-06-09-30', '24-1'],
  ['universitets- og høyskoleloven', '2005-04-01-15', '4-15'],
  ['plan- og bygningsloven', '2008-06-27-71', '2-1'],
  ['matrikkellova', '2005-06-17-101', '30'],
  ['folkeregisterloven', '2016-12-09-88', '10-1'],
  ['enhetsregisterloven', '1994-06-03-15', '22'],
  ['regnskapsloven', '1998-07-17-56', '8-2'],
  ['merverdiavgiftsloven', '2009-06-19-58', '15-1'],
  ['tollloven', '2007-12-21-119', '12-1'],
  ['utlendingsloven', '2008-05-15-35', '83'],
  ['politiregisterloven', '2010-05-28-16', '30'],
  ['sosialtjenesteloven', '2009-12-18-131', '44'],
  ['arbeidsmiljøloven', '2005-06-17-62', '18-4'],
  ['integreringsloven', '2020-11-06-127', '47'],
  ['kommuneloven', '2018-06-22-83', '14-7'],
  ['helse- og omsorgstjenesteloven', '2011-06-24-30', '12-3'],
  ['utdanningsstøtteloven', '2005-06-03-37', '23'],
  ['vegtrafikkloven', '1965-06-18-4', '43'],
]

const lawUri = ([, id, section]: [string, string, string]) => `https://lovdata.no/lov/${id}/§${section}`

const euThemes = [
  'AGRI',
  'ECON',
  'EDUC',
  'ENER',
  'ENVI',
  'GOVE',
  'HEAL',
  'INTR',
  'JUST',
  'REGI',
  'SOCI',
  'TECH',
  'TRAN',
]
const euTheme = (code: string) => `http://publications.europa.eu/resource/authority/data-theme/${code}`
const losThemes = ['skatt-og-avgift', 'arbeid', 'helse-og-omsorg', 'skole-og-utdanning', 'bygg-og-eiendom'].map(
  (slug) => `https://psi.norge.no/los/tema/${slug}`,
)

/** Nine-digit organisation numbers with a valid mod-11 control digit, starting at `from`. */
export function validOrgnrs(count: number, from = 91_000_000): string[] {
  const weights = [3, 2, 7, 6, 5, 4, 3, 2]
  const found: string[] = []
  for (let prefix = from; found.length < count; prefix += 37) {
    const digits = String(prefix)
    const sum = weights.reduce((acc, weight, i) => acc + weight * Number(digits[i]), 0)
    const control = 11 - (sum % 11)
    if (control === 10) continue
    found.push(`${digits}${control === 11 ? 0 : control}`)
  }
  return found
}

const orgnrs = validOrgnrs(publisherNames.length)
const publishers = publisherNames.map((name, i) => ({ orgnr: orgnrs[i]!, name }))
/** Organisations that access rules name as recipients (publishers too, as in real life). */
const recipients = [1, 7, 8, 9, 32].map((i) => publishers[i]!)

/** Values the search scenario asks for; they exist in every seeded catalog. */
export const seeded = {
  econ: euTheme('ECON'),
  /** a-opplysningsloven § 7. */
  lovdataUri: lawUri(laws[0]!),
  lawName: laws[0]![0],
  /** Arbeids- og velferdsetaten: receives under rules of many datasets. */
  recipient: recipients[0]!.orgnr,
}

/** A pseudo-random integer in [0, m) from the row number and a salt, the same on every run (and on PGlite). */
const pick = (salt: number, m: number) => sql.raw(`((hashint4(i * 16 + ${salt})::bigint + 2147483648) % ${m})::int`)

/**
 * The search document expression of `searchVector()`, with every text it would bind replaced by a column of the
 * `bench_text` row `t`. A text that is not one of ours means `searchVector` changed shape: fail rather than drift.
 */
function searchVectorSql(): SQL {
  const columns: Record<string, string> = {
    '⟦title_nb⟧': 't.title_nb',
    '⟦title_en⟧': 't.title_en',
    '⟦kw_nb⟧': `array_to_string(t.kw_nb, ' ')`,
    '⟦kw_en⟧': `array_to_string(t.kw_en, ' ')`,
    '⟦desc_nb⟧': 't.desc_nb',
    '⟦desc_en⟧': 't.desc_en',
    '⟦publisher⟧': 't.publisher_name',
    '⟦legal_bases⟧': 't.lb_titles',
  }
  const template = searchVector(
    {
      title: { nb: '⟦title_nb⟧', en: '⟦title_en⟧' },
      description: { nb: '⟦desc_nb⟧', en: '⟦desc_en⟧' },
      keywords: { nb: ['⟦kw_nb⟧'], en: ['⟦kw_en⟧'] },
      accessRights: 'PUBLIC',
      themes: [],
      containsPersonalData: false,
      legalBases: [{ type: 'disclosure', title: { nb: '⟦legal_bases⟧' }, uri: 'https://lovdata.no/' }],
      dataServices: [],
    },
    '⟦publisher⟧',
  )
  const chunks = template.queryChunks.map((chunk) => {
    if (typeof chunk !== 'string') return chunk
    const parts = chunk.split(' ').filter(Boolean)
    if (!parts.every((part) => part in columns)) {
      throw new Error(`searchVector() binds ${JSON.stringify(chunk)}: update bench/catalog-seed.ts to match it`)
    }
    return sql.raw(parts.length ? `concat_ws(' ', ${parts.map((part) => columns[part]).join(', ')})` : `''`)
  })
  return sql.join(chunks as SQL[])
}

export interface SeedSummary {
  datasets: number
  legalBases: number
  accessRules: number
  dataServices: number
  seconds: number
}

/** Adds `count` generated datasets (ids `ds_bench…`) to a migrated, otherwise empty catalog. */
export async function seedCatalog(db: Database, count: number): Promise<SeedSummary> {
  const started = performance.now()
  const w = words.length
  const summary = await db.transaction(async (tx) => {
    const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`
    await tx.execute(sql`insert into organisations (orgnr, name)
      select orgnr, name from jsonb_to_recordset(${json(publishers)}) as t(orgnr text, name text)
      on conflict (orgnr) do nothing`)
    // Small lookup tables, numbered from 0: row n of the list.
    const numbered = (rows: object[]) => json(rows.map((row, n) => ({ n, ...row })))
    await tx.execute(sql`create temp table bench_word on commit drop as select * from
      jsonb_to_recordset(${numbered(words.map(([nb, en]) => ({ nb, en })))}) as t(n int, nb text, en text)`)
    await tx.execute(sql`create temp table bench_suffix on commit drop as select * from
      jsonb_to_recordset(${numbered(suffixes.map(([nb, en]) => ({ nb, en })))}) as t(n int, nb text, en text)`)
    await tx.execute(sql`create temp table bench_org on commit drop as select * from
      jsonb_to_recordset(${numbered(publishers)}) as t(n int, orgnr text, name text)`)
    const lawRows = laws.map((law) => ({
      uri: lawUri(law),
      nb: `${law[0]} § ${law[2]}`,
      en: `The ${law[0]} Act, section ${law[2]}`,
    }))
    await tx.execute(sql`create temp table bench_law on commit drop as select * from
      jsonb_to_recordset(${numbered(lawRows)}) as t(n int, uri text, nb text, en text)`)
    // One row of choices per dataset: which words, publisher, themes, laws, access.
    await tx.execute(sql`create temp table bench_pick on commit drop as
      select i, 'ds_bench' || lpad(i::text, 12, '0') as id,
        ${pick(0, publishers.length)} as pub,
        ${pick(1, w)} as a, ${pick(2, w)} as b, ${pick(3, w)} as c, ${pick(4, w)} as d, ${pick(5, w)} as e,
        ${pick(6, suffixes.length)} as s, 2000 + ${pick(7, 26)} as year,
        ${pick(8, euThemes.length)} as theme1, ${pick(9, 3 * euThemes.length)} as theme2,
        ${pick(10, 5 * losThemes.length)} as los,
        ${pick(11, laws.length)} as law1, ${pick(12, 3 * laws.length)} as law2,
        case when ${pick(13, 10)} < 5 then 'PUBLIC' when ${pick(13, 10)} < 9 then 'RESTRICTED' else 'NON_PUBLIC' end
          as access_rights,
        ${pick(14, recipients.length)} as recipient, ${pick(15, 20)} as rule_kind
      from generate_series(1, ${count}::int) as i`)
    await tx.execute(sql`create temp table bench_text on commit drop as
      select p.*, o.orgnr as publisher_orgnr, o.name as publisher_name,
        initcap(wa.nb) || ' og ' || wb.nb || ' ' || sx.nb || ' ' || p.year as title_nb,
        initcap(wa.en) || ' and ' || wb.en || ' ' || sx.en || ' ' || p.year as title_en,
        'Datasettet beskriver ' || wa.nb || ', ' || wb.nb || ' og ' || wc.nb || ' for ' || wd.nb
          || '. Opplysningene kommer fra ' || o.name || ' og gjelder ' || we.nb || '.' as desc_nb,
        'The dataset describes ' || wa.en || ', ' || wb.en || ' and ' || wc.en || ' for ' || wd.en
          || '. The information comes from ' || o.name || ' and concerns ' || we.en || '.' as desc_en,
        array[wa.nb, wc.nb, we.nb] as kw_nb, array[wa.en, wc.en] as kw_en,
        concat_ws(' ', l1.nb, l2.nb) as lb_titles, array_remove(array[l1.uri, l2.uri], null) as lb_uris
      from bench_pick p
      join bench_org o on o.n = p.pub
      join bench_word wa on wa.n = p.a join bench_word wb on wb.n = p.b join bench_word wc on wc.n = p.c
      join bench_word wd on wd.n = p.d join bench_word we on we.n = p.e
      join bench_suffix sx on sx.n = p.s
      join bench_law l1 on l1.n = p.law1
      left join bench_law l2 on l2.n = p.law2 and p.law2 <> p.law1`)
    const themes = sql`(${json(euThemes.map(euTheme))} ->> t.theme1)`
    await tx.execute(sql`insert into datasets (id, publisher_orgnr, title, sort_title, access_rights, themes,
        contains_personal_data, details, search_vector, legal_basis_uris, legal_vector, version, created_at,
        updated_at)
      select t.id, t.publisher_orgnr, jsonb_build_object('nb', t.title_nb, 'en', t.title_en), lower(t.title_nb),
        t.access_rights,
        array[${themes}]
          || case when t.theme2 < ${euThemes.length} and t.theme2 <> t.theme1
            then array[${json(euThemes.map(euTheme))} ->> t.theme2] else '{}'::text[] end
          || case when t.los < ${losThemes.length} then array[${json(losThemes)} ->> t.los] else '{}'::text[] end,
        t.access_rights <> 'PUBLIC',
        jsonb_build_object('description', jsonb_build_object('nb', t.desc_nb, 'en', t.desc_en),
          'keywords', jsonb_build_object('nb', to_jsonb(t.kw_nb), 'en', to_jsonb(t.kw_en))),
        ${searchVectorSql()},
        t.lb_uris, to_tsvector('simple', t.lb_titles),
        1, now() - make_interval(mins => t.i), now() - make_interval(mins => t.i)
      from bench_text t`)
    await tx.execute(sql`insert into legal_bases (id, dataset_id, position, type, title, uri)
      select 'lb_bench' || lpad(t.i::text, 11, '0') || '0', t.id, 0, 'disclosure',
        jsonb_build_object('nb', l.nb, 'en', l.en), l.uri
      from bench_pick t join bench_law l on l.n = t.law1
      union all
      select 'lb_bench' || lpad(t.i::text, 11, '0') || '1', t.id, 1, 'processing',
        jsonb_build_object('nb', l.nb, 'en', l.en), l.uri
      from bench_pick t join bench_law l on l.n = t.law2 and t.law2 <> t.law1`)
    await tx.execute(sql`insert into data_services (id, dataset_id, position, title, endpoint_url)
      select 'dsv_bench' || lpad(t.i::text, 11, '0'), t.id, 0, jsonb_build_object('nb', 'API for ' || t.title_nb),
        'https://api.bench.example/datasets/' || t.i
      from bench_text t where t.access_rights <> 'PUBLIC'`)
    // Restricted datasets: a rule for one recipient; one in four also for anyone with consent; one in ten expired.
    await tx.execute(sql`insert into access_rules (id, dataset_id, recipient_orgnr, purpose_code, purpose_text,
        legal_basis_id, fields, valid_to, one_time, version, created_at, updated_at)
      select 'ar_bench' || lpad(t.i::text, 11, '0') || k, t.id,
        case when k = 0 then (${json(recipients.map((r) => r.orgnr))} ->> t.recipient) end,
        case when k = 0 then 'saksbehandling' else 'samtykke' end,
        case when k = 0 then '{"nb": "Saksbehandling", "en": "Case handling"}'::jsonb
          else '{"nb": "Med samtykke fra den registrerte", "en": "With the consent of the data subject"}'::jsonb end,
        case when k = 0 then 'lb_bench' || lpad(t.i::text, 11, '0') || '0' end,
        array['/personidentifikator', '/' || (${json(words.map(([nb]) => nb))} ->> t.a)],
        case when t.rule_kind < 2 then now() - interval '1 day' end,
        false, 1, now(), now()
      from bench_pick t cross join generate_series(0, 1) as k
      where t.access_rights = 'RESTRICTED' and (k = 0 or t.rule_kind % 4 = 0)`)
    const [counts] = await tx
      .execute(sql`select
        (select count(*)::int from datasets where id like 'ds_bench%') as datasets,
        (select count(*)::int from legal_bases where id like 'lb_bench%') as "legalBases",
        (select count(*)::int from access_rules where id like 'ar_bench%') as "accessRules",
        (select count(*)::int from data_services where id like 'dsv_bench%') as "dataServices"`)
      .then((result) => (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows))
    return counts as Omit<SeedSummary, 'seconds'>
  })
  // Fresh statistics, as autovacuum would have them on a catalog that grew over time.
  for (const table of [
    'organisations',
    'datasets',
    'legal_bases',
    'data_services',
    'access_rules',
    'catalog_facet_counts',
  ]) {
    await db.execute(sql.raw(`analyze ${table}`))
  }
  return { ...summary, seconds: Math.round((performance.now() - started) / 100) / 10 }
}
