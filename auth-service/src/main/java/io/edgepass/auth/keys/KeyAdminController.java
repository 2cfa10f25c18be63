package io.edgepass.auth.keys;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class KeyAdminController {

	private final KeyRotation rotation;

	private final SigningKeys signingKeys;

	KeyAdminController(KeyRotation rotation, SigningKeys signingKeys) {
		this.rotation = rotation;
		this.signingKeys = signingKeys;
	}

	@ApiResponse(responseCode = "200",
			description = "a new signing key is active; older keys stay published until every token they signed has expired",
			useReturnTypeSchema = true)
	@ApiResponse(responseCode = "401", description = "no valid access token")
	@ApiResponse(responseCode = "403", description = "not an administrator")
	@SecurityRequirement(name = "bearer")
	@PostMapping("/auth/admin/keys/rotate")
	Rotated rotate() {
		String kid = this.rotation.rotate();
		// This replica signs with the new key at once; others follow within the refresh
		// interval.
		this.signingKeys.forgetActive();
		return new Rotated(kid);
	}

	record Rotated(String kid) {
	}

}
