-- Operations list every customer's latest orders.
CREATE INDEX orders_recent ON orders (created_at DESC, id DESC);
