package io.edgepass.trust;

import java.net.URI;

/**
 * The stable {@code type} URIs of Edgepass's RFC 9457 problem responses, shared by every
 * service so a client can branch on them.
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

	private ProblemTypes() {
	}

}
