package io.edgepass.gateway.system;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.ObservationFilter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the gateway's spans may say. Spring Cloud Gateway tags each routed call with its
 * full URI ({@code http.uri}); a query may carry what a client should never have put
 * there, so, as in the access log, only the path goes into a span.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

	static final String URI_KEY = "http.uri";

	@Bean
	ObservationFilter noQueryInSpans() {
		return (context) -> {
			KeyValue uri = context.getHighCardinalityKeyValue(URI_KEY);
			if (uri != null) {
				int query = uri.getValue().indexOf('?');
				if (query >= 0) {
					context.addHighCardinalityKeyValue(KeyValue.of(URI_KEY, uri.getValue().substring(0, query)));
				}
			}
			return context;
		};
	}

}
