package io.edgepass.gateway.system;

import java.util.Map;

import io.edgepass.trust.EdgeAssertionMinter;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code GET /actuator/edgejwks} on the management port: the public key services verify
 * ES256 edge assertions with. Only there, because only the services need it.
 */
@Endpoint(id = "edgejwks")
class EdgeJwksEndpoint {

	private final EdgeAssertionMinter minter;

	EdgeJwksEndpoint(EdgeAssertionMinter minter) {
		this.minter = minter;
	}

	@ReadOperation
	Map<String, Object> jwks() {
		return this.minter.publicJwks();
	}

}
