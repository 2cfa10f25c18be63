package io.edgepass.gateway.token;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The auth-service's public signing keys, kept in memory, each with its verifier
 * prepared. Loaded at start, reloaded periodically (so a removed key stops validating),
 * refetched when an unknown {@code kid} shows up (at most once per
 * {@code min-refetch-interval}; the other misses do not wait for it). When the JWKS
 * cannot be fetched the last good keys stay in use.
 */
@Component
public class JwksCache implements VerificationKeys, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(JwksCache.class);

	private final WebClient client;

	private final TokenProperties.Jwks settings;

	private final Clock clock;

	private final AtomicReference<Keys> keys = new AtomicReference<>();

	private final AtomicReference<Mono<Void>> inFlight = new AtomicReference<>();

	private final AtomicLong lastRefetchOnMiss = new AtomicLong();

	private final Counter fetchFailures;

	private volatile boolean failing;

	private volatile Disposable refresher;

	JwksCache(WebClient.Builder webClient, TokenProperties properties, MeterRegistry meters, Clock clock) {
		this.client = webClient.build();
		this.settings = properties.jwks();
		this.clock = clock;
		this.lastRefetchOnMiss.set(clock.millis() - this.settings.minRefetchInterval().toMillis());
		this.fetchFailures = Counter.builder("edgepass.gateway.jwks.fetch.failures")
			.description("JWKS fetches that failed")
			.register(meters);
		Gauge.builder("edgepass.gateway.jwks.age", this, JwksCache::ageSeconds)
			.description("Seconds since the JWKS was last loaded (NaN before the first load)")
			.baseUnit("seconds")
			.register(meters);
		Gauge.builder("edgepass.gateway.jwks.keys", this, (cache) -> cache.size())
			.description("Signing keys currently trusted")
			.register(meters);
	}

	/**
	 * The key for {@code kid}, refetching the JWKS first if it is unknown and a refetch
	 * is allowed now.
	 * @param kid the token's key id
	 * @return the key, empty if unknown, or {@link KeysUnavailableException} before the
	 * first successful load
	 */
	@Override
	public Mono<VerificationKey> find(String kid) {
		VerificationKey known = lookup(kid);
		if (known != null) {
			return Mono.just(known);
		}
		if (!claimRefetchOnMiss()) {
			return afterMiss(kid);
		}
		return fetch().then(Mono.defer(() -> afterMiss(kid)));
	}

	private Mono<VerificationKey> afterMiss(String kid) {
		if (this.keys.get() == null) {
			return Mono.error(new KeysUnavailableException());
		}
		return Mono.justOrEmpty(lookup(kid));
	}

	public boolean isLoaded() {
		return this.keys.get() != null;
	}

	public Optional<Instant> loadedAt() {
		return Optional.ofNullable(this.keys.get()).map(Keys::loadedAt);
	}

	public int size() {
		Keys current = this.keys.get();
		return (current != null) ? current.byId().size() : 0;
	}

	@Override
	public @Nullable VerificationKey current(String kid) {
		return lookup(kid);
	}

	private @Nullable VerificationKey lookup(String kid) {
		Keys current = this.keys.get();
		return (current != null) ? current.byId().get(kid) : null;
	}

	/**
	 * Whether this miss may refetch: at most one per {@code min-refetch-interval}. Every
	 * other miss answers at once from the keys in hand, without waiting for a fetch in
	 * flight, so that a flood of unknown {@code kid}s costs no more than a lookup each.
	 */
	private boolean claimRefetchOnMiss() {
		long now = this.clock.millis();
		long last = this.lastRefetchOnMiss.get();
		return now - last >= this.settings.minRefetchInterval().toMillis()
				&& this.lastRefetchOnMiss.compareAndSet(last, now);
	}

	/** Starts a fetch, or joins the one in flight. Never fails. */
	Mono<Void> fetch() {
		AtomicReference<Mono<Void>> self = new AtomicReference<>();
		Mono<Void> created = this.client.get()
			.uri(this.settings.url())
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.bodyToMono(String.class)
			.timeout(this.settings.fetchTimeout())
			.map(this::parse)
			.doOnNext(this::install)
			.doOnError(this::recordFailure)
			.onErrorComplete()
			.then()
			.doFinally((signal) -> this.inFlight.compareAndSet(self.get(), null))
			.cache();
		self.set(created);
		if (this.inFlight.compareAndSet(null, created)) {
			return created;
		}
		Mono<Void> running = this.inFlight.get();
		return (running != null) ? running : Mono.empty();
	}

	private Keys parse(String json) {
		JWKSet set;
		try {
			set = JWKSet.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("JWKS is not a valid JWK set: " + ex.getMessage());
		}
		Map<String, VerificationKey> byId = new HashMap<>();
		for (JWK key : set.getKeys()) {
			boolean signing = key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse());
			if (key.getKeyID() != null && signing) {
				JWK publicKey = key.toPublicJWK();
				// The same key as before stays the same object: the verified tokens it
				// vouches for stay trusted (VerifiedTokens) and its verifier is not
				// rebuilt.
				VerificationKey known = lookup(key.getKeyID());
				byId.put(key.getKeyID(),
						(known != null && known.jwk().equals(publicKey)) ? known : VerificationKey.of(publicKey));
			}
		}
		return new Keys(Map.copyOf(byId), this.clock.instant());
	}

	private void install(Keys loaded) {
		this.failing = false;
		Keys previous = this.keys.getAndSet(loaded);
		if (previous == null || !previous.byId().keySet().equals(loaded.byId().keySet())) {
			logger.info("JWKS loaded from " + this.settings.url() + ": key ids " + loaded.byId().keySet());
		}
	}

	private void recordFailure(Throwable ex) {
		this.fetchFailures.increment();
		if (this.failing) {
			logger.debug("JWKS fetch failed again: " + ex.getMessage());
			return;
		}
		this.failing = true;
		logger.warn("JWKS fetch from " + this.settings.url() + " failed"
				+ (isLoaded() ? ", keeping the last good keys" : ", no keys yet") + ": " + ex.getMessage());
	}

	private double ageSeconds() {
		return loadedAt().map((at) -> Duration.between(at, this.clock.instant()).toMillis() / 1000.0)
			.orElse(Double.NaN);
	}

	private boolean refreshDue() {
		return loadedAt().map((at) -> !at.plus(this.settings.refreshInterval()).isAfter(this.clock.instant()))
			.orElse(true);
	}

	@Override
	public void start() {
		this.refresher = Flux.interval(Duration.ZERO, this.settings.retryInterval())
			.onBackpressureDrop()
			.concatMap((tick) -> refreshDue() ? fetch() : Mono.empty())
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable running = this.refresher;
		if (running != null) {
			running.dispose();
		}
		this.refresher = null;
	}

	@Override
	public boolean isRunning() {
		return this.refresher != null;
	}

	private record Keys(Map<String, VerificationKey> byId, Instant loadedAt) {
	}

}
