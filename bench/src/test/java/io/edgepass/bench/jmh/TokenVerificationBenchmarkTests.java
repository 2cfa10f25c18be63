package io.edgepass.bench.jmh;

import io.edgepass.gateway.token.AccessToken;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's verifiers accept the tokens it mints, so it measures success. */
class TokenVerificationBenchmarkTests {

	@ParameterizedTest
	@ValueSource(strings = { "RS256", "ES256", "EdDSA", "HS256" })
	void theGatewaysVerifierAndBareNimbusAcceptTheMintedTokens(String algorithm) throws Exception {
		TokenVerificationBenchmark benchmark = new TokenVerificationBenchmark();
		benchmark.algorithm = algorithm;
		benchmark.mint();
		assertThat(benchmark.gatewayVerifier()).isInstanceOf(AccessToken.class);
		assertThat(benchmark.bareNimbus()).isNotNull();
	}

}
