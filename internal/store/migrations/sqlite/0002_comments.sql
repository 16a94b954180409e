-- Reader comments. parent_id 0 is a top-level comment (no foreign key, so
-- 0 needs no row). Times are Unix microseconds. AUTOINCREMENT: an id is
-- never reused, so a reader's signed cookie naming their held comment can
-- never come to name someone else's.
CREATE TABLE comments (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id        INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    parent_id         INTEGER NOT NULL DEFAULT 0,
    author            TEXT    NOT NULL DEFAULT '',
    email             TEXT    NOT NULL DEFAULT '',
    url               TEXT    NOT NULL DEFAULT '',
    content           TEXT    NOT NULL,
    content_hash      TEXT    NOT NULL, -- lets the duplicate check use an index
    ip                TEXT    NOT NULL DEFAULT '',
    user_agent        TEXT    NOT NULL DEFAULT '',
    referrer          TEXT    NOT NULL DEFAULT '',
    status            TEXT    NOT NULL,
    spam_reasons      TEXT    NOT NULL DEFAULT '[]', -- JSON array of strings
    created_at        INTEGER NOT NULL,
    status_changed_at INTEGER NOT NULL,
    status_changed_by TEXT    NOT NULL DEFAULT ''
);
-- An article's thread and counts.
CREATE INDEX comments_thread ON comments (article_id, status, created_at, id);
-- Duplicate check: same text on the same article.
CREATE INDEX comments_dup ON comments (article_id, content_hash);
-- Flood checks by IP and by email; the email one also serves the
-- previously-approved-author check.
CREATE INDEX comments_ip ON comments (ip, created_at);
CREATE INDEX comments_email ON comments (email, created_at);
-- Moderation lists by status, and purging old discarded comments.
CREATE INDEX comments_status ON comments (status, created_at);
-- Only rows whose IP is still kept, so erasing old IPs reads few entries.
CREATE INDEX comments_ip_kept ON comments (created_at) WHERE ip <> '';

-- Every moderation change: who, when, from what to what.
CREATE TABLE comment_status_log (
    id          INTEGER PRIMARY KEY,
    comment_id  INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    from_status TEXT    NOT NULL,
    to_status   TEXT    NOT NULL,
    changed_by  TEXT    NOT NULL,
    changed_at  INTEGER NOT NULL
);
CREATE INDEX comment_status_log_comment ON comment_status_log (comment_id, id);

-- Settings someone changed; keys not here have their default in code.
CREATE TABLE settings (
    key        TEXT    PRIMARY KEY,
    value      TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);
