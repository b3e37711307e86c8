"""Wait for the hub's reply to a mail and print the receipts attached to it (Python standard library only).

    LOGIN=mz PASS=mz-demo-2025 IN_REPLY_TO="<my-id@agency.hub.local>" python3 examples/mail/read_reply.py

Reads the agency's own mailbox on the embedded mail server (IMAP on HUB_HOST:HUB_IMAP_PORT, default
127.0.0.1:3143), waiting up to WAIT seconds (default 60).
"""
import email
import email.policy
import imaplib
import json
import os
import sys
import time

host = os.environ.get("HUB_HOST", "127.0.0.1")
port = int(os.environ.get("HUB_IMAP_PORT", "3143"))
wanted = os.environ["IN_REPLY_TO"]
deadline = time.monotonic() + float(os.environ.get("WAIT", "60"))

while True:
    with imaplib.IMAP4(host, port) as imap:
        imap.login(os.environ["LOGIN"], os.environ["PASS"])
        imap.select("INBOX", readonly=True)
        _, found = imap.uid("SEARCH", None, "HEADER", "In-Reply-To", f'"{wanted}"')
        uids = found[0].split()
        if uids:
            _, data = imap.uid("FETCH", uids[-1], "(RFC822)")
            reply = email.message_from_bytes(data[0][1], policy=email.policy.default)
            break
    if time.monotonic() > deadline:
        sys.exit(f"no reply to {wanted} within the time-out")
    time.sleep(1)

print(f"reply: {reply['Subject']}")
print(reply.get_body(preferencelist=("plain",)).get_content().strip())
for part in reply.iter_attachments():
    if part.get_filename().endswith(".receipt.json"):
        print(f"--- {part.get_filename()}")
        print(json.dumps(json.loads(part.get_content() if isinstance(part.get_content(), str)
                                    else part.get_content().decode("utf-8")), ensure_ascii=False, indent=2))
