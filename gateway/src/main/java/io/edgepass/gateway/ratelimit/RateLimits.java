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
 * Token-bucket limits in Redis through Spring Cloud Gateway's {@link RedisRateLimiter}:
 * per user on authenticated requests, per client address on login and register. Without
 * Redis (not configured, or down) requests flow unlimited, which the
 * {@code edgepass.gateway.ratelimit.active} gauge and the log make visible.
 */
@Component
public class RateLimits implements DisposableBean {

	private static final Log logger = LogFactory.getLog(RateLimits.class);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private static final String USER = "user";

	private static final String CREDENTIALS = "credentials";

	private final RateLimitProperties settings;

	private final ClientAddresses clients;

	private final ProblemResponses problems;

	private final LettuceConnectionFactory connections;

	private final RedisRateLimiter limiter;

	private final AtomicBoolean active = new AtomicBoolean();

	private final Counter bypassed;

	RateLimits(RateLimitProperties settings, ClientAddresses clients, ProblemResponses problems,
			ConfigurationService configurationService, MeterRegistry meters) {
		this.settings = settings;
		this.clients = clients;
		this.problems = problems;
		if (settings.redisUrl() == null || settings.redisUrl().isBlank()) {
			logger.warn("Rate limiting is OFF: no Redis configured (EDGEPASS_REDIS_URL)");
			this.connections = null;
			this.limiter = null;
		}
		else {
			this.connections = connect(settings);
			this.limiter = new RedisRateLimiter(new ReactiveStringRedisTemplate(this.connections), script(),
					configurationService);
			this.limiter.getConfig().put(USER, config(settings.user()));
			this.limiter.getConfig().put(CREDENTIALS, config(settings.credentials()));
			this.active.set(true);
			logger.info(
					"Rate limiting with Redis at " + this.connections.getHostName() + ":" + this.connections.getPort());
		}
		Gauge.builder("edgepass.gateway.ratelimit.active", this.active, (flag) -> flag.get() ? 1 : 0)
			.description("1 while rate limits are enforced, 0 while requests flow unlimited (no Redis)")
			.register(meters);
		this.bypassed = Counter.builder("edgepass.gateway.ratelimit.bypassed")
			.description("Requests let through unlimited because Redis could not be asked")
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
		if (this.limiter == null) {
			return chain.filter(exchange);
		}
		return Mono.defer(() -> this.limiter.isAllowed(bucket, this.settings.keyPrefix() + ":" + key))
			// Lettuce opens its shared connection with a blocking call: never on the
			// event loop
			.subscribeOn(Schedulers.boundedElastic())
			.timeout(this.settings.timeout().multipliedBy(2), Mono.fromSupplier(this::unanswered))
			.flatMap((response) -> {
				track(response);
				if (response.isAllowed()) {
					return chain.filter(exchange);
				}
				long seconds = Math.max(1, (long) Math.ceil(1.0 / limit.replenishRate()));
				exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
				return this.problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS);
			});
	}

	private RateLimiter.Response unanswered() {
		return new RateLimiter.Response(true, Map.of(RedisRateLimiter.REMAINING_HEADER, "-1"));
	}

	/** {@link RedisRateLimiter} answers "allowed, -1 left" when Redis failed. */
	private void track(RateLimiter.Response response) {
		boolean failed = "-1".equals(response.getHeaders().get(RedisRateLimiter.REMAINING_HEADER));
		if (failed) {
			this.bypassed.increment();
		}
		if (this.active.compareAndSet(failed, !failed)) {
			if (failed) {
				logger.warn("Rate limiting is OFF: Redis cannot be reached, requests flow unlimited");
			}
			else {
				logger.info("Rate limiting is back ON: Redis reachable again");
			}
		}
	}

	@Override
	public void destroy() {
		if (this.connections != null) {
			this.connections.destroy();
		}
	}

}
