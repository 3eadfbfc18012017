"""Real servers for end-to-end tests: a private dovecot IMAP server and an aiosmtpd SMTP sink,
each on a free local port, started and stopped by the tests."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class ImapServer:
    host: str
    port: int
    user: str
    password: str
    directory: Path


@contextmanager
def dovecot_server(*, user: str = "support-ru", password: str = "secret-pass") -> Iterator[ImapServer]:
    """dovecot with its own configuration in a temp dir; mail is stored as an unprivileged
    system user (dovecot refuses to store mail as root)."""
    owner = pwd.getpwnam("nobody") if os.geteuid() == 0 else pwd.getpwuid(os.geteuid())
    directory = Path(tempfile.mkdtemp(prefix="caselog-dovecot-"))
    os.chmod(directory, 0o755)
    for sub in ("run", "state", "home"):
        (directory / sub).mkdir()
    os.chown(directory / "home", owner.pw_uid, owner.pw_gid)
    (directory / "passwd").write_text(f"{user}:{{PLAIN}}{password}\n")
    port = free_port()
    running_as = pwd.getpwuid(os.geteuid()).pw_name
    (directory / "dovecot.conf").write_text(
        f"""
base_dir = {directory}/run
state_dir = {directory}/state
log_path = {directory}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {owner.pw_name if os.geteuid() == 0 else running_as}
default_login_user = {owner.pw_name if os.geteuid() == 0 else running_as}
first_valid_uid = {owner.pw_uid}
mail_location = maildir:{directory}/home/%u/Maildir
mailbox_idle_check_interval = 1 secs
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {directory}/passwd
}}
userdb {{
  driver = static
  args = uid={owner.pw_uid} gid={owner.pw_gid} home={directory}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
"""
    )
    process = subprocess.Popen([DOVECOT, "-F", "-c", str(directory / "dovecot.conf")], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError as error:
                if process.poll() is not None or time.monotonic() > deadline:
                    log = (directory / "dovecot.log").read_text() if (directory / "dovecot.log").exists() else ""
                    raise RuntimeError(
                        f"dovecot did not start: {process.stderr.read() if process.stderr else ''!r} {log}"
                    ) from error
                time.sleep(0.1)
        yield ImapServer(host="127.0.0.1", port=port, user=user, password=password, directory=directory)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(directory, ignore_errors=True)


@dataclass
class SmtpSink:
    host: str
    port: int
    messages: list[Message] = field(default_factory=list)
    raw: list[bytes] = field(default_factory=list)


class _SinkHandler:
    def __init__(self, sink: SmtpSink) -> None:
        self.sink = sink

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.sink.raw.append(envelope.original_content)
        self.sink.messages.append(message_from_bytes(envelope.original_content))
        return "250 OK"


@contextmanager
def smtp_sink() -> Iterator[SmtpSink]:
    sink = SmtpSink(host="127.0.0.1", port=free_port())
    controller = Controller(_SinkHandler(sink), hostname=sink.host, port=sink.port)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()
