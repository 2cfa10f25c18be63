package io.edgepass.trust;

import java.net.URI;
import java.util.Map;

/**
 * The stable {@code type} URIs of Edgepass's RFC 9457 problem responses, shared by every
 * service and the gateway so a client can branch on them, and the one table from a status
 * to its type.
 */
public final class ProblemTypes {

	private static final String BASE = "https://edgepass.dev/problems/";

	public static final URI UNAUTHORIZED = URI.create(BASE + "unauthorized");

	public static final URI FORBIDDEN = URI.create(BASE + "forbidden");

	public static final URI INSUFFICIENT_SCOPE = URI.create(BASE + "insufficient-scope");

	public static final URI INVALID_REQUEST = URI.create(BASE + "invalid-request");

	public static final URI INVALID_DPOP_PROOF = URI.create(BASE + "invalid-dpop-proof");

	public static final URI NOT_FOUND = URI.create(BASE + "not-found");

	public static final URI METHOD_NOT_ALLOWED = URI.create(BASE + "method-not-allowed");

	public static final URI NOT_ACCEPTABLE = URI.create(BASE + "not-acceptable");

	public static final URI UNSUPPORTED_MEDIA_TYPE = URI.create(BASE + "unsupported-media-type");

	public static final URI CONFLICT = URI.create(BASE + "conflict");

	public static final URI PRECONDITION_FAILED = URI.create(BASE + "precondition-failed");

	public static final URI UNPROCESSABLE = URI.create(BASE + "unprocessable");

	public static final URI PAYLOAD_TOO_LARGE = URI.create(BASE + "payload-too-large");

	public static final URI RATE_LIMITED = URI.create(BASE + "rate-limited");

	public static final URI INTERNAL_ERROR = URI.create(BASE + "internal-error");

	public static final URI SERVICE_UNAVAILABLE = URI.create(BASE + "service-unavailable");

	public static final URI GATEWAY_TIMEOUT = URI.create(BASE + "gateway-timeout");

	public static final URI REQUEST_HEADERS_TOO_LARGE = URI.create(BASE + "request-headers-too-large");

	private static final Map<Integer, URI> BY_STATUS = Map.ofEntries(Map.entry(400, INVALID_REQUEST),
			Map.entry(401, UNAUTHORIZED), Map.entry(403, FORBIDDEN), Map.entry(404, NOT_FOUND),
			Map.entry(405, METHOD_NOT_ALLOWED), Map.entry(406, NOT_ACCEPTABLE), Map.entry(409, CONFLICT),
			Map.entry(412, PRECONDITION_FAILED), Map.entry(413, PAYLOAD_TOO_LARGE),
			Map.entry(415, UNSUPPORTED_MEDIA_TYPE), Map.entry(422, UNPROCESSABLE), Map.entry(429, RATE_LIMITED),
			Map.entry(431, REQUEST_HEADERS_TOO_LARGE), Map.entry(500, INTERNAL_ERROR),
			Map.entry(503, SERVICE_UNAVAILABLE), Map.entry(504, GATEWAY_TIMEOUT));

	private ProblemTypes() {
	}

	/**
	 * The type of a problem with {@code status}: its own where it has one, otherwise
	 * {@link #INVALID_REQUEST} for a client error and {@link #INTERNAL_ERROR} for any
	 * other.
	 * @param status an HTTP status code
	 * @return its problem type
	 */
	public static URI forStatus(int status) {
		URI type = BY_STATUS.get(status);
		if (type != null) {
			return type;
		}
		return (status >= 400 && status < 500) ? INVALID_REQUEST : INTERNAL_ERROR;
	}

}
