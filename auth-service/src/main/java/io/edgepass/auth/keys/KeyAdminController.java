package io.edgepass.auth.keys;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class KeyAdminController {

	private final KeyRotation rotation;

	KeyAdminController(KeyRotation rotation) {
		this.rotation = rotation;
	}

	@ApiResponse(responseCode = "200",
			description = "a new signing key is active; older keys stay published until every token they signed has expired",
			useReturnTypeSchema = true)
	@ApiResponse(responseCode = "401", description = "no valid access token",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "403", description = "not an administrator",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@SecurityRequirement(name = "bearer")
	@PostMapping("/auth/admin/keys/rotate")
	Rotated rotate() {
		return new Rotated(this.rotation.rotate());
	}

	record Rotated(String kid) {
	}

}
