-- Full-text search over events.search_text (SQLite: an FTS5 index kept in step by triggers).
CREATE VIRTUAL TABLE events_fts USING fts5 (search_text, content='events', content_rowid='rowid');
CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
    INSERT INTO events_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
    INSERT INTO events_fts (events_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
