-- Full-text search over events.search_text (PostgreSQL: a generated tsvector with a GIN index).
ALTER TABLE events ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', coalesce(search_text, ''))) STORED;
CREATE INDEX events_search ON events USING GIN (search_vector);
