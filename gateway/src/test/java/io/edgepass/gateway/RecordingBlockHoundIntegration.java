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
		// Static files (web client, Swagger UI) are resolved from the classpath as in any
		// WebFlux application, and springdoc reads Swagger UI's small initializer script
		// to
		// fill in its configuration: small local reads, accepted on the event loop.
		builder.allowBlockingCallsInside("org.springframework.web.reactive.resource.PathResourceResolver",
				"getResource");
		builder.allowBlockingCallsInside("org.springdoc.ui.AbstractSwaggerIndexTransformer", "readFullyAsString");
		builder.blockingMethodCallback((method) -> {
			VIOLATIONS.add(method + " on " + Thread.currentThread().getName());
			throw new BlockingOperationError(method);
		});
	}

}
