package io.edgepass.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.edgepass.testsupport.TestEdgeAssertions;
import io.edgepass.testsupport.TestPostgres;
import io.edgepass.trust.EdgeHeaders;
import io.edgepass.trust.EdgeIdentity;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The one application context the auth-service tests share: a real PostgreSQL database,
 * edge assertions minted like the gateway's, a bootstrap administrator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "edgepass.keys.rotation-check-interval=1h",
				"edgepass.keys.refresh-interval=200ms", "edgepass.cleanup-interval=1h",
				"edgepass.admin.username=" + AuthServiceTest.ADMIN,
				"edgepass.admin.password=" + AuthServiceTest.PASSWORD })
@AutoConfigureMockMvc
public abstract class AuthServiceTest {

	public static final String ADMIN = "root-admin";

	public static final String PASSWORD = "correct horse battery staple";

	public static final String ISSUER = "http://localhost:8080";

	public static final String AUDIENCE = "edgepass-api";

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected JdbcClient jdbc;

	@DynamicPropertySource
	static void auth(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry, "auth");
		TestEdgeAssertions.register(registry, "auth-service");
		byte[] kek = new byte[32];
		new SecureRandom().nextBytes(kek);
		registry.add("edgepass.keys.encryption-key", () -> Base64.getEncoder().encodeToString(kek));
	}

	protected static String uniqueName() {
		return "user-" + UUID.randomUUID().toString().substring(0, 13);
	}

	protected static String json(String... keysAndValues) {
		StringBuilder json = new StringBuilder("{");
		for (int i = 0; i < keysAndValues.length; i += 2) {
			json.append((i > 0) ? "," : "")
				.append('"')
				.append(keysAndValues[i])
				.append("\":\"")
				.append(keysAndValues[i + 1].replace("\\", "\\\\").replace("\"", "\\\""))
				.append('"');
		}
		return json.append('}').toString();
	}

	protected ResultActions postJson(String path, String body) throws Exception {
		return this.mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	/** Registers an account and returns its id. */
	protected UUID register(String username, String password) throws Exception {
		String body = postJson("/auth/register", json("username", username, "password", password))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return UUID.fromString(JsonPath.read(body, "$.id"));
	}

	protected ResultActions login(String username, String password) throws Exception {
		return postJson("/auth/login", json("username", username, "password", password));
	}

	/** Logs in and returns the token response's JSON. */
	protected String tokens(String username, String password) throws Exception {
		return login(username, password).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	protected ResultActions refresh(String refreshToken) throws Exception {
		return postJson("/auth/refresh", json("refresh_token", refreshToken));
	}

	/**
	 * Verifies an access token against the published JWKS, independently of the service's
	 * own code, the way the gateway does.
	 */
	protected JWTClaimsSet verify(String accessToken) throws Exception {
		String jwks = this.mvc.perform(get("/.well-known/jwks.json"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
		processor.setJWSKeySelector(
				new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA),
						new ImmutableJWKSet<>(JWKSet.parse(jwks))));
		processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(AUDIENCE,
				new JWTClaimsSet.Builder().issuer(ISSUER).build(),
				Set.of("sub", "exp", "nbf", "iat", "jti", "sid", "scope", "roles", "client_id", "preferred_username")));
		return processor.process(accessToken, null);
	}

	/** The identity the gateway would forward for this access token. */
	protected EdgeIdentity identity(String accessToken) throws Exception {
		JWTClaimsSet claims = verify(accessToken);
		return new EdgeIdentity(UUID.fromString(claims.getSubject()), claims.getStringClaim("preferred_username"),
				claims.getStringListClaim("roles"), List.of(claims.getStringClaim("scope").split(" ")),
				claims.getStringClaim("sid"), claims.getJWTID());
	}

	/** The gateway's own identity, for the internal revocation feed. */
	protected static EdgeIdentity gateway() {
		return new EdgeIdentity(new UUID(0, 0), "edgepass-gateway", List.of("GATEWAY"), List.of("revocations:read"),
				"gateway", UUID.randomUUID().toString());
	}

	protected static MockHttpServletRequestBuilder as(EdgeIdentity identity, MockHttpServletRequestBuilder request) {
		return request.header(EdgeHeaders.ASSERTION, TestEdgeAssertions.mint(identity, "auth-service"));
	}

	protected static String accessToken(String tokens) {
		return JsonPath.read(tokens, "$.access_token");
	}

	protected static String refreshToken(String tokens) {
		return JsonPath.read(tokens, "$.refresh_token");
	}

}
