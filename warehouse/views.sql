-- Views over the newsdistill warehouse, applied on every ingest. Documented in README.md ("Analytics").
-- A site is the page's site_name, else its domain. Days are UTC calendar days of published_at.

-- articles_latest: the latest version of each article.
-- (A semi-join on the highest version rather than a window: a query reads only the columns it uses.)
CREATE OR REPLACE VIEW articles_latest AS
SELECT * FROM articles
SEMI JOIN (SELECT article_id, max(version) AS version FROM articles GROUP BY article_id) latest
    USING (article_id, version);

-- daily_counts: articles (latest versions) and their words per publication day, site, section and language.
-- Undated articles count under day NULL.
CREATE OR REPLACE VIEW daily_counts AS
SELECT CAST(timezone('UTC', published_at) AS DATE) AS day,
       coalesce(site_name, domain) AS site,
       section,
       language,
       count(*) AS articles,
       coalesce(sum(word_count), 0) AS words
FROM articles_latest
GROUP BY ALL;

-- article_facts: one row per article (latest version) with what the report counts: UTC publication day (NULL:
-- undated), site, page type, words, characters kept (body) and removed, and which metadata fields it has.
CREATE OR REPLACE VIEW article_facts AS
SELECT article_id,
       CAST(timezone('UTC', published_at) AS DATE) AS day,
       coalesce(site_name, domain) AS site,
       page_type,
       coalesce(word_count, 0) AS words,
       length(body) AS kept_characters,
       coalesce(removed_chars, 0) AS removed_characters,
       nullif(trim(title), '') IS NOT NULL AS has_title,
       published_at IS NOT NULL AS has_date,
       coalesce(len(authors), 0) > 0 AS has_author,
       language IS NOT NULL AS has_language
FROM articles_latest;

-- removed_latest: one row per block removed from the latest version of an article, with that article's UTC
-- publication day and site.
CREATE OR REPLACE VIEW removed_latest AS
SELECT b.article_id,
       CAST(timezone('UTC', a.published_at) AS DATE) AS day,
       coalesce(a.site_name, a.domain) AS site,
       b.kind,
       b.reason,
       length(b.text) AS characters
FROM removed_blocks b
JOIN articles_latest a USING (article_id, version);

-- boilerplate_by_site: blocks removed from the latest version of each article, per site and kind.
CREATE OR REPLACE VIEW boilerplate_by_site AS
SELECT site,
       kind,
       count(DISTINCT article_id) AS articles,
       count(*) AS blocks,
       sum(characters) AS characters
FROM removed_latest
GROUP BY ALL;

-- quarantine_daily: inputs quarantined per UTC day and reason.
CREATE OR REPLACE VIEW quarantine_daily AS
SELECT CAST(timezone('UTC', quarantined_at) AS DATE) AS day, reason, count(*) AS documents
FROM quarantine
GROUP BY ALL;

-- quarantine_summary: per reason, how many inputs, when first and last seen, and the latest example.
CREATE OR REPLACE VIEW quarantine_summary AS
SELECT reason,
       count(*) AS documents,
       min(quarantined_at) AS first_seen,
       max(quarantined_at) AS last_seen,
       arg_max(source, quarantined_at) AS example_source,
       arg_max(detail, quarantined_at) AS example_detail
FROM quarantine
GROUP BY reason;

-- duplicate_summary (the table `duplicates` has one row per repeat): per original and reason, how many
-- repeats from how many sources. duplicate_of is a doc_id (reason same_raw) or an article_id
-- (same_url_and_body); title is that article's latest title.
CREATE OR REPLACE VIEW duplicate_summary AS
WITH titles AS (
    SELECT article_id AS id, arg_max(title, version) AS title FROM articles GROUP BY article_id
    UNION ALL
    SELECT doc_id AS id, arg_max(title, version) AS title FROM articles GROUP BY doc_id
), summary AS (
    SELECT duplicate_of,
           reason,
           count(*) AS duplicates,
           count(DISTINCT source) AS sources,
           min(seen_at) AS first_seen,
           max(seen_at) AS last_seen
    FROM duplicates
    GROUP BY duplicate_of, reason
)
SELECT s.duplicate_of, s.reason, s.duplicates, s.sources, s.first_seen, s.last_seen, t.title
FROM summary s
LEFT JOIN titles t ON t.id = s.duplicate_of;

-- stories: articles about one event (article_groups.story_id, computed after each ingest) with more
-- than one article: how many, from which sites, when, and the earliest headline.
CREATE OR REPLACE VIEW stories AS
SELECT g.story_id,
       count(*) AS articles,
       count(DISTINCT g.near_duplicate_group) AS distinct_texts,
       list(DISTINCT coalesce(a.site_name, a.domain) ORDER BY coalesce(a.site_name, a.domain))
           FILTER (WHERE coalesce(a.site_name, a.domain) IS NOT NULL) AS sites,
       min(a.published_at) AS first_published,
       max(a.published_at) AS last_published,
       arg_min(a.title, coalesce(a.published_at, a.ingested_at)) AS title
FROM article_groups g
JOIN articles_latest a USING (article_id, version)
GROUP BY g.story_id
HAVING count(*) > 1;
