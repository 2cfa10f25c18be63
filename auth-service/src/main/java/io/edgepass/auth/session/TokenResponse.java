package io.edgepass.auth.session;

import com.fasterxml.jackson.annotation.JsonProperty;

/** RFC 6749 §5.1's token response, plus the refresh token's lifetime. */
public record TokenResponse(@JsonProperty("access_token") String accessToken,
		@JsonProperty("token_type") String tokenType, @JsonProperty("expires_in") long expiresIn,
		@JsonProperty("refresh_token") String refreshToken, @JsonProperty("refresh_expires_in") long refreshExpiresIn,
		String scope) {
}
