package io.edgepass.auth.dpop;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How DPoP proofs (RFC 9449) of token requests are checked.
 *
 * @param proofWindow how far a proof's {@code iat} may be from now, either way
 * ({@code EDGEPASS_DPOP_PROOF_WINDOW})
 * @param replayCacheSize the most proofs remembered within the window to refuse their
 * replay ({@code EDGEPASS_DPOP_REPLAY_CACHE_SIZE})
 * @param required whether a token request without a proof is refused, so that no
 * {@code Bearer} token is issued ({@code EDGEPASS_DPOP_REQUIRED})
 */
@ConfigurationProperties("edgepass.dpop")
public record DPoPProperties(@DefaultValue("60s") Duration proofWindow, @DefaultValue("100000") int replayCacheSize,
		@DefaultValue("false") boolean required) {
}
