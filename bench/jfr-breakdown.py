#!/usr/bin/env python3
"""Reads `jfr print --json --events jdk.ExecutionSample` on stdin and prints the share of
CPU samples whose stack passes through each part of the gateway's request path
(inclusive: a sample counts for every part on its stack)."""
import json
import sys

PARTS = [
    ("token verification (AccessTokenVerifier.verify)", ["io.edgepass.gateway.token.AccessTokenVerifier."]),
    ("  signature check (RSA/EC/EdDSA/HMAC verify)", ["RSASSAVerifier.verify", "ECDSAVerifier.verify", "MACVerifier.verify", "verifyEd25519", "sun.security.rsa.RSASignature.engineVerify"]),
    ("  verifier built per token (JWK to PublicKey)", ["AccessTokenVerifier.verifierFor", "RSAKey.toRSAPublicKey", "ECKey.toECPublicKey"]),
    ("  claims and header parsing (Nimbus JSON)", ["JWTClaimsSet.parse", "JWSHeader.parse"]),
    ("revocation lookup (RevocationView.isRevoked)", ["RevocationView.isRevoked"]),
    ("edge assertion minted (EdgeAssertionMinter.mint)", ["io.edgepass.trust.EdgeAssertionMinter.mint"]),
    ("identity headers stripped/added (EdgeIdentityGatewayFilterFactory)", ["EdgeIdentityGatewayFilterFactory"]),
    ("access log line (AccessLog)", ["io.edgepass.gateway.system.AccessLog"]),
    ("request limits (RequestLimits)", ["io.edgepass.gateway.security.RequestLimits"]),
    ("Spring Security filter chain", ["org.springframework.security.web.server."]),
    ("circuit breaker (Resilience4j)", ["io.github.resilience4j", "ReactiveResilience4JCircuitBreaker"]),
    ("observation / metrics (Micrometer)", ["io.micrometer."]),
    ("logging (Logback)", ["ch.qos.logback."]),
    ("upstream HTTP client (NettyRoutingFilter)", ["NettyRoutingFilter"]),
]


def frames(event):
    stack = event.get("values", {}).get("stackTrace") or {}
    for frame in stack.get("frames", []):
        method = frame.get("method", {})
        owner = method.get("type", {}).get("name", "").replace("/", ".")
        yield owner + "." + method.get("name", "")


def main():
    events = json.load(sys.stdin)["recording"]["events"]
    total = len(events)
    counts = {name: 0 for name, _ in PARTS}
    for event in events:
        stack = list(frames(event))
        for name, needles in PARTS:
            if needles and any(needle in frame for frame in stack for needle in needles):
                counts[name] += 1
    print(f"{total} CPU samples; share of samples with the part on the stack:")
    for name, needles in PARTS:
        if needles:
            print(f"  {counts[name] * 100.0 / max(total, 1):5.1f} %  {name}")


if __name__ == "__main__":
    main()
