package io.edgepass.auth.login;

import io.edgepass.auth.dpop.DPoPProofs;
import io.edgepass.auth.password.ValidPassword;
import io.edgepass.auth.session.IssuedTokens;
import io.edgepass.auth.session.RefreshTokenCookie;
import io.edgepass.auth.session.TokenResponse;
import io.edgepass.auth.user.ValidUsername;
import io.edgepass.trust.dpop.DPoPProofVerifier;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class LoginController {

	private final Login login;

	private final DPoPProofs proofs;

	LoginController(Login login, DPoPProofs proofs) {
		this.login = login;
		this.proofs = proofs;
	}

	@ApiResponse(responseCode = "200",
			description = "an access token and a refresh token; with X-Refresh-Token-Delivery: cookie the refresh "
					+ "token is in the edgepass_refresh cookie instead of the body; with a DPoP proof both are "
					+ "bound to its key and token_type is DPoP",
			useReturnTypeSchema = true,
			headers = @Header(name = HttpHeaders.SET_COOKIE,
					description = "edgepass_refresh=…; HttpOnly; Secure; SameSite=Strict; Path=/auth; Max-Age=…, in cookie mode only"))
	@ApiResponse(responseCode = "400", description = "invalid input, or an invalid DPoP proof (invalid-dpop-proof)")
	@ApiResponse(responseCode = "401",
			description = "unknown user, wrong password, locked or disabled account: one identical answer")
	@ApiResponse(responseCode = "403",
			description = "a browser Origin that is neither the gateway's own nor a configured CORS origin (refused at the gateway)")
	@ApiResponse(responseCode = "429", description = "too many attempts; see Retry-After")
	@ApiResponse(responseCode = "503",
			description = "too many DPoP proofs to check this one for replay; see Retry-After")
	@Parameter(name = DPoPProofVerifier.HEADER, in = ParameterIn.HEADER, schema = @Schema(type = "string"),
			description = "a DPoP proof (RFC 9449) for POST {issuer}/auth/login, without ath: binds the tokens to its key")
	@PostMapping(path = "/auth/login", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<TokenResponse> login(@Valid @RequestBody LoginRequest request, HttpServletRequest http,
			@RequestHeader(name = HttpHeaders.USER_AGENT, required = false) String userAgent,
			@Parameter(
					description = "cookie: deliver the refresh token in an HttpOnly cookie, not the body") @RequestHeader(
							name = RefreshTokenCookie.DELIVERY_HEADER, required = false) String delivery) {
		boolean cookie = RefreshTokenCookie.requested(delivery);
		// Before the password hash: a bad proof is refused at no cost.
		String jkt = this.proofs.keyOf(http, "/auth/login");
		IssuedTokens tokens = this.login.login(request.username(), request.password(), userAgent, jkt);
		return RefreshTokenCookie.answer(tokens, cookie);
	}

	record LoginRequest(@ValidUsername String username, @ValidPassword String password) {
	}

}
