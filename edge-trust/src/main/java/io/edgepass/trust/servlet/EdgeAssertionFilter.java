package io.edgepass.trust.servlet;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

import io.edgepass.trust.EdgeAssertionVerifier;
import io.edgepass.trust.EdgeHeaders;
import io.edgepass.trust.InvalidEdgeAssertionException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request from its {@code X-Edge-Assertion}. No assertion leaves the
 * request anonymous (so protected paths answer 401); an invalid or repeated one is
 * answered 401 here. {@code X-User-*} headers are never read.
 */
final class EdgeAssertionFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(EdgeAssertionFilter.class);

	private final SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

	private final EdgeAssertionVerifier verifier;

	private final ProblemAuthenticationEntryPoint entryPoint;

	EdgeAssertionFilter(EdgeAssertionVerifier verifier, ProblemAuthenticationEntryPoint entryPoint) {
		this.verifier = verifier;
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		List<String> assertions = Collections.list(request.getHeaders(EdgeHeaders.ASSERTION));
		if (assertions.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		try {
			if (assertions.size() > 1) {
				throw new InvalidEdgeAssertionException("more than one assertion");
			}
			SecurityContext context = this.contextHolder.createEmptyContext();
			context.setAuthentication(new EdgeAuthentication(this.verifier.verify(assertions.get(0))));
			this.contextHolder.setContext(context);
		}
		catch (InvalidEdgeAssertionException ex) {
			logger.debug("Rejected edge assertion: " + ex.getMessage());
			this.contextHolder.clearContext();
			this.entryPoint.rejectInvalid(request, response);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.contextHolder.clearContext();
		}
	}

}
