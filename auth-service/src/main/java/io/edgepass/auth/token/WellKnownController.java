package io.edgepass.auth.token;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.edgepass.auth.keys.SigningKeys;
import io.edgepass.trust.Scopes;
import io.edgepass.trust.dpop.DPoPProofVerifier;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public documents a verifier needs: the keys (RFC 7517) and metadata (RFC 8414). */
@RestController
class WellKnownController {

	private final SigningKeys keys;

	private final Map<String, Object> metadata;

	WellKnownController(SigningKeys keys, TokenProperties properties) {
		this.keys = keys;
		String issuer = properties.issuer().replaceAll("/+$", "");
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("issuer", properties.issuer());
		metadata.put("jwks_uri", issuer + "/.well-known/jwks.json");
		metadata.put("token_endpoint", issuer + "/auth/token");
		metadata.put("grant_types_supported", List.of("password", "refresh_token"));
		metadata.put("response_types_supported", List.of());
		metadata.put("token_endpoint_auth_methods_supported", List.of("none"));
		metadata.put("scopes_supported", Scopes.ADMINISTRATOR);
		metadata.put("access_token_signing_alg_values_supported", List.of(properties.algorithm().jws().getName()));
		metadata.put("dpop_signing_alg_values_supported", List.of(DPoPProofVerifier.ALGORITHMS.split(" ")));
		this.metadata = Collections.unmodifiableMap(metadata);
	}

	@ApiResponse(responseCode = "200", description = "the public signing keys (RFC 7517)", useReturnTypeSchema = true)
	@GetMapping(path = "/.well-known/jwks.json",
			produces = { MediaType.APPLICATION_JSON_VALUE, "application/jwk-set+json" })
	Map<String, Object> jwks() {
		return this.keys.publicKeys().toJSONObject(true);
	}

	@ApiResponse(responseCode = "200", description = "authorization server metadata (RFC 8414)",
			useReturnTypeSchema = true)
	@GetMapping(path = "/.well-known/oauth-authorization-server", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> metadata() {
		return this.metadata;
	}

}
