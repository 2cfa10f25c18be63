package io.edgepass.gateway.token;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.util.Base64URL;
import io.edgepass.gateway.revocation.RevocationProperties;
import io.edgepass.gateway.revocation.RevocationView;
import io.edgepass.trust.EdgeAssertionMinter;
import io.edgepass.trust.EdgeTrustProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verifier on its own, in HS256 mode (THREATS A 5) and against input too hostile to
 * send through a server's header limits (THREATS C 24).
 */
class AccessTokenVerifierTests {

	private static final byte[] SECRET = secret();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final AccessTokenVerifier verifier = verifier("HS256");

	@Test
	void hs256ModeAcceptsTokensSignedWithTheSharedSecret() {
		StepVerifier.create(this.verifier.verify(sign(header("HS256"), claims(""), SECRET)))
			.assertNext((token) -> assertThat(token.identity().scopes()).containsExactly("orders:read"))
			.verifyComplete();
	}

	@Test
	void hs256ModeRejectsOtherSecretsAndOtherAlgorithms() {
		rejected(sign(header("HS256"), claims(""), "secret".getBytes(StandardCharsets.UTF_8)),
				InvalidAccessTokenException.Reason.SIGNATURE);
		rejected(sign(header("RS256"), claims(""), SECRET), InvalidAccessTokenException.Reason.ALGORITHM);
		rejected(b64(header("none")) + "." + b64(claims("")) + ".", InvalidAccessTokenException.Reason.MALFORMED);
	}

	@Test
	void claimsNestedTenThousandLevelsDeepAreRejectedWithoutOverflowingTheStack() {
		String deep = ",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000);
		rejected(sign(header("HS256"), claims(deep), SECRET), InvalidAccessTokenException.Reason.TOO_LONG);
		AccessTokenVerifier unbounded = verifier("HS256", 1_000_000);
		StepVerifier.create(unbounded.verify(sign(header("HS256"), claims(deep), SECRET)))
			.expectErrorSatisfies((ex) -> assertThat(((InvalidAccessTokenException) ex).reason())
				.isEqualTo(InvalidAccessTokenException.Reason.MALFORMED))
			.verify(Duration.ofSeconds(5));
		String deepObjects = ",\"x\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
		StepVerifier.create(unbounded.verify(sign(header("HS256"), claims(deepObjects), SECRET)))
			.expectError(InvalidAccessTokenException.class)
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void segmentsMustBeUnpaddedBase64url() {
		assertThat(AccessTokenVerifier.isBase64Url("AZaz09-_")).isTrue();
		for (String bad : new String[] { "", "abc=", "ab+c", "ab/c", "a b", "a.b", "ä", "a\u0000" }) {
			assertThat(AccessTokenVerifier.isBase64Url(bad)).as(bad).isFalse();
		}
		String token = sign(header("HS256"), claims(""), SECRET);
		rejected(token.replaceFirst("\\.", "=."), InvalidAccessTokenException.Reason.MALFORMED);
		rejected(token + "=", InvalidAccessTokenException.Reason.MALFORMED);
		rejected("." + token.substring(token.indexOf('.')), InvalidAccessTokenException.Reason.MALFORMED);
	}

	@Test
	void everyRejectionIsCountedByReason() {
		rejected("a.b", InvalidAccessTokenException.Reason.MALFORMED);
		assertThat(this.meters.get("edgepass.gateway.token.rejected").tag("reason", "malformed").counter().count())
			.isEqualTo(1);
	}

	private void rejected(String token, InvalidAccessTokenException.Reason reason) {
		StepVerifier.create(this.verifier.verify(token))
			.expectErrorSatisfies((ex) -> assertThat(((InvalidAccessTokenException) ex).reason()).isEqualTo(reason))
			.verify(Duration.ofSeconds(5));
	}

	private AccessTokenVerifier verifier(String algorithms) {
		return verifier(algorithms, 8192);
	}

	private AccessTokenVerifier verifier(String algorithms, int maxLength) {
		TokenProperties properties = new TokenProperties("http://issuer.test", "edgepass-api", List.of(algorithms),
				Base64.getEncoder().encodeToString(SECRET), Duration.ofSeconds(30), maxLength,
				new TokenProperties.Jwks(URI.create("http://127.0.0.1:1/jwks.json"), Duration.ofSeconds(60),
						Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(1)),
				new TokenProperties.Cache(100, DataSize.ofMegabytes(1)));
		EdgeAssertionMinter minter = new EdgeAssertionMinter(EdgeTrustProperties
			.gateway(Base64.getEncoder().encodeToString(SECRET), "edgepass-gateway", Duration.ofSeconds(30)));
		RevocationView revocations = new RevocationView(WebClient.builder(), minter,
				new RevocationProperties(URI.create("http://127.0.0.1:1/internal/revocations"), Duration.ofSeconds(1),
						100, Duration.ofSeconds(1)),
				this.meters, Clock.systemUTC());
		return new AccessTokenVerifier(properties,
				new JwksCache(WebClient.builder(), properties, this.meters, Clock.systemUTC()), revocations,
				this.meters);
	}

	private static String header(String alg) {
		return "{\"alg\":\"" + alg + "\",\"kid\":\"k\",\"typ\":\"at+jwt\"}";
	}

	private static String claims(String extra) {
		long now = Instant.now().getEpochSecond();
		return "{\"iss\":\"http://issuer.test\",\"sub\":\"" + UUID.randomUUID() + "\",\"aud\":\"edgepass-api\",\"exp\":"
				+ (now + 300) + ",\"iat\":" + now + ",\"jti\":\"j\",\"sid\":\"s\",\"scope\":\"orders:read\"" + extra
				+ "}";
	}

	private static String sign(String header, String claims, byte[] secret) {
		String input = b64(header) + "." + b64(claims);
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			return input + "." + Base64URL.encode(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String b64(String json) {
		return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
	}

	private static byte[] secret() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return bytes;
	}

}
