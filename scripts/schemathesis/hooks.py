"""Schemathesis hooks for MLP (loaded through SCHEMATHESIS_HOOKS by scripts/schemathesis-run.sh).

- Strategies for the two API-specific string formats of docs/openapi.yaml (`mlp-cursor`, `mlp-image-base64`) and
  for the multipart picture part (image/png, image/jpeg), so that schema-valid requests carry real pictures and
  real cursors, as a client would send them.
- Positive (schema-valid) cases name a loaded model, carry a cursor the API could have issued and a fresh
  Idempotency-Key: the document cannot list the first two (models depend on the deployment, cursors are opaque;
  the coverage phase builds such values from the schema's type alone), and a key reused with a different
  request is a 422 by design.
- Bearer tokens: the main test user's token for every operation, except those that end sessions. Logout and
  account deletion each get a token of their own from pools prepared before the run, so they cannot revoke the
  token the other operations use. An exhausted pool hands out its last (revoked) token: the answer is then 401.
  Ending other sessions (one by id, or all of them) is done by two accounts of their own, so it cannot end
  the main user's logout pool, and ending all cannot leave the by-id operation nothing to end; neither ends
  the session it is made with.
"""

import base64
import os
import random
import struct
import itertools
import zlib

import schemathesis
from hypothesis import strategies as st

FIXTURE_JPEG = os.environ["MLP_ST_JPEG"]


def png(width: int, height: int, seed: int) -> bytes:
    """An RGB PNG of random pixels."""
    rng = random.Random(seed)
    rows = b"".join(b"\x00" + bytes(rng.getrandbits(8) for _ in range(width * 3)) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


with open(FIXTURE_JPEG, "rb") as handle:
    JPEG = handle.read()

PNGS = st.builds(png, st.integers(1, 48), st.integers(1, 48), st.integers(0, 2**32))
JPEGS = st.just(JPEG)
PICTURES = st.one_of(PNGS, JPEGS)


def cursor(before_id: int) -> str:
    return base64.urlsafe_b64encode(f"v1:{before_id}".encode()).decode().rstrip("=")


schemathesis.openapi.format("mlp-cursor", st.integers(1, 2**63 - 1).map(cursor))
schemathesis.openapi.format("mlp-image-base64", PICTURES.map(lambda data: base64.b64encode(data).decode()))
schemathesis.openapi.media_type("image/png", PNGS)
schemathesis.openapi.media_type("image/jpeg", JPEGS)


MODEL = os.environ["MLP_ST_MODEL"]
with open(os.environ["MLP_ST_SESSION_IDS"], encoding="ascii") as ids:
    SESSION_IDS = [int(line) for line in ids if line.strip()]
KEYS = itertools.count(1)  # keys are unique per user, and each run has a new user


def is_cursor(value) -> bool:
    if not isinstance(value, str):
        return False
    try:
        text = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
    except ValueError:
        return False
    digits = text[3:]
    return text.startswith("v1:") and digits.isascii() and digits.isdigit() and str(int(digits)) == digits and 0 < int(digits) < 2**63


@schemathesis.hook
def before_call(context, case, kwargs):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return
    # A key reused with a different request is a 422 by design; a client sends a new key per new request.
    for name in list(case.headers or {}):
        if name.lower() == "idempotency-key":
            case.headers[name] = f"schemathesis-{next(KEYS)}"
    # Ending one session by id: an id of the sessions account's other sessions, each once, so the operation is
    # tested on real sessions (204) and not only on ids that name none (404).
    if case.operation.label == "DELETE /api/v1/users/me/sessions/{id}" and SESSION_IDS:
        case.path_parameters = {**case.path_parameters, "id": SESSION_IDS.pop()}
    if not isinstance(case.query, dict):
        return
    if "model" in case.query and case.query["model"] != MODEL:
        case.query["model"] = MODEL
    if "cursor" in case.query and not is_cursor(case.query["cursor"]):
        case.query["cursor"] = cursor(2**31)


class TokenPool:
    """Tokens read from a file, one a line, each handed out once; the last one repeats when they run out."""

    def __init__(self, path: str) -> None:
        with open(path, encoding="ascii") as handle:
            self.tokens = [line.strip() for line in handle if line.strip()]
        self.next = 0

    def take(self) -> str:
        token = self.tokens[min(self.next, len(self.tokens) - 1)]
        self.next += 1
        return token


class Bearer:
    """An auth provider sending `Authorization: Bearer <token()>`."""

    def token(self) -> str:
        raise NotImplementedError

    def get(self, case, context):
        return self.token()

    def set(self, case, data, context):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"


class AccountToken(Bearer):
    """The one token in the environment variable `variable`."""

    variable = ""

    def token(self) -> str:
        return os.environ[self.variable]


class PoolToken(Bearer):
    """A token of its own from `pool` for each call."""

    pool: TokenPool

    def token(self) -> str:
        return self.pool.take()


SESSION_ENDERS = ["logout", "deleteCurrentUser", "revokeOtherSessions", "revokeSession"]


@schemathesis.auth(refresh_interval=None).skip_for(operation_id=SESSION_ENDERS)
class MainUser(AccountToken):
    variable = "MLP_ST_TOKEN"


@schemathesis.auth(refresh_interval=None).apply_to(operation_id="logout")
class LogoutSessions(PoolToken):
    pool = TokenPool(os.environ["MLP_ST_LOGOUT_TOKENS"])


@schemathesis.auth(refresh_interval=None).apply_to(operation_id="deleteCurrentUser")
class ThrowawayUsers(PoolToken):
    pool = TokenPool(os.environ["MLP_ST_DELETE_TOKENS"])


@schemathesis.auth(refresh_interval=None).apply_to(operation_id="revokeSession")
class SessionsUser(AccountToken):
    variable = "MLP_ST_SESSIONS_TOKEN"


@schemathesis.auth(refresh_interval=None).apply_to(operation_id="revokeOtherSessions")
class OtherSessionsUser(AccountToken):
    variable = "MLP_ST_OTHERS_TOKEN"
