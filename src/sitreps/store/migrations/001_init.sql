-- The store's tables. Written in the SQL that SQLite and PostgreSQL share, so the schema is the
-- same on both; dates are ISO text ('2024-06-01'), JSON is text.

CREATE TABLE documents (
    id          TEXT PRIMARY KEY,        -- the id given on input, or the SHA-256 of the text
    content_hash TEXT NOT NULL,          -- SHA-256 of the text
    input       TEXT,                    -- the path, URL or feed it came from
    title       TEXT,
    url         TEXT,
    source      TEXT,
    published   TEXT,
    language    TEXT,
    text        TEXT NOT NULL,
    record      TEXT NOT NULL,           -- the sitreps/1 record as JSON, without the text
    warnings    TEXT,
    ingested    TEXT NOT NULL
);
CREATE INDEX documents_content_hash ON documents (content_hash);
CREATE INDEX documents_published ON documents (published);

CREATE TABLE events (
    id          TEXT PRIMARY KEY,        -- '<document id>#e1'
    document_id TEXT NOT NULL REFERENCES documents (id),
    ord         INTEGER NOT NULL,        -- salience order within the document (0 = main incident)
    day_start   TEXT,
    day_end     TEXT,
    date_precision TEXT,
    country     TEXT,
    admin1      TEXT,
    admin2      TEXT,
    location    TEXT,
    lat         DOUBLE PRECISION,
    lon         DOUBLE PRECISION,
    geo_precision TEXT,
    plover      TEXT NOT NULL,
    acled_type  TEXT,
    acled_subtype TEXT,
    actor1      TEXT,                    -- first initiator
    actor2      TEXT,                    -- first target
    actors      TEXT,                    -- every actor name, '; '-joined (for --actor)
    fatalities  INTEGER,
    injured     INTEGER,
    confidence  DOUBLE PRECISION,
    summary     TEXT,
    search_text TEXT,                    -- what --search looks in: summary, actors, place, title
    published   TEXT,
    data        TEXT NOT NULL,           -- the sitreps/1 event as JSON
    fingerprint TEXT NOT NULL            -- the merge fingerprint as JSON
);
CREATE INDEX events_document ON events (document_id);
CREATE INDEX events_day ON events (day_start, id);
CREATE INDEX events_country_day ON events (country, day_start, id);
CREATE INDEX events_admin1 ON events (lower(admin1));
CREATE INDEX events_latlon ON events (lat, lon);
CREATE INDEX events_plover ON events (plover);
CREATE INDEX events_acled_type ON events (lower(acled_type));
CREATE INDEX events_acled_subtype ON events (lower(acled_subtype));
CREATE INDEX events_fatalities ON events (fatalities);

-- Merge candidates: events that share a block key are compared, never all pairs.
CREATE TABLE block_keys (
    key         TEXT NOT NULL,
    event_id    TEXT NOT NULL REFERENCES events (id),
    PRIMARY KEY (key, event_id)
);
CREATE INDEX block_keys_event ON block_keys (event_id);

CREATE TABLE incidents (
    id          TEXT PRIMARY KEY,        -- deterministic: from its members (sitreps.merge.incident_id)
    day_start   TEXT,
    day_end     TEXT,
    country     TEXT,
    admin1      TEXT,
    location    TEXT,
    lat         DOUBLE PRECISION,
    lon         DOUBLE PRECISION,
    plover      TEXT,
    acled_type  TEXT,
    acled_subtype TEXT,
    actors      TEXT,
    summary     TEXT,
    killed_low  INTEGER, killed_best INTEGER, killed_high INTEGER,
    injured_low INTEGER, injured_best INTEGER, injured_high INTEGER,
    n_reports   INTEGER NOT NULL,
    n_documents INTEGER NOT NULL,
    figures     TEXT NOT NULL,           -- sitreps.merge.incident_figures(...) as JSON
    updated     TEXT NOT NULL
);
CREATE INDEX incidents_day ON incidents (day_start, id);
CREATE INDEX incidents_country_day ON incidents (country, day_start, id);
CREATE INDEX incidents_killed ON incidents (killed_best);
CREATE INDEX incidents_admin1 ON incidents (lower(admin1));

CREATE TABLE incident_events (
    event_id    TEXT PRIMARY KEY REFERENCES events (id),
    incident_id TEXT NOT NULL
);
CREATE INDEX incident_events_incident ON incident_events (incident_id);

-- Every figure an event reports, with who said it and when it was published.
CREATE TABLE figures (
    event_id    TEXT NOT NULL REFERENCES events (id),
    kind        TEXT NOT NULL,           -- killed | injured
    value       INTEGER NOT NULL,
    qualifier   TEXT,
    source      TEXT,                    -- the attributed source, or the outlet
    document_id TEXT NOT NULL,
    published   TEXT,
    evidence    TEXT,
    PRIMARY KEY (event_id, kind)
);

-- A document or an input that could not be processed: the run goes on, nothing is dropped silently.
CREATE TABLE failures (
    id          TEXT PRIMARY KEY,        -- hash of (input, document id, stage, code): a rerun does not double it
    input       TEXT NOT NULL,
    document_id TEXT,
    stage       TEXT NOT NULL,
    code        TEXT NOT NULL,
    message     TEXT NOT NULL,
    time        TEXT NOT NULL
);
CREATE INDEX failures_document ON failures (document_id);
