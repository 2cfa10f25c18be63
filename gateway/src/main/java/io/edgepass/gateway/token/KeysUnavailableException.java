package io.edgepass.gateway.token;

/** No signing key has been loaded yet, so no token can be validated. */
class KeysUnavailableException extends RuntimeException {

	KeysUnavailableException() {
		super("No signing keys loaded yet", null, false, false);
	}

}
