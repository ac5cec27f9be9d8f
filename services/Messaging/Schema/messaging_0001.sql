CREATE SCHEMA messaging;

-- Events written in the producer's own transaction, relayed to Redis Streams in position order.
CREATE TABLE messaging.outbox (
    position        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        uuid NOT NULL UNIQUE,
    stream          text NOT NULL,
    event_type      text NOT NULL,
    subject         text NOT NULL,
    occurred_at     timestamptz NOT NULL,
    correlation_id  uuid NOT NULL,
    causation_id    uuid,
    trace_parent    text,
    trace_state     text,
    payload         text NOT NULL,
    published_at    timestamptz,
    stream_entry_id text
);
CREATE INDEX outbox_unpublished ON messaging.outbox (position) WHERE published_at IS NULL;
CREATE INDEX outbox_published ON messaging.outbox (published_at) WHERE published_at IS NOT NULL;

-- One row per event a consumer group has handled, written with the handler's effect: a redelivery finds it and stops.
CREATE TABLE messaging.inbox (
    consumer_group  text NOT NULL,
    event_id        uuid NOT NULL,
    stream_entry_id text NOT NULL,
    handled_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, event_id)
);
CREATE INDEX inbox_handled ON messaging.inbox (handled_at);

-- Failed attempts survive the handler's rolled-back transaction, so retries are counted across consumers and restarts.
CREATE TABLE messaging.failures (
    consumer_group text NOT NULL,
    event_id       uuid NOT NULL,
    attempts       integer NOT NULL,
    last_error     text NOT NULL,
    last_failed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, event_id)
);
