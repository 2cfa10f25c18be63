package io.edgepass.auth.keys;

import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import io.edgepass.auth.token.SigningAlgorithm;
import io.edgepass.auth.token.TokenProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The key that signs now and the keys a verifier must know. Every replica reads them from
 * the database, so all serve the same JWKS; the active signer is cached and re-checked
 * every {@link KeyProperties#refreshInterval()} to follow rotations by other replicas.
 */
@Component
public class SigningKeys {

	private final JdbcClient jdbc;

	private final KeyEncryption encryption;

	private final KeyProperties properties;

	private final Clock clock;

	/** The fixed signer in HS256 mode, else null. */
	private final Signing hmac;

	private final AtomicReference<Cached> active = new AtomicReference<>();

	SigningKeys(JdbcClient jdbc, KeyEncryption encryption, KeyProperties properties, TokenProperties tokens,
			Clock clock) {
		this.jdbc = jdbc;
		this.encryption = encryption;
		this.properties = properties;
		this.clock = clock;
		this.hmac = (tokens.algorithm() == SigningAlgorithm.HS256) ? hmac(tokens.hs256SecretBytes()) : null;
	}

	/** The signer of new tokens. */
	public Signing current() {
		if (this.hmac != null) {
			return this.hmac;
		}
		Instant now = this.clock.instant();
		Cached cached = this.active.get();
		if (cached != null && now.isBefore(cached.checkedAt().plus(this.properties.refreshInterval()))) {
			return cached.signing();
		}
		String kid = this.jdbc.sql("SELECT kid FROM signing_keys WHERE state = 'ACTIVE'")
			.query(String.class)
			.optional()
			.orElseThrow(() -> new IllegalStateException("No active signing key"));
		Signing signing = (cached != null && cached.signing().kid().equals(kid)) ? cached.signing() : load(kid);
		this.active.set(new Cached(signing, now));
		return signing;
	}

	/**
	 * The public keys a verifier needs: the next key (published before it signs), the
	 * active one, and retired ones until every token they signed has expired. None in
	 * HS256 mode: a symmetric key is never published.
	 */
	public JWKSet publicKeys() {
		if (this.hmac != null) {
			return new JWKSet();
		}
		List<JWK> keys = new ArrayList<>();
		this.jdbc.sql("""
				SELECT public_jwk FROM signing_keys
				WHERE state IN ('NEXT', 'ACTIVE') OR publish_until > :now
				ORDER BY CASE state WHEN 'ACTIVE' THEN 0 WHEN 'NEXT' THEN 1 ELSE 2 END, created_at DESC
				""")
			.param("now", Timestamp.from(this.clock.instant()))
			.query(String.class)
			.list()
			.forEach((json) -> keys.add(parse(json)));
		return new JWKSet(keys);
	}

	private Signing load(String kid) {
		byte[] sealed = this.jdbc.sql("SELECT private_jwk FROM signing_keys WHERE kid = :kid")
			.param("kid", kid)
			.query(byte[].class)
			.single();
		JWK key = parse(this.encryption.decrypt(kid, sealed));
		return new Signing(kid, JWSAlgorithm.parse(key.getAlgorithm().getName()), KeyGeneration.signer(key));
	}

	private static JWK parse(String json) {
		try {
			return JWK.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Unreadable signing key", ex);
		}
	}

	private static Signing hmac(byte[] secret) {
		try {
			OctetSequenceKey key = new OctetSequenceKey.Builder(secret).build();
			// The thumbprint names the key without revealing it.
			return new Signing(key.computeThumbprint().toString(), JWSAlgorithm.HS256, new MACSigner(secret));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Unusable EDGEPASS_TOKEN_HS256_SECRET", ex);
		}
	}

	/**
	 * A key ready to sign.
	 *
	 * @param kid its id, the tokens' {@code kid}
	 * @param algorithm the tokens' {@code alg}
	 * @param signer signs with it
	 */
	public record Signing(String kid, JWSAlgorithm algorithm, JWSSigner signer) {
	}

	private record Cached(Signing signing, Instant checkedAt) {
	}

}
