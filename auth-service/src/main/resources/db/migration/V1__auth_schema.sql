CREATE TABLE users (
    id            uuid PRIMARY KEY,
    username      varchar(64)  NOT NULL,
    password_hash varchar(255) NOT NULL,
    email         varchar(254),
    display_name  varchar(100),
    admin         boolean      NOT NULL DEFAULT false,
    disabled      boolean      NOT NULL DEFAULT false,
    created_at    timestamptz  NOT NULL DEFAULT now()
);
-- Names are stored lower-case; the index on lower() also guards any writer that forgets.
CREATE UNIQUE INDEX users_username_key ON users (lower(username));

-- Failed logins per (lower-cased) username of an existing account.
CREATE TABLE login_failures (
    username     varchar(64) PRIMARY KEY,
    failures     integer     NOT NULL,
    lockouts     integer     NOT NULL DEFAULT 0,
    locked_until timestamptz
);

CREATE TABLE signing_keys (
    kid           varchar(64) PRIMARY KEY,
    algorithm     varchar(16) NOT NULL,
    state         varchar(8)  NOT NULL CHECK (state IN ('NEXT', 'ACTIVE', 'RETIRED')),
    public_jwk    text        NOT NULL,
    -- AES-GCM (12-byte nonce || ciphertext+tag) of the private JWK, the kid as associated data.
    private_jwk   bytea       NOT NULL,
    created_at    timestamptz NOT NULL,
    activated_at  timestamptz,
    publish_until timestamptz
);
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys ((true)) WHERE state = 'ACTIVE';
CREATE UNIQUE INDEX signing_keys_one_next ON signing_keys ((true)) WHERE state = 'NEXT';

-- A login session: the refresh-token family, the access tokens' sid.
CREATE TABLE sessions (
    id              uuid PRIMARY KEY,
    user_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    user_agent      varchar(256),
    created_at      timestamptz NOT NULL,
    last_used_at    timestamptz NOT NULL,
    idle_expires_at timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    revoked_at      timestamptz
);
CREATE INDEX sessions_user_id ON sessions (user_id);

CREATE TABLE refresh_tokens (
    hash       bytea PRIMARY KEY, -- SHA-256 of the token; the token itself is never stored
    session_id uuid        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX refresh_tokens_session_id ON refresh_tokens (session_id);

-- The gateway's revocation feed; ids grow in commit order (inserts take an advisory lock).
CREATE TABLE revocations (
    id         bigserial PRIMARY KEY,
    kind       varchar(8)  NOT NULL CHECK (kind IN ('SESSION', 'USER', 'TOKEN')),
    value      varchar(64) NOT NULL,
    not_before timestamptz,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX revocations_expires_at ON revocations (expires_at);
