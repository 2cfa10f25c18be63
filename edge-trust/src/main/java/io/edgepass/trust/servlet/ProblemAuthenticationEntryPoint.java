package io.edgepass.trust.servlet;

import java.io.IOException;

import io.edgepass.trust.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers unauthenticated requests with 401, RFC 6750's {@code WWW-Authenticate}
 * ({@code error="invalid_token"} when an assertion was presented and refused) and a
 * problem body that says nothing about why.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private static final Log logger = LogFactory.getLog(ProblemAuthenticationEntryPoint.class);

	static final String DETAIL = "Authentication is required to access this resource.";

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		if (authException instanceof OAuth2AuthenticationException) {
			logger.debug("Rejected edge assertion: " + authException.getMessage());
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		}
		else {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		}
		ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, DETAIL);
	}

}
