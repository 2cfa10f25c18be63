package io.edgepass.auth.token;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.edgepass.auth.dpop.DPoPProofRefusedException;
import io.edgepass.auth.dpop.DPoPProofs;
import io.edgepass.auth.login.Login;
import io.edgepass.auth.login.LoginFailedException;
import io.edgepass.auth.password.ValidPassword;
import io.edgepass.auth.session.RefreshTokenRotation;
import io.edgepass.auth.session.TokenResponse;
import io.edgepass.auth.user.ValidUsername;
import io.edgepass.trust.dpop.DPoPProofVerifier;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validator;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The RFC 6749 token endpoint the metadata advertises: the password and refresh-token
 * grants as a form, answered as §5.1 and §5.2 say, beside the JSON endpoints and through
 * the same login and rotation. The only client is the public one, {@code client_id}
 * {@code edgepass} by default: it does not authenticate, and sending any other
 * {@code client_id} is {@code invalid_client}. A requested {@code scope} is not honoured
 * beyond the account's own; the answer always says which scope was granted (§3.3).
 */
@RestController
class TokenEndpointController {

	private static final int MAX_REFRESH_TOKEN_LENGTH = 512;

	private final Login login;

	private final RefreshTokenRotation rotation;

	private final DPoPProofs proofs;

	private final Validator validator;

	private final String clientId;

	TokenEndpointController(Login login, RefreshTokenRotation rotation, DPoPProofs proofs, Validator validator,
			TokenProperties properties) {
		this.login = login;
		this.rotation = rotation;
		this.proofs = proofs;
		this.validator = validator;
		this.clientId = properties.clientId();
	}

	@ApiResponse(responseCode = "200",
			description = "an access token and a refresh token (RFC 6749 §5.1); with a DPoP proof bound to its key, "
					+ "token_type DPoP (RFC 9449 §5)",
			useReturnTypeSchema = true)
	@ApiResponse(responseCode = "400",
			description = "invalid_request, invalid_grant (wrong credentials, unknown, expired or spent refresh token), "
					+ "unsupported_grant_type (RFC 6749 §5.2) or invalid_dpop_proof (RFC 9449 §5)",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = TokenError.class)))
	@ApiResponse(responseCode = "401", description = "invalid_client: a client_id other than the public client's",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = TokenError.class)))
	@ApiResponse(responseCode = "429", description = "too many sign-ins being processed; see Retry-After")
	@ApiResponse(responseCode = "503",
			description = "too many DPoP proofs to check this one for replay; see Retry-After")
	@Parameter(name = DPoPProofVerifier.HEADER, in = ParameterIn.HEADER, schema = @Schema(type = "string"),
			description = "a DPoP proof (RFC 9449) for POST {issuer}/auth/token, without ath: binds the tokens to its "
					+ "key; required to refresh a session bound to a key, with that key")
	@PostMapping(path = "/auth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> token(@RequestParam MultiValueMap<String, String> form, HttpServletRequest http,
			@RequestHeader(name = HttpHeaders.USER_AGENT, required = false) String userAgent) {
		Optional<String> repeated = form.entrySet()
			.stream()
			.filter((parameter) -> parameter.getValue().size() > 1)
			.map(Map.Entry::getKey)
			.findFirst();
		if (repeated.isPresent()) {
			return error(TokenError.invalidRequest("The parameter " + repeated.get() + " is repeated."));
		}
		String requestedClient = form.getFirst("client_id");
		if (requestedClient != null && !requestedClient.equals(this.clientId)) {
			return error(new TokenError("invalid_client", "Unknown client."));
		}
		String grantType = form.getFirst("grant_type");
		if (grantType == null || grantType.isEmpty()) {
			return error(TokenError.invalidRequest("The grant_type parameter is missing."));
		}
		try {
			return switch (grantType) {
				case "password" -> password(form.getFirst("username"), form.getFirst("password"), userAgent, http);
				case "refresh_token" -> refresh(form.getFirst("refresh_token"), http);
				default -> error(new TokenError("unsupported_grant_type", "Supported: password, refresh_token."));
			};
		}
		catch (DPoPProofRefusedException ex) {
			return error(new TokenError("invalid_dpop_proof", "The DPoP proof is not valid."));
		}
	}

	private ResponseEntity<?> password(String username, String password, String userAgent, HttpServletRequest http) {
		if (!this.validator.validate(new PasswordGrant(username, password)).isEmpty()) {
			return error(TokenError.invalidRequest(
					"username must be 3 to 64 characters of a-z, 0-9, '.', '_' or '-', password 8 to 128 characters."));
		}
		// Before the password hash: a bad proof is refused at no cost.
		String jkt = this.proofs.keyOf(http, "/auth/token");
		try {
			return tokens(this.login.login(username, password, userAgent, jkt).body());
		}
		catch (LoginFailedException ex) {
			return error(TokenError.invalidGrant("The username or password is not correct."));
		}
	}

	private ResponseEntity<?> refresh(String refreshToken, HttpServletRequest http) {
		if (refreshToken == null || refreshToken.isBlank() || refreshToken.length() > MAX_REFRESH_TOKEN_LENGTH) {
			return error(TokenError.invalidRequest("The refresh_token parameter is missing or too long."));
		}
		String jkt = this.proofs.keyOf(http, "/auth/token");
		return this.rotation.rotate(refreshToken, jkt)
			.<ResponseEntity<?>>map((issued) -> tokens(issued.body()))
			.orElseGet(() -> error(TokenError.invalidGrant("The refresh token is not valid.")));
	}

	private static ResponseEntity<TokenResponse> tokens(TokenResponse tokens) {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.PRAGMA, "no-cache")
			.body(tokens);
	}

	private static ResponseEntity<TokenError> error(TokenError error) {
		HttpStatus status = error.error().equals("invalid_client") ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST;
		return ResponseEntity.status(status)
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.PRAGMA, "no-cache")
			.contentType(MediaType.APPLICATION_JSON)
			.body(error);
	}

	record PasswordGrant(@ValidUsername String username, @ValidPassword String password) {
	}

	/** RFC 6749 §5.2's error response. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record TokenError(String error, @JsonProperty("error_description") String errorDescription) {

		static TokenError invalidRequest(String description) {
			return new TokenError("invalid_request", description);
		}

		static TokenError invalidGrant(String description) {
			return new TokenError("invalid_grant", description);
		}

	}

}
