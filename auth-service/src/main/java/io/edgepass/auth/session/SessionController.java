package io.edgepass.auth.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.edgepass.auth.dpop.DPoPProofs;
import io.edgepass.auth.session.Sessions.SessionView;
import io.edgepass.trust.EdgeIdentity;
import io.edgepass.trust.ProblemTypes;
import io.edgepass.trust.dpop.DPoPProofVerifier;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SessionController {

	private static final String CLEARED_COOKIE = "edgepass_refresh=; HttpOnly; Secure; SameSite=Strict; Path=/auth; Max-Age=0";

	private final Sessions sessions;

	private final RefreshTokenRotation rotation;

	private final DPoPProofs proofs;

	SessionController(Sessions sessions, RefreshTokenRotation rotation, DPoPProofs proofs) {
		this.sessions = sessions;
		this.rotation = rotation;
		this.proofs = proofs;
	}

	@ApiResponse(responseCode = "200",
			description = "a new token pair; the old refresh token is spent. With X-Refresh-Token-Delivery: cookie "
					+ "the new refresh token is in the edgepass_refresh cookie instead of the body. With a DPoP "
					+ "proof the access token is bound to its key and token_type is DPoP",
			useReturnTypeSchema = true,
			headers = @Header(name = HttpHeaders.SET_COOKIE,
					description = "edgepass_refresh=…; HttpOnly; Secure; SameSite=Strict; Path=/auth; Max-Age=…, in cookie mode only"))
	@ApiResponse(responseCode = "400",
			description = "invalid input, or an invalid DPoP proof (invalid-dpop-proof), or none or another key's "
					+ "for a session bound to a key: then nothing is spent")
	@ApiResponse(responseCode = "401",
			description = "unknown, expired, spent or missing refresh token (the cookie counts only with "
					+ "X-Refresh-Token-Delivery: cookie); replaying a spent one revokes its whole session")
	@ApiResponse(responseCode = "403",
			description = "a browser Origin that is neither the gateway's own nor a configured CORS origin (refused at the gateway)")
	@ApiResponse(responseCode = "503",
			description = "too many DPoP proofs to check this one for replay; see Retry-After")
	@Parameter(name = DPoPProofVerifier.HEADER, in = ParameterIn.HEADER, schema = @Schema(type = "string"),
			description = "a DPoP proof (RFC 9449) for POST {issuer}/auth/refresh, without ath; required for a session "
					+ "bound to a key, with that key")
	@PostMapping(path = "/auth/refresh", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<TokenResponse> refresh(@Valid @RequestBody(required = false) RefreshRequest request,
			HttpServletRequest http,
			@Parameter(description = "cookie: take the refresh token from the cookie when there is no body, "
					+ "and deliver the new one in the cookie") @RequestHeader(name = RefreshTokenCookie.DELIVERY_HEADER,
							required = false) String delivery,
			@Parameter(
					description = "the refresh token, used only with X-Refresh-Token-Delivery: cookie and no body") @CookieValue(
							name = RefreshTokenCookie.NAME, required = false) String cookie) {
		boolean cookieMode = RefreshTokenCookie.requested(delivery);
		String refreshToken;
		if (request != null) {
			refreshToken = request.refreshToken();
		}
		else if (cookieMode || cookie != null) {
			// Without the header a cookie proves nothing: a cross-site request could have
			// sent it.
			refreshToken = cookieMode ? cookie : null;
		}
		else {
			throw missingBody();
		}
		if (refreshToken == null || refreshToken.isBlank() || refreshToken.length() > 512) {
			throw new InvalidRefreshTokenException();
		}
		String jkt = this.proofs.keyOf(http, "/auth/refresh");
		IssuedTokens tokens = this.rotation.rotate(refreshToken, jkt).orElseThrow(InvalidRefreshTokenException::new);
		return RefreshTokenCookie.answer(tokens, cookieMode);
	}

	@ApiResponse(responseCode = "204", description = "the session is revoked; the refresh cookie is cleared",
			headers = @Header(name = HttpHeaders.SET_COOKIE, description = CLEARED_COOKIE))
	@ApiResponse(responseCode = "401", description = "no valid access token")
	@SecurityRequirement(name = "bearer")
	@PostMapping("/auth/logout")
	ResponseEntity<Void> logout(@AuthenticationPrincipal EdgeIdentity identity,
			@Valid @RequestBody(required = false) LogoutRequest request,
			@Parameter(description = "the refresh token of cookie mode; its session is revoked too") @CookieValue(
					name = RefreshTokenCookie.NAME, required = false) String cookie) {
		parse(identity.sessionId()).ifPresent((sid) -> this.sessions.revoke(identity.userId(), sid));
		if (request != null && request.refreshToken() != null) {
			revokeSessionOf(identity, request.refreshToken());
		}
		if (cookie != null && !cookie.isBlank() && cookie.length() <= 512) {
			revokeSessionOf(identity, cookie);
		}
		return cookieCleared();
	}

	private void revokeSessionOf(EdgeIdentity identity, String refreshToken) {
		this.sessions.sessionOf(refreshToken).ifPresent((sid) -> this.sessions.revoke(identity.userId(), sid));
	}

	@ApiResponse(responseCode = "204",
			description = "every session of the user is revoked; the refresh cookie is cleared",
			headers = @Header(name = HttpHeaders.SET_COOKIE, description = CLEARED_COOKIE))
	@ApiResponse(responseCode = "401", description = "no valid access token")
	@SecurityRequirement(name = "bearer")
	@PostMapping("/auth/logout-all")
	ResponseEntity<Void> logoutAll(@AuthenticationPrincipal EdgeIdentity identity) {
		this.sessions.revokeAll(identity.userId());
		return cookieCleared();
	}

	@ApiResponse(responseCode = "200", description = "the user's live sessions", useReturnTypeSchema = true)
	@ApiResponse(responseCode = "401", description = "no valid access token")
	@SecurityRequirement(name = "bearer")
	@GetMapping("/auth/sessions")
	List<SessionEntry> sessions(@AuthenticationPrincipal EdgeIdentity identity) {
		return this.sessions.live(identity.userId())
			.stream()
			.map((session) -> SessionEntry.of(session, identity.sessionId()))
			.toList();
	}

	@ApiResponse(responseCode = "204",
			description = "that session is revoked; when it is the caller's own, the refresh cookie is cleared",
			headers = @Header(name = HttpHeaders.SET_COOKIE, description = CLEARED_COOKIE))
	@ApiResponse(responseCode = "401", description = "no valid access token")
	@ApiResponse(responseCode = "404", description = "no such live session of the user")
	@SecurityRequirement(name = "bearer")
	@DeleteMapping("/auth/sessions/{id}")
	ResponseEntity<Void> revoke(@AuthenticationPrincipal EdgeIdentity identity, @PathVariable String id) {
		UUID sessionId = parse(id).orElseThrow(SessionController::notFound);
		if (!this.sessions.revoke(identity.userId(), sessionId)) {
			throw notFound();
		}
		return sessionId.toString().equals(identity.sessionId()) ? cookieCleared() : ResponseEntity.noContent().build();
	}

	private static ResponseEntity<Void> cookieCleared() {
		return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, RefreshTokenCookie.cleared()).build();
	}

	private static ErrorResponseException missingBody() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request needs a body with refresh_token.");
		problem.setType(ProblemTypes.INVALID_REQUEST);
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

	private static Optional<UUID> parse(String id) {
		try {
			return Optional.of(UUID.fromString(id));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return Optional.empty();
		}
	}

	private static ErrorResponseException notFound() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such live session.");
		problem.setType(ProblemTypes.NOT_FOUND);
		return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
	}

	record RefreshRequest(@JsonProperty("refresh_token") @NotBlank @Size(max = 512) String refreshToken) {
	}

	record LogoutRequest(@JsonProperty("refresh_token") @Size(max = 512) String refreshToken) {
	}

	record SessionEntry(UUID id, Instant createdAt, Instant lastUsedAt, String userAgent, boolean current) {

		static SessionEntry of(SessionView session, String currentSessionId) {
			return new SessionEntry(session.id(), session.createdAt(), session.lastUsedAt(), session.userAgent(),
					session.id().toString().equals(currentSessionId));
		}

	}

}
