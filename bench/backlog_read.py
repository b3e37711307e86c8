"""Reads a queue as a login until stopped, as MTSZN reads mtszn.feed and an agency its receipts; prints the count it
has read every time it is asked (SIGUSR1) and when it ends. Used by bench/backlog.sh."""
import signal
import sys

from proton.handlers import MessagingHandler
from proton.reactor import Container

LOGIN, PASSWORD, QUEUE, COUNT_FILE = sys.argv[1:5]


class Reader(MessagingHandler):
    def __init__(self):
        super().__init__(prefetch=100)
        self.read = 0

    def on_start(self, event):
        connection = event.container.connect("amqp://127.0.0.1:61616", user=LOGIN, password=PASSWORD,
                                             allowed_mechs="PLAIN", reconnect=False)
        event.container.create_receiver(connection, QUEUE)
        event.container.schedule(1, self)

    def on_timer_task(self, event):
        with open(COUNT_FILE, "w") as out:
            out.write(str(self.read))
        event.container.schedule(1, self)

    def on_message(self, event):
        self.read += 1


signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
Container(Reader()).run()
