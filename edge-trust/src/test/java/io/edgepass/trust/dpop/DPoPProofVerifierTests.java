package io.edgepass.trust.dpop;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** Every rule of RFC 9449 §4.3 the verifier applies, each broken once. */
class DPoPProofVerifierTests {

	private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

	private static final String URL = "https://api.example.com/orders";

	private static final String TOKEN = "header.payload.signature";

	private final ECKey key = es256Key();

	private final DPoPProofVerifier verifier = verifier(100);

	@Test
	void acceptsAnEs256ProofAndNamesItsKeysThumbprint() throws Exception {
		DPoPProof proof = this.verifier.verify(es256(claims()), "GET", URI.create(URL), TOKEN);
		assertThat(proof.jkt()).isEqualTo(this.key.computeThumbprint().toString());
	}

	@Test
	void acceptsAnEdDsaProof() throws Exception {
		KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		byte[] encoded = pair.getPublic().getEncoded();
		OctetKeyPair jwk = new OctetKeyPair.Builder(Curve.Ed25519,
				Base64URL.encode(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length)))
			.build();
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.EdDSA).type(new JOSEObjectType("dpop+jwt"))
			.jwk(jwk)
			.build();
		String input = header.toBase64URL() + "." + Base64URL.encode(claims().build().toString());
		Signature signer = Signature.getInstance("Ed25519");
		signer.initSign(pair.getPrivate());
		signer.update(input.getBytes(StandardCharsets.US_ASCII));
		String proof = input + "." + Base64URL.encode(signer.sign());

		assertThat(this.verifier.verify(proof, "GET", URI.create(URL), TOKEN).jkt())
			.isEqualTo(jwk.computeThumbprint().toString());
		String forged = input + "." + Base64URL.encode(new byte[64]);
		assertRefused(forged, "signed");
	}

	@Test
	void refusesAnotherTyp() throws Exception {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).jwk(this.key.toPublicJWK()).build(),
				claims().build());
		jwt.sign(new ECDSASigner(this.key));
		assertRefused(jwt.serialize(), "typ");
	}

	@Test
	void refusesSymmetricAndRsaAlgorithms() throws Exception {
		SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("dpop+jwt"))
			.jwk(this.key.toPublicJWK())
			.build(), claims().build());
		hs.sign(new MACSigner(new byte[32]));
		assertRefused(hs.serialize(), "signed");

		RSAKey rsa = new RSAKeyGenerator(2048).generate();
		SignedJWT rs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("dpop+jwt"))
			.jwk(rsa.toPublicJWK())
			.build(), claims().build());
		rs.sign(new RSASSASigner(rsa));
		assertRefused(rs.serialize(), "signed");
		assertRefused("eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6Im5vbmUifQ.e30.", "signed JWT");
	}

	@Test
	void refusesAProofSignedByAnotherKeyThanItsJwk() throws Exception {
		SignedJWT jwt = new SignedJWT(header(this.key), claims().build());
		jwt.sign(new ECDSASigner(es256Key()));
		assertRefused(jwt.serialize(), "signed");
	}

	@Test
	void refusesMissingClaims() {
		assertRefused(es256(claims().jwtID(null)), "jti");
		assertRefused(es256(claims().claim("htm", null)), "htm");
		assertRefused(es256(claims().claim("htu", null)), "htu");
		assertRefused(es256(claims().issueTime(null)), "iat");
		assertRefused(es256(claims().jwtID("j".repeat(129))), "jti");
	}

	@Test
	void refusesAnotherMethodOrUrl() {
		assertThatExceptionOfType(InvalidDPoPProofException.class)
			.isThrownBy(() -> this.verifier.verify(es256(claims()), "POST", URI.create(URL), TOKEN))
			.withMessageContaining("htm");
		assertRefused(es256(claims().claim("htu", "https://api.example.com/profiles/me")), "htu");
		assertRefused(es256(claims().claim("htu", "https://evil.example.com/orders")), "htu");
		assertRefused(es256(claims().claim("htu", "http://api.example.com/orders")), "htu");
		assertRefused(es256(claims().claim("htu", "https://api.example.com:8443/orders")), "htu");
	}

	@Test
	void comparesUrlsWithoutQueryAndAfterNormalisingCaseAndDefaultPort() {
		assertThatNoException().isThrownBy(
				() -> this.verifier.verify(es256(claims().claim("htu", "HTTPS://API.example.com:443/orders?page=2#x")),
						"GET", URI.create("https://api.example.com/orders?page=1"), TOKEN));
	}

	@Test
	void refusesAnIatOutsideTheWindowEitherWay() {
		assertRefused(es256(claims().issueTime(Date.from(NOW.minusSeconds(61)))), "iat");
		assertRefused(es256(claims().issueTime(Date.from(NOW.plusSeconds(61)))), "iat");
		assertThatNoException().isThrownBy(() -> this.verifier
			.verify(es256(claims().issueTime(Date.from(NOW.minusSeconds(59)))), "GET", URI.create(URL), TOKEN));
	}

	@Test
	void theAccessTokenHashMustMatchAndIsAbsentWithoutAToken() {
		assertRefused(es256(claims().claim("ath", null)), "ath");
		assertRefused(es256(claims().claim("ath", DPoPProofVerifier.hash("another.token.value"))), "ath");
		assertThatExceptionOfType(InvalidDPoPProofException.class)
			.isThrownBy(() -> this.verifier.verify(es256(claims()), "GET", URI.create(URL), null))
			.withMessageContaining("ath");
		assertThatNoException().isThrownBy(() -> this.verifier
			.verify(es256(claims().claim("ath", null).claim("htm", "POST")), "POST", URI.create(URL), null));
	}

	@Test
	void refusesAReplayedProof() {
		String proof = es256(claims());
		this.verifier.verify(proof, "GET", URI.create(URL), TOKEN);
		assertRefused(proof, "used before");
	}

	@Test
	void aFullReplayCacheRefusesNewProofsUntilItsEntriesExpire() {
		DPoPReplayCache cache = new DPoPReplayCache(2, Clock.fixed(NOW, ZoneOffset.UTC));
		DPoPProofVerifier small = new DPoPProofVerifier(Duration.ofSeconds(60), cache,
				Clock.fixed(NOW, ZoneOffset.UTC));
		small.verify(es256(claims()), "GET", URI.create(URL), TOKEN);
		small.verify(es256(claims()), "GET", URI.create(URL), TOKEN);
		assertThatExceptionOfType(DPoPReplayCacheFullException.class)
			.isThrownBy(() -> small.verify(es256(claims()), "GET", URI.create(URL), TOKEN));
		assertThat(cache.size()).isEqualTo(2);

	}

	@Test
	void expiredEntriesLeaveTheCache() {
		MutableClock clock = new MutableClock(NOW);
		DPoPReplayCache cache = new DPoPReplayCache(1, clock);
		assertThat(cache.firstUse("k", "one", NOW.plusSeconds(60))).isTrue();
		assertThat(cache.firstUse("k", "one", NOW.plusSeconds(60))).isFalse();
		assertThatExceptionOfType(DPoPReplayCacheFullException.class)
			.isThrownBy(() -> cache.firstUse("k", "two", NOW.plusSeconds(60)));
		clock.now = NOW.plusSeconds(61);
		assertThat(cache.firstUse("k", "two", NOW.plusSeconds(121))).isTrue();
		assertThat(cache.size()).isEqualTo(1);
	}

	@Test
	void refusesAPrivateJwkAndJunk() throws Exception {
		String header = Base64URL
			.encode("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":" + this.key.toJSONString() + "}")
			.toString();
		String input = header + "." + Base64URL.encode(claims().build().toString());
		String proof = input + "." + new ECDSASigner(this.key).sign(new JWSHeader(JWSAlgorithm.ES256),
				input.getBytes(StandardCharsets.US_ASCII));
		assertThatExceptionOfType(InvalidDPoPProofException.class)
			.isThrownBy(() -> this.verifier.verify(proof, "GET", URI.create(URL), TOKEN));
		assertRefused("not-a-jwt", "signed JWT");
		assertRefused("", "missing");
		assertRefused("a".repeat(5000), "too long");
	}

	private void assertRefused(String proof, String reason) {
		assertThatExceptionOfType(InvalidDPoPProofException.class)
			.isThrownBy(() -> this.verifier.verify(proof, "GET", URI.create(URL), TOKEN))
			.withMessageContaining(reason);
	}

	private DPoPProofVerifier verifier(int capacity) {
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		return new DPoPProofVerifier(Duration.ofSeconds(60), new DPoPReplayCache(capacity, clock), clock);
	}

	private static JWTClaimsSet.Builder claims() {
		return new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
			.claim("htm", "GET")
			.claim("htu", URL)
			.issueTime(Date.from(NOW))
			.claim("ath", DPoPProofVerifier.hash(TOKEN));
	}

	private static JWSHeader header(ECKey key) {
		return new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
			.jwk(key.toPublicJWK())
			.build();
	}

	private String es256(JWTClaimsSet.Builder claims) {
		try {
			SignedJWT jwt = new SignedJWT(header(this.key), claims.build());
			jwt.sign(new ECDSASigner(this.key));
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ECKey es256Key() {
		try {
			return new ECKeyGenerator(Curve.P_256).generate();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
