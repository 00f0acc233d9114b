CREATE TABLE "catalog_facet_counts" (
	"filter_key" "bytea" NOT NULL,
	"publisher_orgnr" text NOT NULL,
	"access_rights" text NOT NULL,
	"value_key" "bytea" NOT NULL,
	"filter_facet" text NOT NULL,
	"filter_value" text NOT NULL,
	"facet" text NOT NULL,
	"value" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "catalog_facet_counts_pk" PRIMARY KEY("filter_key","publisher_orgnr","access_rights","value_key")
);
--> statement-breakpoint
-- The key of a facet value in catalog_facet_counts. IMMUTABLE although convert_to is only STABLE: converting to
-- UTF-8 gives the same bytes for the same text whatever the database's encoding.
CREATE FUNCTION deling_facet_key(facet text, value text) RETURNS bytea LANGUAGE sql IMMUTABLE
  AS $$ SELECT sha256(convert_to(facet || ':' || value, 'UTF8')) $$;
--> statement-breakpoint
-- The rows one dataset adds to catalog_facet_counts: itself under 'total' and under each of its facet values, among
-- all datasets ('', '') and among those sharing each of its values, so a search filtered by one value is counted
-- from here too. A value listed twice counts once: facets count datasets. The triggers add these rows twice, under
-- the dataset's publisher and under '' (all publishers), so a search without a publisher filter sums a few hundred
-- rows rather than one set per publisher.
CREATE FUNCTION deling_facet_rows(themes text[], legal_basis_uris text[], life_events text[])
  RETURNS TABLE (filter_facet text, filter_value text, facet text, value text)
  LANGUAGE sql IMMUTABLE AS $$
  WITH keys (facet, value) AS (
    SELECT 'total', ''
    UNION SELECT 'theme', t FROM unnest(themes) AS t
    UNION SELECT 'legalBasis', u FROM unnest(legal_basis_uris) AS u
    UNION SELECT 'lifeEvent', e FROM unnest(life_events) AS e
  )
  SELECT '', '', k.facet, k.value FROM keys AS k
  UNION ALL
  SELECT f.facet, f.value, k.facet, k.value FROM keys AS f, keys AS k WHERE f.facet <> 'total'
$$;
--> statement-breakpoint
-- One statement's changes to datasets, netted: a description-only update writes nothing. Upserts go in key order,
-- so two transactions never take the same count rows in opposite orders. The function's own search_path, so that
-- a session with another one still counts into this schema's table.
CREATE FUNCTION deling_count_facets() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  changed text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT *, 1 AS delta FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT *, -1 AS delta FROM old_rows'
    ELSE 'SELECT *, 1 AS delta FROM new_rows UNION ALL SELECT *, -1 AS delta FROM old_rows'
  END;
BEGIN
  EXECUTE 'INSERT INTO catalog_facet_counts AS c (filter_key, publisher_orgnr, access_rights, value_key,
      filter_facet, filter_value, facet, value, count)
    SELECT deling_facet_key(r.filter_facet, r.filter_value), p.orgnr, d.access_rights,
      deling_facet_key(r.facet, r.value), r.filter_facet, r.filter_value, r.facet, r.value, sum(d.delta)
    FROM (' || changed || ') AS d, LATERAL (VALUES (d.publisher_orgnr), ('''')) AS p(orgnr),
      deling_facet_rows(d.themes, d.legal_basis_uris, d.life_events) AS r
    WHERE d.deleted_at IS NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(d.delta) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT ON CONSTRAINT catalog_facet_counts_pk DO UPDATE SET count = c.count + excluded.count';
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION deling_clear_facet_counts() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  DELETE FROM catalog_facet_counts;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- A theme given twice is stored once from now on (src/catalog/datasets.repo.ts); datasets stored before lose the
-- copies here, keeping the first place of each, so both ways of counting facets count datasets.
UPDATE datasets SET themes = ARRAY(
    SELECT t.theme FROM unnest(themes) WITH ORDINALITY AS t(theme, place) GROUP BY t.theme ORDER BY min(t.place))
  WHERE cardinality(themes) > (SELECT count(DISTINCT t) FROM unnest(themes) AS t);
--> statement-breakpoint
CREATE TRIGGER datasets_facet_counts_insert AFTER INSERT ON datasets
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION deling_count_facets();
--> statement-breakpoint
CREATE TRIGGER datasets_facet_counts_update AFTER UPDATE ON datasets
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION deling_count_facets();
--> statement-breakpoint
CREATE TRIGGER datasets_facet_counts_delete AFTER DELETE ON datasets
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION deling_count_facets();
--> statement-breakpoint
CREATE TRIGGER datasets_facet_counts_truncate AFTER TRUNCATE ON datasets
  FOR EACH STATEMENT EXECUTE FUNCTION deling_clear_facet_counts();
--> statement-breakpoint
-- The datasets already published.
INSERT INTO catalog_facet_counts (filter_key, publisher_orgnr, access_rights, value_key, filter_facet, filter_value,
    facet, value, count)
  SELECT deling_facet_key(r.filter_facet, r.filter_value), p.orgnr, d.access_rights, deling_facet_key(r.facet, r.value),
    r.filter_facet, r.filter_value, r.facet, r.value, count(*)
  FROM datasets AS d, LATERAL (VALUES (d.publisher_orgnr), ('')) AS p(orgnr),
    deling_facet_rows(d.themes, d.legal_basis_uris, d.life_events) AS r
  WHERE d.deleted_at IS NULL
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
