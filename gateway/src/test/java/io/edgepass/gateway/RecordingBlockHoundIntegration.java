package io.edgepass.gateway;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Installed for every test by BlockHound's JUnit platform listener: a blocking call on a
 * non-blocking thread fails as usual and is also remembered, so that a swallowed error
 * (logged by a library, turned into a fallback) still fails
 * {@link NoBlockingOnEventLoopTests}.
 */
public class RecordingBlockHoundIntegration implements BlockHoundIntegration {

	static final List<String> VIOLATIONS = new CopyOnWriteArrayList<>();

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.blockingMethodCallback((method) -> {
			VIOLATIONS.add(method + " on " + Thread.currentThread().getName());
			throw new BlockingOperationError(method);
		});
	}

}
