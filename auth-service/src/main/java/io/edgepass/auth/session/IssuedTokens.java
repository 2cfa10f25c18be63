package io.edgepass.auth.session;

/**
 * A new token pair and how long its session can last at most, which bounds the refresh
 * cookie's lifetime.
 *
 * @param body the token response
 * @param sessionExpiresIn seconds until the session's absolute expiry
 */
public record IssuedTokens(TokenResponse body, long sessionExpiresIn) {
}
