package io.edgepass.gateway.token;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import io.edgepass.gateway.token.InvalidAccessTokenException.Reason;
import io.edgepass.trust.EdgeIdentity;
import io.edgepass.trust.dpop.DPoPProof;
import io.edgepass.trust.dpop.DPoPProofVerifier;
import io.edgepass.trust.dpop.DPoPReplayCache;
import io.edgepass.trust.dpop.DPoPReplayCacheFullException;
import io.edgepass.trust.dpop.InvalidDPoPProofException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;

/**
 * Whether a verified access token was sent the way its binding requires (RFC 9449 §7): a
 * token bound to a key ({@code cnf.jkt}) only as {@code DPoP} with one valid proof by
 * that key for this very request, an unbound one only as {@code Bearer} (where a
 * {@code DPoP} header is ignored), and no {@code Bearer} at all when DPoP is required.
 * Checked on every request, also when the token's verdict was remembered: a proof is good
 * for one request only. The proof's {@code htu} is compared with the issuer's scheme,
 * host and port and the request's path, never with what {@code Host} or
 * {@code X-Forwarded-*} say. A proof's check (an ES256 signature, about 0.45 ms of CPU on
 * the benchmark's machine, or Ed25519, 0.2 ms, against 0.06 ms for an RS256 token) runs
 * on the parallel scheduler, so that the event loop goes on reading and writing other
 * connections meanwhile; a request without a proof is decided on the calling thread.
 */
@Component
public class DPoPBinding {

	private static final Log logger = LogFactory.getLog(DPoPBinding.class);

	private final DPoPProofVerifier proofs;

	private final String publicBaseUrl;

	private final boolean required;

	private final Counter rejections;

	private final Counter cacheFull;

	DPoPBinding(DPoPProperties properties, TokenProperties tokens, MeterRegistry meters, Clock clock) {
		DPoPReplayCache replays = new DPoPReplayCache(properties.replayCacheSize(), clock);
		this.proofs = new DPoPProofVerifier(properties.proofWindow(), replays, clock);
		this.publicBaseUrl = publicBaseUrl(tokens.issuer());
		this.required = properties.required();
		// the series AccessTokenVerifier counts its other reasons in
		this.rejections = Counter.builder("edgepass.gateway.token.rejected")
			.description("Access tokens rejected at the edge, by reason")
			.tag("reason", Reason.DPOP.tag())
			.register(meters);
		this.cacheFull = Counter.builder("edgepass.gateway.token.rejected")
			.description("Access tokens rejected at the edge, by reason")
			.tag("reason", Reason.DPOP_REPLAY_CACHE_FULL.tag())
			.register(meters);
		Gauge.builder("edgepass.gateway.dpop.replay.cache.entries", replays, DPoPReplayCache::size)
			.description("DPoP proofs remembered within the proof window to refuse their replay")
			.register(meters);
	}

	/**
	 * Checks how a verified token was sent, a proof off the calling thread.
	 * @param token the verified token
	 * @param request how the request presented it
	 * @return the identity to forward, or an {@link InvalidAccessTokenException} when it
	 * was not sent as its binding requires
	 */
	public Mono<EdgeIdentity> check(AccessToken token, PresentedToken request) {
		Mono<EdgeIdentity> checked = Mono.fromSupplier(() -> checkNow(token, request));
		return (request.dpop() && token.jkt() != null) ? checked.subscribeOn(Schedulers.parallel()) : checked;
	}

	private EdgeIdentity checkNow(AccessToken token, PresentedToken request) {
		if (!request.dpop()) {
			if (token.jkt() != null || this.required) {
				throw rejected(false, "A token bound to a key, or any token while DPoP is required, sent as Bearer");
			}
			return token.identity();
		}
		if (token.jkt() == null) {
			throw rejected(false, "A token not bound to a key sent as DPoP");
		}
		List<String> headers = request.proofs();
		if (headers.size() != 1) {
			throw rejected(true, "Not exactly one DPoP header");
		}
		DPoPProof proof;
		try {
			proof = this.proofs.verify(headers.get(0), request.method(),
					URI.create(this.publicBaseUrl + request.path()), request.token());
		}
		catch (InvalidDPoPProofException ex) {
			throw rejected(true, ex.getMessage());
		}
		catch (DPoPReplayCacheFullException ex) {
			this.cacheFull.increment();
			throw new InvalidAccessTokenException(Reason.DPOP_REPLAY_CACHE_FULL);
		}
		catch (IllegalArgumentException ex) {
			throw rejected(true, "The request's path makes no URL");
		}
		if (!proof.jkt().equals(token.jkt())) {
			throw rejected(true, "The DPoP proof is signed by another key than the token is bound to");
		}
		return token.identity();
	}

	private InvalidAccessTokenException rejected(boolean invalidProof, String why) {
		this.rejections.increment();
		if (logger.isDebugEnabled()) {
			logger.debug("Rejected access token: dpop: " + why);
		}
		return new InvalidAccessTokenException(Reason.DPOP, invalidProof);
	}

	/** The issuer's scheme, host and port: what clients address the edge at. */
	private static String publicBaseUrl(String issuer) {
		URI uri = URI.create(issuer);
		if (uri.getScheme() == null || uri.getRawAuthority() == null) {
			throw new IllegalArgumentException("edgepass.token.issuer must be an absolute URL, got '" + issuer + "'");
		}
		return uri.getScheme() + "://" + uri.getRawAuthority();
	}

	/**
	 * An access token as a request presented it.
	 *
	 * @param token the compact token
	 * @param dpop whether it came as {@code Authorization: DPoP} rather than
	 * {@code Bearer}
	 * @param proofs the values of every {@code DPoP} header
	 * @param method the request's method
	 * @param path the request's path, as sent (percent-encoded)
	 */
	public record PresentedToken(String token, boolean dpop, List<String> proofs, String method, String path) {

	}

}
