package io.edgepass.trust.dpop;

import java.time.Instant;

/**
 * An accepted DPoP proof.
 *
 * @param jkt the RFC 7638 SHA-256 thumbprint of its key, as {@code cnf.jkt} holds it
 * @param jti its identifier
 * @param issuedAt its {@code iat}
 */
public record DPoPProof(String jkt, String jti, Instant issuedAt) {

}
