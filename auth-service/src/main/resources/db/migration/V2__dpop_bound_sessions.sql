-- The RFC 7638 thumbprint (base64url SHA-256) of the DPoP key a session's refresh tokens are
-- bound to; NULL for a session started without a DPoP proof.
ALTER TABLE sessions ADD COLUMN dpop_jkt varchar(64);
