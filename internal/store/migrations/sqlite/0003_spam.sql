-- The spam filter's learning log. Every label the filter learns (a
-- moderator's decision, an API client's submit-spam/submit-ham) is appended
-- here; every instance replays it at start and tails it, so all share one
-- model and it survives restarts. AUTOINCREMENT: ids are never reused, so
-- "id > last applied" is a sound cursor.
CREATE TABLE spam_events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    label      TEXT    NOT NULL CHECK (label IN ('spam', 'ham')),
    features   TEXT    NOT NULL, -- JSON array of the model's feature strings
    source     TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);

-- Keys of the Akismet-compatible API. The counters are lifetime totals;
-- api_key_usage holds the same per calendar month (UTC) for usage reports.
CREATE TABLE api_keys (
    key             TEXT    PRIMARY KEY,
    site            TEXT    NOT NULL,
    rate_limit      INTEGER NOT NULL DEFAULT 0, -- calls a minute; 0 = none
    calls           INTEGER NOT NULL DEFAULT 0,
    spam            INTEGER NOT NULL DEFAULT 0,
    ham             INTEGER NOT NULL DEFAULT 0,
    missed_spam     INTEGER NOT NULL DEFAULT 0,
    false_positives INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    revoked         INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE api_key_usage (
    key             TEXT    NOT NULL REFERENCES api_keys (key) ON DELETE CASCADE,
    month           TEXT    NOT NULL, -- YYYY-MM
    calls           INTEGER NOT NULL DEFAULT 0,
    spam            INTEGER NOT NULL DEFAULT 0,
    ham             INTEGER NOT NULL DEFAULT 0,
    missed_spam     INTEGER NOT NULL DEFAULT 0,
    false_positives INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (key, month)
);
