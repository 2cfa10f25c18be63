package io.edgepass.auth.token;

import java.net.URI;

import com.nimbusds.common.contenttype.ContentType;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.edgepass.auth.AuthServiceTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The token endpoint as an OAuth client sees it: Nimbus's OAuth 2.0 SDK reads the RFC
 * 8414 metadata and sends its own {@link TokenRequest}s over HTTP.
 */
class TokenEndpointTests extends AuthServiceTest {

	private static final ClientID CLIENT = new ClientID("edgepass");

	@LocalServerPort
	private int port;

	@Test
	void anOAuthClientFollowingTheMetadataLogsInRefreshesAndIsRefusedAReplay() throws Exception {
		AuthorizationServerMetadata metadata = metadata();
		assertThat(metadata.getGrantTypes()).containsExactly(GrantType.PASSWORD, GrantType.REFRESH_TOKEN);
		assertThat(metadata.getTokenEndpointAuthMethods()).containsExactly(ClientAuthenticationMethod.NONE);
		String name = uniqueName();
		register(name, PASSWORD);

		HTTPResponse loggedIn = send(metadata, new ResourceOwnerPasswordCredentialsGrant(name, new Secret(PASSWORD)));
		assertThat(loggedIn.getHeaderValue("Cache-Control")).isEqualTo("no-store");
		Tokens tokens = success(loggedIn);
		assertThat(verify(tokens.getBearerAccessToken().getValue()).getStringClaim("preferred_username"))
			.isEqualTo(name);
		assertThat(tokens.getAccessToken().getLifetime()).isEqualTo(900);
		assertThat(tokens.getAccessToken().getScope().toString())
			.isEqualTo("orders:read orders:write profile:read profile:write");

		RefreshToken first = tokens.getRefreshToken();
		Tokens refreshed = success(send(metadata, new RefreshTokenGrant(first)));
		assertThat(refreshed.getRefreshToken()).isNotEqualTo(first);
		assertThat(verify(refreshed.getBearerAccessToken().getValue()).getStringClaim("preferred_username"))
			.isEqualTo(name);

		HTTPResponse replayed = send(metadata, new RefreshTokenGrant(first));
		assertThat(replayed.getStatusCode()).isEqualTo(400);
		assertThat(replayed.getEntityContentType().matches(ContentType.APPLICATION_JSON)).isTrue();
		assertThat(error(replayed).getErrorObject()).isEqualTo(OAuth2Error.INVALID_GRANT);
		assertThat(error(send(metadata, new RefreshTokenGrant(refreshed.getRefreshToken()))).getErrorObject())
			.as("the replay ended the whole session")
			.isEqualTo(OAuth2Error.INVALID_GRANT);
	}

	@Test
	void aWrongPasswordAndAnUnknownUserAreTheSameInvalidGrant() throws Exception {
		AuthorizationServerMetadata metadata = metadata();
		String name = uniqueName();
		register(name, PASSWORD);
		HTTPResponse wrong = send(metadata,
				new ResourceOwnerPasswordCredentialsGrant(name, new Secret("not it at all")));
		HTTPResponse unknown = send(metadata,
				new ResourceOwnerPasswordCredentialsGrant(uniqueName(), new Secret(PASSWORD)));
		assertThat(wrong.getStatusCode()).isEqualTo(400);
		assertThat(wrong.getHeaderValue("Cache-Control")).isEqualTo("no-store");
		assertThat(error(wrong).getErrorObject()).isEqualTo(OAuth2Error.INVALID_GRANT);
		assertThat(unknown.getBody()).isEqualTo(wrong.getBody());
	}

	@Test
	void aGrantTypeNotInTheMetadataIsUnsupported() throws Exception {
		HTTPResponse response = send(metadata(), new AuthorizationCodeGrant(new AuthorizationCode("a-code"),
				URI.create("https://app.example/callback")));
		assertThat(response.getStatusCode()).isEqualTo(400);
		assertThat(error(response).getErrorObject()).isEqualTo(OAuth2Error.UNSUPPORTED_GRANT_TYPE);
	}

	@Test
	void aClientOtherThanThePublicOneIsAnInvalidClient() throws Exception {
		AuthorizationServerMetadata metadata = metadata();
		TokenRequest request = new TokenRequest(endpoint(metadata), new ClientID("someone-else"),
				new ResourceOwnerPasswordCredentialsGrant(ADMIN, new Secret(PASSWORD)));
		HTTPResponse response = request.toHTTPRequest().send();
		assertThat(response.getStatusCode()).isEqualTo(401);
		assertThat(error(response).getErrorObject().getCode()).isEqualTo("invalid_client");
	}

	@Test
	void malformedRequestsAreInvalidRequestsAsJsonNotProblems() throws Exception {
		for (String form : new String[] { "username=a&password=b", "grant_type=", "grant_type=password",
				"grant_type=password&username=ab&password=" + PASSWORD,
				"grant_type=password&username=" + ADMIN + "&password=" + "x".repeat(129),
				"grant_type=password&grant_type=refresh_token&username=" + ADMIN + "&password=" + PASSWORD,
				"grant_type=refresh_token", "grant_type=refresh_token&refresh_token=" + "a".repeat(513) }) {
			this.mvc.perform(post("/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED).content(form))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_JSON))
				.andExpect(header().string("Cache-Control", "no-store"))
				.andExpect(jsonPath("$.error").value("invalid_request"));
		}
	}

	@Test
	void clientsWithoutTheClientIdAreThePublicClient() throws Exception {
		this.mvc
			.perform(post("/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("grant_type=password&username=" + ADMIN + "&password=" + PASSWORD.replace(' ', '+')))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.token_type").value("Bearer"))
			.andExpect(jsonPath("$.refresh_token").isString());
	}

	private AuthorizationServerMetadata metadata() throws Exception {
		String json = this.mvc.perform(get("/.well-known/oauth-authorization-server"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		AuthorizationServerMetadata metadata = AuthorizationServerMetadata.parse(json);
		assertThat(metadata.getTokenEndpointURI()).isEqualTo(URI.create(ISSUER + "/auth/token"));
		return metadata;
	}

	/** The advertised endpoint, on this server rather than behind the gateway. */
	private URI endpoint(AuthorizationServerMetadata metadata) {
		return URI.create("http://127.0.0.1:" + this.port + metadata.getTokenEndpointURI().getPath());
	}

	private HTTPResponse send(AuthorizationServerMetadata metadata, AuthorizationGrant grant) throws Exception {
		return new TokenRequest(endpoint(metadata), CLIENT, grant).toHTTPRequest().send();
	}

	private static Tokens success(HTTPResponse response) throws Exception {
		TokenResponse parsed = TokenResponse.parse(response);
		assertThat(parsed.indicatesSuccess()).as(response.getBody()).isTrue();
		AccessTokenResponse success = parsed.toSuccessResponse();
		return success.getTokens();
	}

	private static TokenErrorResponse error(HTTPResponse response) throws Exception {
		TokenResponse parsed = TokenResponse.parse(response);
		assertThat(parsed.indicatesSuccess()).as(response.getBody()).isFalse();
		return parsed.toErrorResponse();
	}

}
