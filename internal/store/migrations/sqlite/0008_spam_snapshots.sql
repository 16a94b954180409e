-- Snapshots of the spam filter's model, so the learning log need not be
-- kept, nor replayed, from the beginning: a snapshot holds the model after
-- every event up to last_event_id, and those events may then be deleted.
-- Instances load the snapshot with the greatest last_event_id and replay
-- only later events. data is the model's own versioned binary form.
CREATE TABLE spam_snapshots (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    last_event_id INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    data          BLOB    NOT NULL
);

CREATE INDEX spam_snapshots_by_event ON spam_snapshots (last_event_id DESC, id DESC);
