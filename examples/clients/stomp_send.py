"""Send one document to reports.in over STOMP and print its receipt (Python standard library only).

    DOC=schemas/examples/valid/03-mz-2022.xml LOGIN=mz PASS=mz-demo-2025 python3 examples/clients/stomp_send.py

Connects to HUB_HOST:HUB_BROKER_PORT (default 127.0.0.1:61616). Subscribes to receipts.<LOGIN in upper case> with a selector on the correlation id it sends, so it takes only its own
receipt; waits up to WAIT seconds (default 60) and disconnects cleanly. Exit code 1 when no receipt came.
"""
import os
import pathlib
import socket
import sys
import time
import uuid

host = os.environ.get("HUB_HOST", "127.0.0.1")
port = int(os.environ.get("HUB_BROKER_PORT", "61616"))
login = os.environ.get("LOGIN", "mz")
passcode = os.environ["PASS"]
doc = pathlib.Path(os.environ["DOC"]).read_bytes()
wait = float(os.environ.get("WAIT", "60"))
correlation = f"{login}-{uuid.uuid4()}"

sock = socket.create_connection((host, port), timeout=wait)
buffer = b""


def send(command, headers, body=b""):
    head = "".join(f"{k}:{v}\n" for k, v in headers.items())
    sock.sendall(command.encode() + b"\n" + head.encode() + b"\n" + body + b"\0")


def frame(deadline):
    """The next frame as (command, headers, body); heart-beat newlines are skipped."""
    global buffer
    while True:
        buffer = buffer.lstrip(b"\r\n")
        head_end = buffer.find(b"\n\n")
        if head_end >= 0:
            lines = buffer[:head_end].decode().split("\n")
            headers = dict(line.split(":", 1) for line in lines[1:] if ":" in line)
            start = head_end + 2
            if "content-length" in headers:
                end = start + int(headers["content-length"])
            else:
                end = buffer.find(b"\0", start)
            if 0 <= end < len(buffer):
                body, buffer = buffer[start:end], buffer[end + 1:]
                return lines[0], headers, body
        if time.monotonic() > deadline:
            raise TimeoutError("no answer from the broker in time")
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("the broker closed the connection")
        buffer += chunk


deadline = time.monotonic() + wait
send("CONNECT", {"accept-version": "1.2", "host": "hub", "login": login, "passcode": passcode})
command, headers, body = frame(deadline)
if command != "CONNECTED":
    sys.exit(f"refused: {headers.get('message', '')} {body.decode(errors='replace')}")
queue = "receipts." + login.upper()
send("SUBSCRIBE", {"destination": queue, "id": "1", "ack": "client-individual",
                   "selector": f"JMSCorrelationID = '{correlation}'"})
# persistent:true: without it Artemis keeps a STOMP message in memory only, and a broker restart loses it.
send("SEND", {"destination": "reports.in", "correlation-id": correlation, "persistent": "true",
              "content-length": len(doc), "receipt": "sent"}, doc)
print(f"sent {len(doc)} bytes to reports.in as {login}, correlation-id {correlation}; waiting for the receipt on {queue}")
try:
    while True:
        command, headers, body = frame(deadline)
        if command == "ERROR":
            sys.exit(f"broker error: {headers.get('message', '')} {body.decode(errors='replace')}")
        if command == "MESSAGE":
            print(body.decode("utf-8"))
            send("ACK", {"id": headers["ack"]})
            break
finally:
    send("DISCONNECT", {"receipt": "bye"})
    try:
        while frame(time.monotonic() + 5)[0] != "RECEIPT":
            pass
    except (TimeoutError, ConnectionError):
        pass
    sock.close()
