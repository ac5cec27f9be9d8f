#!/usr/bin/env python3
"""Prints a bearer token (JWT, HS256) for SUBJECT with ROLE, valid for 2 hours, signed with the settings the services
validate against: Authentication__Jwt__Issuer, Authentication__Jwt__Audience and Authentication__Jwt__SigningKey from
the environment, the very variables the services read (bench/lib.sh sets them: its token function runs this).

    bearer_token.py SUBJECT ROLE

soak.py imports sign() and passes the settings it read from a running service.
"""
import base64
import hashlib
import hmac
import json
import os
import sys
import time


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def part(value):
    return b64url(json.dumps(value, separators=(",", ":")).encode())


def sign(subject, role, issuer, audience, signing_key):
    now = int(time.time())
    claims = {"sub": subject, "role": role, "iss": issuer, "aud": audience, "iat": now, "nbf": now, "exp": now + 2 * 3600}
    signed = part({"alg": "HS256", "typ": "JWT"}) + "." + part(claims)
    # The services take the key's UTF-8 bytes as the HMAC key.
    return signed + "." + b64url(hmac.new(signing_key.encode(), signed.encode(), hashlib.sha256).digest())


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    print(sign(sys.argv[1], sys.argv[2], os.environ["Authentication__Jwt__Issuer"], os.environ["Authentication__Jwt__Audience"],
               os.environ["Authentication__Jwt__SigningKey"]))
