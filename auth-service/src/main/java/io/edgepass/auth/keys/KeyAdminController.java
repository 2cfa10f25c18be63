package io.edgepass.auth.keys;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class KeyAdminController {

	private final KeyRotation rotation;

	KeyAdminController(KeyRotation rotation) {
		this.rotation = rotation;
	}

	@PostMapping("/auth/admin/keys/rotate")
	Rotated rotate() {
		return new Rotated(this.rotation.rotate());
	}

	record Rotated(String kid) {
	}

}
