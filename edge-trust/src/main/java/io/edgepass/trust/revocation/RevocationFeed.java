package io.edgepass.trust.revocation;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * One page of auth-service's revocation feed ({@code GET /internal/revocations}), as
 * auth-service writes it and the gateway reads it.
 *
 * @param cursor the id of the last entry, the next page's {@code after}
 * @param hasMore whether more entries follow
 * @param entries the entries, oldest first
 */
public record RevocationFeed(long cursor, boolean hasMore, @Nullable List<Entry> entries) {

	/**
	 * What one entry revokes.
	 *
	 * @param id strictly increasing in commit order
	 * @param kind what {@code value} names; {@code null} when a newer auth-service sends
	 * a kind this gateway does not know
	 * @param value the session id, user id or token id
	 * @param notBefore for {@link Kind#USER}: tokens issued at or before it are revoked
	 * @param expiresAt when every token the entry covers has expired
	 */
	public record Entry(long id, @Nullable Kind kind, @Nullable String value, @Nullable Instant notBefore,
			@Nullable Instant expiresAt) {
	}

	/** What a revocation entry names. */
	public enum Kind {

		/** Every access token of that login session ({@code sid}). */
		SESSION,

		/**
		 * Every access token of that user ({@code sub}) issued at or before
		 * {@code notBefore}.
		 */
		USER,

		/** That one access token ({@code jti}). */
		TOKEN;

		/** Reads a kind, {@code null} for one this version does not know. */
		@JsonCreator
		public static @Nullable Kind of(String name) {
			for (Kind kind : values()) {
				if (kind.name().equals(name)) {
					return kind;
				}
			}
			return null;
		}

	}

}
