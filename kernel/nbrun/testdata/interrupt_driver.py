# Interrupts a training cell through the real kernel, as a reader's interrupt button
# does, for session_demo_test.go. Run with a Python that has jupyter_client.
#
# argv: kernel_name cwd setup.go train.go
# Runs setup.go, then train.go; once the training cell shows its progress output, waits
# 0.3 s and interrupts the kernel; then runs train.go again. Prints one JSON object:
# {"interrupted": run, "interrupt_to_idle": seconds, "rerun": run}, where a run is
# {"stdout": str, "stderr": str, "html": [str], "status": str, "error": str}.
import json
import sys
import time

from jupyter_client.manager import KernelManager

kernel, cwd, setup_path, train_path = sys.argv[1:5]
setup, train = open(setup_path).read(), open(train_path).read()

km = KernelManager(kernel_name=kernel)
km.start_kernel(cwd=cwd)
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=120)


def run(code, interrupt_when_progress=False, timeout=600):
    msg_id = kc.execute(code)
    out = {"stdout": "", "stderr": "", "html": [], "status": "", "error": ""}
    interrupted_at = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=1)
        except Exception:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            out[content["name"]] += content["text"]
        elif kind in ("display_data", "update_display_data", "execute_result"):
            html = content.get("data", {}).get("text/html")
            if html is not None:
                out["html"].append(html)
                if interrupt_when_progress and interrupted_at is None and "batches" in html:
                    time.sleep(0.3)
                    km.interrupt_kernel()
                    interrupted_at = time.monotonic()
        elif kind == "error":
            out["error"] += content.get("ename", "") + ": " + content.get("evalue", "")
        elif kind == "status" and content["execution_state"] == "idle":
            break
    # Match the reply to this request: another reply (a stray one under load) may
    # come first on the shell channel.
    while True:
        reply = kc.get_shell_msg(timeout=60)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    out["status"] = reply["content"]["status"]
    return out, (time.monotonic() - interrupted_at) if interrupted_at else None


try:
    setup_out, _ = run(setup)
    if setup_out["status"] != "ok":
        print(json.dumps({"setup": setup_out}))
        sys.exit(0)
    first, secs = run(train, interrupt_when_progress=True)
    second, _ = run(train)
    print(json.dumps({"interrupted": first, "interrupt_to_idle": secs, "rerun": second}))
finally:
    kc.stop_channels()
    # A graceful shutdown lets GoNB stop its gopls; now=True would orphan it.
    km.shutdown_kernel(now=False)
