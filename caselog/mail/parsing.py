"""Turn raw mail bytes into what a case needs, whatever the bytes are.

Pure functions, no database. Python's `email` package does the MIME splitting (with the
lenient compat32 policy, which never raises on structure), but every header value is capped
before anyone parses it (the stdlib's parameter and address parsers are quadratic on hostile
input), and all decoding of charsets, RFC 2047 words, RFC 2231 names, HTML, TNEF and
delivery reports is done here, with a fallback at every step."""

from __future__ import annotations

import base64
import codecs
import email
import email.header
import email.utils
import html
import quopri
import re
from dataclasses import dataclass, field
from email.message import Message as EmailMessage
from email.policy import Compat32

import nh3
from charset_normalizer import from_bytes
from tnefparse.tnef import TNEF  # type: ignore[import-untyped]

MAX_HEADER_VALUE_CHARS = 16_000
MAX_HEADER_PARAMS = 64
MAX_SUBJECT_CHARS = 500
MAX_PARTS = 500
MAX_DEPTH = 500
MAX_REFERENCES = 50
MAX_BODY_CHARS = 200_000
MAX_DETECT_BYTES = 32 * 1024
MAX_ATTACHED_TEXT_CHARS = 50_000


class CappedPolicy(Compat32):
    """compat32 that unfolds headers and cuts every value at MAX_HEADER_VALUE_CHARS (and
    parameter lists at MAX_HEADER_PARAMS) while parsing, so that no later look-up ever sees
    a hostile line (cpython gh-136063: parameter parsing is quadratic in semicolons). Values
    are returned as they came, raw 8-bit bytes included, for decode_header_value."""

    def header_source_parse(self, sourcelines: list[str]) -> tuple[str, str]:
        name, value = super().header_source_parse(sourcelines)
        value = re.sub(r"\r?\n(?=[ \t])", "", value[: MAX_HEADER_VALUE_CHARS * 2])[:MAX_HEADER_VALUE_CHARS]
        if value.count(";") > MAX_HEADER_PARAMS:
            value = ";".join(value.split(";", MAX_HEADER_PARAMS + 1)[: MAX_HEADER_PARAMS + 1])
        return name, value

    def header_fetch_parse(self, name: str, value: str) -> str:  # type: ignore[override]
        return value


POLICY = CappedPolicy()


@dataclass
class Attachment:
    name: str
    content_type: str
    content: bytes
    content_id: str = ""
    inline: bool = False
    from_tnef: bool = False


@dataclass
class Bounce:
    recipients: list[str] = field(default_factory=list)
    status: str = ""
    original_message_id: str = ""


@dataclass
class ParsedMail:
    message_id: str = ""
    in_reply_to: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    from_email: str = ""
    from_name: str = ""
    to: list[str] = field(default_factory=list)
    subject: str = ""
    text: str = ""
    html: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    auto_submitted: bool = False
    bounce: Bounce | None = None
    defects: list[str] = field(default_factory=list)

    @property
    def thread_ids(self) -> list[str]:
        """Ids this mail answers, nearest first: In-Reply-To, then References newest first."""
        return list(dict.fromkeys([*self.in_reply_to, *reversed(self.references)]))


# --- charsets ---------------------------------------------------------------------------

CHARSET_ALIASES = {
    "ks_c_5601-1987": "cp949",
    "ks_c_5601": "cp949",
    "ks_c_5601-1989": "cp949",
    "euc-kr": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "cn-gb": "gb18030",
    "iso-8859-8-i": "iso-8859-8",
    "iso-8859-6-i": "iso-8859-6",
    "windows-874": "cp874",
    "x-mac-cyrillic": "mac_cyrillic",
    "unicode-1-1-utf-7": "utf-7",
    "x-user-defined": "cp1252",
    "shift-jis": "shift_jis",
    "x-sjis": "shift_jis",
    "sjis": "shift_jis",
    "iso-2022-jp": "iso2022_jp_ext",
    "big5": "big5hkscs",
    "ansi_x3.4-1968": "ascii",
    "us-ascii": "ascii",
    "iso-8859-1": "cp1252",  # what senders labelled latin-1 nearly always is
    "latin1": "cp1252",
    "win-1251": "cp1251",
    "cp-1251": "cp1251",
    "utf8": "utf-8",
    "unicode": "utf-8",
}
UNICODE_FAMILY = {"utf-8", "ascii"}


def charset_codec(label: str | None) -> str | None:
    """A codec name Python knows for a (possibly broken) charset label, or None."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = CHARSET_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except (LookupError, ValueError):
        # Labels like "windows-1251;" or "utf-8 format=flowed" carry junk after the name.
        match = re.match(r"[a-z0-9_.:-]+", label)
        if match and match.group(0) != label:
            return charset_codec(match.group(0))
        return None


def detect_charset(data: bytes) -> str | None:
    try:
        best = from_bytes(data[:MAX_DETECT_BYTES]).best()
    except Exception:
        return None
    return charset_codec(best.encoding) if best is not None else None


def decode_bytes(data: bytes, declared: str | None = None, hints: tuple[str, ...] = ()) -> str:
    """Decode text bytes: the declared charset when it fits, else UTF-8, the message's other
    charsets, detection, and finally windows-1252 (which decodes anything)."""
    if not data:
        return ""
    codec = charset_codec(declared)
    if codec and codec not in UNICODE_FAMILY:
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for hint in hints:
        hint_codec = charset_codec(hint)
        if hint_codec and hint_codec not in UNICODE_FAMILY and hint_codec != codec:
            try:
                return data.decode(hint_codec)
            except (UnicodeDecodeError, LookupError):
                continue
    guessed = detect_charset(data)
    if guessed and guessed not in UNICODE_FAMILY:
        return data.decode(guessed, errors="replace")
    return data.decode("cp1252", errors="replace")


def clean_text(text: str) -> str:
    """What a database column can hold: no NULs, no lone surrogates, other controls dropped."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)


def _has_8bit(value: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" or ord(ch) > 127 for ch in value)


def decode_header_value(raw: str | None, hints: tuple[str, ...] = ()) -> str:
    """A header as text: raw 8-bit bytes decoded (UTF-8, then the message's charsets),
    then RFC 2047 encoded words, whitespace folded."""
    if raw is None:
        return ""
    raw = str(raw)[:MAX_HEADER_VALUE_CHARS]
    if any("\udc80" <= ch <= "\udcff" for ch in raw):
        raw = decode_bytes(raw.encode("ascii", "surrogateescape"), None, hints)
    text = raw
    if "=?" in raw:
        try:
            chunks = email.header.decode_header(raw)
            pieces = []
            for chunk, charset in chunks:
                if isinstance(chunk, bytes):
                    if charset is None:
                        pieces.append(chunk.decode("raw-unicode-escape", errors="replace"))
                    else:
                        pieces.append(decode_bytes(chunk, charset, hints))
                else:
                    pieces.append(chunk)
            text = "".join(pieces)
        except Exception:
            text = raw
    return clean_text(" ".join(text.split()))


# --- HTML -------------------------------------------------------------------------------

BLOCK_TAG_RE = re.compile(
    r"<(/?(?:p|div|br|li|tr|h[1-6]|table|blockquote|hr|ul|ol|pre|section|article|header|footer|td|th|dd|dt))\b[^>]{0,2000}>",
    re.IGNORECASE,
)
NOT_BODY_TEXT = {"text/calendar", "text/vcard", "text/x-vcard", "text/directory", "text/rfc822-headers"}


def html_to_text(markup: str) -> str:
    """The text of HTML mail: scripts and styles dropped, blocks on their own lines. nh3
    (a linear-time Rust parser) does the parsing; Python's HTMLParser is slow on big mail."""
    markup = BLOCK_TAG_RE.sub(lambda m: "\n" + m.group(0), markup)
    try:
        stripped = nh3.clean(markup, tags=set(), clean_content_tags={"script", "style", "head", "title", "template"})
        text = html.unescape(stripped)
    except Exception:
        text = html.unescape(re.sub(r"<[^>]{0,2000}>", " ", markup))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def html_sanitise(markup: str) -> str:
    try:
        return nh3.clean(markup)
    except Exception:
        return ""


# --- message walk -----------------------------------------------------------------------

MESSAGE_ID_RE = re.compile(r"<([^<>\s]{1,250})>")
AUTO_SUBJECT_RE = re.compile(
    r"^\s*(auto(matic)?[ -]?(reply|response|antwort)|out of (the )?office|abwesenheitsnotiz|"
    r"автоответ|undeliverable|undelivered mail|delivery status notification|"
    r"mail delivery failed|returned mail)",
    re.IGNORECASE,
)


def message_ids(value: str | None) -> list[str]:
    if not value:
        return []
    return [clean_text(match.lower()) for match in MESSAGE_ID_RE.findall(str(value))][:MAX_REFERENCES]


class _Walker:
    """Visits the MIME tree iteratively (a 1000-level nesting cannot exhaust the stack),
    collecting body text, the first HTML body, attachments and delivery reports."""

    def __init__(self, hints: tuple[str, ...]) -> None:
        self.hints = hints
        self.texts: list[str] = []
        self.fallback_texts: list[str] = []
        self.attached_texts: list[str] = []
        self.html: list[str] = []
        self.attachments: list[Attachment] = []
        self.parts_seen = 0
        self.defects: list[str] = []
        self.bounce: Bounce | None = None

    def walk(self, root: EmailMessage) -> None:
        stack: list[tuple[EmailMessage, int, bool]] = [(root, 0, False)]
        while stack:
            part, depth, in_alternative = stack.pop()
            self.parts_seen += 1
            if self.parts_seen > MAX_PARTS:
                self.defects.append("too-many-parts")
                return
            if depth > MAX_DEPTH:
                self.defects.append("too-deep")
                continue
            children = self._visit(part, in_alternative)
            stack.extend((child, depth + 1, alt) for child, alt in reversed(children))

    def _visit(self, part: EmailMessage, in_alternative: bool) -> list[tuple[EmailMessage, bool]]:
        content_type = _content_type(part)
        payload = part.get_payload()
        if content_type == "message/delivery-status":
            self._delivery_status(_status_text(payload))
            return []
        if content_type == "message/rfc822" or (part.is_multipart() and content_type.startswith("message/")):
            first = payload[0] if isinstance(payload, list) and payload else None
            inner = _encoded_inner(part, first if isinstance(first, EmailMessage) else None)
            if not isinstance(inner, EmailMessage):
                self._leaf(part, "application/octet-stream", False)
                return []
            self._forwarded(inner)
            return [(inner, False)]
        if part.is_multipart() and isinstance(payload, list):
            children = [child for child in payload if isinstance(child, EmailMessage)]
            if content_type != "multipart/alternative":
                return [(child, in_alternative) for child in children]
            html_found = any(
                (_content_type(c) == "text/html" and not _filename(c, ())) or _content_type(c) == "multipart/related"
                for c in children
            )
            return [
                (child, True)
                for child in children
                if not (html_found and _content_type(child) == "text/plain" and not _filename(child, ()))
            ]
        self._leaf(part, content_type, in_alternative)
        return []

    def _forwarded(self, inner: EmailMessage) -> None:
        subject = decode_header_value(inner.get("Subject"), self.hints)
        sender = decode_header_value(inner.get("From"), self.hints)
        header = "\n".join(line for line in (f"From: {sender}" if sender else "", f"Subject: {subject}") if line)
        self.texts.append(f"---------- Forwarded message ----------\n{header}")
        if self.bounce is not None and not self.bounce.original_message_id:
            ids = message_ids(inner.get("Message-ID"))
            self.bounce.original_message_id = ids[0] if ids else ""

    def _text_of(self, part: EmailMessage) -> str:
        return decode_bytes(_payload_bytes(part), part.get_content_charset(), self.hints)

    def _leaf(self, part: EmailMessage, content_type: str, in_alternative: bool) -> None:
        name = _filename(part, self.hints)
        disposition = (part.get_content_disposition() or "").lower()
        maintype = content_type.split("/")[0]
        is_text_body = content_type in ("text/plain", "text/html") or (
            maintype == "text" and not in_alternative and content_type not in NOT_BODY_TEXT
        )
        if is_text_body and disposition != "attachment":
            text = self._text_of(part)
            if content_type == "text/html":
                self.html.append(text)
                text = html_to_text(text)
            self.texts.append(text)
            if not name:
                return
        if content_type in ("text/rfc822-headers", "text/rfc822-header"):
            if self.bounce is not None and not self.bounce.original_message_id:
                ids = message_ids(_header_line(_payload_bytes(part), "message-id"))
                self.bounce.original_message_id = ids[0] if ids else ""
            return
        if in_alternative and not name:
            # e.g. text/calendar beside the text: another rendering of the body, not a file.
            if maintype == "text" and not any(t.strip() for t in self.texts):
                self.fallback_texts.append(self._text_of(part))
            return
        data = _payload_bytes(part)
        if maintype == "text" and disposition == "attachment":
            text = decode_bytes(data[: MAX_ATTACHED_TEXT_CHARS * 4], part.get_content_charset(), self.hints)
            text = html_to_text(text) if content_type == "text/html" else text
            self.attached_texts.append(f"--- {name or content_type} ---\n{text[:MAX_ATTACHED_TEXT_CHARS]}")
        if not name:
            name = _default_name(content_type, len(self.attachments) + 1)
        content_id = (part.get("Content-ID") or "").strip().strip("<>")[:250]
        self.attachments.append(
            Attachment(
                name=name,
                content_type=content_type,
                content=data,
                content_id=clean_text(content_id),
                inline=disposition == "inline" or bool(content_id and disposition != "attachment"),
            )
        )
        if content_type == "application/ms-tnef" or name.lower() == "winmail.dat":
            self._tnef(data)

    def _tnef(self, data: bytes) -> None:
        try:
            tnef = TNEF(data)
        except Exception:
            self.defects.append("tnef-unreadable")
            return
        for index, inner in enumerate(tnef.attachments, start=1):
            try:
                raw_name = inner.long_filename() or inner.name
            except Exception:
                raw_name = getattr(inner, "name", b"")
            if isinstance(raw_name, bytes):
                raw_name = decode_bytes(raw_name.rstrip(b"\x00"), None, self.hints)
            name = clean_text(str(raw_name or "")).strip() or f"tnef-{index}.bin"
            self.attachments.append(
                Attachment(
                    name=name, content_type="application/octet-stream", content=bytes(inner.data or b""), from_tnef=True
                )
            )
        body = getattr(tnef, "body", None)
        if isinstance(body, bytes) and body.strip():
            self.fallback_texts.append(decode_bytes(body, None, self.hints))
        try:
            rtf = tnef.rtfbody if tnef.has_body() else None
        except Exception:
            rtf = None
        if isinstance(rtf, bytes) and rtf:
            self.attachments.append(
                Attachment(name="body.rtf", content_type="application/rtf", content=rtf, from_tnef=True)
            )

    def _delivery_status(self, text: str) -> None:
        bounce = self.bounce or Bounce()
        for match in re.finditer(r"(?im)^final-recipient:\s*[^;\n]*;\s*(\S+@\S+)\s*$", text):
            bounce.recipients.append(match.group(1).strip("<>").lower())
        status = re.search(r"(?im)^status:\s*([245]\.\d{1,3}\.\d{1,3})", text)
        action = re.search(r"(?im)^action:\s*(\w+)", text)
        bounce.status = (status.group(1) if status else "") + (f" {action.group(1).lower()}" if action else "")
        self.bounce = bounce


def _status_text(payload: object) -> str:
    """message/delivery-status as text: compat32 parses its field groups as header blocks."""
    if isinstance(payload, list):
        return "\n\n".join(
            "\n".join(f"{name}: {value}" for name, value in block.items())
            for block in payload
            if isinstance(block, EmailMessage)
        )
    if isinstance(payload, str):
        return payload
    return ""


def _encoded_inner(part: EmailMessage, inner: EmailMessage | None) -> EmailMessage | None:
    """A message/rfc822 part sent base64- or QP-encoded (against RFC 2046, but it happens):
    decode it and parse the message inside."""
    encoding = str(part.get("Content-Transfer-Encoding") or "").strip().lower()
    if encoding not in ("base64", "quoted-printable") or inner is None:
        return inner
    source = inner.as_string() if not inner.is_multipart() else ""
    try:
        if encoding == "base64":
            data = base64.b64decode(re.sub(r"[^A-Za-z0-9+/=]", "", source) + "===")
        else:
            data = quopri.decodestring(source.encode("ascii", "surrogateescape"))
        return email.message_from_bytes(data, policy=POLICY)
    except Exception:
        return inner


def _content_type(part: EmailMessage) -> str:
    try:
        value = part.get_content_type().lower()
    except Exception:
        return "text/plain"
    return value if re.fullmatch(r"[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+", value) else "application/octet-stream"


def _filename(part: EmailMessage, hints: tuple[str, ...]) -> str:
    try:
        raw = part.get_filename() or part.get_param("name")
    except Exception:
        return ""
    if isinstance(raw, tuple):
        raw = email.utils.collapse_rfc2231_value(raw)
    if not raw:
        return ""
    name = decode_header_value(str(raw), hints)
    name = name.replace("/", "_").replace("\\", "_").strip(" .")
    return name[:200]


def _default_name(content_type: str, index: int) -> str:
    extension = {
        "application/pkcs7-signature": "p7s",
        "application/x-pkcs7-signature": "p7s",
        "application/pgp-signature": "asc",
        "application/pkcs7-mime": "p7m",
        "application/x-pkcs7-mime": "p7m",
        "application/pdf": "pdf",
        "image/png": "png",
        "image/jpeg": "jpg",
        "image/gif": "gif",
        "text/plain": "txt",
        "text/html": "html",
        "text/calendar": "ics",
        "message/rfc822": "eml",
    }.get(content_type, "bin")
    base = "signature" if extension in ("p7s", "asc") else "attachment"
    return f"{base}-{index}.{extension}"


def _payload_bytes(part: EmailMessage) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:
        data = None
    if isinstance(data, bytes):
        return data
    raw = part.get_payload()
    if isinstance(raw, str):
        return raw.encode("ascii", "surrogateescape")
    return b""


def _header_line(data: bytes, name: str) -> str:
    match = re.search(rb"(?im)^" + re.escape(name.encode()) + rb":\s*(.{0,500})$", data[: 64 * 1024])
    return match.group(1).decode("ascii", "replace") if match else ""


def _charset_hints(message: EmailMessage) -> tuple[str, ...]:
    hints: list[str] = []
    for index, part in enumerate(message.walk()):
        if index > 50:
            break
        charset = part.get_content_charset() if not part.is_multipart() else None
        if charset and charset not in hints:
            hints.append(charset)
    return tuple(hints)


def is_auto_submitted(message: EmailMessage, subject: str, from_email: str) -> bool:
    """Mail written by a machine: never answered by a machine (loops), never a new case by itself."""
    auto = (message.get("Auto-Submitted") or "").strip().lower()
    if auto and not auto.startswith("no"):
        return True
    for name in ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress", "X-Autogenerated", "X-Loop"):
        if message.get(name):
            return True
    if (message.get("Precedence") or "").strip().lower() in ("bulk", "junk", "list", "auto_reply"):
        return True
    local = from_email.split("@")[0].lower()
    if local in ("mailer-daemon", "postmaster", "noreply", "no-reply", "donotreply", "do-not-reply"):
        return True
    return bool(AUTO_SUBJECT_RE.match(subject))


def parse_mail(raw: bytes) -> ParsedMail:
    """Everything the email channel needs from one raw message. Raises only on a bug."""
    message = email.message_from_bytes(raw, policy=POLICY)
    hints = _charset_hints(message)
    parsed = ParsedMail()
    parsed.subject = decode_header_value(message.get("Subject"), hints)[:MAX_SUBJECT_CHARS]
    raw_from = message.get("From") or message.get("Sender") or message.get("Reply-To") or ""
    parsed.from_name, parsed.from_email = _address(str(raw_from), hints)
    parsed.to = [addr for _, addr in (_address(str(v), hints) for v in (message.get_all("To") or [])[:5]) if addr]
    ids = message_ids(message.get("Message-ID"))
    parsed.message_id = ids[0] if ids else ""
    parsed.in_reply_to = message_ids(message.get("In-Reply-To"))
    parsed.references = message_ids(message.get("References"))

    walker = _Walker(hints)
    report_type = (message.get_param("report-type") or "") if message.get_content_type() == "multipart/report" else ""
    if str(report_type).lower() == "delivery-status":
        walker.bounce = Bounce()
    walker.walk(message)
    text = "\n\n".join(t.strip() for t in walker.texts if t and t.strip())
    if not text.strip():
        text = "\n\n".join(t.strip() for t in walker.fallback_texts if t and t.strip())
    attached = "\n\n".join(t.strip() for t in walker.attached_texts if t.strip())
    text = f"{text}\n\n{attached}".strip() if attached else text
    parsed.text = clean_text(text)[:MAX_BODY_CHARS]
    parsed.html = clean_text(html_sanitise(walker.html[0])) if walker.html else ""
    parsed.attachments = walker.attachments
    for attachment in parsed.attachments:
        attachment.name = clean_text(attachment.name)
    parsed.bounce = walker.bounce if walker.bounce and walker.bounce.recipients else None
    parsed.defects = walker.defects + [type(d).__name__ for d in message.defects][:20]
    parsed.auto_submitted = parsed.bounce is not None or is_auto_submitted(message, parsed.subject, parsed.from_email)
    return parsed


# Unicode local parts and domains are allowed (RFC 6532); anything that breaks an address is not.
ADDRESS_RE = re.compile(r"[^\s@<>(),;:\"\[\]\\]{1,64}@[^\s@<>(),;:\"\[\]\\.]{1,63}(?:\.[^\s@<>(),;:\"\[\]\\.]{1,63})+")


def _address(raw: str, hints: tuple[str, ...]) -> tuple[str, str]:
    raw = raw[:1000]
    if any("\udc80" <= ch <= "\udcff" for ch in raw):
        raw = decode_bytes(raw.encode("ascii", "surrogateescape"), None, hints)
    try:
        name, addr = email.utils.parseaddr(raw)
    except Exception:
        name, addr = "", ""
    if not addr or not ADDRESS_RE.fullmatch(addr):
        decoded = decode_header_value(raw, hints)
        match = ADDRESS_RE.search(decoded)
        addr = match.group(0) if match else ""
        name = decoded.replace(addr, "").strip(" <>\"'") if addr else ""
    else:
        name = decode_header_value(name, hints).strip("\"' ")
    return clean_text(name)[:150], clean_text(addr.lower())[:254]
