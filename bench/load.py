"""HTTP load from a separate process: `python -m bench.load PORT SECONDS MAX_REQUESTS THREADS BODY_FILE`.
POSTs the GraphQL body over keep-alive connections (reconnecting when the server closes)
and prints `{"requests": n, "errors": e, "seconds": s}` as JSON."""
import http.client
import json
import sys
import threading
import time


def main(port: int, seconds: float, max_requests: int, threads: int, body: bytes) -> dict:
    lock = threading.Lock()
    state = {"requests": 0, "errors": 0}
    deadline = time.perf_counter() + seconds
    headers = {"Content-Type": "application/json", "Connection": "keep-alive"}

    def worker():
        conn = None
        while time.perf_counter() < deadline:
            with lock:
                if state["requests"] + state["errors"] >= max_requests:
                    return
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("POST", "/graphql/", body=body, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
                ok = resp.status == 200 and b'"errors"' not in data
                if resp.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException):
                ok = False
                if conn is not None:
                    conn.close()
                conn = None
            with lock:
                state["requests" if ok else "errors"] += 1

    t0 = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return {**state, "seconds": time.perf_counter() - t0}


if __name__ == "__main__":
    port, seconds, max_requests, threads, body_file = sys.argv[1:6]
    with open(body_file, "rb") as fh:
        payload = fh.read()
    print(json.dumps(main(int(port), float(seconds), int(max_requests), int(threads), payload)))
