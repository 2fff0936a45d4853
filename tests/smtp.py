"""A real SMTP listener on loopback (aiosmtpd) that the tests can stop and start, to prove
that mail survives an outage of the mail server."""

import socket
from email import message_from_bytes
from email.message import Message

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Collector:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


class SMTPListener:
    """`start()`/`stop()` a listener on a fixed loopback port; `messages` holds what arrived."""

    def __init__(self) -> None:
        self.port = free_port()
        self.collector = _Collector()
        self.controller: Controller | None = None

    @property
    def messages(self) -> list[Message]:
        return self.collector.messages

    def start(self) -> None:
        self.controller = Controller(self.collector, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
