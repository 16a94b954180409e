-- Rate limits shared by every instance on the database (failed sign-ins,
-- per account and per address), so that running more instances does not
-- give an attacker more tries. One row per key holds the key's theoretical
-- arrival time in microseconds (the generic cell rate algorithm): a key is
-- limited while that time lies more than (burst - 1) intervals ahead.
-- Keys are hashes: no email address or IP is kept here.
CREATE TABLE rate_limits (
    key TEXT    PRIMARY KEY,
    tat BIGINT  NOT NULL
);

CREATE INDEX rate_limits_by_tat ON rate_limits (tat);
