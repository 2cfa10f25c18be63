package io.edgepass.auth.config;

import java.io.IOException;

import io.edgepass.trust.ProblemTypes;
import io.edgepass.trust.servlet.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@link HttpProperties#maxBodySize()} with 413: at once when
 * {@code Content-Length} says so, otherwise as soon as a streamed body passes the limit.
 */
@Configuration(proxyBeanMethods = false)
class RequestSizeLimit {

	private static final String DETAIL = "The request body is too large.";

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> requestSizeLimitFilter(HttpProperties properties) {
		long max = properties.maxBodySize().toBytes();
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {

					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						if (request.getContentLengthLong() > max) {
							ProblemResponses.write(request, response, HttpStatus.CONTENT_TOO_LARGE,
									ProblemTypes.PAYLOAD_TOO_LARGE, DETAIL);
							return;
						}
						chain.doFilter(new LimitedRequest(request, max), response);
					}

				});
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/** Whether reading a body failed because it passed the limit. */
	static boolean exceeded(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof BodyTooLargeException) {
				return true;
			}
		}
		return false;
	}

	static final class BodyTooLargeException extends IOException {

		BodyTooLargeException() {
			super(DETAIL);
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long max;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long max) {
			super(request);
			this.max = max;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedInputStream(super.getInputStream(), this.max);
			}
			return this.stream;
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long max;

		private long count;

		LimitedInputStream(ServletInputStream delegate, long max) {
			this.delegate = delegate;
			this.max = max;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b >= 0) {
				counted(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				counted(n);
			}
			return n;
		}

		private void counted(int n) throws BodyTooLargeException {
			this.count += n;
			if (this.count > this.max) {
				throw new BodyTooLargeException();
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
