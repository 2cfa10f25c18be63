package io.edgepass.trust.dpop;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.edgepass.trust.Ed25519;
import org.jspecify.annotations.Nullable;

/**
 * Checks a DPoP proof (RFC 9449 §4.3) for one request: auth-service when it binds a token
 * to the proof's key, the gateway on every request with a bound token. Built on Nimbus
 * JOSE's JWS parsing, ECDSA verifier and RFC 7638 thumbprints; Ed25519 through the JDK.
 * (Nimbus's OAuth SDK {@code DPoPProofFactory}/verifiers and Spring Security's
 * {@code DPoPProofJwtDecoderFactory} accept RSA and EC keys only, and Spring's keeps
 * replayed {@code jti}s in one static, fixed-size cache.)
 * <p>
 * A proof is accepted when: it is a compact JWS of at most {@value #MAX_PROOF_LENGTH}
 * characters; {@code typ} is {@code dpop+jwt}; {@code alg} is ES256 or EdDSA (Ed25519)
 * and fits the public key in its {@code jwk} header, which verifies its signature; it has
 * {@code jti}, {@code htm}, {@code htu} and {@code iat}; {@code htm} is the request's
 * method and {@code htu} its URL (scheme, host, port and path, without query or fragment,
 * compared after RFC 3986 normalisation of case and default port); {@code iat} is within
 * the window of now, either way; {@code ath}, when an access token comes with the proof,
 * is the base64url SHA-256 of that token, and absent otherwise; and its {@code jti} has
 * not been accepted before within the window. Whether the key is the one a token is bound
 * to ({@code cnf.jkt}) is for the caller to compare with {@link DPoPProof#jkt()}.
 */
public final class DPoPProofVerifier {

	/** The request header that carries the proof. */
	public static final String HEADER = "DPoP";

	/**
	 * The proof algorithms accepted, as {@code WWW-Authenticate}'s {@code algs} names
	 * them.
	 */
	public static final String ALGORITHMS = "ES256 EdDSA";

	/**
	 * The proof algorithms accepted, for RFC 8414's
	 * {@code dpop_signing_alg_values_supported}.
	 */
	public static final Set<String> ALGORITHM_NAMES = Set.of("ES256", "EdDSA");

	/**
	 * The longest proof read: an ES256 or Ed25519 proof is well under 1,000 characters.
	 */
	public static final int MAX_PROOF_LENGTH = 4096;

	/** The longest {@code jti} accepted, which bounds the replay cache's memory. */
	public static final int MAX_JTI_LENGTH = 128;

	private static final JOSEObjectType TYPE = new JOSEObjectType("dpop+jwt");

	private final Duration window;

	private final DPoPReplayCache replays;

	private final Clock clock;

	/**
	 * @param window how far a proof's {@code iat} may be from now, either way
	 * @param replays the {@code jti}s seen within the window
	 * @param clock the time
	 */
	public DPoPProofVerifier(Duration window, DPoPReplayCache replays, Clock clock) {
		if (window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("The DPoP proof window must be positive");
		}
		this.window = window;
		this.replays = replays;
		this.clock = clock;
	}

	/**
	 * Checks a proof and records its {@code jti}.
	 * @param proof the {@code DPoP} header's value
	 * @param method the request's method
	 * @param url the request's URL as the client addressed it
	 * @param accessToken the access token sent with the proof, or {@code null} at the
	 * token endpoint
	 * @return the accepted proof
	 * @throws InvalidDPoPProofException when any rule is broken
	 * @throws DPoPReplayCacheFullException when the proof cannot be checked for replay
	 */
	public DPoPProof verify(String proof, String method, URI url, @Nullable String accessToken) {
		if (proof == null || proof.isEmpty() || proof.length() > MAX_PROOF_LENGTH) {
			throw new InvalidDPoPProofException("The DPoP proof is missing or too long");
		}
		SignedJWT jwt;
		JWTClaimsSet claims;
		try {
			jwt = SignedJWT.parse(proof);
			claims = jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new InvalidDPoPProofException("The DPoP proof is not a signed JWT");
		}
		JWSHeader header = jwt.getHeader();
		if (!TYPE.equals(header.getType())) {
			throw new InvalidDPoPProofException("The DPoP proof's typ is not dpop+jwt");
		}
		JWK jwk = header.getJWK();
		if (jwk == null || jwk.isPrivate()) {
			throw new InvalidDPoPProofException("The DPoP proof has no public jwk header");
		}
		if (!verifies(jwt, header.getAlgorithm(), jwk)) {
			throw new InvalidDPoPProofException(
					"The DPoP proof is not signed with ES256 or EdDSA by the key in its jwk header");
		}
		String jti = string(claims, "jti");
		if (jti == null || jti.isEmpty() || jti.length() > MAX_JTI_LENGTH) {
			throw new InvalidDPoPProofException("The DPoP proof has no jti of at most 128 characters");
		}
		if (!method.equals(string(claims, "htm"))) {
			throw new InvalidDPoPProofException("The DPoP proof's htm is not this request's method");
		}
		String htu = string(claims, "htu");
		if (htu == null || !normalised(url).equals(normalised(htu))) {
			throw new InvalidDPoPProofException("The DPoP proof's htu is not this request's URL");
		}
		Instant issuedAt = issuedAt(claims);
		Instant now = this.clock.instant();
		if (issuedAt.isBefore(now.minus(this.window)) || issuedAt.isAfter(now.plus(this.window))) {
			throw new InvalidDPoPProofException("The DPoP proof's iat is outside the accepted window");
		}
		String ath = string(claims, "ath");
		if (accessToken != null ? !hash(accessToken).equals(ath) : ath != null) {
			throw new InvalidDPoPProofException("The DPoP proof's ath is not the hash of the access token sent");
		}
		String jkt = thumbprint(jwk);
		if (!this.replays.firstUse(jkt, jti, issuedAt.plus(this.window))) {
			throw new InvalidDPoPProofException("The DPoP proof has been used before");
		}
		return new DPoPProof(jkt, jti, issuedAt);
	}

	/**
	 * The RFC 7638 SHA-256 thumbprint of a public key, base64url: what {@code cnf.jkt}
	 * holds.
	 * @param jwk the key
	 * @return its thumbprint
	 */
	public static String thumbprint(JWK jwk) {
		try {
			return jwk.computeThumbprint().toString();
		}
		catch (JOSEException ex) {
			throw new InvalidDPoPProofException("The DPoP proof's jwk has no thumbprint");
		}
	}

	/**
	 * What {@code ath} holds for an access token: its base64url SHA-256 (RFC 9449 §4.2).
	 * @param accessToken the token as sent
	 * @return the hash
	 */
	public static String hash(String accessToken) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return Base64URL.encode(sha256.digest(accessToken.getBytes(StandardCharsets.US_ASCII))).toString();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean verifies(SignedJWT jwt, JWSAlgorithm alg, JWK jwk) {
		try {
			if (JWSAlgorithm.ES256.equals(alg) && jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
				return jwt.verify(new ECDSAVerifier(ec));
			}
			if (JWSAlgorithm.EdDSA.equals(alg) && jwk instanceof OctetKeyPair okp
					&& Curve.Ed25519.equals(okp.getCurve())) {
				return Ed25519.publicKey(okp.getDecodedX()).verify(jwt.getSigningInput(), jwt.getSignature().decode());
			}
			return false;
		}
		catch (JOSEException | GeneralSecurityException | IllegalStateException ex) {
			return false;
		}
	}

	private static @Nullable String string(JWTClaimsSet claims, String name) {
		return (claims.getClaim(name) instanceof String value) ? value : null;
	}

	private static Instant issuedAt(JWTClaimsSet claims) {
		try {
			Date iat = claims.getIssueTime();
			if (iat != null) {
				return iat.toInstant();
			}
		}
		catch (RuntimeException ex) {
			// a non-numeric iat
		}
		throw new InvalidDPoPProofException("The DPoP proof has no numeric iat");
	}

	private static String normalised(String url) {
		try {
			return normalised(new URI(url));
		}
		catch (URISyntaxException ex) {
			return "";
		}
	}

	/** Scheme and host in lower case, the default port dropped, no query or fragment. */
	private static String normalised(URI url) {
		if (url.getScheme() == null || url.getRawAuthority() == null || url.getHost() == null) {
			return "";
		}
		String scheme = url.getScheme().toLowerCase(Locale.ROOT);
		int port = url.getPort();
		boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80)
				|| ("https".equals(scheme) && port == 443);
		String path = (url.getRawPath() == null || url.getRawPath().isEmpty()) ? "/" : url.getRawPath();
		return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
	}

}
