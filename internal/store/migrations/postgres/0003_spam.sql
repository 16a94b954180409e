-- The spam filter's learning log. Every label the filter learns (a
-- moderator's decision, an API client's submit-spam/submit-ham) is appended
-- here; every instance replays it at start and tails it, so all share one
-- model and it survives restarts. Writers serialize on an advisory lock
-- (see AddSpamEvent), so ids become visible in order and "id > last
-- applied" is a sound cursor.
CREATE TABLE spam_events (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    label      TEXT   NOT NULL CHECK (label IN ('spam', 'ham')),
    features   TEXT   NOT NULL, -- JSON array of the model's feature strings
    source     TEXT   NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);

-- Keys of the Akismet-compatible API. The counters are lifetime totals;
-- api_key_usage holds the same per calendar month (UTC) for usage reports.
CREATE TABLE api_keys (
    key             TEXT    PRIMARY KEY,
    site            TEXT    NOT NULL,
    rate_limit      INTEGER NOT NULL DEFAULT 0, -- calls a minute; 0 = none
    calls           BIGINT  NOT NULL DEFAULT 0,
    spam            BIGINT  NOT NULL DEFAULT 0,
    ham             BIGINT  NOT NULL DEFAULT 0,
    missed_spam     BIGINT  NOT NULL DEFAULT 0,
    false_positives BIGINT  NOT NULL DEFAULT 0,
    created_at      BIGINT  NOT NULL,
    revoked         BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE api_key_usage (
    key             TEXT   NOT NULL REFERENCES api_keys (key) ON DELETE CASCADE,
    month           TEXT   NOT NULL, -- YYYY-MM
    calls           BIGINT NOT NULL DEFAULT 0,
    spam            BIGINT NOT NULL DEFAULT 0,
    ham             BIGINT NOT NULL DEFAULT 0,
    missed_spam     BIGINT NOT NULL DEFAULT 0,
    false_positives BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (key, month)
);
