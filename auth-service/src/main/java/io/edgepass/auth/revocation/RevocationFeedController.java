package io.edgepass.auth.revocation;

import java.util.List;

import io.edgepass.trust.revocation.RevocationFeed;
import io.edgepass.trust.revocation.RevocationFeed.Entry;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The gateway's view of revocations: every live entry after its cursor, oldest first. */
@RestController
class RevocationFeedController {

	private final Revocations revocations;

	RevocationFeedController(Revocations revocations) {
		this.revocations = revocations;
	}

	@GetMapping("/internal/revocations")
	RevocationFeed feed(@RequestParam(defaultValue = "0") @Min(0) long after,
			@RequestParam(defaultValue = "500") @Min(1) @Max(1000) int limit) {
		List<Entry> entries = this.revocations.after(after, limit + 1);
		boolean hasMore = entries.size() > limit;
		if (hasMore) {
			entries = entries.subList(0, limit);
		}
		long cursor = entries.isEmpty() ? after : entries.get(entries.size() - 1).id();
		return new RevocationFeed(cursor, hasMore, entries);
	}

	record Page(long cursor, boolean hasMore, List<Entry> entries) {
	}

}
