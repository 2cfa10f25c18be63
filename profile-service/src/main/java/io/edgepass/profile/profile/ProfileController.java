package io.edgepass.profile.profile;

import java.util.List;
import java.util.UUID;

import io.edgepass.trust.EdgeIdentity;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ETag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/profiles", produces = MediaType.APPLICATION_JSON_VALUE)
class ProfileController {

	private final ProfileService profiles;

	ProfileController(ProfileService profiles) {
		this.profiles = profiles;
	}

	/** Answers 304 to a matching {@code If-None-Match} (Spring compares the ETag). */
	@ApiResponse(responseCode = "200",
			description = "the caller's profile with its ETag, created from the token's claims on first access",
			useReturnTypeSchema = true)
	@GetMapping("/me")
	ResponseEntity<ProfileView> me(@AuthenticationPrincipal EdgeIdentity caller) {
		return withETag(this.profiles.me(caller));
	}

	@ApiResponse(responseCode = "200", description = "the updated profile with its new ETag",
			useReturnTypeSchema = true)
	@ApiResponse(responseCode = "400", description = "invalid profile")
	@ApiResponse(responseCode = "412", description = "If-Match does not match the current version")
	@PutMapping(path = "/me", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ProfileView> update(@AuthenticationPrincipal EdgeIdentity caller,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@Valid @RequestBody ProfileUpdate update) {
		List<ETag> tags = (ifMatch != null) ? ETag.parse(ifMatch) : null;
		return withETag(this.profiles.update(caller, update, tags));
	}

	@ApiResponse(responseCode = "200", description = "that user's profile", useReturnTypeSchema = true)
	@ApiResponse(responseCode = "403", description = "not an administrator")
	@ApiResponse(responseCode = "404", description = "no such profile")
	@GetMapping("/{userId}")
	ResponseEntity<ProfileView> find(@AuthenticationPrincipal EdgeIdentity caller, @PathVariable UUID userId) {
		if (!caller.isAdmin()) {
			throw new ErrorResponseException(HttpStatus.FORBIDDEN, ProblemDetail
				.forStatusAndDetail(HttpStatus.FORBIDDEN, "Only administrators may read other users' profiles."), null);
		}
		return withETag(this.profiles.find(userId));
	}

	private static ResponseEntity<ProfileView> withETag(ProfileView profile) {
		return ResponseEntity.ok().eTag(profile.etag().formattedTag()).body(profile);
	}

}
