package io.edgepass.trust.servlet;

import java.io.IOException;

import io.edgepass.trust.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers unauthenticated requests with 401, RFC 6750's {@code WWW-Authenticate} and a
 * problem body that says nothing about why.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	static final String DETAIL = "Authentication is required to access this resource.";

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, DETAIL);
	}

	void rejectInvalid(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, DETAIL);
	}

}
