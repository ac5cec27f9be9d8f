-- One payment per order: the provider is asked once, whatever the bus redelivers.
CREATE TABLE payments (
    id                 uuid PRIMARY KEY,
    order_id           uuid NOT NULL UNIQUE,
    customer_id        text NOT NULL,
    amount             numeric(12, 2) NOT NULL CHECK (amount >= 0),
    currency           char(3) NOT NULL,
    status             text NOT NULL CHECK (status IN ('authorized', 'declined', 'voided')),
    decline_reason     text,
    provider_reference text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);

-- Append-only: every movement of money, in order. Balances are sums over it.
CREATE TABLE ledger (
    sequence   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payment_id uuid NOT NULL REFERENCES payments (id),
    order_id   uuid NOT NULL,
    entry      text NOT NULL CHECK (entry IN ('authorization', 'decline', 'void')),
    amount     numeric(12, 2) NOT NULL,
    currency   char(3) NOT NULL,
    at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_by_order ON ledger (order_id, sequence);

-- Orders cancelled before their payment was requested: a late request for one is declined, not charged.
CREATE TABLE cancelled_orders (
    order_id     uuid PRIMARY KEY,
    cancelled_at timestamptz NOT NULL DEFAULT now()
);

-- The simulated provider's memory, outside any handler's transaction (a real provider keeps its own).
CREATE TABLE simulated_provider_calls (
    token text PRIMARY KEY,
    calls integer NOT NULL
);
