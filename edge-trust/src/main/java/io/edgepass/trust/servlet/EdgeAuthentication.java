package io.edgepass.trust.servlet;

import java.util.ArrayList;
import java.util.List;

import io.edgepass.trust.EdgeIdentity;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authentication established from a verified edge assertion: the principal is the
 * {@link EdgeIdentity}, the authorities are {@code ROLE_*} for roles and {@code SCOPE_*}
 * for scopes.
 */
public final class EdgeAuthentication extends AbstractAuthenticationToken {

	private final EdgeIdentity identity;

	public EdgeAuthentication(EdgeIdentity identity) {
		super(authorities(identity));
		this.identity = identity;
		setAuthenticated(true);
	}

	private static List<GrantedAuthority> authorities(EdgeIdentity identity) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		identity.roles().forEach((role) -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
		identity.scopes().forEach((scope) -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
		return authorities;
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
