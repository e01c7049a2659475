-- Keyset pages of the HTTP API (newest first, then by id) with no filter or one without its own
-- (filter, day, id) index (003 has those): one index range scan per page.
-- Numbered 010 to leave 004-009 to the store's own next migrations; each version applies once.
CREATE INDEX events_day_id ON events (day_start, id);
CREATE INDEX incidents_day_id ON incidents (day_start, id);
