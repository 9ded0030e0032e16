-- Views over the newsdistill warehouse, applied on every ingest. Documented in README.md.
-- articles_latest: the latest version of each article.
CREATE OR REPLACE VIEW articles_latest AS
SELECT * FROM articles
QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY version DESC) = 1;
