"""Slow HTTP clients for scripts/tests/slowloris.sh (loopback only).

usage: slow_clients.py PORT CLIENTS_PER_KIND MAX_SECONDS
Four kinds of client, CLIENTS_PER_KIND of each: "header-trickle" sends a request line and then one header byte
per second; "header-stall" sends part of the headers and then nothing; "body-trickle" sends complete headers
announcing a 100 000-byte body and then one body byte per second; "body-stall" sends the headers and 10 body
bytes and then nothing. A client stops when the server closes the connection (or answers) or after
MAX_SECONDS. Prints one JSON object per kind: how many connected, how many the server closed, the longest time
a connection lived, and the statuses the server answered with.
"""
import json
import socket
import sys
import threading
import time

port, per_kind, max_seconds = (int(a) for a in sys.argv[1:4])
KINDS = ["header-trickle", "header-stall", "body-trickle", "body-stall"]
results = []
lock = threading.Lock()


def run(kind):
    start = time.monotonic()
    record = {"kind": kind, "connected": False, "closed": False, "status": None, "seconds": 0.0}
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        record["connected"] = True
        s.settimeout(1.0)
        if kind.startswith("header"):
            s.sendall(b"GET /api/v1/version HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            trickle = b"X-Slow: " + b"a" * 1000
        else:
            s.sendall(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
            trickle = b" " * 100000
        if kind.endswith("stall"):
            s.sendall(trickle[:10])
            trickle = b""
        i = 0
        while time.monotonic() - start < max_seconds:
            try:
                data = s.recv(4096)
                if data:
                    line = data.split(b"\r\n", 1)[0].split()
                    record["status"] = line[1].decode() if len(line) > 1 else "?"
                record["closed"] = True
                break
            except socket.timeout:
                pass
            except OSError:
                record["closed"] = True
                break
            try:
                if trickle:
                    s.sendall(trickle[i:i + 1])
                    i += 1
            except OSError:
                record["closed"] = True
                break
        s.close()
    except OSError:
        pass
    record["seconds"] = round(time.monotonic() - start, 1)
    with lock:
        results.append(record)


threads = [threading.Thread(target=run, args=(k,)) for k in KINDS for _ in range(per_kind)]
for t in threads:
    t.start()
    time.sleep(0.01)
for t in threads:
    t.join()
summary = {}
for kind in KINDS:
    mine = [r for r in results if r["kind"] == kind]
    statuses = {}
    for r in mine:
        statuses[str(r["status"])] = statuses.get(str(r["status"]), 0) + 1
    summary[kind] = {
        "clients": len(mine),
        "connected": sum(r["connected"] for r in mine),
        "closed": sum(r["closed"] for r in mine),
        "longest": max((r["seconds"] for r in mine), default=0),
        "statuses": statuses,
    }
print(json.dumps(summary))
