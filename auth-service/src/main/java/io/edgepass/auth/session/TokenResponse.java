package io.edgepass.auth.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * RFC 6749 §5.1's token response, plus the refresh token's lifetime. The refresh token is
 * left out when it travels in the cookie instead.
 */
public record TokenResponse(@JsonProperty("access_token") String accessToken,
		@JsonProperty("token_type") String tokenType, @JsonProperty("expires_in") long expiresIn,
		@JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("refresh_token") String refreshToken,
		@JsonProperty("refresh_expires_in") long refreshExpiresIn, String scope) {

	TokenResponse withoutRefreshToken() {
		return new TokenResponse(this.accessToken, this.tokenType, this.expiresIn, null, this.refreshExpiresIn,
				this.scope);
	}

}
