package io.edgepass.gateway.token;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import io.edgepass.gateway.revocation.RevocationView;
import io.edgepass.gateway.token.InvalidAccessTokenException.Reason;
import io.edgepass.gateway.token.VerifiedTokens.Verified;
import io.edgepass.gateway.token.VerificationKey.SignatureCheck;
import io.edgepass.trust.EdgeIdentity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Decides whether an access token passes the edge: compact JWS only, an allowed
 * {@code alg} with a key of the matching type from our own JWKS (or the shared secret in
 * HS256 mode), {@code typ} {@code at+jwt}, no key material or critical extensions in the
 * header, then {@code iss}, {@code aud}, {@code exp}, {@code nbf}, {@code iat} within the
 * clock skew, claims of the expected types, and no revocation. Nothing a token says makes
 * the gateway fetch anything. A token that passed is remembered ({@link VerifiedTokens}):
 * when it comes again only its times, its key still being trusted and its revocation are
 * checked. The key a token is bound to ({@code cnf.jkt}) is part of the verdict; whether
 * the request proves possession of it is {@link DPoPBinding}'s to check, every time.
 */
@Component
public class AccessTokenVerifier {

	private static final Log logger = LogFactory.getLog(AccessTokenVerifier.class);

	/** RFC 6749 scope-token characters, which are also safe in a header value. */
	private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,64}");

	private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7E]{1,256}");

	private static final Set<String> TYPES = Set.of("at+jwt", "application/at+jwt");

	private static final Set<String> KNOWN_CLAIMS = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "sid",
			"scope", "roles", "preferred_username", "client_id", "cnf");

	/** An RFC 7638 SHA-256 thumbprint, base64url: 43 characters. */
	private static final int THUMBPRINT_LENGTH = 43;

	private static final int MAX_JSON_DEPTH = 8;

	private final TokenProperties properties;

	private final Set<JWSAlgorithm> algorithms;

	private final VerificationKeys keys;

	private final RevocationView revocations;

	private final Clock clock;

	private final VerifiedTokens verified;

	private final Map<Reason, Counter> rejections = new EnumMap<>(Reason.class);

	private final MACVerifier hs256;

	/**
	 * A verifier; public so that the JMH benchmarks measure this very class.
	 * @param properties what a token must look like
	 * @param keys the public keys by {@code kid}
	 * @param revocations the revocations in force
	 * @param meters where rejections are counted
	 */
	@Autowired
	public AccessTokenVerifier(TokenProperties properties, VerificationKeys keys, RevocationView revocations,
			MeterRegistry meters) {
		this(properties, keys, revocations, meters, Clock.systemUTC());
	}

	AccessTokenVerifier(TokenProperties properties, VerificationKeys keys, RevocationView revocations,
			MeterRegistry meters, Clock clock) {
		this.properties = properties;
		this.clock = clock;
		this.verified = new VerifiedTokens(properties.cache(), clock, meters);
		this.algorithms = properties.acceptedAlgorithms();
		this.keys = keys;
		this.revocations = revocations;
		for (Reason reason : Reason.values()) {
			this.rejections.put(reason,
					Counter.builder("edgepass.gateway.token.rejected")
						.description("Access tokens rejected at the edge, by reason")
						.tag("reason", reason.tag())
						.register(meters));
		}
		try {
			this.hs256 = this.algorithms.contains(JWSAlgorithm.HS256) ? new MACVerifier(properties.hs256Key()) : null;
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Unusable HS256 secret", ex);
		}
	}

	/**
	 * Verifies an access token.
	 * @param token the compact token from the {@code Authorization} header
	 * @return the identity it carries and the key it is bound to, or an
	 * {@link InvalidAccessTokenException}
	 */
	public Mono<AccessToken> verify(String token) {
		return Mono.defer(() -> {
			if (token.length() > this.properties.maxLength()) {
				throw new InvalidAccessTokenException(Reason.TOO_LONG);
			}
			VerifiedTokens.Digest digest = VerifiedTokens.digest(token);
			Verified known = this.verified.lookup(digest);
			if (known != null && isStillSigned(known)) {
				return Mono.just(recheck(known));
			}
			if (known != null) {
				this.verified.forget(digest);
			}
			Parsed parsed = parse(token);
			return signatureAndClaims(parsed).map((passed) -> {
				this.verified.remember(digest, passed);
				return new AccessToken(passed.identity(), passed.jkt());
			});
		})
			.onErrorMap(KeysUnavailableException.class,
					(ex) -> new InvalidAccessTokenException(Reason.KEYS_UNAVAILABLE))
			.doOnError(InvalidAccessTokenException.class, this::count);
	}

	private void count(InvalidAccessTokenException ex) {
		this.rejections.get(ex.reason()).increment();
		if (logger.isDebugEnabled()) {
			logger.debug("Rejected access token: " + ex.reason().tag());
		}
	}

	/** The number of tokens remembered; for tests. */
	long rememberedTokens() {
		return this.verified.size();
	}

	private boolean isStillSigned(Verified known) {
		VerificationKey key = known.key();
		return (key == null) ? this.hs256 != null : this.keys.current(key.jwk().getKeyID()) == key;
	}

	/** What may have changed since a remembered token passed. */
	private AccessToken recheck(Verified known) {
		checkTime(known.expiresAt(), known.issuedAt(), known.notBefore());
		if (this.revocations.isRevoked(known.identity(), known.issuedAt())) {
			throw new InvalidAccessTokenException(Reason.REVOKED);
		}
		return new AccessToken(known.identity(), known.jkt());
	}

	private Parsed parse(String token) {
		String[] parts = token.split("\\.", -1);
		if (parts.length == 5) {
			throw new InvalidAccessTokenException(Reason.ENCRYPTED);
		}
		if (parts.length != 3) {
			throw new InvalidAccessTokenException(Reason.MALFORMED);
		}
		for (String part : parts) {
			if (!isBase64Url(part)) {
				throw new InvalidAccessTokenException(Reason.MALFORMED);
			}
		}
		String headerJson = json(parts[0]);
		String payloadJson = json(parts[1]);
		JWSHeader header;
		try {
			header = JWSHeader.parse(headerJson, new Base64URL(parts[0]));
		}
		catch (ParseException | RuntimeException ex) {
			throw new InvalidAccessTokenException(Reason.MALFORMED);
		}
		checkHeader(header);
		byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
		return new Parsed(header, payloadJson, signingInput, new Base64URL(parts[2]));
	}

	/**
	 * Unpadded base64url: one or more of {@code A-Z a-z 0-9 - _} (a loop: a regex cost 2
	 * % of the edge's CPU).
	 */
	static boolean isBase64Url(String part) {
		if (part.isEmpty()) {
			return false;
		}
		for (int i = 0; i < part.length(); i++) {
			char c = part.charAt(i);
			if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
				return false;
			}
		}
		return true;
	}

	/** Decodes one segment to strict UTF-8 JSON of bounded nesting. */
	private static String json(String segment) {
		try {
			String json = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(new Base64URL(segment).decode()))
				.toString();
			if (nestingDepth(json) > MAX_JSON_DEPTH) {
				throw new InvalidAccessTokenException(Reason.MALFORMED);
			}
			return json;
		}
		catch (CharacterCodingException | RuntimeException ex) {
			if (ex instanceof InvalidAccessTokenException invalid) {
				throw invalid;
			}
			throw new InvalidAccessTokenException(Reason.MALFORMED);
		}
	}

	/** The deepest nesting of arrays and objects, counted without parsing. */
	static int nestingDepth(String json) {
		int depth = 0;
		int deepest = 0;
		boolean inString = false;
		for (int i = 0; i < json.length(); i++) {
			char c = json.charAt(i);
			if (inString) {
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					inString = false;
				}
			}
			else if (c == '"') {
				inString = true;
			}
			else if (c == '{' || c == '[') {
				deepest = Math.max(deepest, ++depth);
			}
			else if (c == '}' || c == ']') {
				depth--;
			}
		}
		return deepest;
	}

	private void checkHeader(JWSHeader header) {
		if (!this.algorithms.contains(header.getAlgorithm())) {
			throw new InvalidAccessTokenException(Reason.ALGORITHM);
		}
		if (header.getType() == null || !TYPES.contains(header.getType().getType().toLowerCase(Locale.ROOT))) {
			throw new InvalidAccessTokenException(Reason.TYPE);
		}
		if (header.getJWK() != null || header.getJWKURL() != null || header.getX509CertURL() != null
				|| header.getX509CertChain() != null) {
			throw new InvalidAccessTokenException(Reason.KEY_IN_HEADER);
		}
		if (header.getCriticalParams() != null || !header.isBase64URLEncodePayload()) {
			throw new InvalidAccessTokenException(Reason.CRITICAL_HEADER);
		}
		String kid = header.getKeyID();
		if (kid == null || kid.isBlank() || kid.length() > 128) {
			throw new InvalidAccessTokenException(Reason.MISSING_KID);
		}
	}

	private Mono<Verified> signatureAndClaims(Parsed parsed) {
		JWSAlgorithm alg = parsed.header().getAlgorithm();
		if (JWSAlgorithm.HS256.equals(alg)) {
			return Mono.just(accept(parsed, this.hs256::verify, null));
		}
		return this.keys.find(parsed.header().getKeyID())
			.switchIfEmpty(Mono.error(() -> new InvalidAccessTokenException(Reason.UNKNOWN_KID)))
			.map((key) -> accept(parsed, key.checkFor(alg), key));
	}

	private Verified accept(Parsed parsed, SignatureCheck check, @Nullable VerificationKey key) {
		boolean valid;
		try {
			valid = check.verify(parsed.header(), parsed.signingInput(), parsed.signature());
		}
		catch (JOSEException | RuntimeException ex) {
			valid = false;
		}
		if (!valid) {
			throw new InvalidAccessTokenException(Reason.SIGNATURE);
		}
		JWTClaimsSet claims;
		try {
			claims = JWTClaimsSet.parse(parsed.payloadJson());
		}
		catch (ParseException | RuntimeException ex) {
			throw new InvalidAccessTokenException(Reason.CLAIMS);
		}
		if (claims.getExpirationTime() == null || claims.getIssueTime() == null) {
			throw new InvalidAccessTokenException(Reason.CLAIMS);
		}
		Instant expiresAt = claims.getExpirationTime().toInstant();
		Instant issuedAt = claims.getIssueTime().toInstant();
		Instant notBefore = (claims.getNotBeforeTime() != null) ? claims.getNotBeforeTime().toInstant() : null;
		checkTime(expiresAt, issuedAt, notBefore);
		if (!this.properties.issuer().equals(claims.getIssuer())) {
			throw new InvalidAccessTokenException(Reason.ISSUER);
		}
		if (claims.getAudience() == null || !claims.getAudience().contains(this.properties.audience())) {
			throw new InvalidAccessTokenException(Reason.AUDIENCE);
		}
		EdgeIdentity identity = identity(claims);
		String jkt = boundKey(claims);
		if (this.revocations.isRevoked(identity, issuedAt)) {
			throw new InvalidAccessTokenException(Reason.REVOKED);
		}
		return new Verified(identity, issuedAt, notBefore, expiresAt, key, jkt);
	}

	/**
	 * The thumbprint in {@code cnf.jkt}, or {@code null} without {@code cnf}. A
	 * {@code cnf} binding the token some other way (an mTLS certificate, RFC 8705) cannot
	 * be checked here, so such a token is refused rather than taken as a bearer token.
	 */
	private static @Nullable String boundKey(JWTClaimsSet claims) {
		if (!claims.getClaims().containsKey("cnf")) {
			return null;
		}
		try {
			Map<String, Object> cnf = claims.getJSONObjectClaim("cnf");
			if (cnf != null && cnf.size() == 1 && cnf.get("jkt") instanceof String jkt
					&& jkt.length() == THUMBPRINT_LENGTH && isBase64Url(jkt)) {
				return jkt;
			}
		}
		catch (ParseException ex) {
			// not an object
		}
		throw new InvalidAccessTokenException(Reason.CLAIMS);
	}

	private void checkTime(Instant expiresAt, Instant issuedAt, @Nullable Instant notBefore) {
		Instant now = this.clock.instant();
		if (!expiresAt.plus(this.properties.clockSkew()).isAfter(now)) {
			throw new InvalidAccessTokenException(Reason.EXPIRED);
		}
		Instant latest = now.plus(this.properties.clockSkew());
		if (issuedAt.isAfter(latest) || (notBefore != null && notBefore.isAfter(latest))) {
			throw new InvalidAccessTokenException(Reason.NOT_YET_VALID);
		}
	}

	private static EdgeIdentity identity(JWTClaimsSet claims) {
		Map<String, Object> all = claims.getClaims();
		for (String name : KNOWN_CLAIMS) {
			if (all.containsKey(name) && all.get(name) == null) {
				throw new InvalidAccessTokenException(Reason.CLAIMS);
			}
		}
		try {
			UUID userId = UUID.fromString(required(claims.getSubject()));
			String username = claims.getStringClaim("preferred_username");
			List<String> roles = claims.getStringListClaim("roles");
			String scope = claims.getStringClaim("scope");
			claims.getStringClaim("client_id");
			List<String> scopes = (scope != null && !scope.isBlank()) ? List.of(scope.trim().split(" +")) : List.of();
			roles = (roles != null) ? roles : List.of();
			if ((username != null && !PRINTABLE.matcher(username).matches())
					|| !roles.stream().allMatch((role) -> SCOPE_TOKEN.matcher(role).matches())
					|| !scopes.stream().allMatch((token) -> SCOPE_TOKEN.matcher(token).matches())) {
				throw new InvalidAccessTokenException(Reason.CLAIMS);
			}
			return new EdgeIdentity(userId, username, roles, scopes, required(claims.getStringClaim("sid")),
					required(claims.getJWTID()));
		}
		catch (ParseException | IllegalArgumentException ex) {
			throw new InvalidAccessTokenException(Reason.CLAIMS);
		}
	}

	private static String required(String value) {
		if (value == null || value.isBlank() || !PRINTABLE.matcher(value).matches()) {
			throw new InvalidAccessTokenException(Reason.CLAIMS);
		}
		return value;
	}

	private record Parsed(JWSHeader header, String payloadJson, byte[] signingInput, Base64URL signature) {
	}

}
