package io.edgepass.gateway.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.edgepass.gateway.security.AccessTokenAuthentication;
import io.edgepass.gateway.system.ClientAddresses;
import io.edgepass.gateway.system.ProblemResponses;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.StreamUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * Token-bucket limits: per user on authenticated requests, per client address on login
 * and register. With Redis configured they are kept there through Spring Cloud Gateway's
 * {@link RedisRateLimiter}, shared by every gateway instance; without Redis, and whenever
 * Redis cannot be asked, this gateway counts them in its own memory
 * ({@link LocalRateLimiter}). The {@code edgepass.gateway.ratelimit.backend} gauge says
 * which is in force, {@code edgepass.gateway.ratelimit.fallback} counts the decisions
 * taken in memory because Redis failed, and the log tells when an outage starts and ends.
 */
@Component
public class RateLimits implements DisposableBean {

	private static final Log logger = LogFactory.getLog(RateLimits.class);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	/** How long to decide in memory after Redis failed before asking it again. */
	private static final Duration REDIS_RETRY_INTERVAL = Duration.ofSeconds(1);

	private static final RateLimiter.Response UNANSWERED = new RateLimiter.Response(true,
			Map.of(RedisRateLimiter.REMAINING_HEADER, "-1"));

	private static final String USER = "user";

	private static final String CREDENTIALS = "credentials";

	private final RateLimitProperties settings;

	private final ClientAddresses clients;

	private final ProblemResponses problems;

	private final Map<String, LocalRateLimiter> local;

	private final LettuceConnectionFactory connections;

	private final RedisRateLimiter redis;

	private final AtomicBoolean redisAnswering = new AtomicBoolean();

	private volatile long askRedisAgainAt = System.nanoTime();

	private final Counter fallbacks;

	RateLimits(RateLimitProperties settings, ClientAddresses clients, ProblemResponses problems,
			ConfigurationService configurationService, MeterRegistry meters) {
		this.settings = settings;
		this.clients = clients;
		this.problems = problems;
		this.local = Map.of(USER, new LocalRateLimiter(settings.user()), CREDENTIALS,
				new LocalRateLimiter(settings.credentials()));
		if (settings.redisUrl() == null || settings.redisUrl().isBlank()) {
			logger.info("Rate limits are counted in this gateway's memory: no Redis configured (EDGEPASS_REDIS_URL), "
					+ "so every gateway instance limits on its own");
			this.connections = null;
			this.redis = null;
		}
		else {
			this.connections = connect(settings);
			this.redis = new RedisRateLimiter(new ReactiveStringRedisTemplate(this.connections), script(),
					configurationService);
			this.redis.getConfig().put(USER, config(settings.user()));
			this.redis.getConfig().put(CREDENTIALS, config(settings.credentials()));
			this.redisAnswering.set(true);
			logger.info("Rate limits are kept in Redis at " + redisAddress());
		}
		for (boolean inRedis : new boolean[] { true, false }) {
			Gauge
				.builder("edgepass.gateway.ratelimit.backend", this.redisAnswering,
						(answering) -> (answering.get() == inRedis) ? 1 : 0)
				.tag("backend", inRedis ? "redis" : "local")
				.description("1 for where rate limits are counted now: in Redis, or in this gateway's memory")
				.register(meters);
		}
		this.fallbacks = Counter.builder("edgepass.gateway.ratelimit.fallback")
			.description("Rate limit decisions taken in this gateway's memory because Redis could not be asked")
			.register(meters);
	}

	private static LettuceConnectionFactory connect(RateLimitProperties settings) {
		LettuceClientConfiguration.LettuceClientConfigurationBuilder client = LettuceClientConfiguration.builder()
			.commandTimeout(settings.timeout())
			.clientOptions(ClientOptions.builder()
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
				.build());
		if (settings.redisUrl().startsWith("rediss:")) {
			client.useSsl();
		}
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				LettuceConnectionFactory.createRedisConfiguration(settings.redisUrl()), client.build());
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	/** Read once here: the script is sent when Redis does not know it yet. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static RedisScript<List<Long>> script() {
		try (InputStream lua = new ClassPathResource("META-INF/scripts/request_rate_limiter.lua").getInputStream()) {
			return new DefaultRedisScript(StreamUtils.copyToString(lua, StandardCharsets.UTF_8), List.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Spring Cloud Gateway's rate limiter script is missing", ex);
		}
	}

	private static RedisRateLimiter.Config config(RateLimitProperties.Limit limit) {
		return new RedisRateLimiter.Config().setReplenishRate(limit.replenishRate())
			.setBurstCapacity(limit.burstCapacity())
			.setRequestedTokens(1);
	}

	/** Limits each authenticated user; anonymous requests pass. */
	public GatewayFilter perUser() {
		return (exchange, chain) -> AccessTokenAuthentication.identityOf(exchange)
			.map((identity) -> limit(exchange, chain, USER, USER + ":" + identity.userId(), this.settings.user()))
			.orElseGet(() -> chain.filter(exchange));
	}

	/** Limits each client address, per path, whoever they claim to be. */
	public GatewayFilter perClient() {
		return (exchange,
				chain) -> limit(exchange, chain, CREDENTIALS, CREDENTIALS + ":"
						+ exchange.getRequest().getPath().value() + ":" + this.clients.clientOf(exchange.getRequest()),
						this.settings.credentials());
	}

	private Mono<Void> limit(ServerWebExchange exchange, GatewayFilterChain chain, String bucket, String key,
			RateLimitProperties.Limit limit) {
		return allowed(bucket, key).flatMap((allowed) -> {
			if (allowed) {
				return chain.filter(exchange);
			}
			long seconds = Math.max(1, (long) Math.ceil(1.0 / limit.replenishRate()));
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			return this.problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS);
		});
	}

	private Mono<Boolean> allowed(String bucket, String key) {
		if (this.redis == null) {
			return Mono.fromSupplier(() -> this.local.get(bucket).tryAcquire(key));
		}
		if (System.nanoTime() - this.askRedisAgainAt < 0) {
			return Mono.fromSupplier(() -> fallBack(bucket, key));
		}
		return Mono.defer(() -> this.redis.isAllowed(bucket, this.settings.keyPrefix() + ":" + key))
			// Lettuce opens its shared connection with a blocking call: never on the
			// event loop
			.subscribeOn(Schedulers.boundedElastic())
			.timeout(this.settings.timeout().multipliedBy(2), Mono.just(UNANSWERED))
			.onErrorReturn(UNANSWERED)
			.map((response) -> redisAnswered(response) ? response.isAllowed() : fallBack(bucket, key));
	}

	/**
	 * Whether Redis decided ({@link RedisRateLimiter} answers "allowed, -1 left" when it
	 * failed); notes where an outage starts and ends.
	 */
	private boolean redisAnswered(RateLimiter.Response response) {
		if ("-1".equals(response.getHeaders().get(RedisRateLimiter.REMAINING_HEADER))) {
			this.askRedisAgainAt = System.nanoTime() + REDIS_RETRY_INTERVAL.toNanos();
			if (this.redisAnswering.compareAndSet(true, false)) {
				logger.warn("Redis at " + redisAddress() + " cannot be asked: rate limits are counted in this "
						+ "gateway's memory until it answers again");
			}
			return false;
		}
		if (this.redisAnswering.compareAndSet(false, true)) {
			logger.info("Redis at " + redisAddress() + " answers again: rate limits are kept there again");
		}
		return true;
	}

	private boolean fallBack(String bucket, String key) {
		this.fallbacks.increment();
		return this.local.get(bucket).tryAcquire(key);
	}

	private String redisAddress() {
		return this.connections.getHostName() + ":" + this.connections.getPort();
	}

	@Override
	public void destroy() {
		if (this.connections != null) {
			this.connections.destroy();
		}
	}

}
