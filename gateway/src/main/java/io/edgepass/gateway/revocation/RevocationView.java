package io.edgepass.gateway.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.edgepass.trust.EdgeAssertionMinter;
import io.edgepass.trust.EdgeHeaders;
import io.edgepass.trust.EdgeIdentity;
import io.edgepass.trust.Scopes;
import io.edgepass.trust.revocation.RevocationFeed;
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
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The gateway's in-memory copy of auth-service's revocations, kept current by polling the
 * internal feed so that checking a token needs no network call. Each entry is forgotten
 * at its {@code expiresAt}, when every token it covers has expired anyway. While the feed
 * cannot be reached the last known state stays in force.
 */
@Component
public class RevocationView implements SmartLifecycle {

	static final String AUDIENCE = "auth-service";

	static final EdgeIdentity GATEWAY = new EdgeIdentity(UUID.fromString("00000000-0000-0000-0000-000000000000"),
			"edgepass-gateway", List.of("GATEWAY"), List.of(Scopes.REVOCATIONS_READ), "edgepass-gateway", "feed");

	private static final Log logger = LogFactory.getLog(RevocationView.class);

	private static final int MAX_PAGES_PER_POLL = 100;

	private final Map<String, Instant> sessions = new ConcurrentHashMap<>();

	private final Map<String, Instant> tokens = new ConcurrentHashMap<>();

	private final Map<String, UserCutoff> users = new ConcurrentHashMap<>();

	private final AtomicLong cursor = new AtomicLong();

	private final WebClient client;

	private final EdgeAssertionMinter minter;

	private final RevocationProperties settings;

	private final Clock clock;

	private final Counter failures;

	private volatile @Nullable Instant syncedAt;

	private volatile boolean failing;

	private volatile @Nullable Disposable poller;

	public RevocationView(WebClient.Builder webClient, EdgeAssertionMinter minter, RevocationProperties settings,
			MeterRegistry meters, Clock clock) {
		this.client = webClient.build();
		this.clock = clock;
		this.minter = minter;
		this.settings = settings;
		this.failures = Counter.builder("edgepass.gateway.revocation.fetch.failures")
			.description("Revocation feed polls that failed")
			.register(meters);
		Gauge.builder("edgepass.gateway.revocation.lag", this, RevocationView::lagSeconds)
			.description("Seconds since the revocation feed was last read (NaN before the first read)")
			.baseUnit("seconds")
			.register(meters);
		Gauge.builder("edgepass.gateway.revocation.size", this, RevocationView::size)
			.description("Revocation entries held in memory")
			.register(meters);
	}

	/**
	 * Whether a token is revoked, by its session, its id, or its user's cutoff.
	 * @param identity who the token is for, with its {@code sid} and {@code jti}
	 * @param issuedAt the token's {@code iat}
	 * @return {@code true} if it must be rejected
	 */
	public boolean isRevoked(EdgeIdentity identity, Instant issuedAt) {
		Instant now = this.clock.instant();
		if (live(this.sessions.get(identity.sessionId()), now) || live(this.tokens.get(identity.tokenId()), now)) {
			return true;
		}
		UserCutoff cutoff = this.users.get(identity.userId().toString());
		return cutoff != null && cutoff.expiresAt().isAfter(now) && !issuedAt.isAfter(cutoff.notBefore());
	}

	public @Nullable Instant syncedAt() {
		return this.syncedAt;
	}

	int size() {
		return this.sessions.size() + this.tokens.size() + this.users.size();
	}

	private static boolean live(@Nullable Instant expiresAt, Instant now) {
		return expiresAt != null && expiresAt.isAfter(now);
	}

	Mono<Void> poll() {
		return page().expand((page) -> page.hasMore() ? page() : Mono.empty())
			.take(MAX_PAGES_PER_POLL)
			.then(Mono.fromRunnable(this::synced))
			.doOnError(this::recordFailure)
			.onErrorComplete()
			.then(Mono.fromRunnable(this::forgetExpired));
	}

	private Mono<RevocationFeed> page() {
		return this.client.get()
			.uri(UriComponentsBuilder.fromUri(this.settings.feedUrl())
				.queryParam("after", this.cursor.get())
				.queryParam("limit", this.settings.pageSize())
				.build()
				.toUri())
			.accept(MediaType.APPLICATION_JSON)
			.header(EdgeHeaders.ASSERTION, this.minter.mint(GATEWAY, AUDIENCE))
			.retrieve()
			.bodyToMono(RevocationFeed.class)
			.timeout(this.settings.fetchTimeout())
			.doOnNext(this::apply);
	}

	private void apply(RevocationFeed page) {
		for (RevocationFeed.Entry entry : (page.entries() != null) ? page.entries() : List.<RevocationFeed.Entry>of()) {
			if (entry.value() == null || entry.expiresAt() == null || entry.kind() == null) {
				logger.debug("Ignoring incomplete revocation entry or one of an unknown kind: " + entry.id());
				continue;
			}
			switch (entry.kind()) {
				case SESSION -> this.sessions.merge(entry.value(), entry.expiresAt(), RevocationView::later);
				case TOKEN -> this.tokens.merge(entry.value(), entry.expiresAt(), RevocationView::later);
				case USER -> {
					if (entry.notBefore() != null) {
						this.users.merge(entry.value(), new UserCutoff(entry.notBefore(), entry.expiresAt()),
								UserCutoff::combine);
					}
				}
			}
		}
		if (page.cursor() > this.cursor.get()) {
			this.cursor.set(page.cursor());
		}
	}

	private void synced() {
		this.syncedAt = this.clock.instant();
		if (this.failing) {
			logger.info("Revocation feed reachable again at cursor " + this.cursor.get());
			this.failing = false;
		}
	}

	private void recordFailure(Throwable ex) {
		this.failures.increment();
		if (!this.failing) {
			logger.warn("Revocation feed " + this.settings.feedUrl()
					+ " cannot be read, keeping the last known revocations: " + ex.getMessage());
			this.failing = true;
		}
	}

	private void forgetExpired() {
		Instant now = this.clock.instant();
		this.sessions.values().removeIf((expiresAt) -> !expiresAt.isAfter(now));
		this.tokens.values().removeIf((expiresAt) -> !expiresAt.isAfter(now));
		this.users.values().removeIf((cutoff) -> !cutoff.expiresAt().isAfter(now));
	}

	private double lagSeconds() {
		Instant at = this.syncedAt;
		return (at != null) ? Duration.between(at, this.clock.instant()).toMillis() / 1000.0 : Double.NaN;
	}

	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	@Override
	public void start() {
		this.poller = Flux.interval(Duration.ZERO, this.settings.pollInterval())
			.onBackpressureDrop()
			.concatMap((tick) -> poll(), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable running = this.poller;
		if (running != null) {
			running.dispose();
		}
		this.poller = null;
	}

	@Override
	public boolean isRunning() {
		return this.poller != null;
	}

	private record UserCutoff(Instant notBefore, Instant expiresAt) {

		UserCutoff combine(UserCutoff other) {
			return new UserCutoff(later(this.notBefore, other.notBefore), later(this.expiresAt, other.expiresAt));
		}

	}

}
