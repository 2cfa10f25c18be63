package io.edgepass.auth.keys;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.SignedJWT;
import io.edgepass.auth.AuthServiceTest;
import io.edgepass.testsupport.AtOnce;
import io.edgepass.auth.token.TokenProperties;
import io.edgepass.testsupport.TestEdgeAssertions;
import io.edgepass.trust.EdgeHeaders;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class SigningKeyTests extends AuthServiceTest {

	@Autowired
	KeyRotation rotation;

	@Autowired
	KeyEncryption encryption;

	@Autowired
	KeyProperties keyProperties;

	@Autowired
	TokenProperties tokenProperties;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	Clock clock;

	@Test
	void theJwksPublishesTheActiveAndTheNextKeyWithoutPrivateParts() throws Exception {
		JWKSet jwks = jwks();
		assertThat(jwks.getKeys()).extracting(JWK::getKeyID).contains(kid("ACTIVE"), kid("NEXT"));
		for (JWK key : jwks.getKeys()) {
			assertThat(key.isPrivate()).isFalse();
			assertThat(key.getKeyID()).isNotBlank();
			assertThat(key.getAlgorithm().getName()).isEqualTo("RS256");
			assertThat(key.getKeyUse().identifier()).isEqualTo("sig");
		}
		assertThat(jwksJson()).doesNotContain("\"d\"").doesNotContain("\"p\"");
	}

	@Test
	void rotationActivatesThePrePublishedKeyAndEarlierTokensStillVerify() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		String before = accessToken(tokens(name, PASSWORD));
		String next = kid("NEXT");
		assertThat(jwks().getKeyByKeyId(next)).isNotNull();

		String rotated = this.mvc
			.perform(as(TestEdgeAssertions.admin(UUID.randomUUID(), "admin"), post("/auth/admin/keys/rotate")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat((String) JsonPath.read(rotated, "$.kid")).isEqualTo(next);

		assertThat(verify(before).getSubject()).isNotBlank();
		assertThat(jwks().getKeyByKeyId(SignedJWT.parse(before).getHeader().getKeyID())).isNotNull();
		assertThat(jwks().getKeyByKeyId(kid("NEXT"))).isNotNull();
		String after = accessToken(tokens(name, PASSWORD));
		assertThat(SignedJWT.parse(after).getHeader().getKeyID()).as("the first login after the rotation")
			.isEqualTo(next);
		assertThat(verify(after).getSubject()).isNotBlank();
	}

	@Test
	void aRetiredKeyLeavesTheJwksOnceEveryTokenItSignedHasExpired() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		String token = accessToken(tokens(name, PASSWORD));
		String oldKid = SignedJWT.parse(token).getHeader().getKeyID();
		this.rotation.rotate();
		assertThat(
				this.jdbc.sql("SELECT publish_until > now() + interval '15 minutes' FROM signing_keys WHERE kid = :kid")
					.param("kid", oldKid)
					.query(Boolean.class)
					.single())
			.isTrue();
		this.jdbc.sql("UPDATE signing_keys SET publish_until = now() - interval '1 second' WHERE kid = :kid")
			.param("kid", oldKid)
			.update();
		assertThat(jwks().getKeyByKeyId(oldKid)).isNull();
		assertThatExceptionOfType(BadJOSEException.class).isThrownBy(() -> verify(token));
		this.rotation.rotateIfDue();
		assertThat(this.jdbc.sql("SELECT count(*) FROM signing_keys WHERE kid = :kid")
			.param("kid", oldKid)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void twoReplicasRotatingAtOnceLeaveExactlyOneActiveAndOneNextKey() throws Exception {
		KeyRotation replica = anotherReplica();
		List<Callable<Object>> rotations = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			KeyRotation instance = (i % 2 == 0) ? this.rotation : replica;
			boolean manual = i < 4;
			rotations.add(() -> manual ? instance.rotate() : instance.rotateIfDue());
		}
		this.jdbc.sql("UPDATE signing_keys SET activated_at = now() - interval '400 days' WHERE state = 'ACTIVE'")
			.update();
		AtOnce.callAll(rotations);
		assertThat(count("ACTIVE")).isEqualTo(1);
		assertThat(count("NEXT")).isEqualTo(1);
		String name = uniqueName();
		register(name, PASSWORD);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> SignedJWT.parse(accessToken(tokens(name, PASSWORD)))
				.getHeader()
				.getKeyID()
				.equals(kid("ACTIVE")));
	}

	@Test
	void theDatabaseForbidsASecondActiveKey() {
		assertThatExceptionOfType(org.springframework.dao.DuplicateKeyException.class)
			.isThrownBy(() -> this.jdbc.sql("UPDATE signing_keys SET state = 'ACTIVE' WHERE state = 'NEXT'").update());
	}

	@Test
	void automaticRotationHappensOnlyOnceTheActiveKeyIsOlderThanTheRotationPeriod() {
		KeyRotation replica = anotherReplica();
		String active = kid("ACTIVE");
		assertThat(this.rotation.rotateIfDue()).isFalse();
		this.jdbc.sql("UPDATE signing_keys SET activated_at = now() - interval '31 days' WHERE state = 'ACTIVE'")
			.update();
		assertThat(replica.rotateIfDue()).isTrue();
		assertThat(this.rotation.rotateIfDue()).isFalse();
		assertThat(kid("ACTIVE")).isNotEqualTo(active);
	}

	@Test
	void aRotationByAnotherReplicaIsFollowedWithinTheRefreshInterval() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		String rotated = anotherReplica().rotate();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> SignedJWT.parse(accessToken(tokens(name, PASSWORD))).getHeader().getKeyID().equals(rotated));
	}

	@Test
	void startingAnotherReplicaKeepsTheKeysItFinds() {
		String active = kid("ACTIVE");
		String next = kid("NEXT");
		anotherReplica().afterSingletonsInstantiated();
		assertThat(kid("ACTIVE")).isEqualTo(active);
		assertThat(kid("NEXT")).isEqualTo(next);

		this.jdbc.sql("DELETE FROM signing_keys WHERE state = 'NEXT'").update();
		anotherReplica().afterSingletonsInstantiated();
		assertThat(kid("ACTIVE")).isEqualTo(active);
		assertThat(count("NEXT")).isEqualTo(1);
	}

	@Test
	void privateKeysAreStoredEncryptedAndBoundToTheirKid() throws Exception {
		String kid = kid("ACTIVE");
		byte[] sealed = this.jdbc.sql("SELECT private_jwk FROM signing_keys WHERE kid = :kid")
			.param("kid", kid)
			.query(byte[].class)
			.single();
		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("\"d\"").doesNotContain("RSA");
		assertThat(JWK.parse(this.encryption.decrypt(kid, sealed)).isPrivate()).isTrue();
		assertThatIllegalStateException().isThrownBy(() -> this.encryption.decrypt(kid("NEXT"), sealed));
		KeyEncryption otherKek = new KeyEncryption(
				new KeyProperties(java.util.Base64.getEncoder().encodeToString(new byte[32]), null, null, null));
		assertThatIllegalStateException().isThrownBy(() -> otherKek.decrypt(kid, sealed))
			.withMessageContaining("EDGEPASS_KEY_ENCRYPTION_KEY");
	}

	@Test
	void rotationIsForAdministratorsOnly() throws Exception {
		this.mvc.perform(post("/auth/admin/keys/rotate"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", "Bearer"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(as(TestEdgeAssertions.user(UUID.randomUUID(), "user"), post("/auth/admin/keys/rotate")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void anAdminAssertionMintedWithAnotherServicesKeyCannotRotate() throws Exception {
		String active = kid("ACTIVE");
		String forged = TestEdgeAssertions.signedWithTheKeyOf("orders-service",
				TestEdgeAssertions.admin(UUID.randomUUID(), "admin"), "auth-service");
		this.mvc.perform(post("/auth/admin/keys/rotate").header(EdgeHeaders.ASSERTION, forged))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", "Bearer error=\"invalid_token\""))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(kid("ACTIVE")).isEqualTo(active);
	}

	private KeyRotation anotherReplica() {
		return new KeyRotation(this.jdbc, this.transactionManager, this.encryption, this.keyProperties,
				this.tokenProperties, this.clock);
	}

	private String kid(String state) {
		return this.jdbc.sql("SELECT kid FROM signing_keys WHERE state = :state")
			.param("state", state)
			.query(String.class)
			.single();
	}

	private long count(String state) {
		return this.jdbc.sql("SELECT count(*) FROM signing_keys WHERE state = :state")
			.param("state", state)
			.query(Long.class)
			.single();
	}

	private String jwksJson() throws Exception {
		return this.mvc.perform(get("/.well-known/jwks.json"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private JWKSet jwks() throws Exception {
		return JWKSet.parse(jwksJson());
	}

}
