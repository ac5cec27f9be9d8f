#!/usr/bin/env python3
"""The benchmarks' identity: an RSA key, the OpenID discovery document and JWKS that name its public half, and RS256
bearer tokens signed with it, so services started by hand validate tokens exactly as they do against the gateway's
development identity or Cognito (Authentication__Jwt__Authority, Audience; RS256 only). Signing goes through the
openssl command line: the standard library has no RSA.

    bearer_token.py key KEY_FILE                               writes a new 2048-bit RSA private key (PEM)
    bearer_token.py serve KEY_FILE PORT                        serves http://127.0.0.1:PORT as the authority
    bearer_token.py token KEY_FILE ISSUER AUDIENCE SUBJECT ROLE  prints a token valid for 2 hours

soak.py imports sign() with the key the AppHost gave the gateway's development identity.
"""
import base64
import hashlib
import http.server
import json
import subprocess
import sys
import time


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def part(value):
    return b64url(json.dumps(value, separators=(",", ":")).encode())


def make_key(key_file):
    subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key_file],
                   check=True, capture_output=True)


def public_jwk(key_file):
    """The key's public half as a JWK, its id the RFC 7638 thumbprint (as the gateway names its key)."""
    modulus = subprocess.run(["openssl", "rsa", "-in", key_file, "-noout", "-modulus"], check=True, capture_output=True, text=True).stdout
    n = b64url(bytes.fromhex(modulus.strip().split("=", 1)[1]))
    e = b64url((65537).to_bytes(3, "big"))
    kid = b64url(hashlib.sha256(json.dumps({"e": e, "kty": "RSA", "n": n}, separators=(",", ":")).encode()).digest())
    return {"kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid, "n": n, "e": e}


def sign(subject, role, issuer, audience, key_file, kid=None):
    now = int(time.time())
    claims = {"sub": subject, "role": role, "iss": issuer, "aud": audience, "iat": now, "nbf": now, "exp": now + 2 * 3600}
    header = {"alg": "RS256", "typ": "JWT", "kid": kid or public_jwk(key_file)["kid"]}
    signed = part(header) + "." + part(claims)
    signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key_file], input=signed.encode(), check=True, capture_output=True).stdout
    return signed + "." + b64url(signature)


def serve(key_file, port):
    authority = f"http://127.0.0.1:{port}"
    documents = {
        "/.well-known/openid-configuration": {"issuer": authority, "jwks_uri": authority + "/.well-known/jwks.json",
                                              "id_token_signing_alg_values_supported": ["RS256"]},
        "/.well-known/jwks.json": {"keys": [public_jwk(key_file)]},
    }

    class Authority(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            document = documents.get(self.path)
            body = json.dumps(document).encode() if document else b""
            self.send_response(200 if document else 404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    http.server.ThreadingHTTPServer(("127.0.0.1", port), Authority).serve_forever()


if __name__ == "__main__":
    commands = {"key": (2, lambda a: make_key(a[0])), "serve": (3, lambda a: serve(a[0], int(a[1]))),
                "token": (6, lambda a: print(sign(a[3], a[4], a[1], a[2], a[0])))}
    if len(sys.argv) < 2 or sys.argv[1] not in commands or len(sys.argv) != commands[sys.argv[1]][0] + 1:
        sys.exit(__doc__)
    commands[sys.argv[1]][1](sys.argv[2:])
