package io.edgepass.gateway.token;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** Where {@link AccessTokenVerifier} finds the public key a token names. */
public interface VerificationKeys {

	/**
	 * The key for {@code kid} among the keys in hand, without fetching anything.
	 * @param kid the token's key id
	 * @return the key, or {@code null} if it is not (or no longer) trusted
	 */
	@Nullable VerificationKey current(String kid);

	/**
	 * The key for {@code kid}.
	 * @param kid the token's key id
	 * @return the key, empty if unknown, or {@link KeysUnavailableException} when no keys
	 * are known at all
	 */
	Mono<VerificationKey> find(String kid);

}
