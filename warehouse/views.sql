-- Views over the newsdistill warehouse, applied on every ingest. Documented in README.md ("Analytics").
-- A site is the page's site_name, else its domain. Days are UTC calendar days of published_at.

-- articles_latest: the latest version of each article.
CREATE OR REPLACE VIEW articles_latest AS
SELECT * FROM articles
QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY version DESC) = 1;

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

-- boilerplate_by_site: blocks removed from the latest version of each article, per site and kind.
CREATE OR REPLACE VIEW boilerplate_by_site AS
SELECT coalesce(a.site_name, a.domain) AS site,
       b.kind,
       count(DISTINCT b.article_id) AS articles,
       count(*) AS blocks,
       sum(length(b.text)) AS characters
FROM removed_blocks b
JOIN articles_latest a USING (article_id, version)
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
