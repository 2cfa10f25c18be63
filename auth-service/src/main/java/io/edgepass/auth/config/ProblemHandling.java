package io.edgepass.auth.config;

import java.net.URI;
import java.util.Map;

import io.edgepass.trust.ProblemTypes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error into an RFC 9457 problem with a stable {@code type} and the request
 * path as {@code instance}; never a stack trace, SQL or an exception name.
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

	private static final Log logger = LogFactory.getLog(ProblemHandling.class);

	private static final Map<Integer, URI> TYPES = Map.of(400, ProblemTypes.INVALID_REQUEST, 401,
			ProblemTypes.UNAUTHORIZED, 403, ProblemTypes.FORBIDDEN, 404, ProblemTypes.NOT_FOUND, 409,
			ProblemTypes.CONFLICT, 413, ProblemTypes.PAYLOAD_TOO_LARGE, 429, ProblemTypes.RATE_LIMITED, 503,
			ProblemTypes.SERVICE_UNAVAILABLE);

	/** The database cannot be reached or gave up for now: worth retrying, not a bug. */
	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class,
			RecoverableDataAccessException.class, CannotCreateTransactionException.class })
	ResponseEntity<Object> databaseUnavailable(Exception ex, WebRequest request) {
		logger.warn("Database unavailable: " + ex.getMessage());
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "5");
		return createResponseEntity(
				ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
						"The service is temporarily unavailable, try again later."),
				headers, HttpStatus.SERVICE_UNAVAILABLE, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
		logger.error("Unexpected error", ex);
		return createResponseEntity(
				ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred."),
				new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "The request is not valid.");
		problem.setProperty("errors",
				ex.getBindingResult()
					.getFieldErrors()
					.stream()
					.map((error) -> new FieldProblem(error.getField(), error.getDefaultMessage()))
					.toList());
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (RequestSizeLimit.exceeded(ex)) {
			return handleExceptionInternal(ex,
					ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, "The request body is too large."),
					headers, HttpStatus.CONTENT_TOO_LARGE, request);
		}
		return handleExceptionInternal(ex,
				ProblemDetail.forStatusAndDetail(status, "The request body is not valid JSON for this operation."),
				headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem) {
			URI type = TYPES.get(statusCode.value());
			if (type != null && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
				problem.setType(type);
			}
			if (problem.getInstance() == null && request instanceof ServletWebRequest servlet) {
				problem.setInstance(URI.create(servlet.getRequest().getRequestURI()));
			}
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	record FieldProblem(String field, @Nullable String message) {
	}

}
