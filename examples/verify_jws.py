#!/usr/bin/python3
"""Checks the hub's detached JWS over a file with jwcrypto, a JOSE library independent of the hub's own code.

Works for every key the hub publishes (RS256, ES256/384/512): a receipt (<name>.receipt.json and its .sig), the JSON
and the manifest of a consolidated package (<base>.json.sig, <base>.manifest.json.sig). The keys are the hub's
/.well-known/jwks.json, saved to a file. Debian: apt-get install python3-jwcrypto.

usage: examples/verify_jws.py <file> <file.sig> <jwks.json>
Prints "VALID ..." and exits 0, or "INVALID: ..." and exits 1; 2 for a usage error.
"""
import base64
import json
import sys

from jwcrypto import jwk, jws


def main(argv):
    if len(argv) != 4:
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        return 2
    document, signature, keys_file = argv[1:]
    with open(document, "rb") as f:
        payload = f.read()
    with open(signature, encoding="ascii") as f:
        compact = f.read().strip()
    with open(keys_file, encoding="utf-8") as f:
        keys = jwk.JWKSet.from_json(f.read())
    parts = compact.split(".")
    if len(parts) != 3 or not parts[0] or parts[1] or not parts[2]:
        print("INVALID: %s is not a detached compact JWS (header..signature)" % signature)
        return 1
    header = json.loads(base64.urlsafe_b64decode(parts[0] + "=" * (-len(parts[0]) % 4)))
    if "b64" in header or "crit" in header:
        print("INVALID: the header asks for b64 or crit, which the hub never sets")
        return 1
    key = keys.get_key(header.get("kid"))
    if key is None:
        print("INVALID: no key with kid %s in %s" % (header.get("kid"), keys_file))
        return 1
    # RFC 7515 appendix F: the detached payload is put back in its place, then it is an ordinary compact JWS.
    attached = parts[0] + "." + base64.urlsafe_b64encode(payload).decode("ascii").rstrip("=") + "." + parts[2]
    token = jws.JWS()
    try:
        token.deserialize(attached)
        token.verify(key, alg=header.get("alg"))
    except Exception as e:  # jwcrypto raises InvalidJWSSignature, InvalidJWSObject, ...
        print("INVALID: %s does not verify over %s: %s" % (signature, document, e or type(e).__name__))
        return 1
    print("VALID %s: %s signature by key %s" % (document, header.get("alg"), header.get("kid")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
