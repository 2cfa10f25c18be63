package io.edgepass.auth.session;

import io.edgepass.trust.ProblemTypes;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;

/**
 * The browser mode of token delivery: asked for with {@code X-Refresh-Token-Delivery:
 * cookie}, the refresh token travels in an {@code HttpOnly} cookie scoped to
 * {@code /auth} instead of the response body, so no script can read it. The header is
 * also the CSRF barrier: a cross-site form or image cannot send it, so
 * {@code /auth/refresh} ignores the cookie without it.
 */
public final class RefreshTokenCookie {

	public static final String DELIVERY_HEADER = "X-Refresh-Token-Delivery";

	public static final String NAME = "edgepass_refresh";

	static final String PATH = "/auth";

	private RefreshTokenCookie() {
	}

	/**
	 * Whether a request asked for the cookie.
	 * @param delivery the {@code X-Refresh-Token-Delivery} header, if any
	 * @throws ErrorResponseException (400) for any value but {@code cookie}
	 */
	public static boolean requested(String delivery) {
		if (delivery == null) {
			return false;
		}
		if ("cookie".equalsIgnoreCase(delivery.trim())) {
			return true;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				DELIVERY_HEADER + " must be \"cookie\" when it is sent.");
		problem.setType(ProblemTypes.INVALID_REQUEST);
		throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

	/**
	 * The answer to a login or refresh: the tokens in the body, or the refresh token in
	 * the cookie (living as long as the session can) and the rest in the body.
	 */
	public static ResponseEntity<TokenResponse> answer(IssuedTokens tokens, boolean cookie) {
		ResponseEntity.BodyBuilder ok = ResponseEntity.ok().cacheControl(CacheControl.noStore());
		if (!cookie) {
			return ok.body(tokens.body());
		}
		ResponseCookie issued = base(tokens.body().refreshToken()).maxAge(tokens.sessionExpiresIn()).build();
		return ok.header(HttpHeaders.SET_COOKIE, issued.toString()).body(tokens.body().withoutRefreshToken());
	}

	/** Ends the cookie in the browser: same attributes, no value, {@code Max-Age=0}. */
	public static String cleared() {
		return base("").maxAge(0).build().toString();
	}

	private static ResponseCookie.ResponseCookieBuilder base(String value) {
		return ResponseCookie.from(NAME, value).httpOnly(true).secure(true).sameSite("Strict").path(PATH);
	}

}
