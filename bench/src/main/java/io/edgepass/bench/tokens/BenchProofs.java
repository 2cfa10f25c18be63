package io.edgepass.bench.tokens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.edgepass.trust.dpop.DPoPProofVerifier;

/**
 * DPoP proofs (RFC 9449 §4.2) made ahead of a measurement, as a client makes one per
 * request: each with its own {@code jti}, {@code iat} now, {@code htm} GET, the given
 * {@code htu} and the {@code ath} of the token it goes with. The gateway refuses a proof
 * seen before or older than its window, so a run needs as many as it sends requests,
 * minted shortly before it.
 */
public final class BenchProofs {

	private static final JOSEObjectType TYPE = new JOSEObjectType("dpop+jwt");

	private BenchProofs() {
	}

	/**
	 * A new client key.
	 * @param algorithm ES256 or EdDSA
	 * @return the private key
	 */
	public static JWK newKey(JWSAlgorithm algorithm) {
		try {
			return JWSAlgorithm.EdDSA.equals(algorithm) ? new OctetKeyPairGenerator(Curve.Ed25519).generate()
					: new ECKeyGenerator(Curve.P_256).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate a DPoP key", ex);
		}
	}

	/**
	 * Lines {@code <token>TAB<proof>}: the tokens in turn, each with a proof of its own.
	 * @param key the client's private key, ES256 (P-256) or EdDSA (Ed25519)
	 * @param tokens the access tokens bound to it
	 * @param count how many lines
	 * @param htu the URL the requests are addressed to, as the gateway's issuer names it
	 * @return the lines
	 */
	public static List<String> lines(JWK key, List<String> tokens, int count, String htu) {
		JWSAlgorithm algorithm = (key instanceof OctetKeyPair) ? JWSAlgorithm.EdDSA : JWSAlgorithm.ES256;
		JWSHeader header = new JWSHeader.Builder(algorithm).type(TYPE).jwk(key.toPublicJWK()).build();
		JWSSigner signer = signer(key);
		return IntStream.range(0, count).parallel().mapToObj((i) -> {
			String token = tokens.get(i % tokens.size());
			return token + "\t" + proof(header, signer, token, htu);
		}).toList();
	}

	private static String proof(JWSHeader header, JWSSigner signer, String token, String htu) {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
			.claim("htm", "GET")
			.claim("htu", htu)
			.issueTime(new Date())
			.claim("ath", DPoPProofVerifier.hash(token))
			.build();
		SignedJWT proof = new SignedJWT(header, claims);
		try {
			proof.sign(signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign a DPoP proof", ex);
		}
		return proof.serialize();
	}

	private static JWSSigner signer(JWK key) {
		try {
			return (key instanceof OctetKeyPair ed25519) ? new Ed25519Signer(ed25519) : new ECDSASigner((ECKey) key);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Unusable DPoP key", ex);
		}
	}

	/**
	 * {@code proofs <key.jwk> <tokens file> <count> <htu> <out file>}: writes
	 * {@link #lines} for a run.
	 * @param args the key, the tokens bound to it, how many lines, the URL, where to
	 * write
	 * @throws IOException when a file cannot be read or written
	 * @throws ParseException when the key is not a JWK
	 */
	public static void main(String[] args) throws IOException, ParseException {
		JWK key = JWK.parse(Files.readString(Path.of(args[0])));
		List<String> tokens = Files.readAllLines(Path.of(args[1])).stream().filter((line) -> !line.isEmpty()).toList();
		long start = System.nanoTime();
		List<String> lines = lines(key, tokens, Integer.parseInt(args[2]), args[3]);
		Files.write(Path.of(args[4]), lines);
		System.out.printf("%d DPoP proofs in %d ms%n", lines.size(), (System.nanoTime() - start) / 1_000_000);
	}

}
