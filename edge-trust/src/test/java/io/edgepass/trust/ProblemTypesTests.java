package io.edgepass.trust;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemTypesTests {

	@Test
	void aStatusWithItsOwnTypeGetsIt() {
		assertThat(ProblemTypes.forStatus(406)).isEqualTo(ProblemTypes.NOT_ACCEPTABLE);
		assertThat(ProblemTypes.forStatus(409)).isEqualTo(ProblemTypes.CONFLICT);
		assertThat(ProblemTypes.forStatus(431)).isEqualTo(ProblemTypes.REQUEST_HEADERS_TOO_LARGE);
		assertThat(ProblemTypes.forStatus(503)).isEqualTo(ProblemTypes.SERVICE_UNAVAILABLE);
	}

	@Test
	void anyOtherClientErrorIsAnInvalidRequestAndAnyOtherServerErrorInternal() {
		assertThat(ProblemTypes.forStatus(410)).isEqualTo(ProblemTypes.INVALID_REQUEST);
		assertThat(ProblemTypes.forStatus(502)).isEqualTo(ProblemTypes.INTERNAL_ERROR);
	}

}
