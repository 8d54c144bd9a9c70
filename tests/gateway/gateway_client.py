#!/usr/bin/python3
"""The Python side of the gateway end-to-end tests: a gRPC client built from the .proto files at
test time (Debian's python3-grpcio and python3-grpc-tools), and an XLSX writer.

usage: gateway_client.py PROTO_DIR WORK_DIR COMMAND ARGS...
  health ADDR [SERVICE]       prints the health status of the server ("" service) or of SERVICE,
                              or the status code name when the check fails
  reflect ADDR VERSION TOKEN  asks grpc.reflection.VERSION (v1 or v1alpha) for its services and the
                              file of crosswalk.v1.Records; prints {"services", "file", "imports"}
                              or the status code name
  records ADDR [TOKEN]        prints {"count": N, "kinds": {...}, "pages": P} over every page
  sources ADDR [TOKEN]        prints [{"name", "records", "versions"}...]
  oversize ADDR               sends a 4.5 MB MapRequest; prints the status code name
  call-code ADDR TOKEN [SCHEME]  ListSources with TOKEN ("" for none) sent as "SCHEME TOKEN"
                              (default Bearer); prints the status code name
  token-swap ADDR             a first page of one filter, then its token with another filter, for
                              ListRecords and ListUnmapped; prints {"records": CODE, "unmapped": CODE,
                              "same": CODE} ("same": the token with its own filter)
  unmapped ADDR PAGE_SIZE     every ListUnmapped page; prints {"count", "pages"}
  big ADDR SOURCE NATIVE_ID   lists SOURCE's records and the sources, gets the record NATIVE_ID whole;
                              prints {"listed", "pages", "truncated", "title_bytes", "ellipsis",
                              "sources", "get", "get_title_bytes", "get_message"}
  preview ADDR TOKEN NAME LIMIT  Sources.Preview of NAME with limit LIMIT; prints "OK N" (records
                              shown) or the status code name
  soa-xlsx PATH               writes a statement of applicability workbook (inline strings, a date)
"""
import json, os, sys, zipfile


HERE = os.path.dirname(os.path.abspath(__file__))


def stubs(proto_dir, work_dir):
    """Generates the Python stubs of crosswalk.v1 and grpc.health.v1 into WORK_DIR/pystubs with
    Debian's protoc and grpc_python_plugin (grpc_tools' bundled protoc predates proto3 optional).
    The reflection protos are written under crosswalk_test_reflection/ first, so their Python modules
    do not collide with the grpc package (the wire names stay grpc.reflection.*)."""
    out = os.path.join(work_dir, "pystubs")
    if not os.path.exists(os.path.join(out, "crosswalk", "v1", "records_pb2_grpc.py")):
        import subprocess
        os.makedirs(out, exist_ok=True)
        health_dir = os.path.join(HERE, "proto")
        reflection_dir = os.path.join(work_dir, "pyreflection")
        with open(os.path.join(proto_dir, "grpc", "reflection", "v1", "reflection.proto"), encoding="utf-8") as f:
            v1 = f.read()
        for version in ("v1", "v1alpha"):  # v1alpha: the same messages under the older package (as proto/CMakeLists.txt)
            os.makedirs(os.path.join(reflection_dir, "crosswalk_test_reflection", version), exist_ok=True)
            with open(os.path.join(reflection_dir, "crosswalk_test_reflection", version, "reflection.proto"), "w", encoding="utf-8") as f:
                f.write(v1.replace("package grpc.reflection.v1;", f"package grpc.reflection.{version};"))
        for include, proto in ((proto_dir, "crosswalk/v1/mapping.proto"), (proto_dir, "crosswalk/v1/records.proto"),
                               (proto_dir, "crosswalk/v1/reports.proto"),
                               (health_dir, "crosswalk_test_health/health.proto"),
                               (reflection_dir, "crosswalk_test_reflection/v1/reflection.proto"),
                               (reflection_dir, "crosswalk_test_reflection/v1alpha/reflection.proto")):
            subprocess.run(["protoc", f"-I{include}", f"--python_out={out}", f"--grpc_python_out={out}",
                            "--plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin",
                            os.path.join(include, proto)], check=True)
    sys.path.insert(0, out)


def metadata(token, scheme="Bearer"):
    return [("authorization", f"{scheme} {token}")] if token else []


def write_soa_xlsx(path):
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    def cell(ref, text):
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'
    rows = ['<row r="1">' + cell("A1", "管理策番号") + cell("B1", "管理策名") + cell("C1", "適用") +
            cell("D1", "実施状況") + cell("E1", "最終見直し日") + "</row>"]
    data = [("A.5.1", "情報セキュリティのための方針群", "○", "実施済み", 45658),
            ("A.5.2", "情報セキュリティの役割及び責任", "○", "一部実施", 45689),
            ("A.7.5", "物理的及び環境的脅威からの保護", "×", "適用外", 45700)]
    for i, (ref, name, applicable, status, serial) in enumerate(data, start=2):
        rows.append(f'<row r="{i}">' + cell(f"A{i}", ref) + cell(f"B{i}", name) + cell(f"C{i}", applicable) +
                    cell(f"D{i}", status) + f'<c r="E{i}" s="1"><v>{serial}</v></c></row>')
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}" xmlns:r="{rel}"><sheets>'
        '<sheet name="適用宣言書" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
        "xl/styles.xml": f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{ns}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}"><sheetData>' + "".join(rows) + "</sheetData></worksheet>",
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(name, text)


def main():
    proto_dir, work_dir, command, *args = sys.argv[1:]
    if command == "soa-xlsx":
        write_soa_xlsx(args[0])
        return
    stubs(proto_dir, work_dir)
    import grpc
    from crosswalk_test_health import health_pb2, health_pb2_grpc
    from crosswalk.v1 import mapping_pb2, mapping_pb2_grpc, records_pb2, records_pb2_grpc
    channel = grpc.insecure_channel(args[0], options=[("grpc.max_receive_message_length", 64 << 20)])
    token = args[1] if len(args) > 1 else ""
    if command == "health":
        service = args[1] if len(args) > 1 else ""
        try:
            reply = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(service=service), timeout=10)
            print(health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status))
        except grpc.RpcError as error:
            print(error.code().name)
    elif command == "reflect":
        import importlib
        from google.protobuf import descriptor_pb2
        version, token = args[1], args[2]
        pb2 = importlib.import_module(f"crosswalk_test_reflection.{version}.reflection_pb2")
        pb2_grpc = importlib.import_module(f"crosswalk_test_reflection.{version}.reflection_pb2_grpc")
        requests = [pb2.ServerReflectionRequest(list_services=""),
                    pb2.ServerReflectionRequest(file_containing_symbol="crosswalk.v1.Records")]
        try:
            replies = list(pb2_grpc.ServerReflectionStub(channel).ServerReflectionInfo(
                iter(requests), metadata=metadata(token), timeout=10))
        except grpc.RpcError as error:
            print(error.code().name)
            return
        files = [descriptor_pb2.FileDescriptorProto.FromString(b) for b in replies[1].file_descriptor_response.file_descriptor_proto]
        print(json.dumps({"services": sorted(s.name for s in replies[0].list_services_response.service),
                          "file": files[0].name, "imports": sorted(f.name for f in files[1:])}))
    elif command == "records":
        stub = records_pb2_grpc.RecordsStub(channel)
        request = records_pb2.ListRecordsRequest(page_size=500)
        count, pages, kinds = 0, 0, {}
        while True:
            reply = stub.ListRecords(request, metadata=metadata(token), timeout=30)
            pages += 1
            for record in reply.records:
                count += 1
                kinds[record.kind] = kinds.get(record.kind, 0) + 1
            if not reply.next_page_token:
                break
            request.page_token = reply.next_page_token
        print(json.dumps({"count": count, "kinds": kinds, "pages": pages}, sort_keys=True))
    elif command == "sources":
        reply = records_pb2_grpc.SourcesStub(channel).ListSources(records_pb2.ListSourcesRequest(), metadata=metadata(token), timeout=10)
        print(json.dumps([{"name": s.name, "records": s.records, "versions": s.versions} for s in reply.sources]))
    elif command == "oversize":
        request = mapping_pb2.MapRequest(**{"from": "iso27001:2022", "to": "iso20000-1:2018"})
        request.refs.extend(["A.5.1" * 100] * 9000)  # 4.5 MB: over the 4 MiB default limit
        try:
            mapping_pb2_grpc.MappingStub(channel).Map(request, timeout=10)
            print("OK")
        except grpc.RpcError as error:
            print(error.code().name)
    elif command == "token-swap":
        stub = records_pb2_grpc.RecordsStub(channel)
        def code(call, request):
            try:
                call(request, timeout=10)
                return "OK"
            except grpc.RpcError as error:
                return error.code().name
        first = stub.ListRecords(records_pb2.ListRecordsRequest(kind="control", page_size=5), timeout=10)
        unmapped = stub.ListUnmapped(records_pb2.ListUnmappedRequest(page_size=1), timeout=10)
        print(json.dumps({
            "records": code(stub.ListRecords, records_pb2.ListRecordsRequest(kind="incident", page_size=5, page_token=first.next_page_token)),
            "unmapped": code(stub.ListUnmapped, records_pb2.ListUnmappedRequest(source="sn-incidents", page_size=1,
                                                                                page_token=unmapped.next_page_token)),
            "same": code(stub.ListRecords, records_pb2.ListRecordsRequest(kind="control", page_size=50, page_token=first.next_page_token)),
        }, sort_keys=True))
    elif command == "unmapped":
        stub = records_pb2_grpc.RecordsStub(channel)
        request = records_pb2.ListUnmappedRequest(page_size=int(args[1]))
        count, pages = 0, 0
        while True:
            reply = stub.ListUnmapped(request, timeout=30)
            pages, count = pages + 1, count + len(reply.values)
            if not reply.next_page_token:
                break
            request.page_token = reply.next_page_token
        print(json.dumps({"count": count, "pages": pages}, sort_keys=True))
    elif command == "big":
        source, native_id = args[1], args[2]
        stub = records_pb2_grpc.RecordsStub(channel)
        request = records_pb2.ListRecordsRequest(source=source, page_size=1000)
        out = {"listed": 0, "pages": 0}
        while True:
            reply = stub.ListRecords(request, timeout=30)
            out["pages"] += 1
            for record in reply.records:
                out["listed"] += 1
                if record.provenance.native_id == native_id:
                    out["truncated"] = list(record.truncated)
                    out["title_bytes"] = len(record.title.encode())
                    out["ellipsis"] = record.title.endswith("…")
            if not reply.next_page_token:
                break
            request.page_token = reply.next_page_token
        sources = records_pb2_grpc.SourcesStub(channel).ListSources(records_pb2.ListSourcesRequest(), timeout=30)
        out["sources"] = len(sources.sources)
        try:
            got = stub.GetRecord(records_pb2.GetRecordRequest(source=source, native_id=native_id), timeout=30)
            out["get"], out["get_title_bytes"] = "OK", len(got.record.title.encode())
        except grpc.RpcError as error:
            out["get"], out["get_message"] = error.code().name, error.details()
        print(json.dumps(out, sort_keys=True, ensure_ascii=False))
    elif command == "report-width":
        # The coverage table rendered for a terminal of WIDTH columns: the status code and the
        # longest line in characters (the report is ASCII in English).
        from crosswalk.v1 import reports_pb2, reports_pb2_grpc
        try:
            chunks = reports_pb2_grpc.ReportsStub(channel).Render(
                reports_pb2.RenderReportRequest(kind="coverage", width=int(args[1])), timeout=60)
            text = b"".join(chunk.data for chunk in chunks).decode()
            print("OK", max(len(line) for line in text.split("\n")))
        except grpc.RpcError as error:
            print(error.code().name, error.details())
    elif command == "call-code":
        try:
            scheme = args[2] if len(args) > 2 else "Bearer"
            records_pb2_grpc.SourcesStub(channel).ListSources(records_pb2.ListSourcesRequest(),
                                                              metadata=metadata(token, scheme), timeout=10)
            print("OK")
        except grpc.RpcError as error:
            print(error.code().name)
    elif command == "preview":
        try:
            reply = records_pb2_grpc.SourcesStub(channel).Preview(
                records_pb2.PreviewRequest(name=args[2], limit=int(args[3])), metadata=metadata(token), timeout=10)
            print("OK", len(reply.records))
        except grpc.RpcError as error:
            print(error.code().name)
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main()
