-- The site's own articles keep the Markdown they were written in, so the
-- editor edits that, not the HTML made from it. draft: never published,
-- so the first publication dates the article, and its path, that day.
CREATE TABLE own_articles (
    article_id BIGINT  PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    markdown   TEXT    NOT NULL,
    draft      BOOLEAN NOT NULL DEFAULT FALSE
);

-- The back office lists articles in every status, newest first.
CREATE INDEX articles_by_date ON articles (published_at DESC, id DESC);
