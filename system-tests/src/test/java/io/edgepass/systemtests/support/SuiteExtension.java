package io.edgepass.systemtests.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link SystemSuite} started once per test JVM and stopped when the test
 * run ends (or the JVM exits). Only one suite runs at a time: starting one stops the
 * others (the test classes are ordered so that each starts once, see
 * {@code junit-platform.properties}), which keeps the 2-core machine for the suite under
 * test. A suite that failed to start is not started again: every later test fails at once
 * with the first failure as its cause.
 */
abstract class SuiteExtension implements ParameterResolver {

	/** JUnit creates an extension per test class: what is shared lives here. */
	private static final Map<String, Holder> holders = new ConcurrentHashMap<>();

	/** Names the suite (and its log directory). */
	abstract String name();

	abstract SystemSuite start();

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == SystemSuite.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		synchronized (holders) {
			Holder wanted = holders.computeIfAbsent(name(), (name) -> new Holder());
			holders.values().stream().filter((holder) -> holder != wanted).forEach(Holder::stop);
			return wanted.get(this, context);
		}
	}

	private static final class Holder {

		private SystemSuite suite;

		private RuntimeException failure;

		synchronized SystemSuite get(SuiteExtension extension, ExtensionContext context) {
			if (this.failure != null) {
				throw new IllegalStateException("The " + extension.name() + " suite failed to start earlier",
						this.failure);
			}
			if (this.suite != null) {
				this.suite.failure().ifPresent((failure) -> {
					this.failure = new IllegalStateException("The " + extension.name()
							+ " suite stopped itself because a service died: " + failure.describe());
					this.suite = null;
				});
				if (this.failure != null) {
					throw this.failure;
				}
			}
			if (this.suite == null) {
				try {
					this.suite = extension.start();
				}
				catch (RuntimeException ex) {
					this.failure = ex;
					throw ex;
				}
				// The root store closes what it holds when the whole test run ends.
				context.getRoot()
					.getStore(ExtensionContext.Namespace.GLOBAL)
					.put(SuiteExtension.class.getName() + "." + extension.name(), this.suite);
			}
			return this.suite;
		}

		synchronized void stop() {
			if (this.suite != null) {
				this.suite.close();
				this.suite = null;
			}
		}

	}

}
