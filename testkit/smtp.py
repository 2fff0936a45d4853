"""A real SMTP listener on loopback (aiosmtpd) that the tests can stop and start, to prove
that mail survives an outage of the mail server, and that can stall one exchange, to catch a
sender in the middle of sending. The load test (bench/load_test.py) uses it as the sink where
the task worker delivers every confirmation."""

import asyncio
import socket
import threading
from email import message_from_bytes
from email.message import Message

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Collector:
    def __init__(self, stall_at: str | None) -> None:
        self.messages: list[Message] = []
        self.stall_at = stall_at
        self.stalled = threading.Event()
        self.released = threading.Event()

    async def _stall(self, stage: str) -> None:
        """Hold the first exchange that reaches `stage` until released; later ones pass."""
        if self.stall_at != stage:
            return
        self.stall_at = None
        self.stalled.set()
        while not self.released.is_set():
            await asyncio.sleep(0.05)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        await self._stall("RCPT")  # the message itself has not been sent yet
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        # Like a real mail server, the message is queued for delivery before the reply goes out.
        self.messages.append(message_from_bytes(envelope.content))
        await self._stall("DATA")
        return "250 Message accepted for delivery"


class SMTPListener:
    """`start()`/`stop()` a listener on a fixed loopback port; `messages` holds what arrived.

    With `stall_at="RCPT"` the first sender is held before it sends the message, with
    `stall_at="DATA"` after the message arrived but before the server's reply; `stalled` is set
    while it waits, `release()` lets it go on."""

    def __init__(self, *, stall_at: str | None = None) -> None:
        self.port = free_port()
        self.collector = _Collector(stall_at)
        self.controller: Controller | None = None

    @property
    def messages(self) -> list[Message]:
        return self.collector.messages

    @property
    def stalled(self) -> threading.Event:
        return self.collector.stalled

    def release(self) -> None:
        self.collector.released.set()

    def start(self) -> None:
        self.controller = Controller(self.collector, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        self.release()
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
