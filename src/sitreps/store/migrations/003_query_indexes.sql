-- Indexes that serve "newest first" pages for each filter: the filter column, then the day.
-- They replace the single-column ones, with which a filter matching many rows had to sort them all.
DROP INDEX events_admin1;
DROP INDEX events_plover;
DROP INDEX events_acled_type;
DROP INDEX events_acled_subtype;
CREATE INDEX events_admin1_day ON events (lower(admin1), day_start, id);
CREATE INDEX events_plover_day ON events (plover, day_start, id);
CREATE INDEX events_acled_type_day ON events (lower(acled_type), day_start, id);
CREATE INDEX events_acled_subtype_day ON events (lower(acled_subtype), day_start, id);
DROP INDEX incidents_admin1;
CREATE INDEX incidents_admin1_day ON incidents (lower(admin1), day_start, id);
