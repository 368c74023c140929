"""What differs between two answers to the same request, and only that: the CSRF token (in
forms and the htmx header) and the CSP nonce (in tags and the header). Tests that compare a
fast path's page with the plain path's mask these and nothing else."""

import re

_TEXT = re.compile(r'(nonce="|"X-CSRFToken": "|csrfmiddlewaretoken" value=")[^"]*|nonce-[^\']*')
_BYTES = re.compile(_TEXT.pattern.encode())


def masked(content):
    """`content` (text or bytes) with each per-request value emptied."""
    if isinstance(content, bytes):
        return _BYTES.sub(lambda match: match.group(1) or b"nonce-", content)
    return _TEXT.sub(lambda match: match.group(1) or "nonce-", content)
