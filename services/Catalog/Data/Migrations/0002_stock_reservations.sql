-- What the catalog set aside for each order, so that release and commit move exactly what was reserved, once.
CREATE TABLE stock_reservations (
    order_id   uuid PRIMARY KEY,
    status     text NOT NULL CHECK (status IN ('reserved', 'rejected', 'released', 'committed')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- No foreign key to products: a product deleted while reserved must not make its reservation unreleasable.
CREATE TABLE stock_reservation_lines (
    order_id   uuid NOT NULL REFERENCES stock_reservations (order_id) ON DELETE CASCADE,
    product_id uuid NOT NULL,
    quantity   integer NOT NULL CHECK (quantity > 0),
    unit_price numeric(12, 2) NOT NULL,
    PRIMARY KEY (order_id, product_id)
);
