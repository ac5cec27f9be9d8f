-- Every clickstream event and every purchased order line, as received: the source of truth the aggregates are
-- computed from and rebuilt from. One partition per day, created ahead of the events (ArchivePartitions).
-- The key holds occurred_at because a partitioned table's unique keys must: a client retrying a batch resends the
-- same id and time, and the retry is not counted twice.
CREATE TABLE raw_events (
    event_id     uuid NOT NULL,
    occurred_at  timestamptz NOT NULL,
    kind         smallint NOT NULL,         -- 1 viewed, 2 added to cart, 3 searched, 4 purchased
    session_id   text NOT NULL,
    user_id      text,
    visitor      text NOT NULL,             -- the user when known, else the session: what the funnel follows
    product_id   uuid,
    quantity     integer NOT NULL,
    search_query text,
    properties   jsonb,
    archived_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, occurred_at)
) PARTITION BY RANGE (occurred_at);

-- Where a batch lands by binary COPY before it is merged into raw_events without duplicates; rows live for one
-- transaction. Unlogged: they are never needed after a crash.
CREATE UNLOGGED TABLE raw_events_staging (
    batch_id     uuid NOT NULL,
    event_id     uuid NOT NULL,
    occurred_at  timestamptz NOT NULL,
    kind         smallint NOT NULL,
    session_id   text NOT NULL,
    user_id      text,
    visitor      text NOT NULL,
    product_id   uuid,
    quantity     integer NOT NULL,
    search_query text,
    properties   jsonb
);
CREATE INDEX raw_events_staging_batch ON raw_events_staging (batch_id);

-- One-minute tumbling windows per product. Views count events; carts and purchases count units.
CREATE TABLE product_minutes (
    window_start timestamptz NOT NULL,
    product_id   uuid NOT NULL,
    views        bigint NOT NULL DEFAULT 0,
    carts        bigint NOT NULL DEFAULT 0,
    purchases    bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (window_start, product_id)
);
CREATE INDEX product_minutes_product ON product_minutes (product_id, window_start);

-- The funnel stages each visitor reached in a window, as bits: 1 viewed, 2 added to cart, 4 purchased.
CREATE TABLE visitor_minutes (
    window_start timestamptz NOT NULL,
    visitor      text NOT NULL,
    stages       smallint NOT NULL,
    PRIMARY KEY (window_start, visitor)
);

-- Every integration event on the bus, as it was published. Append-only: the trigger refuses updates, deletes and
-- truncation to everyone who connects through the application's role.
CREATE TABLE audit_log (
    position       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id       uuid NOT NULL UNIQUE,
    event_type     text NOT NULL,
    entity         text NOT NULL,
    actor          text,
    occurred_at    timestamptz NOT NULL,
    recorded_at    timestamptz NOT NULL DEFAULT now(),
    correlation_id uuid NOT NULL,
    causation_id   uuid,
    trace_id       text,
    payload        jsonb NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity, occurred_at, position);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
