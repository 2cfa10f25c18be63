package io.edgepass.auth.user;

import io.edgepass.auth.password.ValidPassword;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RegistrationController {

	private final Registration registration;

	RegistrationController(Registration registration) {
		this.registration = registration;
	}

	@ApiResponse(responseCode = "201", description = "the account is created", useReturnTypeSchema = true)
	@ApiResponse(responseCode = "400", description = "invalid input")
	@ApiResponse(responseCode = "409", description = "username taken")
	@PostMapping(path = "/auth/register", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	Registered register(@Valid @RequestBody RegisterRequest request) {
		User user = this.registration.register(request.username(), request.password(), request.email(),
				request.displayName(), false);
		return new Registered(user.id().toString(), user.username());
	}

	record RegisterRequest(@ValidUsername String username, @ValidPassword String password,
			@Email @Size(max = 254) String email, @Size(max = 100) String displayName) {
	}

	record Registered(String id, String username) {
	}

}
