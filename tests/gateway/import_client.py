#!/usr/bin/python3
"""Import streams as a careless or hostile client sends them, for the hardening end-to-end tests.
Stubs come from gateway_client.py (generated at test time from the .proto files).

usage: import_client.py PROTO_DIR WORK_DIR COMMAND ADDR NAME PRESET ARGS...
  cancel ADDR NAME PRESET FILE STAGING
                                   sends FILE's first half in two chunks, waits until the server
                                   has staged bytes in STAGING (a directory), then cancels the call
  no-last ADDR NAME PRESET FILE    sends all of FILE, half-closes without the last marker
  hold ADDR NAME PRESET            sends one chunk and keeps the stream open until the server ends it
  options ADDR NAME PRESET K=V...  sends a complete one-line CSV with the given options
Each prints the call's final status code name (OK, CANCELLED, ...) and its details.
"""
import os, sys, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gateway_client import stubs  # noqa: E402


def main():
    proto_dir, work_dir, command, address, name, preset, *args = sys.argv[1:]
    stubs(proto_dir, work_dir)
    import grpc
    from crosswalk.v1 import records_pb2, records_pb2_grpc
    stub = records_pb2_grpc.SourcesStub(grpc.insecure_channel(address))
    first = dict(file_name=name, preset=preset)
    sent_half = threading.Event()
    release = threading.Event()

    if command in ("cancel", "no-last"):
        data = open(args[0], "rb").read()
    if command == "cancel":
        half = data[: len(data) // 2]
        chunks = [records_pb2.ImportChunk(data=half[: len(half) // 2], **first),
                  records_pb2.ImportChunk(data=half[len(half) // 2:])]
    elif command == "no-last":
        chunks = [records_pb2.ImportChunk(data=data, **first)]
    elif command == "hold":
        chunks = [records_pb2.ImportChunk(data=b"id,title\n1,held\n", **first)]
    elif command == "options":
        options = dict(arg.split("=", 1) for arg in args)
        chunks = [records_pb2.ImportChunk(data=b"id,title\n1,a\n", options=options, **first),
                  records_pb2.ImportChunk(last=True)]
    else:
        sys.exit(f"unknown command {command}")

    def requests():
        yield from chunks
        if command in ("cancel", "hold"):
            sent_half.set()
            release.wait(60)  # the stream stays open: never half-closed

    responses = stub.Import(requests(), timeout=60)
    if command == "cancel":
        sent_half.wait(30)
        # Cancel only once the server holds the stream (bytes staged), so the cancellation meets a
        # running handler, not a call it never started.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any(
                os.path.getsize(os.path.join(args[1], f)) > 0 for f in os.listdir(args[1])):
            time.sleep(0.05)
        responses.cancel()
    try:
        for _ in responses:
            pass
        print("OK")
    except grpc.RpcError as error:
        print(error.code().name, error.details())
    release.set()


if __name__ == "__main__":
    main()
