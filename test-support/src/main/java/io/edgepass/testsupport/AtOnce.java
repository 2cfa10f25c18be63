package io.edgepass.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Races calls against each other: each on its own thread, all released together, so a
 * test can show that only one of them wins.
 */
public final class AtOnce {

	private AtOnce() {
	}

	/** Makes the same call {@code times} times at once; the results in order. */
	public static <T> List<T> call(int times, Callable<T> call) throws InterruptedException, ExecutionException {
		return callAll(Collections.nCopies(times, call));
	}

	/** Makes every call at once; the results in the calls' order. */
	public static <T> List<T> callAll(List<? extends Callable<T>> calls)
			throws InterruptedException, ExecutionException {
		CountDownLatch start = new CountDownLatch(1);
		try (ExecutorService pool = Executors.newFixedThreadPool(calls.size())) {
			List<Future<T>> futures = new ArrayList<>();
			for (Callable<T> call : calls) {
				futures.add(pool.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
	}

}
