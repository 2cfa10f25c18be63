package io.edgepass.gateway;

import java.time.Clock;

import io.edgepass.gateway.ratelimit.RateLimitProperties;
import io.edgepass.gateway.revocation.RevocationProperties;
import io.edgepass.gateway.system.EdgeGatewayProperties;
import io.edgepass.gateway.token.DPoPProperties;
import io.edgepass.gateway.token.TokenProperties;
import reactor.netty.ReactorNetty;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@EnableConfigurationProperties({ EdgeGatewayProperties.class, TokenProperties.class, RevocationProperties.class,
		RateLimitProperties.class, DPoPProperties.class })
public class GatewayApplication {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	public static void main(String[] args) {
		oneEventLoopPerCore(Runtime.getRuntime().availableProcessors());
		SpringApplication.run(GatewayApplication.class, args);
	}

	/**
	 * One Netty event loop per core for the server and the upstream connections, unless
	 * {@code -Dreactor.netty.ioWorkerCount} says otherwise. Reactor Netty's default is at
	 * least four: on one core, four loops cost the gateway more than half its throughput
	 * (docs/BENCHMARKS.md, finding 11). Nothing blocks a loop (BlockHound tests), so more
	 * loops than cores buy nothing.
	 * @param cores the cores this JVM may use
	 */
	static void oneEventLoopPerCore(int cores) {
		if (System.getProperty(ReactorNetty.IO_WORKER_COUNT) == null) {
			System.setProperty(ReactorNetty.IO_WORKER_COUNT, Integer.toString(Math.max(1, cores)));
		}
	}

}
