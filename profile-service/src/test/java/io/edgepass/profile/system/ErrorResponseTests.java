package io.edgepass.profile.system;

import java.net.http.HttpRequest;
import java.util.List;

import io.edgepass.profile.ProfileServiceTest;
import io.edgepass.testsupport.ErrorResponseContract;

/** The shared error contract, on profile-service's {@code /profiles/me}. */
class ErrorResponseTests extends ProfileServiceTest implements ErrorResponseContract {

	@Override
	public String resource() {
		return "/profiles/me";
	}

	@Override
	public List<String> allowedMethods() {
		return List.of("GET", "PUT");
	}

	@Override
	public HttpRequest.Builder withAnUnsupportedContentType(HttpRequest.Builder request) {
		return request.header("Content-Type", "application/xml").PUT(HttpRequest.BodyPublishers.ofString("<profile/>"));
	}

}
