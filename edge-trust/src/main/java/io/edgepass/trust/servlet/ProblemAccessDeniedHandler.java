package io.edgepass.trust.servlet;

import java.io.IOException;

import io.edgepass.trust.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Answers authenticated but unauthorized requests with 403 and a problem body. */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
		ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN,
				"You are not allowed to do this.");
	}

}
