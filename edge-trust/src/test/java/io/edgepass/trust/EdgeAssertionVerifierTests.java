package io.edgepass.trust;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EdgeAssertionVerifierTests {

	static final String MASTER = Base64.getEncoder().encodeToString(new byte[32]);

	static final String OTHER_MASTER = Base64.getEncoder()
		.encodeToString("another-secret-of-32-bytes-long!".getBytes());

	static final String ORDERS_KEY = EdgeAssertionKeys.derive(MASTER, "orders-service");

	final Instant now = Instant.parse("2026-11-28T12:00:00Z");

	final EdgeIdentity alice = new EdgeIdentity(UUID.randomUUID(), "alice", List.of("USER"),
			List.of("orders:read", "orders:write"), "session-1", "token-1");

	EdgeAssertionMinter minter(String master, Instant at) {
		return new EdgeAssertionMinter(EdgeTrustProperties.gateway(master, "edgepass-gateway", Duration.ofSeconds(30)),
				Clock.fixed(at, ZoneOffset.UTC));
	}

	EdgeAssertionVerifier verifier(String audience) {
		return verifier(EdgeAssertionKeys.derive(MASTER, audience), audience);
	}

	EdgeAssertionVerifier verifier(String key, String audience) {
		return new EdgeAssertionVerifier(properties(key, audience), Clock.fixed(this.now, ZoneOffset.UTC));
	}

	static EdgeTrustProperties properties(String secret, String audience) {
		return EdgeTrustProperties.service(secret, "edgepass-gateway", audience, Duration.ofSeconds(30),
				Duration.ofSeconds(5));
	}

	@Test
	void mintedAssertionVerifiesToTheSameIdentity() throws Exception {
		String assertion = minter(MASTER, this.now).mint(this.alice, "orders-service");
		assertThat(verifier("orders-service").verify(assertion)).isEqualTo(this.alice);
	}

	@Test
	void assertionForAnotherServiceIsRejected() {
		String assertion = minter(MASTER, this.now).mint(this.alice, "profile-service");
		assertThatExceptionOfType(InvalidEdgeAssertionException.class)
			.isThrownBy(() -> verifier("orders-service").verify(assertion));
	}

	@Test
	void assertionSignedWithAnotherSecretIsRejected() {
		String assertion = minter(OTHER_MASTER, this.now).mint(this.alice, "orders-service");
		assertThatExceptionOfType(InvalidEdgeAssertionException.class)
			.isThrownBy(() -> verifier("orders-service").verify(assertion));
	}

	@Test
	void eachServiceGetsItsOwnKeyAsOpenSslDerivesIt() {
		// Expected values from `openssl kdf ... HKDF`, the one-liner in
		// EdgeAssertionKeys' Javadoc.
		assertThat(ORDERS_KEY).isEqualTo("FKNBGg4Jj0d/XMZjqpnstOFWsLA1lwots0PeFuMfV+g=");
		assertThat(EdgeAssertionKeys.derive("ZWRnZXBhc3MtdGVzdC1tYXN0ZXItc2VjcmV0LTAxMjM=", "profile-service"))
			.isEqualTo("su3XbW2BsZqP3uE2EiAraKwPorpMem78sC1QR7g3Wb8=");
		assertThat(EdgeAssertionKeys.derive(MASTER, "profile-service")).isNotEqualTo(ORDERS_KEY).isNotEqualTo(MASTER);
	}

	@Test
	void oneServicesKeyMintsNothingAnotherServiceAccepts() throws Exception {
		SignedJWT forged = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.HS256).type(EdgeAssertionVerifier.TYPE).build(),
				claims(this.now.plusSeconds(30)).audience(List.of("profile-service", "auth-service")).build());
		forged.sign(new MACSigner(Base64.getDecoder().decode(ORDERS_KEY)));
		assertThatExceptionOfType(InvalidEdgeAssertionException.class)
			.isThrownBy(() -> verifier("profile-service").verify(forged.serialize()));
		assertThatExceptionOfType(InvalidEdgeAssertionException.class)
			.isThrownBy(() -> verifier("auth-service").verify(forged.serialize()));
	}

	@Test
	void aServiceGivenAnotherServicesKeyRefusesTheGatewaysAssertionsForItself() {
		String assertion = minter(MASTER, this.now).mint(this.alice, "profile-service");
		assertThatExceptionOfType(InvalidEdgeAssertionException.class)
			.isThrownBy(() -> verifier(ORDERS_KEY, "profile-service").verify(assertion));
		assertThatExceptionOfType(InvalidEdgeAssertionException.class)
			.isThrownBy(() -> verifier(MASTER, "profile-service").verify(assertion));
	}

	@Test
	void duringAMasterChangeOverAServiceAcceptsTheOldAndTheNextKey() throws Exception {
		EdgeTrustProperties changeOver = new EdgeTrustProperties(ORDERS_KEY,
				EdgeAssertionKeys.derive(OTHER_MASTER, "orders-service"), null, "edgepass-gateway", "orders-service",
				Duration.ofSeconds(30), Duration.ofSeconds(5), EdgeTrustProperties.Algorithm.HS256, null, null);
		EdgeAssertionVerifier verifier = new EdgeAssertionVerifier(changeOver, Clock.fixed(this.now, ZoneOffset.UTC));
		assertThat(verifier.verify(minter(MASTER, this.now).mint(this.alice, "orders-service"))).isEqualTo(this.alice);
		assertThat(verifier.verify(minter(OTHER_MASTER, this.now).mint(this.alice, "orders-service")))
			.isEqualTo(this.alice);
		String third = Base64.getEncoder().encodeToString("a-third-master-secret-32-bytes!!".getBytes());
		assertThatExceptionOfType(InvalidEdgeAssertionException.class)
			.isThrownBy(() -> verifier.verify(minter(third, this.now).mint(this.alice, "orders-service")));
	}

	@Test
	void expiredAssertionIsRejected() {
		String assertion = minter(MASTER, this.now.minusSeconds(40)).mint(this.alice, "orders-service");
		assertThatExceptionOfType(InvalidEdgeAssertionException.class)
			.isThrownBy(() -> verifier("orders-service").verify(assertion));
	}

	@Test
	void assertionWithinTheClockSkewIsAccepted() throws Exception {
		String assertion = minter(MASTER, this.now.minusSeconds(33)).mint(this.alice, "orders-service");
		assertThat(verifier("orders-service").verify(assertion).userId()).isEqualTo(this.alice.userId());
	}

	@Test
	void tamperedClaimsAreRejected() {
		String[] parts = minter(MASTER, this.now).mint(this.alice, "orders-service").split("\\.");
		String payload = new String(Base64URL.from(parts[1]).decode()).replace("\"USER\"", "\"ADMIN\"");
		String tampered = parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];
		assertThatExceptionOfType(InvalidEdgeAssertionException.class)
			.isThrownBy(() -> verifier("orders-service").verify(tampered));
	}

	@Test
	void unsignedAssertionIsRejected() {
		String[] parts = minter(MASTER, this.now).mint(this.alice, "orders-service").split("\\.");
		String none = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"edge+jwt\"}") + "." + parts[1] + ".";
		assertThatExceptionOfType(InvalidEdgeAssertionException.class)
			.isThrownBy(() -> verifier("orders-service").verify(none));
	}

	@Test
	void accessTokenShapedJwtSignedWithTheSecretIsRejected() throws Exception {
		String accessToken = sign(new JOSEObjectType("at+jwt"), claims(this.now.plusSeconds(30)).build());
		assertThatExceptionOfType(InvalidEdgeAssertionException.class)
			.isThrownBy(() -> verifier("orders-service").verify(accessToken));
	}

	@Test
	void assertionLivingLongerThanSixtySecondsIsRejected() throws Exception {
		String longLived = sign(EdgeAssertionVerifier.TYPE, claims(this.now.plusSeconds(3600)).build());
		assertThatExceptionOfType(InvalidEdgeAssertionException.class)
			.isThrownBy(() -> verifier("orders-service").verify(longLived));
	}

	@Test
	void claimsOfTheWrongTypeAreRejectedNotThrown() throws Exception {
		String wrongTypes = sign(EdgeAssertionVerifier.TYPE,
				claims(this.now.plusSeconds(30)).claim("roles", "ADMIN").claim("scope", List.of(1, 2)).build());
		assertThatExceptionOfType(InvalidEdgeAssertionException.class)
			.isThrownBy(() -> verifier("orders-service").verify(wrongTypes));
	}

	@Test
	void garbageIsRejected() {
		for (String garbage : new String[] { "", "a.b", "a.b.c.d.e", "%%%.%%%.%%%", "x".repeat(10_000) }) {
			assertThatExceptionOfType(InvalidEdgeAssertionException.class)
				.isThrownBy(() -> verifier("orders-service").verify(garbage));
		}
	}

	@Test
	void secretUnder256BitsIsRefused() {
		String shortSecret = Base64.getEncoder().encodeToString(new byte[31]);
		assertThatIllegalStateException().isThrownBy(() -> properties(shortSecret, "orders-service").secretBytes())
			.withMessageContaining("256 bits");
	}

	@Test
	void missingSecretIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> properties(null, "orders-service").secretBytes())
			.withMessageContaining("EDGEPASS_EDGE_SECRET");
	}

	@Test
	void aGatewayWithoutAMasterSecretIsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new EdgeAssertionMinter(properties(ORDERS_KEY, "orders-service")))
			.withMessageContaining("EDGEPASS_EDGE_MASTER_SECRET");
	}

	@Test
	void lifetimeOverSixtySecondsIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EdgeTrustProperties.gateway(MASTER, "edgepass-gateway", Duration.ofSeconds(61)));
	}

	private JWTClaimsSet.Builder claims(Instant expiry) {
		return new JWTClaimsSet.Builder().issuer("edgepass-gateway")
			.audience("orders-service")
			.subject(this.alice.userId().toString())
			.issueTime(Date.from(this.now))
			.expirationTime(Date.from(expiry))
			.jwtID("token-1")
			.claim("sid", "session-1");
	}

	private static String sign(JOSEObjectType type, JWTClaimsSet claims) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(type).build(), claims);
		jwt.sign(new MACSigner(Base64.getDecoder().decode(ORDERS_KEY)));
		return jwt.serialize();
	}

}
