package io.edgepass.auth.token;

import com.nimbusds.jose.JWSAlgorithm;

/** The access tokens' {@code alg}, chosen by {@code EDGEPASS_TOKEN_ALGORITHM}. */
public enum SigningAlgorithm {

	RS256(JWSAlgorithm.RS256), ES256(JWSAlgorithm.ES256), EdDSA(JWSAlgorithm.EdDSA), HS256(JWSAlgorithm.HS256);

	private final JWSAlgorithm jws;

	SigningAlgorithm(JWSAlgorithm jws) {
		this.jws = jws;
	}

	public JWSAlgorithm jws() {
		return this.jws;
	}

}
