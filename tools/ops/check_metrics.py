"""Parse an MLP /metrics exposition with prometheus_client and check what traffic should have left in it.

    check_metrics.py METRICS_FILE STATUS_JSON_FILE

Exits non-zero with a message when the text does not parse or a figure is missing or zero.
"""
import json
import sys

from prometheus_client.parser import text_string_to_metric_families


def main() -> int:
    metrics_path, status_path = sys.argv[1], sys.argv[2]
    with open(metrics_path, encoding="utf-8") as f:
        families = {family.name: family for family in text_string_to_metric_families(f.read())}
    with open(status_path, encoding="utf-8") as f:
        status = json.load(f)

    def samples(family: str, suffix: str = "") -> list:
        if family not in families:
            raise SystemExit(f"metric family {family} missing; have {sorted(families)}")
        return [s for s in families[family].samples if s.name == family + suffix]

    def value(family: str, suffix: str = "", **labels: str) -> float:
        found = [s.value for s in samples(family, suffix) if all(s.labels.get(k) == v for k, v in labels.items())]
        return sum(found)

    problems = []
    healthz = value("mlp_http_requests", "_total", route="/healthz", method="GET", status="200")
    if healthz <= 0:
        problems.append("no GET /healthz 200 counted")
    unmatched = value("mlp_http_requests", "_total", route="unmatched", status="404")
    if unmatched <= 0:
        problems.append("no unmatched 404 counted")
    login_failures = value("mlp_login_failures", "_total", reason="invalid_credentials")
    if login_failures <= 0:
        problems.append("no login failure counted")
    latency_count = value("mlp_http_request_duration_seconds", "_count", route="/healthz")
    if latency_count != healthz:
        problems.append(f"latency histogram count {latency_count} != requests {healthz}")
    db_count = value("mlp_db_transaction_duration_seconds", "_count")
    if db_count <= 0:
        problems.append("no database transaction timed")
    busy = value("mlp_fastcgi_workers", state="busy")
    idle = value("mlp_fastcgi_workers", state="idle")
    if busy < 1 or busy + idle != status["workers"]["total"]:
        problems.append(f"workers busy {busy} + idle {idle} != {status['workers']['total']} (the scrape itself is busy)")
    for family in ("mlp_http_requests_in_flight", "mlp_inference_duration_seconds", "mlp_inference_queue_depth",
                   "mlp_uploads", "mlp_upload_bytes", "mlp_db_unavailable_errors", "mlp_process_start_time_seconds"):
        samples(family, "_total" if family in ("mlp_uploads", "mlp_upload_bytes", "mlp_db_unavailable_errors") else "")
    print(f"parsed {len(families)} metric families: GET /healthz 200 = {healthz:.0f}, unmatched 404 = {unmatched:.0f}, "
          f"login failures = {login_failures:.0f}, db transactions = {db_count:.0f}, workers busy/idle = {busy:.0f}/{idle:.0f}")
    if problems:
        print("problems: " + "; ".join(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
