package io.edgepass.gateway.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.edgepass.trust.EdgeIdentity;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.web.server.ServerWebExchange;

/**
 * A request authenticated by a valid access token: the principal is the identity the
 * gateway forwards, the authorities are {@code SCOPE_*} and {@code ROLE_*}.
 */
public final class AccessTokenAuthentication extends AbstractAuthenticationToken {

	private static final String ATTRIBUTE = AccessTokenAuthentication.class.getName();

	private final EdgeIdentity identity;

	AccessTokenAuthentication(EdgeIdentity identity) {
		super(authorities(identity));
		this.identity = identity;
		setAuthenticated(true);
	}

	private static List<GrantedAuthority> authorities(EdgeIdentity identity) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		identity.scopes().forEach((scope) -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
		identity.roles().forEach((role) -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
		return authorities;
	}

	/** The identity a request was authenticated as, if any. */
	public static Optional<EdgeIdentity> identityOf(ServerWebExchange exchange) {
		return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
	}

	void attachTo(ServerWebExchange exchange) {
		exchange.getAttributes().put(ATTRIBUTE, this.identity);
	}

	@Override
	public EdgeIdentity getPrincipal() {
		return this.identity;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public String getName() {
		return this.identity.userId().toString();
	}

}
