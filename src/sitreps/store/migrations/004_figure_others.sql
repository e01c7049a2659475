-- An event may give a figure more than once: its own value, then the other values the article's
-- other mentions of the incident give (sitreps/1 `count.others`, when sources disagree). `ordinal`
-- 0 is the event's own figure, 1, 2, … the others in the record's order; nothing is lost.
CREATE TABLE figures_by_ordinal (
    event_id    TEXT NOT NULL REFERENCES events (id),
    kind        TEXT NOT NULL,           -- killed | injured
    ordinal     INTEGER NOT NULL DEFAULT 0,
    value       INTEGER NOT NULL,
    qualifier   TEXT,
    source      TEXT,                    -- the attributed source, or the outlet
    document_id TEXT NOT NULL,
    published   TEXT,
    evidence    TEXT,
    PRIMARY KEY (event_id, kind, ordinal)
);
INSERT INTO figures_by_ordinal (event_id, kind, ordinal, value, qualifier, source, document_id, published, evidence)
    SELECT event_id, kind, 0, value, qualifier, source, document_id, published, evidence FROM figures;
DROP TABLE figures;
ALTER TABLE figures_by_ordinal RENAME TO figures;
