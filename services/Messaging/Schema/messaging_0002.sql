-- The user on whose behalf an event was published (audit trails name who started a flow).
ALTER TABLE messaging.outbox ADD COLUMN actor text;
