package io.edgepass.auth.dpop;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.edgepass.auth.AuthServiceTest;
import io.edgepass.testsupport.DPoPKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * DPoP (RFC 9449) at the token endpoints: a valid proof binds the access token
 * ({@code cnf.jkt}) and the session to its key; any bad proof is refused before anything
 * is issued or spent.
 */
class DPoPBindingTests extends AuthServiceTest {

	static final String LOGIN = ISSUER + "/auth/login";

	static final String REFRESH = ISSUER + "/auth/refresh";

	static final String TOKEN = ISSUER + "/auth/token";

	static final String INVALID_DPOP_PROOF = "https://edgepass.dev/problems/invalid-dpop-proof";

	@Test
	void loginWithAnES256ProofIssuesADPoPTokenBoundToTheKeyAndBindsTheSession() throws Exception {
		loginBindsTo(DPoPKey.es256());
	}

	@Test
	void loginWithAnEdDSAProofIssuesADPoPTokenBoundToTheKeyAndBindsTheSession() throws Exception {
		loginBindsTo(DPoPKey.ed25519());
	}

	private void loginBindsTo(DPoPKey key) throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		String tokens = dpopLogin(name, PASSWORD, key.proof("POST", LOGIN)).andExpect(status().isOk())
			.andExpect(jsonPath("$.token_type").value("DPoP"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(jkt(accessToken(tokens))).isEqualTo(key.thumbprint());
		assertThat(sessionKey(accessToken(tokens))).isEqualTo(key.thumbprint());
	}

	@Test
	void loginWithoutAProofIssuesABearerTokenWithoutCnf() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		String tokens = login(name, PASSWORD).andExpect(status().isOk())
			.andExpect(jsonPath("$.token_type").value("Bearer"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(verify(accessToken(tokens)).getClaim("cnf")).isNull();
		assertThat(sessionKey(accessToken(tokens))).isNull();
	}

	static Stream<Arguments> badProofs() throws Exception {
		ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
		RSAKey rsa = new RSAKeyGenerator(2048).generate();
		JWSHeader dpopEs256 = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
			.jwk(ec.toPublicJWK())
			.build();
		MACSigner hmac = new MACSigner(new byte[32]);
		RSASSASigner rs256 = new RSASSASigner(rsa);
		return Stream.of(Arguments.of("wrong htm", (Function<DPoPKey, String>) (key) -> key.proof("GET", LOGIN)),
				Arguments.of("htu of another endpoint", (Function<DPoPKey, String>) (key) -> key.proof("POST", TOKEN)),
				Arguments.of("htu of another host",
						(Function<DPoPKey, String>) (key) -> key.proof("POST", "https://evil.example/auth/login")),
				Arguments.of("iat five minutes old",
						(Function<DPoPKey, String>) (key) -> key
							.proof(key.claims("POST", LOGIN, null).issueTime(ago(300)).build())),
				Arguments.of("iat five minutes ahead",
						(Function<DPoPKey, String>) (key) -> key
							.proof(key.claims("POST", LOGIN, null).issueTime(ago(-300)).build())),
				Arguments.of("ath although no access token is sent",
						(Function<DPoPKey, String>) (key) -> key.proof("POST", LOGIN, "some-access-token")),
				Arguments.of("typ JWT", (Function<DPoPKey, String>) (key) -> key.proof(
						new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).jwk(key.publicJwk()).build(),
						key.claims("POST", LOGIN, null).build())),
				Arguments.of("no jti",
						(Function<DPoPKey, String>) (key) -> key
							.proof(key.claims("POST", LOGIN, null).jwtID(null).build())),
				Arguments.of("signed by another key than its jwk's",
						(Function<DPoPKey, String>) (key) -> key.proof(dpopEs256,
								key.claims("POST", LOGIN, null).build())),
				Arguments.of("alg HS256",
						(Function<DPoPKey, String>) (key) -> signed(
								new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("dpop+jwt"))
									.jwk(ec.toPublicJWK())
									.build(),
								key.claims("POST", LOGIN, null).build(), hmac)),
				Arguments.of("alg RS256 with an RSA jwk",
						(Function<DPoPKey, String>) (key) -> signed(
								new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("dpop+jwt"))
									.jwk(rsa.toPublicJWK())
									.build(),
								key.claims("POST", LOGIN, null).build(), rs256)),
				Arguments.of("a private key in its jwk",
						(Function<DPoPKey, String>) (key) -> withPrivateJwk(ec,
								key.claims("POST", LOGIN, null).build())),
				Arguments.of("garbage", (Function<DPoPKey, String>) (key) -> "not-a-proof"),
				Arguments.of("empty", (Function<DPoPKey, String>) (key) -> ""));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badProofs")
	void loginWithABadProofIs400AndIssuesNothing(String rule, Function<DPoPKey, String> proof) throws Exception {
		String name = uniqueName();
		UUID id = register(name, PASSWORD);
		refusedAsProblem(dpopLogin(name, PASSWORD, proof.apply(DPoPKey.es256())));
		assertThat(sessionsOf(id)).isZero();
	}

	@Test
	void aReplayedProofIsRefused() throws Exception {
		String name = uniqueName();
		UUID id = register(name, PASSWORD);
		String proof = DPoPKey.es256().proof("POST", LOGIN);
		dpopLogin(name, PASSWORD, proof).andExpect(status().isOk());
		refusedAsProblem(dpopLogin(name, PASSWORD, proof));
		assertThat(sessionsOf(id)).isOne();
	}

	@Test
	void twoDPoPHeadersAreRefused() throws Exception {
		String name = uniqueName();
		UUID id = register(name, PASSWORD);
		DPoPKey key = DPoPKey.es256();
		refusedAsProblem(dpopLogin(name, PASSWORD, key.proof("POST", LOGIN), key.proof("POST", LOGIN)));
		assertThat(sessionsOf(id)).isZero();
	}

	@Test
	void theProofIsCheckedBeforeThePasswordSoAWrongPasswordWithABadProofCountsNoFailure() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		refusedAsProblem(dpopLogin(name, "a wrong password", "not-a-proof"));
		assertThat(this.jdbc.sql("SELECT count(*) FROM login_failures WHERE username = :name")
			.param("name", name)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void refreshOfABoundSessionWithTheSameKeyGivesANewBoundPairAndSpendsTheOldToken() throws Exception {
		DPoPKey key = DPoPKey.ed25519();
		String tokens = boundLogin(key);
		String refreshed = dpopRefresh(refreshToken(tokens), key.proof("POST", REFRESH)).andExpect(status().isOk())
			.andExpect(jsonPath("$.token_type").value("DPoP"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(jkt(accessToken(refreshed))).isEqualTo(key.thumbprint());
		assertThat(verify(accessToken(refreshed)).getStringClaim("sid"))
			.isEqualTo(verify(accessToken(tokens)).getStringClaim("sid"));
		assertThat(refreshToken(refreshed)).isNotEqualTo(refreshToken(tokens));
		dpopRefresh(refreshToken(tokens), key.proof("POST", REFRESH)).andExpect(status().isUnauthorized());
	}

	@Test
	void refreshOfABoundSessionWithoutAProofIs400AndSpendsNothing() throws Exception {
		DPoPKey key = DPoPKey.es256();
		String tokens = boundLogin(key);
		refusedAsProblem(refresh(refreshToken(tokens)));
		stillWorks(refreshToken(tokens), key);
	}

	@Test
	void refreshOfABoundSessionWithAnotherKeysProofIs400AndSpendsNothing() throws Exception {
		DPoPKey key = DPoPKey.es256();
		String tokens = boundLogin(key);
		refusedAsProblem(dpopRefresh(refreshToken(tokens), DPoPKey.es256().proof("POST", REFRESH)));
		refusedAsProblem(dpopRefresh(refreshToken(tokens), key.proof("POST", LOGIN)));
		stillWorks(refreshToken(tokens), key);
	}

	@Test
	void anUnboundSessionRefreshedWithAProofGetsABoundAccessTokenButItsRefreshTokenStaysUnbound() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		String tokens = tokens(name, PASSWORD);
		DPoPKey key = DPoPKey.es256();
		String refreshed = dpopRefresh(refreshToken(tokens), key.proof("POST", REFRESH)).andExpect(status().isOk())
			.andExpect(jsonPath("$.token_type").value("DPoP"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(jkt(accessToken(refreshed))).isEqualTo(key.thumbprint());
		assertThat(sessionKey(accessToken(refreshed))).isNull();
		String again = refresh(refreshToken(refreshed)).andExpect(status().isOk())
			.andExpect(jsonPath("$.token_type").value("Bearer"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(verify(accessToken(again)).getClaim("cnf")).isNull();
	}

	@Test
	void theTokenEndpointBindsBothGrantsToTheProofsKey() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		DPoPKey key = DPoPKey.ed25519();
		String tokens = token(key.proof("POST", TOKEN), "grant_type", "password", "username", name, "password",
				PASSWORD)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.token_type").value("DPoP"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(jkt(accessToken(tokens))).isEqualTo(key.thumbprint());
		assertThat(sessionKey(accessToken(tokens))).isEqualTo(key.thumbprint());

		String refreshed = token(key.proof("POST", TOKEN), "grant_type", "refresh_token", "refresh_token",
				refreshToken(tokens))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.token_type").value("DPoP"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(jkt(accessToken(refreshed))).isEqualTo(key.thumbprint());
	}

	@Test
	void theTokenEndpointAnswersABadProofWithTheOAuthErrorInvalidDPoPProof() throws Exception {
		String name = uniqueName();
		UUID id = register(name, PASSWORD);
		DPoPKey key = DPoPKey.es256();
		refusedAsOAuthError(
				token(key.proof("POST", LOGIN), "grant_type", "password", "username", name, "password", PASSWORD));
		assertThat(sessionsOf(id)).isZero();

		String tokens = token(key.proof("POST", TOKEN), "grant_type", "password", "username", name, "password",
				PASSWORD)
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		refusedAsOAuthError(token(null, "grant_type", "refresh_token", "refresh_token", refreshToken(tokens)));
		refusedAsOAuthError(token(DPoPKey.es256().proof("POST", TOKEN), "grant_type", "refresh_token", "refresh_token",
				refreshToken(tokens)));
		token(key.proof("POST", TOKEN), "grant_type", "refresh_token", "refresh_token", refreshToken(tokens))
			.andExpect(status().isOk());
	}

	@Test
	void theMetadataListsTheProofAlgorithms() throws Exception {
		this.mvc.perform(get("/.well-known/oauth-authorization-server"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.dpop_signing_alg_values_supported")
				.value(org.hamcrest.Matchers.contains("ES256", "EdDSA")));
	}

	private String boundLogin(DPoPKey key) throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		return dpopLogin(name, PASSWORD, key.proof("POST", LOGIN)).andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private void stillWorks(String refreshToken, DPoPKey key) throws Exception {
		String refreshed = dpopRefresh(refreshToken, key.proof("POST", REFRESH)).andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(jkt(accessToken(refreshed))).isEqualTo(key.thumbprint());
	}

	private ResultActions dpopLogin(String username, String password, String... proofs) throws Exception {
		return this.mvc.perform(withProofs(post("/auth/login").contentType(MediaType.APPLICATION_JSON)
			.content(json("username", username, "password", password)), proofs));
	}

	private ResultActions dpopRefresh(String refreshToken, String... proofs) throws Exception {
		return this.mvc.perform(withProofs(post("/auth/refresh").contentType(MediaType.APPLICATION_JSON)
			.content(json("refresh_token", refreshToken)), proofs));
	}

	private ResultActions token(String proof, String... form) throws Exception {
		MockHttpServletRequestBuilder request = post("/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED);
		for (int i = 0; i < form.length; i += 2) {
			request.param(form[i], form[i + 1]);
		}
		return this.mvc.perform((proof != null) ? withProofs(request, proof) : request);
	}

	private static MockHttpServletRequestBuilder withProofs(MockHttpServletRequestBuilder request, String... proofs) {
		for (String proof : proofs) {
			request.header("DPoP", proof);
		}
		return request;
	}

	static void refusedAsProblem(ResultActions answer) throws Exception {
		String body = answer.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(INVALID_DPOP_PROOF))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.detail").value("The DPoP proof is not valid."))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(body).doesNotContain("access_token", "refresh_token");
	}

	private static void refusedAsOAuthError(ResultActions answer) throws Exception {
		answer.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.error").value("invalid_dpop_proof"))
			.andExpect(jsonPath("$.error_description").isString())
			.andExpect(jsonPath("$.access_token").doesNotExist());
	}

	private String jkt(String accessToken) throws Exception {
		Map<String, Object> cnf = verify(accessToken).getJSONObjectClaim("cnf");
		assertThat(cnf).as("cnf").isNotNull().containsOnlyKeys("jkt");
		return (String) cnf.get("jkt");
	}

	/** The key the access token's session is bound to, as stored, or {@code null}. */
	private String sessionKey(String accessToken) throws Exception {
		return this.jdbc.sql("SELECT dpop_jkt FROM sessions WHERE id = :id")
			.param("id", UUID.fromString(verify(accessToken).getStringClaim("sid")))
			.query((rs, row) -> rs.getString("dpop_jkt"))
			.list()
			.getFirst();
	}

	private long sessionsOf(UUID userId) {
		return this.jdbc.sql("SELECT count(*) FROM sessions WHERE user_id = :id")
			.param("id", userId)
			.query(Long.class)
			.single();
	}

	private static Date ago(long seconds) {
		return Date.from(Instant.now().minusSeconds(seconds));
	}

	private static String signed(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
		try {
			SignedJWT jwt = new SignedJWT(header, claims);
			jwt.sign(signer);
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An ES256 proof whose jwk header holds the private key too (RFC 9449 §4.2 forbids
	 * it).
	 */
	private static String withPrivateJwk(ECKey key, JWTClaimsSet claims) {
		try {
			Map<String, Object> header = Map.of("typ", "dpop+jwt", "alg", "ES256", "jwk", key.toJSONObject());
			String input = Base64URL.encode(JSONObjectUtils.toJSONString(header)) + "."
					+ Base64URL.encode(JSONObjectUtils.toJSONString(claims.toJSONObject()));
			Base64URL signature = new ECDSASigner(key).sign(new JWSHeader(JWSAlgorithm.ES256),
					input.getBytes(StandardCharsets.US_ASCII));
			return input + "." + signature;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
