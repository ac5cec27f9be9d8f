CREATE TABLE orders (
    id                  uuid PRIMARY KEY,
    customer_id         text NOT NULL,
    status              text NOT NULL CHECK (status IN ('submitted', 'awaiting-payment', 'confirmed', 'cancelled')),
    payment_token       text NOT NULL,
    total               numeric(12, 2),
    currency            char(3),
    cancellation_reason text,
    -- When the step the saga waits on times out; null once the order is final.
    deadline            timestamptz,
    idempotency_key     text NOT NULL,
    request_hash        bytea NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (customer_id, idempotency_key)
);
CREATE INDEX orders_by_customer ON orders (customer_id, created_at DESC, id DESC);
CREATE INDEX orders_by_deadline ON orders (deadline) WHERE deadline IS NOT NULL;

CREATE TABLE order_lines (
    order_id   uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id uuid NOT NULL,
    quantity   integer NOT NULL CHECK (quantity > 0),
    name       text,
    unit_price numeric(12, 2),
    PRIMARY KEY (order_id, product_id)
);

-- Every step of the saga, in order: what the order resource shows as its history.
CREATE TABLE order_history (
    order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    sequence integer NOT NULL,
    step     text NOT NULL,
    status   text NOT NULL,
    detail   text,
    at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id, sequence)
);
