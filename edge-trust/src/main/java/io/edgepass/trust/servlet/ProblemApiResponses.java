package io.edgepass.trust.servlet;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocAnnotationsUtils;

import org.springframework.http.ProblemDetail;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents every error response a controller declares without content (an
 * {@code @ApiResponse} with a 4xx or 5xx code and a description only) as what
 * {@link ProblemAdvice} answers, {@code application/problem+json} with a
 * {@link ProblemDetail}, instead of the method's return type springdoc would assume.
 */
final class ProblemApiResponses implements OperationCustomizer, OpenApiCustomizer {

	private static final String SCHEMA = "#/components/schemas/" + ProblemDetail.class.getSimpleName();

	@Override
	public Operation customize(Operation operation, HandlerMethod handlerMethod) {
		if (operation.getResponses() == null) {
			return operation;
		}
		for (ApiResponse declared : handlerMethod.getMethod().getAnnotationsByType(ApiResponse.class)) {
			String code = declared.responseCode();
			boolean error = code.startsWith("4") || code.startsWith("5");
			if (error && declared.content().length == 0 && operation.getResponses().containsKey(code)) {
				operation.getResponses()
					.get(code)
					.setContent(new Content().addMediaType(
							org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
							new MediaType().schema(new Schema<>().$ref(SCHEMA))));
			}
		}
		return operation;
	}

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getComponents() == null) {
			openApi.setComponents(new Components());
		}
		if (openApi.getComponents().getSchemas() == null
				|| !openApi.getComponents().getSchemas().containsKey(ProblemDetail.class.getSimpleName())) {
			SpringDocAnnotationsUtils.extractSchema(openApi.getComponents(), ProblemDetail.class, null, null,
					openApi.getSpecVersion());
		}
	}

}
