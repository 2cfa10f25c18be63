package io.edgepass.gateway.token;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How DPoP proofs (RFC 9449) are checked at the edge.
 *
 * @param proofWindow how far a proof's {@code iat} may be from now, either way
 * @param replayCacheSize the most proofs remembered within the window to refuse replays
 * @param required whether every token must come as {@code DPoP} ({@code Bearer} refused)
 */
@ConfigurationProperties("edgepass.dpop")
public record DPoPProperties(@DefaultValue("60s") Duration proofWindow, @DefaultValue("100000") int replayCacheSize,
		@DefaultValue("false") boolean required) {

	public DPoPProperties {
		if (proofWindow.isNegative() || proofWindow.isZero()) {
			throw new IllegalArgumentException("edgepass.dpop.proof-window must be positive");
		}
		if (replayCacheSize < 1) {
			throw new IllegalArgumentException("edgepass.dpop.replay-cache-size must be at least 1");
		}
	}

}
