-- Feeds the site polls, each with its licence and the rules that follow
-- from it; the inbox of stories waiting for an editor; what changed when a
-- source corrected a story; and the credits and canonical policy of every
-- syndicated article, for the web to render.
CREATE TABLE sources (
    id                 INTEGER PRIMARY KEY,
    name               TEXT    NOT NULL,
    feed_url           TEXT    NOT NULL UNIQUE,
    home_url           TEXT    NOT NULL DEFAULT '',
    licence_name       TEXT    NOT NULL DEFAULT '',
    licence_url        TEXT    NOT NULL DEFAULT '',
    credit_top         TEXT    NOT NULL DEFAULT '',
    credit_end         TEXT    NOT NULL DEFAULT '',
    canonical          TEXT    NOT NULL DEFAULT 'canonical',
    mode               TEXT    NOT NULL DEFAULT 'inbox',
    interval_seconds   INTEGER NOT NULL,
    allow_private      INTEGER NOT NULL DEFAULT 0,
    required_elements  TEXT    NOT NULL DEFAULT '',
    unlicensed_caption TEXT    NOT NULL DEFAULT '',
    etag               TEXT    NOT NULL DEFAULT '',
    last_modified      TEXT    NOT NULL DEFAULT '',
    next_poll_at       INTEGER NOT NULL DEFAULT 0,
    last_poll_at       INTEGER NOT NULL DEFAULT 0,
    last_success_at    INTEGER NOT NULL DEFAULT 0,
    last_error         TEXT    NOT NULL DEFAULT '',
    failures           INTEGER NOT NULL DEFAULT 0,
    leased_until       INTEGER NOT NULL DEFAULT 0,
    leased_by          TEXT    NOT NULL DEFAULT '',
    created_at         INTEGER NOT NULL
);
CREATE INDEX sources_due ON sources (next_poll_at);

CREATE TABLE inbox_items (
    id           INTEGER PRIMARY KEY,
    source_id    INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    upstream_id  TEXT   NOT NULL UNIQUE,
    story_key    TEXT   NOT NULL DEFAULT '',
    headline     TEXT   NOT NULL,
    payload      TEXT   NOT NULL,
    payload_hash TEXT   NOT NULL,
    problem      TEXT   NOT NULL DEFAULT '',
    status       TEXT   NOT NULL DEFAULT 'waiting',
    article_id   INTEGER REFERENCES articles (id) ON DELETE SET NULL,
    received_at  INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX inbox_items_story_key ON inbox_items (story_key);
CREATE INDEX inbox_items_status ON inbox_items (status, received_at);

CREATE TABLE article_revisions (
    id              INTEGER PRIMARY KEY,
    article_id      INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    revised_at      INTEGER NOT NULL,
    changed         TEXT   NOT NULL,
    old_body_sha256 TEXT   NOT NULL,
    old_updated_at  INTEGER NOT NULL,
    new_updated_at  INTEGER NOT NULL
);
CREATE INDEX article_revisions_article ON article_revisions (article_id, revised_at);

CREATE TABLE article_syndication (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    source_id  INTEGER REFERENCES sources (id) ON DELETE SET NULL,
    credit_top TEXT   NOT NULL DEFAULT '',
    credit_end TEXT   NOT NULL DEFAULT '',
    canonical  TEXT   NOT NULL DEFAULT 'canonical'
);
