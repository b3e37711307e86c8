#!/bin/sh
# Checks the hub's signature over a receipt with openssl and python3's standard library only, independently of the
# hub's own code (README: Signed answers). RS256, which the hub's RSA keys sign with; for another alg use
# `java -jar safework-hub.jar verify`. Prints "Verified OK" and exits 0, or "Verification failure" and exits 1.
# usage: examples/verify_receipt.sh <receipt file> <jwks.json> [<signature file, default: receipt file.sig>]
set -eu
[ $# -ge 2 ] || { echo "usage: $0 <receipt file> <jwks.json> [<signature file>]" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$1" "${3:-$1.sig}" "$2" "$work" <<'PY'
import base64, json, sys, textwrap
receipt, sig, jwks, work = sys.argv[1:]
def unb64(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
header, payload, signature = open(sig, encoding="ascii").read().strip().split(".")
if payload:
    sys.exit("not a detached JWS (header..signature)")
h = json.loads(unb64(header))
if h.get("alg") != "RS256":
    sys.exit("this recipe checks RS256, the signature says %s: use the hub jar's verify command" % h.get("alg"))
keys = [k for k in json.load(open(jwks))["keys"] if k.get("kid") == h.get("kid")]
if not keys:
    sys.exit("no key %s in %s" % (h.get("kid"), jwks))
print("key", h["kid"])
with open(work + "/cert.pem", "w") as out:
    out.write("-----BEGIN CERTIFICATE-----\n" + "\n".join(textwrap.wrap(keys[0]["x5c"][0], 64))
              + "\n-----END CERTIFICATE-----\n")
with open(work + "/input", "wb") as out:  # the JWS signing input: header.BASE64URL(receipt bytes)
    out.write(header.encode("ascii") + b"." + base64.urlsafe_b64encode(open(receipt, "rb").read()).rstrip(b"="))
with open(work + "/signature", "wb") as out:
    out.write(unb64(signature))
PY
openssl x509 -in "$work/cert.pem" -pubkey -noout > "$work/key.pem"
openssl dgst -sha256 -verify "$work/key.pem" -signature "$work/signature" "$work/input"
