CREATE TABLE articles (
    id              INTEGER PRIMARY KEY,
    path            TEXT    NOT NULL UNIQUE,
    slug            TEXT    NOT NULL,
    headline        TEXT    NOT NULL,
    summary         TEXT    NOT NULL DEFAULT '',
    body_html       TEXT    NOT NULL,
    image_url       TEXT    NOT NULL DEFAULT '',
    image_alt       TEXT    NOT NULL DEFAULT '',
    image_caption   TEXT    NOT NULL DEFAULT '',
    image_credit    TEXT    NOT NULL DEFAULT '',
    source_name     TEXT    NOT NULL DEFAULT '',
    source_home_url TEXT    NOT NULL DEFAULT '',
    original_url    TEXT    NOT NULL DEFAULT '',
    upstream_id     TEXT    UNIQUE,
    licence_name    TEXT    NOT NULL DEFAULT '',
    licence_url     TEXT    NOT NULL DEFAULT '',
    status          TEXT    NOT NULL DEFAULT 'published',
    comments_open   INTEGER NOT NULL DEFAULT 1,
    published_at    INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    modified_at     INTEGER NOT NULL
);
CREATE INDEX articles_published ON articles (status, published_at DESC, id DESC);
CREATE INDEX articles_original_url ON articles (original_url);

CREATE TABLE article_authors (
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    slug        TEXT    NOT NULL,
    role        TEXT    NOT NULL DEFAULT '',
    institution TEXT    NOT NULL DEFAULT '',
    profile_url TEXT    NOT NULL DEFAULT '',
    bio         TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (article_id, position)
);
CREATE INDEX article_authors_slug ON article_authors (slug);

CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    slug       TEXT    NOT NULL,
    tag        TEXT    NOT NULL,
    PRIMARY KEY (article_id, slug)
);
CREATE INDEX article_tags_slug ON article_tags (slug);

-- One counter bumped by every write that changes what a page shows, so
-- every process can tell its cached pages are stale.
CREATE TABLE changes (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO changes (id, version) VALUES (1, 0);
