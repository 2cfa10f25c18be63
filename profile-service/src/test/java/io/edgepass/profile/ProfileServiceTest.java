package io.edgepass.profile;

import java.util.ArrayList;
import java.util.List;

import io.edgepass.testsupport.ServiceHttpTest;
import io.edgepass.testsupport.TestEdgeAssertions;
import io.edgepass.testsupport.TestPostgres;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application context every profile-service test shares: the whole service on
 * random ports against its own PostgreSQL database, called over real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0" })
public abstract class ProfileServiceTest extends ServiceHttpTest {

	public static final String AUDIENCE = "profile-service";

	protected ProfileServiceTest() {
		super(AUDIENCE);
	}

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry, "profiles");
		TestEdgeAssertions.register(registry, AUDIENCE);
	}

	/** A {@code PUT /profiles/me} body; {@code null} leaves a field out. */
	protected static String profile(String displayName, String email, String bio) {
		List<String> fields = new ArrayList<>();
		if (displayName != null) {
			fields.add("\"displayName\":" + quote(displayName));
		}
		if (email != null) {
			fields.add("\"email\":" + quote(email));
		}
		if (bio != null) {
			fields.add("\"bio\":" + quote(bio));
		}
		return "{" + String.join(",", fields) + "}";
	}

	/** A JSON string literal: quotes, backslashes and control characters escaped. */
	protected static String quote(String value) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20 || Character.isSurrogate(c)) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.append('"').toString();
	}

}
