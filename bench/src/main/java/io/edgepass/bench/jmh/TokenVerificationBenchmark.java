package io.edgepass.bench.jmh;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.edgepass.bench.tokens.BenchTokens;
import io.edgepass.gateway.revocation.RevocationProperties;
import io.edgepass.gateway.revocation.RevocationView;
import io.edgepass.gateway.token.AccessTokenVerifier;
import io.edgepass.gateway.token.TokenProperties;
import io.edgepass.gateway.token.VerificationKey;
import io.edgepass.gateway.token.VerificationKeys;
import io.edgepass.trust.EdgeAssertionMinter;
import io.edgepass.trust.EdgeTrustProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * One access token verified, per algorithm, four ways: the gateway's own
 * {@link AccessTokenVerifier} (over fixed keys and an empty revocation view) on a token
 * it has not seen (its verified-token cache holds one entry) and on one it has (the cache
 * holds all), bare Nimbus (parse, verify the signature, read the claims) and Nimbus's
 * full {@link DefaultJWTProcessor} (key selection, {@code typ}, claims rules). Every call
 * takes the next of 1024 distinct tokens. Nimbus's processor has no EdDSA result: its key
 * selector cannot turn an OKP JWK into a key, so that combination fails.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TokenVerificationBenchmark {

	private static final int TOKENS = 1024;

	@Param({ "RS256", "ES256", "EdDSA", "HS256" })
	public String algorithm;

	private List<String> tokens;

	private int next;

	private AccessTokenVerifier gateway;

	private AccessTokenVerifier gatewayRemembering;

	private JWSVerifier nimbusVerifier;

	private DefaultJWTProcessor<SecurityContext> nimbusProcessor;

	@Setup
	public void mint() throws Exception {
		BenchTokens keys = new BenchTokens();
		JWSAlgorithm alg = JWSAlgorithm.parse(this.algorithm);
		this.tokens = keys.mint(alg, TOKENS, Duration.ofHours(1));
		Map<String, JWK> byId = Map.of(keys.rsaKey().getKeyID(), keys.rsaKey().toPublicJWK(), keys.ecKey().getKeyID(),
				keys.ecKey().toPublicJWK(), keys.ed25519Key().getKeyID(), keys.ed25519Key().toPublicJWK());
		this.gateway = gatewayVerifier(byId, keys.hmacSecret(), new TokenProperties.Cache(1, DataSize.ofMegabytes(1)));
		this.gatewayRemembering = gatewayVerifier(byId, keys.hmacSecret(),
				new TokenProperties.Cache(TOKENS * 2, DataSize.ofMegabytes(32)));
		for (String token : this.tokens) {
			this.gatewayRemembering.verify(token).block();
		}
		this.nimbusVerifier = switch (this.algorithm) {
			case "RS256" -> new RSASSAVerifier(keys.rsaKey().toRSAKey().toPublicJWK());
			case "ES256" -> new ECDSAVerifier(keys.ecKey().toPublicJWK());
			case "EdDSA" -> new Ed25519Verifier(keys.ed25519Key().toPublicJWK());
			default -> new MACVerifier(keys.hmacSecret());
		};
		JWK secret = new OctetSequenceKey.Builder(keys.hmacSecret()).keyID("bench-hs256")
			.algorithm(JWSAlgorithm.HS256)
			.build();
		JWKSource<SecurityContext> source = new ImmutableJWKSet<>(
				new JWKSet(JWSAlgorithm.HS256.equals(alg) ? List.of(secret) : List.copyOf(byId.values())));
		this.nimbusProcessor = new DefaultJWTProcessor<>();
		this.nimbusProcessor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
		this.nimbusProcessor.setJWSKeySelector(new JWSVerificationKeySelector<>(alg, source));
		this.nimbusProcessor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(BenchTokens.AUDIENCE,
				new JWTClaimsSet.Builder().issuer(BenchTokens.ISSUER).build(),
				Set.of("sub", "exp", "iat", "jti", "sid")));
	}

	private AccessTokenVerifier gatewayVerifier(Map<String, JWK> byId, byte[] hmacSecret, TokenProperties.Cache cache) {
		TokenProperties properties = new TokenProperties(BenchTokens.ISSUER, BenchTokens.AUDIENCE,
				List.of(this.algorithm), Base64.getEncoder().encodeToString(hmacSecret), Duration.ofSeconds(30), 8192,
				new TokenProperties.Jwks(URI.create("http://127.0.0.1:1/jwks.json"), Duration.ofSeconds(60),
						Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(1)),
				cache);
		Map<String, VerificationKey> prepared = new HashMap<>();
		byId.forEach((kid, jwk) -> prepared.put(kid, VerificationKey.of(jwk)));
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		// Never started: an empty revocation list, checked in memory as in the gateway.
		RevocationView revocations = new RevocationView(WebClient.builder(),
				new EdgeAssertionMinter(EdgeTrustProperties.gateway(Base64.getEncoder().encodeToString(hmacSecret),
						"edgepass-gateway", Duration.ofSeconds(30))),
				new RevocationProperties(URI.create("http://127.0.0.1:1/internal/revocations"), Duration.ofSeconds(1),
						100, Duration.ofSeconds(1)),
				meters, Clock.systemUTC());
		VerificationKeys fixed = new VerificationKeys() {

			@Override
			public VerificationKey current(String kid) {
				return prepared.get(kid);
			}

			@Override
			public Mono<VerificationKey> find(String kid) {
				return Mono.justOrEmpty(prepared.get(kid));
			}

		};
		return new AccessTokenVerifier(properties, fixed, revocations, meters);
	}

	private String nextToken() {
		this.next = (this.next + 1) & (TOKENS - 1);
		return this.tokens.get(this.next);
	}

	@Benchmark
	public Object gatewayVerifier() {
		return this.gateway.verify(nextToken()).block();
	}

	@Benchmark
	public Object gatewayVerifierTokenSeenBefore() {
		return this.gatewayRemembering.verify(nextToken()).block();
	}

	@Benchmark
	public Object bareNimbus() throws Exception {
		SignedJWT jwt = SignedJWT.parse(nextToken());
		if (!jwt.verify(this.nimbusVerifier)) {
			throw new IllegalStateException("signature");
		}
		return jwt.getJWTClaimsSet();
	}

	@Benchmark
	public Object nimbusProcessor() throws Exception {
		return this.nimbusProcessor.process(nextToken(), null);
	}

}
