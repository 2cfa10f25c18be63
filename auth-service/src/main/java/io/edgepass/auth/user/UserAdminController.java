package io.edgepass.auth.user;

import java.util.UUID;

import io.edgepass.trust.ProblemTypes;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class UserAdminController {

	private final UserDisabling disabling;

	UserAdminController(UserDisabling disabling) {
		this.disabling = disabling;
	}

	@ApiResponse(responseCode = "204",
			description = "the user can no longer log in or refresh, and all their tokens are revoked")
	@ApiResponse(responseCode = "401", description = "no valid access token")
	@ApiResponse(responseCode = "403", description = "not an administrator")
	@ApiResponse(responseCode = "404", description = "no such user")
	@SecurityRequirement(name = "bearer")
	@PostMapping("/auth/admin/users/{id}/disable")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void disable(@PathVariable String id) {
		UUID userId;
		try {
			userId = UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw notFound();
		}
		if (!this.disabling.disable(userId)) {
			throw notFound();
		}
	}

	private static ErrorResponseException notFound() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such user.");
		problem.setType(ProblemTypes.NOT_FOUND);
		return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
	}

}
