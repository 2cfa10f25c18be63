package io.edgepass.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.sql.DataSource;

import io.edgepass.testsupport.DatabaseSwitch;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class DatabaseOutageTests extends AuthServiceTest {

	final HttpClient http = HttpClient.newHttpClient();

	@LocalManagementPort
	int managementPort;

	@Autowired
	DataSource dataSource;

	@Test
	void withTheDatabaseDownLoginIsAQuick503ThatCountsNoFailureAndEverythingRecovers() throws Exception {
		String name = uniqueName();
		register(name, PASSWORD);
		assertThat(probe("liveness")).isEqualTo(200);
		assertThat(probe("readiness")).isEqualTo(200);

		DatabaseSwitch database = new DatabaseSwitch(this.dataSource);
		database.off();
		try {
			long start = System.nanoTime();
			login(name, "a wrong password").andExpect(status().isServiceUnavailable())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(header().exists("Retry-After"))
				.andExpect(jsonPath("$.type").value("https://edgepass.dev/problems/service-unavailable"))
				.andExpect(jsonPath("$.detail")
					.value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsStringIgnoringCase("connection"))));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			refresh("some-refresh-token").andExpect(status().isServiceUnavailable());
			assertThat(probe("readiness")).isEqualTo(503);
			assertThat(probe("liveness")).isEqualTo(200);
		}
		finally {
			database.on();
		}

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> login(name, PASSWORD).andExpect(status().isOk()));
		assertThat(this.jdbc.sql("SELECT count(*) FROM login_failures WHERE username = :name")
			.param("name", name)
			.query(Long.class)
			.single()).isZero();
		await().atMost(Duration.ofSeconds(10)).until(() -> probe("readiness") == 200);
	}

	private int probe(String group) throws Exception {
		return this.http
			.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/health/" + group))
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

}
