package io.edgepass.gateway.token;

import reactor.core.publisher.Mono;

/** Where {@link AccessTokenVerifier} finds the public key a token names. */
@FunctionalInterface
public interface VerificationKeys {

	/**
	 * The key for {@code kid}.
	 * @param kid the token's key id
	 * @return the key, empty if unknown, or {@link KeysUnavailableException} when no keys
	 * are known at all
	 */
	Mono<VerificationKey> find(String kid);

}
