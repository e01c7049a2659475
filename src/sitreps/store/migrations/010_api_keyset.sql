-- Keyset pages of the HTTP API (newest first, then by id): one index range scan per page.
-- Numbered 010 to leave 003-009 to the store's own next migrations; each version applies once.
CREATE INDEX events_day_id ON events (day_start, id);
CREATE INDEX incidents_day_id ON incidents (day_start, id);
-- A region's page in day order without sorting all its events (the dashboard's admin1 filter).
CREATE INDEX events_admin1_day_id ON events (lower(admin1), day_start, id);
