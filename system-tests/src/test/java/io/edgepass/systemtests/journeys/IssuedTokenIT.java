package io.edgepass.systemtests.journeys;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import io.edgepass.systemtests.support.ApiClient;
import io.edgepass.systemtests.support.Person;
import io.edgepass.systemtests.support.Person.Login;
import io.edgepass.systemtests.support.Reply;
import io.edgepass.systemtests.support.SharedSuite;
import io.edgepass.systemtests.support.SystemSuite;
import io.edgepass.systemtests.support.Tokens;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What auth-service issues, checked with jose4j (not our code, not Nimbus) against the
 * JWKS the gateway publishes: the contract's header and claims, nothing more.
 */
@SharedSuite
class IssuedTokenIT {

	private static final Set<String> HEADER = Set.of("alg", "kid", "typ");

	private static final Set<String> CLAIMS = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "client_id",
			"scope", "roles", "preferred_username", "sid");

	private static final Set<String> USER_SCOPES = Set.of("orders:read", "orders:write", "profile:read",
			"profile:write");

	private final SystemSuite edgepass;

	IssuedTokenIT(SystemSuite edgepass) {
		this.edgepass = edgepass;
	}

	@Test
	void everyAccessTokenVerifiesWithAnIndependentLibraryAndCarriesExactlyTheContractsHeaderAndClaims()
			throws Exception {
		Person grace = this.edgepass.register();
		ApiClient api = grace.client();
		Login login = grace.login();
		Login refreshed = Login.of(api.post("/auth/refresh", null, login.refreshBody()).expect(200));
		JwtConsumer consumer = consumer(api);

		JwtClaims first = verify(consumer, login.accessToken(), grace);
		JwtClaims second = verify(consumer, refreshed.accessToken(), grace);
		assertThat(new HashSet<>(Arrays.asList(first.getStringClaimValue("scope").split(" ")))).isEqualTo(USER_SCOPES);
		assertThat(first.getStringListClaimValue("roles")).containsExactly("USER");
		assertThat(second.getStringClaimValue("sid")).as("a refresh stays in the session")
			.isEqualTo(first.getStringClaimValue("sid"));
		assertThat(second.getJwtId()).isNotEqualTo(first.getJwtId());
		assertThat(login.reply().json().path("expires_in").asLong())
			.isEqualTo(first.getExpirationTime().getValue() - first.getIssuedAt().getValue());
	}

	@Test
	void theAdminsTokenCarriesTheAdminRoleAndScope() throws Exception {
		Person admin = this.edgepass.admin();
		JwtClaims claims = verify(consumer(admin.client()), admin.login().accessToken(), admin);
		assertThat(claims.getStringListClaimValue("roles")).contains("ADMIN");
		assertThat(claims.getStringClaimValue("scope").split(" ")).contains("admin").containsAll(USER_SCOPES);
	}

	@Test
	void theJwksPublishesOnlyPublicSigningKeysEachWithKidAlgAndUse() {
		Reply jwks = this.edgepass.client().get("/.well-known/jwks.json", null).expect(200);
		assertThat(jwks.json().path("keys").valueStream().toList()).as(jwks.toString())
			.isNotEmpty()
			.allSatisfy((key) -> {
				assertThat(key.path("kid").asString("")).isNotBlank();
				assertThat(key.path("alg").asString("")).isNotBlank();
				assertThat(key.path("use").asString("")).isEqualTo("sig");
				assertThat(key.propertyNames()).doesNotContain("d", "p", "q", "dp", "dq", "qi", "k", "oth");
			});
	}

	@Test
	void theAuthorizationServerMetadataNamesTheIssuerAndItsJwks() {
		Reply metadata = this.edgepass.client().get("/.well-known/oauth-authorization-server", null).expect(200);
		assertThat(metadata.field("issuer")).as(metadata.toString()).isEqualTo(this.edgepass.issuer());
		assertThat(metadata.field("jwks_uri")).as(metadata.toString()).endsWith("/.well-known/jwks.json");
	}

	private JwtConsumer consumer(ApiClient api) throws Exception {
		Reply jwks = api.get("/.well-known/jwks.json", null).expect(200);
		return new JwtConsumerBuilder().setRequireExpirationTime()
			.setRequireIssuedAt()
			.setRequireNotBefore()
			.setRequireJwtId()
			.setRequireSubject()
			.setExpectedIssuer(this.edgepass.issuer())
			.setExpectedAudience("edgepass-api")
			.setExpectedType(true, "at+jwt")
			.setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
					AlgorithmIdentifiers.RSA_USING_SHA256)
			.setVerificationKeyResolver(
					new JwksVerificationKeyResolver(new JsonWebKeySet(jwks.body()).getJsonWebKeys()))
			.build();
	}

	private static JwtClaims verify(JwtConsumer consumer, String token, Person person) throws Exception {
		JsonNode header = Tokens.header(token);
		assertThat(header.propertyNames()).as("header of %s", header).containsExactlyInAnyOrderElementsOf(HEADER);
		assertThat(header.path("alg").asString()).isEqualTo("RS256");
		assertThat(header.path("typ").asString()).isEqualTo("at+jwt");
		JwtClaims claims = consumer.processToClaims(token);
		assertThat(claims.getClaimNames()).as("claims %s", claims).containsExactlyInAnyOrderElementsOf(CLAIMS);
		assertThat(claims.getSubject()).isEqualTo(person.id());
		assertThat(claims.getStringClaimValue("preferred_username")).isEqualTo(person.username());
		assertThat(claims.getStringClaimValue("client_id")).isNotBlank();
		assertThat(claims.getStringClaimValue("sid")).isNotBlank();
		assertThat(claims.getAudience()).containsExactly("edgepass-api");
		assertThat(claims.getNotBefore().getValue()).isLessThanOrEqualTo(claims.getIssuedAt().getValue());
		assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue())
			.as("the default lifetime of 15 minutes")
			.isEqualTo(900);
		return claims;
	}

}
