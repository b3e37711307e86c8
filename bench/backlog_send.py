"""Sends N copies of an example report (a fresh reportId each) to reports.in over AMQP as akimat-astana, as fast as
the broker's credit allows; prints how many the broker accepted and refused. Used by bench/backlog.sh."""
import json
import os
import sys
import uuid

from proton import Message
from proton.handlers import MessagingHandler
from proton.reactor import Container

DOCUMENT = json.load(open(sys.argv[1], encoding="utf-8"))
N = int(sys.argv[2])
BROKER = os.environ.get("BROKER", "127.0.0.1:61616")  # another hub beside a running one


class Sender(MessagingHandler):
    def __init__(self):
        super().__init__()
        self.sent = self.accepted = self.refused = 0

    def on_start(self, event):
        connection = event.container.connect("amqp://" + BROKER, user="akimat-astana",
                                             password="akimat-astana-demo-2025", allowed_mechs="PLAIN")
        event.container.create_sender(connection, "reports.in")

    def on_sendable(self, event):
        while event.sender.credit and self.sent < N:
            DOCUMENT["reportId"] = str(uuid.uuid4())
            event.sender.send(Message(body=json.dumps(DOCUMENT, ensure_ascii=False), durable=True,
                                      content_type="application/json"))
            self.sent += 1

    def on_accepted(self, event):
        self.accepted += 1
        self.settled(event)

    def on_rejected(self, event):
        self.refused += 1
        self.settled(event)

    def settled(self, event):
        if self.accepted + self.refused == N:
            print("accepted", self.accepted, "refused", self.refused, flush=True)
            event.connection.close()


Container(Sender()).run()
