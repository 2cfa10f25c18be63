package io.edgepass.auth.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.edgepass.auth.session.Sessions.SessionView;
import io.edgepass.trust.EdgeIdentity;
import io.edgepass.trust.ProblemTypes;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SessionController {

	private final Sessions sessions;

	private final RefreshTokenRotation rotation;

	SessionController(Sessions sessions, RefreshTokenRotation rotation) {
		this.sessions = sessions;
		this.rotation = rotation;
	}

	@ApiResponse(responseCode = "200", description = "a new token pair; the old refresh token is spent",
			useReturnTypeSchema = true)
	@ApiResponse(responseCode = "400", description = "invalid input",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "401",
			description = "unknown, expired or spent refresh token; replaying a spent one revokes its whole session",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@PostMapping(path = "/auth/refresh", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<TokenResponse> refresh(@Valid @RequestBody RefreshRequest request) {
		TokenResponse tokens = this.rotation.rotate(request.refreshToken())
			.orElseThrow(InvalidRefreshTokenException::new);
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(tokens);
	}

	@ApiResponse(responseCode = "204", description = "the session is revoked")
	@ApiResponse(responseCode = "401", description = "no valid access token",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@SecurityRequirement(name = "bearer")
	@PostMapping("/auth/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void logout(@AuthenticationPrincipal EdgeIdentity identity,
			@Valid @RequestBody(required = false) LogoutRequest request) {
		parse(identity.sessionId()).ifPresent((sid) -> this.sessions.revoke(identity.userId(), sid));
		if (request != null && request.refreshToken() != null) {
			this.sessions.sessionOf(request.refreshToken())
				.ifPresent((sid) -> this.sessions.revoke(identity.userId(), sid));
		}
	}

	@ApiResponse(responseCode = "204", description = "every session of the user is revoked")
	@ApiResponse(responseCode = "401", description = "no valid access token",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@SecurityRequirement(name = "bearer")
	@PostMapping("/auth/logout-all")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void logoutAll(@AuthenticationPrincipal EdgeIdentity identity) {
		this.sessions.revokeAll(identity.userId());
	}

	@ApiResponse(responseCode = "200", description = "the user's live sessions", useReturnTypeSchema = true)
	@ApiResponse(responseCode = "401", description = "no valid access token",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@SecurityRequirement(name = "bearer")
	@GetMapping("/auth/sessions")
	List<SessionEntry> sessions(@AuthenticationPrincipal EdgeIdentity identity) {
		return this.sessions.live(identity.userId())
			.stream()
			.map((session) -> SessionEntry.of(session, identity.sessionId()))
			.toList();
	}

	@ApiResponse(responseCode = "204", description = "that session is revoked")
	@ApiResponse(responseCode = "401", description = "no valid access token",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "no such live session of the user",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@SecurityRequirement(name = "bearer")
	@DeleteMapping("/auth/sessions/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(@AuthenticationPrincipal EdgeIdentity identity, @PathVariable String id) {
		UUID sessionId = parse(id).orElseThrow(SessionController::notFound);
		if (!this.sessions.revoke(identity.userId(), sessionId)) {
			throw notFound();
		}
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
