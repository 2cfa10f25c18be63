package io.edgepass.gateway;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.edgepass.trust.EdgeAssertionVerifier;
import io.edgepass.trust.EdgeIdentity;
import io.edgepass.trust.EdgeAssertionKeys;
import io.edgepass.trust.EdgeTrustProperties;
import io.edgepass.trust.InvalidEdgeAssertionException;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * auth-service as the gateway sees it: a JWKS that tests can change or break, the
 * internal revocation feed (answered only to a valid gateway assertion), and an echo for
 * everything else.
 */
final class StubAuthService extends StubUpstream {

	private final List<JWK> keys = new CopyOnWriteArrayList<>();

	private final List<Map<String, Object>> revocations = new CopyOnWriteArrayList<>();

	private final AtomicLong nextId = new AtomicLong(1);

	private final AtomicInteger jwksFetches = new AtomicInteger();

	private final AtomicBoolean jwksFailing = new AtomicBoolean();

	private final AtomicReference<Duration> jwksDelay = new AtomicReference<>(Duration.ZERO);

	private final List<EdgeIdentity> feedCallers = new CopyOnWriteArrayList<>();

	private final EdgeAssertionVerifier assertions;

	private final List<ECKey> es256Gateways = new CopyOnWriteArrayList<>();

	StubAuthService(String edgeMasterSecret, boolean jwksFailing) {
		this.assertions = new EdgeAssertionVerifier(
				EdgeTrustProperties.service(EdgeAssertionKeys.derive(edgeMasterSecret, "auth-service"),
						"edgepass-gateway", "auth-service", Duration.ofSeconds(30), Duration.ofSeconds(5)));
		this.jwksFailing.set(jwksFailing);
		this.keys.add(TestTokens.RSA.publicJwk());
		this.keys.add(TestTokens.EC.publicJwk());
		this.keys.add(TestTokens.ED25519.publicJwk());
		route("/.well-known/jwks.json", this::jwks);
		route("/internal/revocations", this::feed);
	}

	private Mono<Answer> jwks(HttpServerRequest request) {
		this.jwksFetches.incrementAndGet();
		if (this.jwksFailing.get()) {
			return Mono.just(new Answer(503, "{}"));
		}
		return Mono.just(new Answer(200, new JWKSet(new ArrayList<>(this.keys)).toString(true)))
			.delayElement(this.jwksDelay.get());
	}

	private Mono<Answer> feed(HttpServerRequest request) {
		String assertion = request.requestHeaders().get("X-Edge-Assertion");
		try {
			this.feedCallers.add(this.assertions.verify(assertion));
		}
		catch (InvalidEdgeAssertionException ex) {
			if (!signedByAnEs256Gateway(assertion)) {
				return Mono.just(new Answer(401, "{}"));
			}
		}
		String after = request.uri().replaceAll(".*[?&]after=(\\d+).*", "$1");
		long cursor = Long.parseLong(after);
		List<Map<String, Object>> entries = this.revocations.stream()
			.filter((entry) -> ((Long) entry.get("id")) > cursor)
			.toList();
		long newCursor = entries.isEmpty() ? cursor : (Long) entries.get(entries.size() - 1).get("id");
		Map<String, Object> page = new LinkedHashMap<>();
		page.put("cursor", newCursor);
		page.put("hasMore", false);
		page.put("entries", entries);
		return Mono.just(new Answer(200, JSON.writeValueAsString(page)));
	}

	void revoke(String kind, String value, Instant notBefore) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("id", this.nextId.getAndIncrement());
		entry.put("kind", kind);
		entry.put("value", value);
		entry.put("notBefore", (notBefore != null) ? notBefore.toString() : null);
		entry.put("expiresAt", Instant.now().plusSeconds(900).toString());
		this.revocations.add(entry);
	}

	void addKey(JWK key) {
		this.keys.add(key);
	}

	void removeKey(String kid) {
		this.keys.removeIf((key) -> kid.equals(key.getKeyID()));
	}

	int jwksFetches() {
		return this.jwksFetches.get();
	}

	void jwksFailing(boolean failing) {
		this.jwksFailing.set(failing);
	}

	void jwksDelay(Duration delay) {
		this.jwksDelay.set(delay);
	}

	/**
	 * Also answers the feed to a gateway signing with this ES256 key (its signature and
	 * audience only: the claims are checked by {@code edge-trust}'s own tests).
	 */
	void trustEs256Gateway(ECKey publicKey) {
		this.es256Gateways.add(publicKey);
	}

	private boolean signedByAnEs256Gateway(String assertion) {
		for (ECKey key : this.es256Gateways) {
			try {
				SignedJWT jwt = SignedJWT.parse(assertion);
				if (jwt.verify(new ECDSAVerifier(key))
						&& jwt.getJWTClaimsSet().getAudience().contains("auth-service")) {
					return true;
				}
			}
			catch (ParseException | JOSEException | RuntimeException ex) {
				// not this gateway's
			}
		}
		return false;
	}

	List<EdgeIdentity> feedCallers() {
		return this.feedCallers;
	}

}
