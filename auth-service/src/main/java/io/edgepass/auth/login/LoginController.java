package io.edgepass.auth.login;

import io.edgepass.auth.password.ValidPassword;
import io.edgepass.auth.session.TokenResponse;
import io.edgepass.auth.user.ValidUsername;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class LoginController {

	private final Login login;

	LoginController(Login login) {
		this.login = login;
	}

	@ApiResponse(responseCode = "200", description = "an access token and a refresh token", useReturnTypeSchema = true)
	@ApiResponse(responseCode = "400", description = "invalid input",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "401",
			description = "unknown user, wrong password, locked or disabled account: one identical answer",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "429", description = "too many attempts; see Retry-After",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@PostMapping(path = "/auth/login", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<TokenResponse> login(@Valid @RequestBody LoginRequest request,
			@RequestHeader(name = HttpHeaders.USER_AGENT, required = false) String userAgent) {
		TokenResponse tokens = this.login.login(request.username(), request.password(), userAgent);
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(tokens);
	}

	record LoginRequest(@ValidUsername String username, @ValidPassword String password) {
	}

}
