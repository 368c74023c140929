"""Password hashing: Argon2id at the parameters OWASP names as its first choice.

Django's default, PBKDF2 at 1,500,000 rounds, costs about half a second of CPU per sign-in on
these cores; Argon2id's defence is its memory cost instead (every guess must fill 19 MiB), which
GPUs and ASICs cannot cheapen the way they cheapen PBKDF2's rounds. OWASP's Password Storage
Cheat Sheet rates m=19 MiB, t=2, p=1 as equivalent to its other configurations (and to
PBKDF2-HMAC-SHA256 at 600,000 rounds); it costs about 35 ms of CPU here. Django's own Argon2
parameters (100 MiB, 8 lanes) cost 0.23 s of CPU here, most of it in lanes two cores cannot run
side by side. Hashes made with other parameters or by PBKDF2 are re-made at the next sign-in
(Django's must_update), so no account needs a reset. docs/decisions.md: "Password hashing".
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class PortalArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
