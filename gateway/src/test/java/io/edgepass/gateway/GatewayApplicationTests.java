package io.edgepass.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.ReactorNetty;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayApplicationTests {

	private String before;

	@BeforeEach
	void clear() {
		this.before = System.clearProperty(ReactorNetty.IO_WORKER_COUNT);
	}

	@AfterEach
	void restore() {
		if (this.before != null) {
			System.setProperty(ReactorNetty.IO_WORKER_COUNT, this.before);
		}
		else {
			System.clearProperty(ReactorNetty.IO_WORKER_COUNT);
		}
	}

	@Test
	void oneEventLoopPerCoreByDefault() {
		GatewayApplication.oneEventLoopPerCore(1);
		assertThat(System.getProperty(ReactorNetty.IO_WORKER_COUNT)).isEqualTo("1");
		System.clearProperty(ReactorNetty.IO_WORKER_COUNT);
		GatewayApplication.oneEventLoopPerCore(6);
		assertThat(System.getProperty(ReactorNetty.IO_WORKER_COUNT)).isEqualTo("6");
	}

	@Test
	void anExplicitEventLoopCountIsKept() {
		System.setProperty(ReactorNetty.IO_WORKER_COUNT, "3");
		GatewayApplication.oneEventLoopPerCore(1);
		assertThat(System.getProperty(ReactorNetty.IO_WORKER_COUNT)).isEqualTo("3");
	}

}
