package io.edgepass.auth.dpop;

import java.net.URI;
import java.util.Collections;
import java.util.List;

import io.edgepass.auth.token.TokenProperties;
import io.edgepass.trust.dpop.DPoPProofVerifier;
import io.edgepass.trust.dpop.DPoPReplayCacheFullException;
import io.edgepass.trust.dpop.InvalidDPoPProofException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The DPoP proofs of token requests: login, refresh and the token endpoint. A proof must
 * name the endpoint at the public issuer's URL ({@code htu}, since the client addresses
 * the gateway) and carry no {@code ath}, as no access token comes with it.
 */
@Component
public class DPoPProofs {

	private static final Log logger = LogFactory.getLog(DPoPProofs.class);

	private final DPoPProofVerifier verifier;

	private final String issuer;

	private final boolean required;

	DPoPProofs(DPoPProofVerifier verifier, TokenProperties tokens, DPoPProperties properties) {
		this.verifier = verifier;
		this.issuer = tokens.issuer().replaceAll("/+$", "");
		this.required = properties.required();
	}

	/**
	 * The key a token request's proof binds its tokens to.
	 * @param request the token request
	 * @param path the endpoint's path, such as {@code /auth/login}
	 * @return the RFC 7638 thumbprint of the proof's key, or {@code null} when the
	 * request has no {@code DPoP} header and none is required
	 * @throws DPoPProofRefusedException when the proof is refused, there is more than
	 * one, or there is none and one is required
	 * @throws DPoPProofsBusyException when the proof cannot be checked for replay
	 */
	public @Nullable String keyOf(HttpServletRequest request, String path) {
		List<String> proofs = Collections.list(request.getHeaders(DPoPProofVerifier.HEADER));
		if (proofs.isEmpty()) {
			if (this.required) {
				throw new DPoPProofRefusedException();
			}
			return null;
		}
		if (proofs.size() > 1) {
			throw new DPoPProofRefusedException();
		}
		try {
			return this.verifier.verify(proofs.get(0), request.getMethod(), URI.create(this.issuer + path), null).jkt();
		}
		catch (InvalidDPoPProofException ex) {
			logger.debug("DPoP proof refused on " + path + ": " + ex.getMessage());
			throw new DPoPProofRefusedException();
		}
		catch (DPoPReplayCacheFullException ex) {
			// the gauge edgepass.auth.dpop.replay.cache.entries shows it; no log line per
			// request
			logger.debug("DPoP replay cache full: a proof on " + path + " is refused with 503");
			throw new DPoPProofsBusyException();
		}
	}

}
