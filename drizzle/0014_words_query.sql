-- The text query for the words of a search (src/catalog/search.ts): each word matches as a prefix in any of the
-- text search configurations, every word must match, and a lexeme that several configurations give alike appears
-- once ('inntekt' is the same in Norwegian, English and as written). Repeated, the planner counted each copy as
-- another chance to match and expected three times as many rows as the word has, so it read the whole catalog
-- instead of the rows the text index names. Immutable, so the planner evaluates it once, before it plans, and
-- sees the query itself. The words reach it as letters and digits only, so to_tsquery's syntax cannot be injected.
CREATE FUNCTION deling_words_query(words text[], configs regconfig[]) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  select string_agg(alternatives, ' & ' order by n)::tsquery from (
    select w.n, '(' || string_agg(distinct q::text, ' | ') || ')' as alternatives
    from unnest(words) with ordinality as w(word, n)
      cross join unnest(configs) as c(config)
      cross join lateral to_tsquery(c.config, w.word || ':*') as q
    where q::text <> ''
    group by w.n
  ) as per_word
$$;
