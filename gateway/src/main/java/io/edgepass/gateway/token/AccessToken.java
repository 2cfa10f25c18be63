package io.edgepass.gateway.token;

import io.edgepass.trust.EdgeIdentity;
import org.jspecify.annotations.Nullable;

/**
 * An access token that passed the edge's checks of the token itself.
 *
 * @param identity who it is for
 * @param jkt the thumbprint of the key it is bound to ({@code cnf.jkt}, RFC 9449 §6), or
 * {@code null} for a bearer token
 */
public record AccessToken(EdgeIdentity identity, @Nullable String jkt) {

}
