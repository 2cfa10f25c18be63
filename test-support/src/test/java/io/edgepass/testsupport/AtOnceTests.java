package io.edgepass.testsupport;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AtOnceTests {

	@Test
	void everyCallRunsAtTheSameTimeAndTheResultsKeepTheirOrder() throws Exception {
		// Passing the barrier needs all eight calls in flight together.
		CyclicBarrier together = new CyclicBarrier(8);
		AtomicInteger calls = new AtomicInteger();

		List<Integer> results = AtOnce.call(8, () -> {
			together.await(10, TimeUnit.SECONDS);
			return calls.incrementAndGet();
		});

		assertThat(results).hasSize(8).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
		assertThat(AtOnce.callAll(List.of(() -> "a", () -> "b", () -> "c"))).containsExactly("a", "b", "c");
	}

}
