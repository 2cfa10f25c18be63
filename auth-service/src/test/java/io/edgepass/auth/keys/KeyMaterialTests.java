package io.edgepass.auth.keys;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.edgepass.auth.token.SigningAlgorithm;
import io.edgepass.auth.token.TokenProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class KeyMaterialTests {

	static final String KEK = Base64.getEncoder().encodeToString(new byte[32]);

	@ParameterizedTest
	@EnumSource(value = SigningAlgorithm.class, names = { "RS256", "ES256", "EdDSA" })
	void generatedKeysSignTokensThatVerifyAgainstTheirPublicJwkOnly(SigningAlgorithm algorithm) throws Exception {
		JWK key = KeyGeneration.generate(algorithm);
		JWK published = JWK.parse(key.toPublicJWK().toJSONString());
		assertThat(published.isPrivate()).isFalse();
		assertThat(published.getAlgorithm()).isEqualTo(algorithm.jws());

		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(algorithm.jws()).type(new JOSEObjectType("at+jwt")).keyID(key.getKeyID()).build(),
				new JWTClaimsSet.Builder().subject("alice").build());
		jwt.sign(KeyGeneration.signer(key));

		SignedJWT received = SignedJWT.parse(jwt.serialize());
		assertThat(received.verify(verifier(published))).isTrue();
		assertThat(received.getJWTClaimsSet().getSubject()).isEqualTo("alice");
	}

	// Nimbus's JWSVerificationKeySelector cannot select OKP (Ed25519) keys: verify
	// directly.
	private static JWSVerifier verifier(JWK published) throws Exception {
		return switch (published.getKeyType().getValue()) {
			case "RSA" -> new RSASSAVerifier(published.toRSAKey());
			case "EC" -> new ECDSAVerifier(published.toECKey());
			case "OKP" -> new Ed25519Verifier(published.toOctetKeyPair());
			default -> throw new IllegalArgumentException(published.getKeyType().getValue());
		};
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "not base64!", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
			"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" })
	void aMissingOrWronglySizedKeyEncryptionKeyIsRefusedClearly(String kek) {
		assertThatIllegalStateException().isThrownBy(() -> new KeyEncryption(properties(kek)))
			.withMessageContaining("EDGEPASS_KEY_ENCRYPTION_KEY");
	}

	@Test
	void anUnsetKeyEncryptionKeyIsRefusedClearly() {
		assertThatIllegalStateException().isThrownBy(() -> new KeyEncryption(properties(null)))
			.withMessageContaining("EDGEPASS_KEY_ENCRYPTION_KEY is not set");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "c2VjcmV0", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==" })
	void hs256ModeRefusesASecretUnder256Bits(String secret) {
		assertThatIllegalArgumentException().isThrownBy(() -> tokens(SigningAlgorithm.HS256, secret))
			.withMessageContaining("EDGEPASS_TOKEN_HS256_SECRET");
	}

	@Test
	void hs256ModePublishesNoKeyAndSignsWithTheSecret() throws Exception {
		byte[] secret = new byte[32];
		secret[0] = 7;
		TokenProperties tokens = tokens(SigningAlgorithm.HS256, Base64.getEncoder().encodeToString(secret));
		SigningKeys keys = new SigningKeys(null, new KeyEncryption(properties(KEK)), properties(KEK), tokens,
				Clock.systemUTC());
		assertThat(keys.publicKeys().getKeys()).isEmpty();
		SigningKeys.Signing signing = keys.current();
		assertThat(signing.kid()).isNotBlank().doesNotContain(Base64.getEncoder().encodeToString(secret));
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(signing.algorithm()).keyID(signing.kid()).build(),
				new JWTClaimsSet.Builder().subject("alice").build());
		jwt.sign(signing.signer());
		assertThat(jwt.verify(new MACVerifier(secret))).isTrue();
	}

	private static TokenProperties tokens(SigningAlgorithm algorithm, String secret) {
		return new TokenProperties("http://localhost:8080", "edgepass-api", "edgepass", algorithm, secret,
				Duration.ofMinutes(15));
	}

	private static KeyProperties properties(String kek) {
		return new KeyProperties(kek, Duration.ofDays(30), Duration.ofMinutes(1), Duration.ofSeconds(10));
	}

}
