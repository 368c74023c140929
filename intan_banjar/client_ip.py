"""The client's address behind our TLS proxy, for axes (DRF's throttles do the same themselves).

The proxy appends the address it saw to X-Forwarded-For; whatever the client wrote there itself
comes before it. So the trusted entry is the NUM_PROXIES-th from the end, never the first: taking
the first would let anyone dodge the lockout by sending a new forged address each time.
"""

from django.conf import settings


def client_ip(request):
    proxies = settings.REST_FRAMEWORK.get("NUM_PROXIES") or 0
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
    if proxies and len(addresses) >= proxies:
        return addresses[-proxies]
    return request.META.get("REMOTE_ADDR")
