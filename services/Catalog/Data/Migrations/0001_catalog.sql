CREATE TABLE categories (
    id   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name text NOT NULL
);

CREATE TABLE products (
    id          uuid PRIMARY KEY,
    sku         text NOT NULL UNIQUE,
    name        text COLLATE "C" NOT NULL, -- the same order on every server, whatever its locale
    description text NOT NULL DEFAULT '',
    price       numeric(12, 2) NOT NULL CHECK (price >= 0),
    currency    char(3) NOT NULL,
    category_id integer NOT NULL REFERENCES categories (id),
    image_url   text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     integer NOT NULL DEFAULT 1,
    search      tsvector GENERATED ALWAYS AS (to_tsvector('simple', name || ' ' || description)) STORED
);

-- Keyset paging: every sort order ends in id, so a cursor names exactly one position.
CREATE INDEX products_by_name ON products (name, id);
CREATE INDEX products_by_price ON products (price, id);
CREATE INDEX products_by_category_name ON products (category_id, name, id);
CREATE INDEX products_by_category_price ON products (category_id, price, id);
CREATE INDEX products_search ON products USING gin (search);

CREATE TABLE stock (
    product_id uuid PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
    available  integer NOT NULL CHECK (available >= 0),
    reserved   integer NOT NULL DEFAULT 0 CHECK (reserved >= 0)
);
