CREATE TABLE orders (
    id          uuid           PRIMARY KEY,
    owner_id    uuid           NOT NULL,
    status      varchar(16)    NOT NULL CHECK (status IN ('PLACED', 'CANCELLED')),
    currency    varchar(3)     NOT NULL,
    total       numeric(14, 2) NOT NULL,
    created_at  timestamptz    NOT NULL,
    updated_at  timestamptz    NOT NULL,
    version     bigint         NOT NULL
);

CREATE INDEX orders_owner_newest ON orders (owner_id, created_at DESC, id DESC);
CREATE INDEX orders_newest ON orders (created_at DESC, id DESC);

CREATE TABLE order_items (
    order_id    uuid          NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no     integer       NOT NULL,
    sku         varchar(32)   NOT NULL,
    quantity    integer       NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
    unit_price  numeric(9, 2) NOT NULL CHECK (unit_price BETWEEN 0 AND 1000000),
    PRIMARY KEY (order_id, line_no)
);

-- One row per (owner, key), committed in the same transaction as the order it created.
CREATE TABLE idempotency_keys (
    owner_id         uuid         NOT NULL,
    idempotency_key  varchar(255) NOT NULL,
    request_hash     varchar(64)  NOT NULL,
    order_id         uuid         NOT NULL,
    created_at       timestamptz  NOT NULL,
    PRIMARY KEY (owner_id, idempotency_key)
);

CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
