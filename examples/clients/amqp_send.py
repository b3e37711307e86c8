"""Send one document to the hub's reports.in over AMQP 1.0 and print its receipt (Apache Qpid Proton).

    /usr/bin/python3 examples/clients/amqp_send.py [--host H] [--port P] [--login L] [--wait S] DOCUMENT

Needs python3-qpid-proton (Debian/Ubuntu; `pip install python-qpid-proton` elsewhere). Options default to the
environment (HUB_HOST, HUB_BROKER_PORT, AGENCY_LOGIN, RECEIPT_WAIT_SECONDS), then to README's Run: 127.0.0.1,
61616, mz, 60. The password is read from AGENCY_PASSWORD, never from the command line (where `ps` shows it); without
it, the login's demo password from this checkout's config/demo-credentials.properties is used.

The document's bytes go as they are (an AMQP data section: the hub judges the bytes, so its SHA-256 is the file's).
The message id is the client's own ("ID:<login>-<uuid>"); the receipt on receipts.<CODE> carries it as its
correlation id, and a selector on it takes only this document's receipt. The receipt JSON is printed on stdout,
progress on stderr. Exit 0 with a receipt (whatever its status), 1 without one, 2 on wrong usage.
"""
import argparse
import os
import pathlib
import re
import sys
import uuid

try:
    from proton import Message
    from proton.reactor import Selector
    from proton.utils import BlockingConnection, LinkDetached, SendException
    from proton import ConnectionException, Timeout
except ImportError:
    sys.exit("amqp_send.py needs Qpid Proton: apt-get install python3-qpid-proton (or pip install python-qpid-proton)")

LOGIN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
DEMO_CREDENTIALS = pathlib.Path(__file__).resolve().parent.parent.parent / "config" / "demo-credentials.properties"


def arguments():
    env = os.environ
    parser = argparse.ArgumentParser(description="Send a document to reports.in over AMQP and print its receipt.")
    parser.add_argument("document", type=pathlib.Path, help="the XML or JSON document to send")
    parser.add_argument("--host", default=env.get("HUB_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(env.get("HUB_BROKER_PORT", "61616")))
    parser.add_argument("--login", default=env.get("AGENCY_LOGIN", "mz"), help="the agency code in lower case")
    parser.add_argument("--wait", type=float, default=float(env.get("RECEIPT_WAIT_SECONDS", "60")),
                        help="seconds to wait for the receipt")
    args = parser.parse_args()
    if not LOGIN.fullmatch(args.login):
        parser.error("--login is an agency code in lower case (letters, digits, '-')")
    return args


def password(login):
    if "AGENCY_PASSWORD" in os.environ:
        return os.environ["AGENCY_PASSWORD"]
    if DEMO_CREDENTIALS.is_file():
        for line in DEMO_CREDENTIALS.read_text(encoding="utf-8").splitlines():
            key, sep, value = line.partition("=")
            if sep and key.strip() == login:
                print(f"using {login}'s demo password from {DEMO_CREDENTIALS}", file=sys.stderr)
                return value.strip()
    sys.exit(f"set AGENCY_PASSWORD to {login}'s password")


def main():
    args = arguments()
    secret = password(args.login)
    try:
        document = args.document.read_bytes()
    except OSError as e:
        sys.exit(f"cannot read the document: {e}")
    queue = "receipts." + args.login.upper()
    message_id = f"ID:{args.login}-{uuid.uuid4()}"
    try:
        connection = BlockingConnection(f"amqp://{args.host}:{args.port}", timeout=args.wait, user=args.login,
                                        password=secret, allowed_mechs="PLAIN")
    except (ConnectionException, Timeout) as e:
        sys.exit(f"cannot connect to {args.host}:{args.port} as {args.login}: {e}")
    try:
        # Persistent (durable), so a broker restart between send and judgement does not lose it.
        sender = connection.create_sender("reports.in")
        sender.send(Message(body=document, inferred=True, id=message_id, durable=True))
        print(f"sent {len(document)} bytes to reports.in as {args.login}, message id {message_id}; "
              f"waiting up to {args.wait:g}s for the receipt on {queue}", file=sys.stderr)
        receiver = connection.create_receiver(queue, options=Selector(f"JMSCorrelationID = '{message_id}'"))
        receipt = receiver.receive(timeout=args.wait)
        receiver.accept()
    except Timeout:
        sys.exit(f"no receipt on {queue} within {args.wait:g}s")
    except (SendException, LinkDetached, ConnectionException) as e:
        sys.exit(f"the broker refused: {e}")
    finally:
        connection.close()
    body = receipt.body
    print(body.decode("utf-8") if isinstance(body, (bytes, memoryview)) else body)


if __name__ == "__main__":
    main()
