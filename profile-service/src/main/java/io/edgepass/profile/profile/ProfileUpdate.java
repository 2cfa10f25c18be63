package io.edgepass.profile.profile;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code PUT /profiles/me}: it replaces all three fields. Any Unicode text is
 * stored as given, except NUL and other control characters (in the display name) and lone
 * surrogates, which PostgreSQL cannot store or clients could not display.
 *
 * @param displayName 1 to 100 characters
 * @param email an email address of at most 254 characters, or {@code null}
 * @param bio at most 2000 characters, or {@code null}
 */
record ProfileUpdate(
		@NotBlank @Size(max = 100) @Pattern(regexp = "[^\\p{Cc}\\p{Cs}]*",
				message = "must not contain control characters") String displayName,
		@Size(max = 254) @Email(regexp = "[^\\s@]+@[^\\s@]+\\.[^\\s@]+") String email,
		@Size(max = 2000) @Pattern(regexp = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\p{Cs}]*",
				message = "must not contain control characters other than tabs and line breaks") String bio) {

}
